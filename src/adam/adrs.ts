/**
 * ADRS: renal response per analysis visit (domain.md 1, 3.5, 6.3; trial conventions "Response
 * definition", "Estimand").
 *
 * For each ITT subject and each plan visit:
 * - components = the ADLB analysis records (ANL01FL 'Y') of that visit: PROT (UP24, g/24 h), PROTCRT
 *   (UPCR, g/g), ALB (g/L), CREAT (µmol/L), EGFR, RBC; baselines = the ABLFL records;
 * - ADT = assessment date = latest date among the visit's PROT (collection end, AENDT), PROTCRT, ALB and
 *   CREAT records; when none was collected the visit date is the target day (TRTSDT, or RANDDT when
 *   never dosed, + target − 1), used only for intercurrent events;
 * - estimand: an intercurrent event (src/adam/intercurrent.ts) → NR; else a missing component → NR
 *   (non-responder imputation, DTYPE 'NRI'); else the definition's category.
 *
 * Parameters: RENALRSP (plan definition; AVALC CR/PR/NR, AVAL 1/2/3), TOTREM (CR or PR: AVALC Y/N,
 * AVAL 1/0), COMPREM (CR: Y/N), and for each plan alternative `RR<name>` (e.g. RRKDIGO) with AVALC
 * CR/PR/NR. PARCAT1 = the definition name used.
 *
 * Traceability: RSNREAS = short reason code (CR, PR, NR-CRITERIA, NR-MISSING, NR-RESCUE, NR-DEATH,
 * NR-DISC-LOE, NR-DISC-OTHER); RSNDTL = the failed criteria ("failed: UP24 >= 3.5; ALB < 30"), the
 * missing components ("missing: ALB") or the intercurrent event ("rescue therapy RITUXIMAB started
 * 2019-06-02"); UP24/UP24BL/UPCR/UPCRBL/ALB/SCR/SCRBL/EGFR/EGFRBL = the values used (qualifier kept,
 * e.g. `<0.05`); SRCDOM 'ADLB' and SRCSEQ = the LBSEQ values of the records used (`;`-separated).
 */
import { assessRenalResponse, type RenalInputs, type ResponseDefinitionName } from '../clinical/response.ts';
import type { LabValue } from '../clinical/qualified.ts';
import type { Plan } from '../plan/plan.ts';
import type { AdlbRecord } from './adlb.ts';
import type { AdslRecord, YN } from './adsl.ts';
import { addDays } from './dates.ts';
import { findIntercurrentEvent } from './intercurrent.ts';
import { computeStudyDay } from './study-day.ts';

export type RsnReas = 'CR' | 'PR' | 'NR-CRITERIA' | 'NR-MISSING' | 'NR-RESCUE' | 'NR-DEATH' | 'NR-DISC-LOE' | 'NR-DISC-OTHER';

export interface AdrsRecord {
  STUDYID: string;
  USUBJID: string;
  TRT01P: string | null;
  TRT01PN: number | null;
  TRT01A: string | null;
  STRATUM: string | null;
  ITTFL: YN;
  FASFL: YN;
  PPROTFL: YN;
  PARAMCD: string;
  PARAM: string;
  PARCAT1: string;
  AVISIT: string;
  AVISITN: number;
  ADT: string | null;
  ADY: number | null;
  AVAL: number;
  AVALC: string;
  ANL01FL: YN;
  DTYPE: string | null;
  RSNREAS: RsnReas;
  RSNDTL: string | null;
  UP24: string | null;
  UP24BL: string | null;
  UPCR: string | null;
  UPCRBL: string | null;
  ALB: string | null;
  SCR: string | null;
  SCRBL: string | null;
  EGFR: number | null;
  EGFRBL: number | null;
  SRCDOM: string;
  SRCSEQ: string | null;
}

/** PARAMCD of an alternative definition's category parameter. */
export const AlternativeParamcd: Readonly<Record<ResponseDefinitionName, string>> = {
  CN24H: 'RRCN24H', KDIGO2021: 'RRKDIGO', EULAR2012: 'RREU12', EULAR2019: 'RREU19', ALMS: 'RRALMS', BLISS_LN: 'RRBLISS', AURORA: 'RRAURORA',
};

const ComponentParams = ['PROT', 'PROTCRT', 'ALB', 'CREAT', 'EGFR', 'RBC'] as const;
type ComponentParam = (typeof ComponentParams)[number];

interface SubjectLabs {
  visit: Map<number, Partial<Record<ComponentParam, AdlbRecord>>>;
  base: Partial<Record<ComponentParam, AdlbRecord>>;
}

function indexLabs(adlb: readonly AdlbRecord[]): Map<string, SubjectLabs> {
  const out = new Map<string, SubjectLabs>();
  for (const r of adlb) {
    if (r.ANL01FL !== 'Y' || !(ComponentParams as readonly string[]).includes(r.PARAMCD)) continue;
    let s = out.get(r.USUBJID);
    if (s === undefined) out.set(r.USUBJID, (s = { visit: new Map(), base: {} }));
    const p = r.PARAMCD as ComponentParam;
    if (r.ABLFL === 'Y') s.base[p] = r;
    else if (r.AVISITN !== null) {
      let v = s.visit.get(r.AVISITN);
      if (v === undefined) s.visit.set(r.AVISITN, (v = {}));
      v[p] = r;
    }
  }
  return out;
}

function labValue(r: AdlbRecord | undefined): LabValue | null {
  return r === undefined || r.AVAL === null ? null : { value: r.AVAL, qualifier: r.AQUAL };
}

function assessmentDate(v: Partial<Record<ComponentParam, AdlbRecord>>): string | null {
  const dates = [v.PROT ? (v.PROT.AENDT ?? v.PROT.ADT) : null, v.PROTCRT?.ADT, v.ALB?.ADT, v.CREAT?.ADT].filter((d): d is string => typeof d === 'string');
  return dates.length > 0 ? dates.sort()[dates.length - 1] : null;
}

function renalInputs(v: Partial<Record<ComponentParam, AdlbRecord>>, b: Partial<Record<ComponentParam, AdlbRecord>>): RenalInputs {
  return {
    up24: labValue(v.PROT), up24Base: labValue(b.PROT),
    upcr: labValue(v.PROTCRT), upcrBase: labValue(b.PROTCRT),
    alb: labValue(v.ALB),
    scr: labValue(v.CREAT), scrBase: labValue(b.CREAT),
    scrUln: v.CREAT?.ANRHI ?? null,
    egfr: v.EGFR?.AVAL ?? null, egfrBase: b.EGFR?.AVAL ?? null,
    urineRbc: labValue(v.RBC),
  };
}

/** Category and reason at one visit for one definition, with the estimand applied. */
interface VisitCall {
  category: 'CR' | 'PR' | 'NR';
  reason: RsnReas;
  detail: string | null;
}

function callVisit(s: AdslRecord, def: ResponseDefinitionName, inputs: RenalInputs, visitDate: string | null, plan: Plan): VisitCall {
  const ice = visitDate === null ? null : findIntercurrentEvent(s, visitDate, plan.primary.intercurrent);
  if (ice !== null) return { category: 'NR', reason: ice.reason, detail: ice.detail };
  const r = assessRenalResponse(def, inputs, plan.response.parameters);
  if (r.category !== 'NR') return { category: r.category, reason: r.category, detail: r.failed.length > 0 ? `not CR: ${r.failed.join('; ')}` : null };
  if (r.failed.length > 0) return { category: 'NR', reason: 'NR-CRITERIA', detail: `failed: ${r.failed.join('; ')}` };
  return { category: 'NR', reason: 'NR-MISSING', detail: `missing: ${r.missing.join('; ')}` };
}

const CategoryAval = { CR: 1, PR: 2, NR: 3 } as const;

function seqs(v: Partial<Record<ComponentParam, AdlbRecord>>, b: Partial<Record<ComponentParam, AdlbRecord>>): string | null {
  const xs = [...Object.values(b), ...Object.values(v)].filter((r) => r.SRCSEQ !== null && r.PARAMCD !== 'EGFR').map((r) => String(r.SRCSEQ));
  return xs.length > 0 ? [...new Set(xs)].join(';') : null;
}

/** The fields shared by every parameter of one subject × visit. */
type VisitCommon = Omit<AdrsRecord, 'DTYPE' | 'RSNREAS' | 'RSNDTL' | 'PARAMCD' | 'PARAM' | 'PARCAT1' | 'AVAL' | 'AVALC'>;

/**
 * One ADRS record. Written as one literal (the shared fields, then the reason, then the parameter) rather
 * than by spreading `common`: spreads are copied property by property and dominated ADRS derivation.
 */
function adrsRecord(c: VisitCommon, call: VisitCall, PARAMCD: string, PARAM: string, PARCAT1: string, AVAL: number, AVALC: string): AdrsRecord {
  return {
    STUDYID: c.STUDYID, USUBJID: c.USUBJID, TRT01P: c.TRT01P, TRT01PN: c.TRT01PN, TRT01A: c.TRT01A, STRATUM: c.STRATUM,
    ITTFL: c.ITTFL, FASFL: c.FASFL, PPROTFL: c.PPROTFL,
    AVISIT: c.AVISIT, AVISITN: c.AVISITN, ADT: c.ADT, ADY: c.ADY, ANL01FL: c.ANL01FL,
    UP24: c.UP24, UP24BL: c.UP24BL, UPCR: c.UPCR, UPCRBL: c.UPCRBL, ALB: c.ALB, SCR: c.SCR, SCRBL: c.SCRBL, EGFR: c.EGFR, EGFRBL: c.EGFRBL,
    SRCDOM: c.SRCDOM, SRCSEQ: c.SRCSEQ,
    DTYPE: call.reason === 'NR-MISSING' ? 'NRI' : null, RSNREAS: call.reason, RSNDTL: call.detail,
    PARAMCD, PARAM, PARCAT1, AVAL, AVALC,
  };
}

/**
 * Derive ADRS for the ITT subjects.
 * @example deriveAdrs(adsl, adlb, plan).filter((r) => r.PARAMCD === 'TOTREM' && r.AVISIT === 'Week 24')
 */
export function deriveAdrs(adsl: readonly AdslRecord[], adlb: readonly AdlbRecord[], plan: Plan): AdrsRecord[] {
  const labs = indexLabs(adlb);
  const out: AdrsRecord[] = [];
  const def = plan.response.definition;
  const labels = {
    renal: `Renal response (${def})`, total: `Total renal remission (CR or PR, ${def})`, complete: `Complete renal remission (${def})`,
  };
  for (const s of adsl) {
    if (s.ITTFL !== 'Y') continue;
    const sl: SubjectLabs = labs.get(s.USUBJID) ?? { visit: new Map(), base: {} };
    const ref = s.TRTSDT ?? s.RANDDT;
    for (const visit of plan.visits) {
      const v = sl.visit.get(visit.avisitn) ?? {};
      const adt = assessmentDate(v);
      const visitDate = adt ?? (ref === null ? null : addDays(ref, visit.targetDay - 1));
      const inputs = renalInputs(v, sl.base);
      const common: VisitCommon = {
        STUDYID: s.STUDYID, USUBJID: s.USUBJID, TRT01P: s.TRT01P, TRT01PN: s.TRT01PN, TRT01A: s.TRT01A, STRATUM: s.STRATUM,
        ITTFL: s.ITTFL, FASFL: s.FASFL, PPROTFL: s.PPROTFL,
        AVISIT: visit.avisit, AVISITN: visit.avisitn, ADT: adt, ADY: computeStudyDay(adt, s.TRTSDT), ANL01FL: 'Y' as const,
        UP24: v.PROT?.AVALC ?? null, UP24BL: sl.base.PROT?.AVALC ?? null, UPCR: v.PROTCRT?.AVALC ?? null, UPCRBL: sl.base.PROTCRT?.AVALC ?? null,
        ALB: v.ALB?.AVALC ?? null, SCR: v.CREAT?.AVALC ?? null, SCRBL: sl.base.CREAT?.AVALC ?? null,
        EGFR: v.EGFR?.AVAL ?? null, EGFRBL: sl.base.EGFR?.AVAL ?? null,
        SRCDOM: 'ADLB', SRCSEQ: seqs(v, sl.base),
      };
      const call = callVisit(s, def, inputs, visitDate, plan);
      out.push(adrsRecord(common, call, 'RENALRSP', labels.renal, def, CategoryAval[call.category], call.category));
      const tot = call.category !== 'NR';
      out.push(adrsRecord(common, call, 'TOTREM', labels.total, def, tot ? 1 : 0, tot ? 'Y' : 'N'));
      const cr = call.category === 'CR';
      out.push(adrsRecord(common, call, 'COMPREM', labels.complete, def, cr ? 1 : 0, cr ? 'Y' : 'N'));
      for (const alt of plan.response.alternatives) {
        const a = callVisit(s, alt, inputs, visitDate, plan);
        out.push(adrsRecord(common, a, AlternativeParamcd[alt], `Renal response (${alt})`, alt, CategoryAval[a.category], a.category));
      }
    }
  }
  return out;
}

/** Subjects whose response at `visit` was decided on data (CR, PR or NR-CRITERIA): PP evaluability. */
export function evaluableSubjects(adrs: readonly AdrsRecord[], visit: string): Set<string> {
  return new Set(adrs.filter((r) => r.PARAMCD === 'RENALRSP' && r.AVISIT === visit && (r.RSNREAS === 'CR' || r.RSNREAS === 'PR' || r.RSNREAS === 'NR-CRITERIA')).map((r) => r.USUBJID));
}

export const AdrsColumns: readonly (keyof AdrsRecord)[] = [
  'STUDYID', 'USUBJID', 'TRT01P', 'TRT01PN', 'TRT01A', 'STRATUM', 'ITTFL', 'FASFL', 'PPROTFL', 'PARAMCD', 'PARAM', 'PARCAT1',
  'AVISIT', 'AVISITN', 'ADT', 'ADY', 'AVAL', 'AVALC', 'ANL01FL', 'DTYPE', 'RSNREAS', 'RSNDTL',
  'UP24', 'UP24BL', 'UPCR', 'UPCRBL', 'ALB', 'SCR', 'SCRBL', 'EGFR', 'EGFRBL', 'SRCDOM', 'SRCSEQ',
];
