/**
 * Analysis visits from the plan's windows (trial conventions "Analysis windows"; domain.md 1.4):
 * study day ≤ 1 → the baseline visit; otherwise the window [lo, hi] (inclusive, study days) that contains
 * the day; none → null (the record is kept, with ANL01FL blank).
 *
 * Selection within a window (ANL01FL = 'Y'): among records with a non-missing value, the one closest to
 * the target day; ties → the later one (larger study day, then later date-time text, then later source
 * order).
 */
import type { PlanVisit } from '../plan/plan.ts';
import { compareText } from './dates.ts';

export interface AnalysisVisit {
  AVISIT: string;
  AVISITN: number;
}

/** @example assignAnalysisVisit(30, visits, { avisit: 'Baseline', avisitn: 0 }) // => { AVISIT: 'Week 4', AVISITN: 4 } */
export function assignAnalysisVisit(ady: number | null, visits: readonly PlanVisit[], baseline: { avisit: string; avisitn: number }): AnalysisVisit | null {
  if (ady === null) return null;
  if (ady <= 1) return { AVISIT: baseline.avisit, AVISITN: baseline.avisitn };
  const v = visits.find((w) => ady >= w.window[0] && ady <= w.window[1]);
  return v === undefined ? null : { AVISIT: v.avisit, AVISITN: v.avisitn };
}

/** What window selection needs from a record. */
export interface WindowCandidate {
  /** Grouping key, e.g. USUBJID + PARAMCD. */
  key: string;
  ady: number | null;
  avisitn: number | null;
  hasValue: boolean;
  /** Tie-breaker text (full ISO date-time), compared as text. */
  dtm: string;
  /** Final tie-breaker: source order (e.g. file line). */
  order: number;
}

/** True when candidate a is preferred to b (closer to target; ties → later). */
function better(a: WindowCandidate, b: WindowCandidate, target: number): boolean {
  const da = Math.abs(a.ady! - target), db = Math.abs(b.ady! - target);
  if (da !== db) return da < db;
  if (a.ady !== b.ady) return a.ady! > b.ady!;
  const c = compareText(a.dtm, b.dtm);
  if (c !== 0) return c > 0;
  return a.order > b.order;
}

/**
 * Indices of the records selected for analysis in each post-baseline window.
 * @param targets AVISITN → target study day
 */
export function selectWindowRecords(records: readonly WindowCandidate[], targets: ReadonlyMap<number, number>): Set<number> {
  const best = new Map<string, number>();
  records.forEach((r, i) => {
    if (!r.hasValue || r.avisitn === null || r.ady === null) return;
    const target = targets.get(r.avisitn);
    if (target === undefined) return;
    const k = `${r.key}\u0000${r.avisitn}`;
    const cur = best.get(k);
    if (cur === undefined || better(r, records[cur], target)) best.set(k, i);
  });
  return new Set(best.values());
}
