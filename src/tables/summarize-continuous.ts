/**
 * Continuous summary by group for DSMB tables: n, mean, SD, median, Q1, Q3, min, max (src/stats/descriptive.ts
 * `describe`, quartiles SAS QNTLDEF=5 by default as in PROC MEANS/UNIVARIATE) plus `nmiss`, the number of
 * subjects of the group without a value. One value per subject: the caller passes a map USUBJID → value
 * (null = missing); subjects of the group absent from the map count as missing.
 */
import { ard, type ArdRecord } from '../core/ard.ts';
import { describe, type QuantileDefinition } from '../stats/descriptive.ts';
import type { RowKey } from './count-subjects.ts';
import type { SubjectGroup } from './population-groups.ts';

/** Statistics emitted per group, in order. */
export const ContinuousStatistics = ['n', 'nmiss', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max'] as const;

/**
 * ARD records of the continuous summary of `values` in every group. Statistics are null when n = 0 (sd also
 * when n = 1), never NaN.
 */
export function summarizeContinuous(
  values: ReadonlyMap<string, number | null>,
  groups: readonly SubjectGroup[],
  key: RowKey,
  options: { quantiles?: QuantileDefinition } = {},
): ArdRecord[] {
  const out: ArdRecord[] = [];
  const method = key.method ?? `descriptive-${options.quantiles ?? 'sas5'}`;
  for (const g of groups) {
    const xs = [...g.subjects].sort().map((id) => values.get(id) ?? null);
    const d = describe(xs, { quantiles: options.quantiles ?? 'sas5' });
    const stats: Record<(typeof ContinuousStatistics)[number], number | null> = {
      n: d.n, nmiss: d.nMissing, mean: d.mean, sd: d.sd, median: d.median, q1: d.q1, q3: d.q3, min: d.min, max: d.max,
    };
    for (const s of ContinuousStatistics) out.push(ard({ ...key, method, group: g.label, statistic: s, value: stats[s] }));
  }
  return out;
}
