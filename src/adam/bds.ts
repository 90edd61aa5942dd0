/**
 * Shared BDS steps (ADaMIG 1.3 BDS): analysis visit, baseline flag (ABLFL), BASE, CHG = AVAL − BASE,
 * PCHG = 100 × CHG / BASE (post-baseline records only) and the analysis-record flag ANL01FL, for any
 * dataset whose drafts carry USUBJID, PARAMCD, AVAL and the study day used for windowing.
 */
import type { Plan } from '../plan/plan.ts';
import { selectBaselineRecords } from './baseline.ts';
import { assignAnalysisVisit, selectWindowRecords, type AnalysisVisit, type WindowCandidate } from './visit-window.ts';

/** Identification variables every BDS record of ours starts with (ADaMIG 1.3 section 3.3). */
export interface BdsIdentity {
  STUDYID: string;
  USUBJID: string;
  TRT01P: string | null;
  TRT01A: string | null;
  PARAMCD: string;
  PARAM: string;
}

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

/**
 * Grouping keys (one short key per USUBJID + PARAMCD, numbered in order of first appearance): nested
 * maps instead of a concatenated string per record, which had to be built and hashed for every lookup.
 */
function groupKeys(drafts: readonly BdsDraft[]): string[] {
  const ids = new Map<string, Map<string, string>>();
  const keys = new Array<string>(drafts.length);
  let next = 0;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    let byParam = ids.get(d.USUBJID);
    if (byParam === undefined) ids.set(d.USUBJID, (byParam = new Map()));
    let k = byParam.get(d.PARAMCD);
    if (k === undefined) byParam.set(d.PARAMCD, (k = String(next++)));
    keys[i] = k;
  }
  return keys;
}

/** Analysis visit of each draft (one window lookup per distinct study day). */
function analysisVisits(drafts: readonly BdsDraft[], plan: Plan): (AnalysisVisit | null)[] {
  const byDay = new Map<number, AnalysisVisit | null>();
  return drafts.map((d) => {
    if (d.windowDay === null) return null;
    let v = byDay.get(d.windowDay);
    if (v === undefined) byDay.set(d.windowDay, (v = assignAnalysisVisit(d.windowDay, plan.visits, plan.baseline)));
    return v;
  });
}

/** Visit, baseline and analysis flags for each draft (same order). */
export function computeBdsFlags(drafts: readonly BdsDraft[], plan: Plan): BdsFlags[] {
  const visits = analysisVisits(drafts, plan);
  const keys = groupKeys(drafts);
  const cands: WindowCandidate[] = drafts.map((d, i) => ({
    key: keys[i],
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
  const out = new Array<BdsFlags>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    const bi = baseByKey.get(keys[i]) ?? -1;
    const b = bi >= 0 ? drafts[bi].AVAL : null;
    const v = visits[i];
    const post = v !== null && v.AVISITN !== plan.baseline.avisitn;
    const chg = post && b !== null && d.AVAL !== null ? d.AVAL - b : null;
    const isBase = base.has(i);
    out[i] = {
      AVISIT: v?.AVISIT ?? null,
      AVISITN: v?.AVISITN ?? null,
      ABLFL: isBase ? 'Y' : null,
      ANL01FL: isBase || anl.has(i) ? 'Y' : null,
      BASE: b,
      CHG: chg,
      PCHG: chg !== null && b !== null && b !== 0 ? (100 * chg) / b : null,
      baseIndex: bi,
    };
  }
  return out;
}
