/**
 * ADLB (BDS; ADaMIG 1.3; domain.md 5.1, 6.3). One record per LB record plus one derived eGFR record
 * (PARAMCD `EGFR`) per creatinine record.
 *
 * - Unit standardisation from LBORRES/LBORRESU with src/clinical/units.ts (the original value and unit
 *   are kept in LBORRES/LBORRESU). A unit not in the table → warning issue and AVAL null (never a
 *   guess). The converted value is cross-checked against LBSTRESN (relative difference > 1 % → warning).
 *   Tests without a conversion table (other studies) use LBSTRESN/LBSTRESU as given.
 * - Qualified results (`<0.05`): AVAL = the limit in standard units, AQUAL = the qualifier ('<', '<=',
 *   '>', '>='), AVALC = qualifier + value (e.g. `<0.05`). Thresholds use the qualifier-aware rule of
 *   src/clinical/qualified.ts; CHG/PCHG are computed from the limit (flagged by AQUAL). Non-numeric
 *   results (`ND`) keep AVALC and have AVAL null. An ANA titre `1:320` is read as its reciprocal 320
 *   (unit `titer`).
 * - ADT = date of LBDTC (for 24-h urine the collection start; AENDT = LBENDTC, the collection end).
 *   ADY vs TRTSDT; analysis visit from the plan windows on ADY (on the day relative to RANDDT when the
 *   subject was never dosed); ABLFL/ANL01FL per visit-window.ts and baseline.ts; BASE, CHG = AVAL − BASE,
 *   PCHG = 100 × CHG / BASE (post-baseline records), ANRIND/BNRIND vs LBSTNRLO/LBSTNRHI.
 * - eGFR (mL/min/1.73 m²) from the standardised creatinine (µmol/L ÷ 88.4 = mg/dL), ADSL AGE (age at
 *   randomisation, years) and SEX with the plan's equation; qualified creatinine gives no eGFR.
 * - Traceability: SRCDOM 'LB', SRCSEQ = LBSEQ, SRCLINE = line in lb.csv (for EGFR: the creatinine's).
 */
import type { LbRecord } from '../cdisc/sdtm.ts';
import type { ResultQualifier } from '../cdisc/values.ts';
import { isLabTestCode, LabTests } from '../cdisc/terms.ts';
import { computeEgfr, CreatinineUmolPerMgdl, egfrEquationLabel } from '../clinical/egfr.ts';
import { convertToStandard, unitConversion } from '../clinical/units.ts';
import type { DataIssue } from '../io/data-issue.ts';
import type { Plan } from '../plan/plan.ts';
import type { AdslRecord, YN } from './adsl.ts';
import { computeBdsFlags, type BdsFlags, type BdsIdentity } from './bds.ts';
import { toDate } from './dates.ts';
import { computeStudyDay } from './study-day.ts';

export interface AdlbRecord extends BdsIdentity {
  PARCAT1: string | null;
  LBORRES: string;
  LBORRESU: string | null;
  LBSTRESN: number | null;
  LBSTRESU: string | null;
  AVAL: number | null;
  AVALC: string | null;
  AVALU: string | null;
  AQUAL: ResultQualifier | null;
  CONVFCT: number | null;
  ADT: string | null;
  ADTM: string | null;
  AENDT: string | null;
  ADY: number | null;
  VISITNUM: number | null;
  VISIT: string | null;
  AVISIT: string | null;
  AVISITN: number | null;
  ABLFL: YN | null;
  ANL01FL: YN | null;
  BASE: number | null;
  BASEQUAL: ResultQualifier | null;
  CHG: number | null;
  PCHG: number | null;
  ANRLO: number | null;
  ANRHI: number | null;
  ANRIND: 'LOW' | 'NORMAL' | 'HIGH' | null;
  BNRIND: 'LOW' | 'NORMAL' | 'HIGH' | null;
  SRCDOM: string;
  SRCSEQ: number | null;
  SRCLINE: number;
}

export interface AdlbResult {
  records: AdlbRecord[];
  issues: DataIssue[];
}

type Draft = Omit<AdlbRecord, 'AVISIT' | 'AVISITN' | 'ABLFL' | 'ANL01FL' | 'BASE' | 'BASEQUAL' | 'CHG' | 'PCHG' | 'BNRIND'> & { windowDay: number | null };

function paramLabel(testcd: string, lb: LbRecord, unit: string | null): string {
  const label = isLabTestCode(testcd) ? LabTests[testcd].label : (lb.LBTEST ?? testcd);
  return unit ? `${label} (${unit})` : label;
}

function rangeIndicator(v: number | null, lo: number | null, hi: number | null): AdlbRecord['ANRIND'] {
  if (v === null || (lo === null && hi === null)) return null;
  if (lo !== null && v < lo) return 'LOW';
  if (hi !== null && v > hi) return 'HIGH';
  return 'NORMAL';
}

function issue(lb: LbRecord, column: string, value: string | null, message: string): DataIssue {
  return { severity: 'warning', file: lb.source.file, line: lb.source.line, column, value, message };
}

/** Standardised value of one LB record (null AVAL with an issue when the unit is unknown). */
export function standardiseLabRecord(lb: LbRecord, upcrFactor: number): { aval: number | null; unit: string | null; factor: number | null; issue: DataIssue | null } {
  const titre = /^1:(\d+)$/.exec(lb.LBORRES.text.trim());
  const v = lb.LBORRES.value ?? (titre !== null ? Number(titre[1]) : null);
  if (!isLabTestCode(lb.LBTESTCD)) return { aval: lb.LBSTRESN, unit: lb.LBSTRESU, factor: null, issue: null };
  if (v === null) return { aval: null, unit: LabTests[lb.LBTESTCD].unit, factor: null, issue: null };
  const conv = unitConversion(lb.LBTESTCD, lb.LBORRESU ?? (titre !== null ? 'titer' : null), { upcrMgPerMmolFactor: upcrFactor });
  if (!conv.ok) return { aval: null, unit: LabTests[lb.LBTESTCD].unit, factor: null, issue: issue(lb, 'LBORRESU', lb.LBORRESU, conv.message) };
  const aval = convertToStandard(v, conv.factor);
  let crossCheck: DataIssue | null = null;
  if (lb.LBSTRESN !== null && Math.abs(lb.LBSTRESN - aval) > 0.01 * Math.max(Math.abs(aval), 1e-12)) {
    crossCheck = issue(lb, 'LBSTRESN', String(lb.LBSTRESN), `LBSTRESN ${lb.LBSTRESN} differs from LBORRES ${lb.LBORRES.text} ${lb.LBORRESU} converted to ${aval} ${conv.unit}; the converted value is used`);
  }
  return { aval, unit: conv.unit, factor: conv.factor, issue: crossCheck };
}

function draftFromLb(lb: LbRecord, s: AdslRecord | undefined, upcrFactor: number, issues: DataIssue[]): Draft {
  const std = standardiseLabRecord(lb, upcrFactor);
  if (std.issue) issues.push(std.issue);
  const q = lb.LBORRES.qualifier;
  const adt = toDate(lb.LBDTC);
  const ady = computeStudyDay(adt, s?.TRTSDT ?? null);
  return {
    STUDYID: s?.STUDYID ?? '',
    USUBJID: lb.USUBJID,
    TRT01P: s?.TRT01P ?? null,
    TRT01A: s?.TRT01A ?? null,
    PARAMCD: lb.LBTESTCD,
    PARAM: paramLabel(lb.LBTESTCD, lb, std.unit),
    PARCAT1: lb.LBSPEC ?? (isLabTestCode(lb.LBTESTCD) ? LabTests[lb.LBTESTCD].spec : null),
    LBORRES: lb.LBORRES.text,
    LBORRESU: lb.LBORRESU,
    LBSTRESN: lb.LBSTRESN,
    LBSTRESU: lb.LBSTRESU,
    AVAL: std.aval,
    AVALC: std.aval !== null ? `${q ?? ''}${std.aval}` : lb.LBORRES.text === '' ? null : lb.LBORRES.text,
    AVALU: std.unit,
    AQUAL: std.aval !== null ? q : null,
    CONVFCT: std.factor,
    ADT: adt,
    ADTM: lb.LBDTC?.text ?? null,
    AENDT: toDate(lb.LBENDTC),
    ADY: ady,
    VISITNUM: lb.VISITNUM,
    VISIT: lb.VISIT,
    ANRLO: lb.LBSTNRLO,
    ANRHI: lb.LBSTNRHI,
    ANRIND: rangeIndicator(std.aval, lb.LBSTNRLO, lb.LBSTNRHI),
    SRCDOM: 'LB',
    SRCSEQ: lb.LBSEQ,
    SRCLINE: lb.source.line,
    windowDay: ady ?? computeStudyDay(adt, s?.RANDDT ?? null),
  };
}

/** eGFR draft from a creatinine draft, or null when creatinine, age or sex is unusable. */
function egfrDraft(cr: Draft, s: AdslRecord | undefined, plan: Plan): Draft | null {
  if (cr.AVAL === null || cr.AQUAL !== null || s === undefined || s.AGE === null || (s.SEX !== 'F' && s.SEX !== 'M') || cr.AVAL <= 0 || s.AGE <= 0) return null;
  const eq = plan.labs.egfrEquation;
  const aval = computeEgfr(cr.AVAL / CreatinineUmolPerMgdl, s.AGE, s.SEX, eq);
  return {
    STUDYID: cr.STUDYID, USUBJID: cr.USUBJID, TRT01P: cr.TRT01P, TRT01A: cr.TRT01A,
    PARAMCD: 'EGFR',
    PARAM: `eGFR, ${egfrEquationLabel(eq)} (mL/min/1.73m2)`,
    PARCAT1: 'DERIVED',
    LBORRES: cr.LBORRES, LBORRESU: cr.LBORRESU, LBSTRESN: cr.LBSTRESN, LBSTRESU: cr.LBSTRESU,
    AVAL: aval,
    AVALC: String(aval),
    AVALU: 'mL/min/1.73m2',
    AQUAL: null,
    CONVFCT: null,
    ADT: cr.ADT, ADTM: cr.ADTM, AENDT: cr.AENDT, ADY: cr.ADY, VISITNUM: cr.VISITNUM, VISIT: cr.VISIT,
    ANRLO: null,
    ANRHI: null,
    ANRIND: null,
    SRCDOM: cr.SRCDOM, SRCSEQ: cr.SRCSEQ, SRCLINE: cr.SRCLINE, windowDay: cr.windowDay,
  };
}

/**
 * The final record of a draft and its BDS flags. Built as one literal (draft fields in draft order, then
 * the flags, then BASEQUAL/BNRIND) rather than by rest/spread: V8 copies spreads property by property,
 * which made this step dominate ADLB derivation.
 */
function finishRecord(d: Draft, f: BdsFlags, b: Draft | undefined): AdlbRecord {
  return {
    STUDYID: d.STUDYID, USUBJID: d.USUBJID, TRT01P: d.TRT01P, TRT01A: d.TRT01A, PARAMCD: d.PARAMCD, PARAM: d.PARAM, PARCAT1: d.PARCAT1,
    LBORRES: d.LBORRES, LBORRESU: d.LBORRESU, LBSTRESN: d.LBSTRESN, LBSTRESU: d.LBSTRESU,
    AVAL: d.AVAL, AVALC: d.AVALC, AVALU: d.AVALU, AQUAL: d.AQUAL, CONVFCT: d.CONVFCT,
    ADT: d.ADT, ADTM: d.ADTM, AENDT: d.AENDT, ADY: d.ADY, VISITNUM: d.VISITNUM, VISIT: d.VISIT,
    ANRLO: d.ANRLO, ANRHI: d.ANRHI, ANRIND: d.ANRIND, SRCDOM: d.SRCDOM, SRCSEQ: d.SRCSEQ, SRCLINE: d.SRCLINE,
    AVISIT: f.AVISIT, AVISITN: f.AVISITN, ABLFL: f.ABLFL, ANL01FL: f.ANL01FL, BASE: f.BASE, CHG: f.CHG, PCHG: f.PCHG,
    BASEQUAL: b?.AQUAL ?? null, BNRIND: b?.ANRIND ?? null,
  };
}

/** Baseline flags, BASE/CHG/PCHG and ANL01FL (shared BDS step). */
function finishBds(drafts: Draft[], plan: Plan): AdlbRecord[] {
  const flags = computeBdsFlags(drafts, plan);
  const out = new Array<AdlbRecord>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const f = flags[i];
    out[i] = finishRecord(drafts[i], f, f.baseIndex >= 0 ? drafts[f.baseIndex] : undefined);
  }
  return out;
}

/**
 * Derive ADLB.
 * @example deriveAdlb(lb, adsl, plan).records.filter((r) => r.PARAMCD === 'EGFR').length // one per creatinine
 */
export function deriveAdlb(lb: readonly LbRecord[], adsl: readonly AdslRecord[], plan: Plan): AdlbResult {
  const bySubject = new Map(adsl.map((s) => [s.USUBJID, s]));
  const issues: DataIssue[] = [];
  const drafts: Draft[] = [];
  for (const r of lb) {
    const s = bySubject.get(r.USUBJID);
    const d = draftFromLb(r, s, plan.labs.upcrMgPerMmolFactor, issues);
    drafts.push(d);
    if (r.LBTESTCD === 'CREAT') {
      const e = egfrDraft(d, s, plan);
      if (e !== null) drafts.push(e);
    }
  }
  return { records: finishBds(drafts, plan), issues };
}

export const AdlbColumns: readonly (keyof AdlbRecord)[] = [
  'STUDYID', 'USUBJID', 'TRT01P', 'TRT01A', 'PARAMCD', 'PARAM', 'PARCAT1', 'AVISIT', 'AVISITN', 'ADT', 'ADTM', 'AENDT', 'ADY',
  'AVAL', 'AVALC', 'AVALU', 'AQUAL', 'BASE', 'BASEQUAL', 'CHG', 'PCHG', 'ABLFL', 'ANL01FL', 'ANRLO', 'ANRHI', 'ANRIND', 'BNRIND',
  'LBORRES', 'LBORRESU', 'CONVFCT', 'LBSTRESN', 'LBSTRESU', 'VISITNUM', 'VISIT', 'SRCDOM', 'SRCSEQ', 'SRCLINE',
];
