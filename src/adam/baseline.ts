/**
 * Baseline record selection (plan `baseline.rule` "last-non-missing-on-or-before-day-1"; domain.md 1.4):
 * per key (USUBJID + PARAMCD), the last record with a non-missing value whose study day is ≤ 1 (on or
 * before the first-dose date); ties on the date → later date-time text, then later source order.
 */
import { compareText } from './dates.ts';
import type { WindowCandidate } from './visit-window.ts';

/** Indices of the baseline records (ABLFL = 'Y'), at most one per key. */
export function selectBaselineRecords(records: readonly WindowCandidate[]): Set<number> {
  const best = new Map<string, number>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!r.hasValue || r.ady === null || r.ady > 1) continue;
    const cur = best.get(r.key);
    if (cur === undefined) {
      best.set(r.key, i);
      continue;
    }
    const c = records[cur];
    const later = r.ady !== c.ady ? r.ady > c.ady! : compareText(r.dtm, c.dtm) !== 0 ? compareText(r.dtm, c.dtm) > 0 : r.order > c.order;
    if (later) best.set(r.key, i);
  }
  return new Set(best.values());
}
