/**
 * Shared BDS steps (ADaMIG 1.3 BDS): analysis visit, baseline flag (ABLFL), BASE, CHG = AVAL − BASE,
 * PCHG = 100 × CHG / BASE (post-baseline records only) and the analysis-record flag ANL01FL, for any
 * dataset whose drafts carry USUBJID, PARAMCD, AVAL and the study day used for windowing.
 */
import type { Plan } from '../plan/plan.ts';
import { selectBaselineRecords } from './baseline.ts';
import { assignAnalysisVisit, selectWindowRecords, type WindowCandidate } from './visit-window.ts';

export interface BdsDraft {
  USUBJID: string;
  PARAMCD: string;
  AVAL: number | null;
  /** Study day for window assignment (ADY, or the day relative to RANDDT when never dosed). */
  windowDay: number | null;
  /** Full ISO date-time text, tie-breaker within a day. */
  ADTM: string | null;
}

export interface BdsFlags {
  AVISIT: string | null;
  AVISITN: number | null;
  ABLFL: 'Y' | null;
  ANL01FL: 'Y' | null;
  BASE: number | null;
  CHG: number | null;
  PCHG: number | null;
  /** Index of this record's baseline draft, or -1. */
  baseIndex: number;
}

/** Visit, baseline and analysis flags for each draft (same order). */
export function computeBdsFlags(drafts: readonly BdsDraft[], plan: Plan): BdsFlags[] {
  const visits = drafts.map((d) => assignAnalysisVisit(d.windowDay, plan.visits, plan.baseline));
  const cands: WindowCandidate[] = drafts.map((d, i) => ({
    key: `${d.USUBJID}\u0000${d.PARAMCD}`,
    ady: d.windowDay,
    avisitn: visits[i]?.AVISITN ?? null,
    hasValue: d.AVAL !== null,
    dtm: d.ADTM ?? '',
    order: i,
  }));
  const base = selectBaselineRecords(cands);
  const anl = selectWindowRecords(cands, new Map(plan.visits.map((v) => [v.avisitn, v.targetDay])));
  const baseByKey = new Map<string, number>();
  for (const i of base) baseByKey.set(cands[i].key, i);
  return drafts.map((d, i) => {
    const bi = baseByKey.get(cands[i].key) ?? -1;
    const b = bi >= 0 ? drafts[bi].AVAL : null;
    const v = visits[i];
    const post = v !== null && v.AVISITN !== plan.baseline.avisitn;
    const chg = post && b !== null && d.AVAL !== null ? d.AVAL - b : null;
    return {
      AVISIT: v?.AVISIT ?? null,
      AVISITN: v?.AVISITN ?? null,
      ABLFL: base.has(i) ? 'Y' : null,
      ANL01FL: base.has(i) || anl.has(i) ? 'Y' : null,
      BASE: b,
      CHG: chg,
      PCHG: chg !== null && b !== null && b !== 0 ? (100 * chg) / b : null,
      baseIndex: bi,
    };
  });
}
