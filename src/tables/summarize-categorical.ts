/**
 * Categorical summary by group: number (%) of subjects per level, the denominator being the group's N
 * (every subject of the analysis set), with a "Missing" level for subjects without a value, so the levels
 * of a group always add up to its N. Every level gets a record in every group (zero counts included).
 * With `traceAs` (the variable as the reader knows it, e.g. "ADSL SEX"), every count carries the subjects it
 * counts (closed report), the rule being the value: "ADSL SEX = F", "ADSL SEX missing".
 */
import type { ArdRecord } from '../core/ard.ts';
import { countSubjectSet, type RowKey, type SubjectReasons } from './count-subjects.ts';
import type { SubjectGroup } from './population-groups.ts';

/** Category label of subjects without a value. */
export const MISSING_LEVEL = 'Missing';

/**
 * Levels in display order: `order` first (those present or not), then the other observed levels in
 * code-unit order; "Missing" is not included.
 */
export function categoricalLevels(values: ReadonlyMap<string, string | null>, order: readonly string[] = []): string[] {
  const seen = new Set<string>();
  for (const v of values.values()) if (v !== null && v !== '') seen.add(v);
  const rest = [...seen].filter((v) => !order.includes(v)).sort();
  return [...order, ...rest];
}

/** The same rule for every subject of `ids` (a categorical count's trace reasons). */
function sameReason(ids: ReadonlySet<string>, reason: string): SubjectReasons {
  return new Map([...ids].map((id) => [id, { reason }]));
}

/**
 * ARD records (n, pct per group) for each level and for "Missing" (category = level).
 * @example summarizeCategorical(new Map([['1', 'F'], ['2', null]]), groups, key) // levels "F", "Missing"
 */
export function summarizeCategorical(
  values: ReadonlyMap<string, string | null>,
  groups: readonly SubjectGroup[],
  key: Omit<RowKey, 'category'>,
  options: { order?: readonly string[]; traceAs?: string } = {},
): { levels: string[]; records: ArdRecord[] } {
  const levels = categoricalLevels(values, options.order ?? []);
  const records: ArdRecord[] = [];
  const all = new Set<string>(groups.flatMap((g) => [...g.subjects]));
  const trace = (ids: ReadonlySet<string>, rule: string) => (options.traceAs === undefined ? undefined : sameReason(ids, `${options.traceAs} ${rule}`));
  for (const level of levels) {
    const ids = new Set([...all].filter((id) => values.get(id) === level));
    records.push(...countSubjectSet(ids, groups, { ...key, category: level }, trace(ids, `= ${level}`)));
  }
  const missing = new Set([...all].filter((id) => {
    const v = values.get(id);
    return v === null || v === undefined || v === '';
  }));
  records.push(...countSubjectSet(missing, groups, { ...key, category: MISSING_LEVEL }, trace(missing, 'missing')));
  return { levels, records };
}
