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
  // key → AVISITN → slot; slots hold the current best index in order of first appearance of (key, visit).
  const slotOf = new Map<string, Map<number, number>>();
  const best: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.hasValue || r.avisitn === null || r.ady === null) continue;
    const target = targets.get(r.avisitn);
    if (target === undefined) continue;
    let byVisit = slotOf.get(r.key);
    if (byVisit === undefined) slotOf.set(r.key, (byVisit = new Map()));
    const slot = byVisit.get(r.avisitn);
    if (slot === undefined) {
      byVisit.set(r.avisitn, best.length);
      best.push(i);
    } else if (better(r, records[best[slot]], target)) best[slot] = i;
  }
  return new Set(best);
}
