/**
 * Small read helpers over ARD records for section builders (which may read ARD records only).
 */
import type { ArdRecord } from '../core/ard.ts';

/** The first record whose given dimensions all equal `q`. */
export function findRecord(ard: readonly ArdRecord[], q: Partial<ArdRecord>): ArdRecord | undefined {
  const keys = Object.keys(q) as (keyof ArdRecord)[];
  return ard.find((r) => keys.every((k) => r[k] === q[k]));
}

/** Numeric value of the first matching record, else null. */
export function findNumber(ard: readonly ArdRecord[], q: Partial<ArdRecord>): number | null {
  const v = findRecord(ard, q)?.value;
  return typeof v === 'number' ? v : null;
}

/** Distinct values of one dimension among matching records, in order of first appearance (nulls skipped). */
export function distinctValues(ard: readonly ArdRecord[], q: Partial<ArdRecord>, dimension: 'parameter' | 'category' | 'group' | 'visit' | 'population'): string[] {
  const keys = Object.keys(q) as (keyof ArdRecord)[];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of ard) {
    if (!keys.every((k) => r[k] === q[k])) continue;
    const v = r[dimension];
    if (v === null || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
  }
  return out;
}
