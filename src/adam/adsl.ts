/**
 * ADSL: one record per subject (CDISC ADaMIG 1.3 section 3.2; domain.md 6.3; trial conventions).
 *
 * - TRT01P/TRT01PN: planned arm (DM.ARM label) when DM.ARMCD is a plan arm; N = position in the plan
 *   (control 1, experimental arms 2, 3, …). TRT01A/TRT01AN: the same from ACTARMCD/ACTARM.
 * - RANDDT: SUPPDM `RANDDT`, else the DS `RANDOMIZED` record's date.
 * - TRTSDT / TRTEDT: first EXSTDTC / last EXENDTC (or EXSTDTC) of complete dates over all EX records
 *   (placebo included: it is study treatment).
 * - ITTFL: randomised = DM.ARMCD is one of the plan arms. FASFL: ITT and any EX record with a start
 *   date. SAFFL: any study treatment and an actual arm of the plan (analysed as treated).
 *   PPROTFL: set later by `derivePprotfl` (needs the week-24 response assessment from ADRS).
 * - EOSSTT/EOSDT/DCSREAS: from the DS disposition event (DSCAT `DISPOSITION EVENT`, not RANDOMIZED /
 *   SCREEN FAILURE); COMPLETED → 'COMPLETED', any other reason → 'DISCONTINUED' with DCSREAS = DSDECOD;
 *   none → 'ONGOING'.
 * - DTHFL/DTHDT: DM.DTHFL / DM.DTHDTC, else a DS `DEATH` record. RESCDT/RESCTRT: first rescue therapy
 *   (CM with CMCAT `RESCUE THERAPY`; partial start imputed to the first day of its period).
 * - WEIGHTBL/HEIGHTBL: last VS WEIGHT/HEIGHT on or before TRTSDT (or RANDDT when not dosed).
 * - INFUSFL, CELLDOSE, ORALDURD, ORALDOSE, ORALCOMP: exposure from EX (src/adam/exposure.ts); a daily
 *   tablet record with no dose or no daily dose unit is a warning data issue of the result.
 */
import type { CmRecord, DmRecord, DsRecord, ExRecord, SdtmDataLock, SuppdmRecord, VsRecord } from '../cdisc/sdtm.ts';
import { DsDecod, RescueCmCat, SuppdmQnam } from '../cdisc/terms.ts';
import type { DataIssue } from '../io/data-issue.ts';
import type { Plan } from '../plan/plan.ts';
import { planArms } from '../plan/plan.ts';
import { compareText, textToDate, toDate } from './dates.ts';
import { imputeStartDate } from './impute-date.ts';
import { deriveExposureVariables } from './exposure.ts';

export type YN = 'Y' | 'N';

export interface AdslRecord {
  STUDYID: string;
  USUBJID: string;
  SUBJID: string | null;
  SITEID: string;
  AGE: number | null;
  AGEU: string | null;
  SEX: string;
  RACE: string | null;
  ARMCD: string;
  ARM: string;
  ACTARMCD: string;
  ACTARM: string | null;
  TRT01P: string | null;
  TRT01PN: number | null;
  TRT01A: string | null;
  TRT01AN: number | null;
  RANDDT: string | null;
  TRTSDT: string | null;
  TRTEDT: string | null;
  ITTFL: YN;
  FASFL: YN;
  SAFFL: YN;
  PPROTFL: YN;
  PPEXCL: YN;
  /** Exposure from EX (src/adam/exposure.ts). */
  INFUSFL: YN;
  CELLDOSE: number | null;
  ORALDURD: number | null;
  ORALDOSE: number | null;
  ORALCOMP: number | null;
  STRATUM: string | null;
  LNCLASS: string | null;
  WEIGHTBL: number | null;
  HEIGHTBL: number | null;
  EOSSTT: 'COMPLETED' | 'DISCONTINUED' | 'ONGOING';
  EOSDT: string | null;
  DCSREAS: string | null;
  DTHFL: YN;
  DTHDT: string | null;
  RESCFL: YN;
  RESCDT: string | null;
  RESCTRT: string | null;
}

function groupBy<T extends { USUBJID: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.USUBJID);
    if (list === undefined) m.set(r.USUBJID, [r]);
    else list.push(r);
  }
  return m;
}

function minDate(dates: (string | null)[]): string | null {
  const ds = dates.filter((d): d is string => d !== null).sort();
  return ds.length > 0 ? ds[0] : null;
}
function maxDate(dates: (string | null)[]): string | null {
  const ds = dates.filter((d): d is string => d !== null).sort();
  return ds.length > 0 ? ds[ds.length - 1] : null;
}

/** Treatment start/end from EX (complete dates only). */
export function computeTreatmentDates(ex: readonly ExRecord[]): { TRTSDT: string | null; TRTEDT: string | null } {
  return {
    TRTSDT: minDate(ex.map((e) => toDate(e.EXSTDTC))),
    TRTEDT: maxDate(ex.map((e) => toDate(e.EXENDTC) ?? toDate(e.EXSTDTC))),
  };
}

/** End-of-study status from DS disposition events (the latest one when several). */
export function computeDisposition(ds: readonly DsRecord[]): Pick<AdslRecord, 'EOSSTT' | 'EOSDT' | 'DCSREAS'> {
  const events = ds
    .filter((d) => (d.DSCAT ?? '').toUpperCase() === 'DISPOSITION EVENT' && d.DSDECOD !== DsDecod.randomized && d.DSDECOD !== 'SCREEN FAILURE')
    .sort((a, b) => compareText(toDate(a.DSSTDTC) ?? '', toDate(b.DSSTDTC) ?? '') || a.source.line - b.source.line);
  const last = events[events.length - 1];
  if (last === undefined) return { EOSSTT: 'ONGOING', EOSDT: null, DCSREAS: null };
  const completed = last.DSDECOD === DsDecod.completed;
  return { EOSSTT: completed ? 'COMPLETED' : 'DISCONTINUED', EOSDT: toDate(last.DSSTDTC), DCSREAS: completed ? null : last.DSDECOD };
}

/** First rescue therapy (CMCAT RESCUE THERAPY): date and CMDECOD. */
export function computeFirstRescue(cm: readonly CmRecord[]): { RESCDT: string | null; RESCTRT: string | null } {
  const rescues = cm
    .filter((c) => (c.CMCAT ?? '').toUpperCase() === RescueCmCat)
    .map((c) => ({ date: imputeStartDate(c.CMSTDTC).date, trt: c.CMDECOD }))
    .filter((c): c is { date: string; trt: string } => c.date !== null)
    .sort((a, b) => compareText(a.date, b.date) || compareText(a.trt, b.trt));
  return rescues.length > 0 ? { RESCDT: rescues[0].date, RESCTRT: rescues[0].trt } : { RESCDT: null, RESCTRT: null };
}

function suppValue(supp: readonly SuppdmRecord[], qnam: string): string | null {
  const r = supp.find((s) => s.QNAM === qnam);
  return r === undefined || r.QVAL.trim() === '' ? null : r.QVAL.trim();
}

function lastVs(vs: readonly VsRecord[], testcd: string, onOrBefore: string | null): number | null {
  const c = vs
    .filter((v) => v.VSTESTCD === testcd && v.VSSTRESN !== null)
    .map((v) => ({ d: toDate(v.VSDTC), v: v.VSSTRESN as number, line: v.source.line }))
    .filter((v) => v.d !== null && (onOrBefore === null || v.d <= onOrBefore))
    .sort((a, b) => compareText(a.d!, b.d!) || a.line - b.line);
  return c.length > 0 ? c[c.length - 1].v : null;
}

interface SubjectDomains {
  suppdm: SuppdmRecord[];
  ds: DsRecord[];
  ex: ExRecord[];
  vs: VsRecord[];
  cm: CmRecord[];
}

/** ADSL record of one subject; exposure data issues are appended to `issues`. */
function deriveOne(dm: DmRecord, d: SubjectDomains, arms: string[], plannedDays: number, dataCut: string, issues: DataIssue[]): AdslRecord {
  const trt = computeTreatmentDates(d.ex);
  const ittfl: YN = arms.includes(dm.ARMCD) ? 'Y' : 'N';
  const dosed = d.ex.some((e) => e.EXSTDTC !== null);
  const actualIdx = arms.indexOf(dm.ACTARMCD);
  const randdt = textToDate(suppValue(d.suppdm, SuppdmQnam.randomizationDate)) ?? minDate(d.ds.filter((x) => x.DSDECOD === DsDecod.randomized).map((x) => toDate(x.DSSTDTC)));
  const deathDs = d.ds.find((x) => x.DSDECOD === DsDecod.death);
  const dthdt = toDate(dm.DTHDTC) ?? (deathDs ? toDate(deathDs.DSSTDTC) : null);
  const rescue = computeFirstRescue(d.cm);
  const ref = trt.TRTSDT ?? randdt;
  const disposition = computeDisposition(d.ds);
  const exposure = deriveExposureVariables(d.ex, disposition.EOSDT, plannedDays, dataCut);
  issues.push(...exposure.issues);
  return {
    STUDYID: dm.STUDYID,
    USUBJID: dm.USUBJID,
    SUBJID: dm.SUBJID,
    SITEID: dm.SITEID,
    AGE: dm.AGE,
    AGEU: dm.AGEU,
    SEX: dm.SEX,
    RACE: dm.RACE,
    ARMCD: dm.ARMCD,
    ARM: dm.ARM,
    ACTARMCD: dm.ACTARMCD,
    ACTARM: dm.ACTARM,
    TRT01P: ittfl === 'Y' ? dm.ARM : null,
    TRT01PN: ittfl === 'Y' ? arms.indexOf(dm.ARMCD) + 1 : null,
    TRT01A: actualIdx >= 0 ? (dm.ACTARM ?? dm.ARM) : null,
    TRT01AN: actualIdx >= 0 ? actualIdx + 1 : null,
    RANDDT: randdt,
    TRTSDT: trt.TRTSDT,
    TRTEDT: trt.TRTEDT,
    ITTFL: ittfl,
    FASFL: ittfl === 'Y' && dosed ? 'Y' : 'N',
    SAFFL: dosed && actualIdx >= 0 ? 'Y' : 'N',
    PPROTFL: 'N',
    PPEXCL: suppValue(d.suppdm, SuppdmQnam.perProtocolExclusion) === 'Y' ? 'Y' : 'N',
    STRATUM: suppValue(d.suppdm, SuppdmQnam.stratum),
    LNCLASS: suppValue(d.suppdm, SuppdmQnam.lnClass),
    WEIGHTBL: lastVs(d.vs, 'WEIGHT', ref),
    HEIGHTBL: lastVs(d.vs, 'HEIGHT', ref),
    ...disposition,
    DTHFL: dm.DTHFL === 'Y' || dthdt !== null ? 'Y' : 'N',
    DTHDT: dthdt,
    RESCFL: rescue.RESCDT !== null ? 'Y' : 'N',
    ...rescue,
    ...exposure.variables,
  };
}

export interface AdslResult {
  records: AdslRecord[];
  issues: DataIssue[];
}

/**
 * Derive ADSL from the data lock (PPROTFL 'N' until `derivePprotfl`).
 * @example deriveAdsl(lock, plan).records[0].FASFL // => 'Y' for a randomised subject with an EX start date
 */
export function deriveAdsl(lock: Pick<SdtmDataLock, 'dm' | 'suppdm' | 'ds' | 'ex' | 'vs' | 'cm'>, plan: Plan): AdslResult {
  const arms = planArms(plan);
  // Planned oral treatment: up to the primary visit's target day (week 24 → day 168).
  const plannedDays = plan.visits.find((v) => v.avisit === plan.primary.visit)?.targetDay ?? Math.max(...plan.visits.map((v) => v.targetDay));
  const by = { suppdm: groupBy(lock.suppdm), ds: groupBy(lock.ds), ex: groupBy(lock.ex), vs: groupBy(lock.vs), cm: groupBy(lock.cm) };
  const issues: DataIssue[] = [];
  const records = lock.dm.map((dm) =>
    deriveOne(
      dm,
      {
        suppdm: by.suppdm.get(dm.USUBJID) ?? [],
        ds: by.ds.get(dm.USUBJID) ?? [],
        ex: by.ex.get(dm.USUBJID) ?? [],
        vs: by.vs.get(dm.USUBJID) ?? [],
        cm: by.cm.get(dm.USUBJID) ?? [],
      },
      arms,
      plannedDays,
      plan.study.dataCutDate,
      issues,
    ),
  );
  return { records, issues };
}

/**
 * Per-protocol flag: FAS, no major deviation (SUPPDM PPEXCL = 'Y') and an evaluable assessment at the
 * primary visit (`evaluable` holds the USUBJIDs whose primary-visit response was decided on data:
 * all components present and no intercurrent event before it; see ADRS RSNREAS).
 */
export function derivePprotfl(adsl: readonly AdslRecord[], evaluable: ReadonlySet<string>): AdslRecord[] {
  return adsl.map((s) => ({ ...s, PPROTFL: s.FASFL === 'Y' && s.PPEXCL === 'N' && evaluable.has(s.USUBJID) ? 'Y' : 'N' }));
}

export const AdslColumns: readonly (keyof AdslRecord)[] = [
  'STUDYID', 'USUBJID', 'SUBJID', 'SITEID', 'AGE', 'AGEU', 'SEX', 'RACE', 'ARMCD', 'ARM', 'ACTARMCD', 'ACTARM',
  'TRT01P', 'TRT01PN', 'TRT01A', 'TRT01AN', 'RANDDT', 'TRTSDT', 'TRTEDT', 'ITTFL', 'FASFL', 'SAFFL', 'PPROTFL', 'PPEXCL',
  'STRATUM', 'LNCLASS', 'WEIGHTBL', 'HEIGHTBL', 'EOSSTT', 'EOSDT', 'DCSREAS', 'DTHFL', 'DTHDT', 'RESCFL', 'RESCDT', 'RESCTRT',
  'INFUSFL', 'CELLDOSE', 'ORALDURD', 'ORALDOSE', 'ORALCOMP',
];
