/**
 * Qualifier-aware threshold comparisons for lab results (trial conventions, "Response definition").
 *
 * A result is a number plus an optional qualifier: `<0.05` means "some value below 0.05". The rule
 * (documented in the report appendix): a comparison is decided when it holds — or fails — for every
 * value the qualified result can stand for; otherwise it is indeterminate (`null`) and the calling
 * rule treats the component as missing. Hence `<0.05` satisfies "< 0.5" (its limit 0.05 ≤ 0.5), `<0.5`
 * satisfies "< 0.5", and `<5` versus "< 0.5" is indeterminate. Values are assumed non-negative.
 */
import type { ResultQualifier } from '../cdisc/values.ts';

/** A numeric lab value in analysis units with the qualifier of its source text (null = exact). */
export interface LabValue {
  value: number;
  qualifier: ResultQualifier | null;
}

/** Three-valued truth: true, false or null (cannot be decided from a qualified value). */
export type Truth = boolean | null;

/** Exact value shorthand: `exact(3.2)` → { value: 3.2, qualifier: null }. */
export function exact(value: number): LabValue {
  return { value, qualifier: null };
}

/** The interval of values a (qualified) result stands for: [lo, hi] with open/closed ends. */
interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

function intervalOf(x: LabValue): Interval {
  switch (x.qualifier) {
    case '<':
      return { lo: 0, loOpen: false, hi: x.value, hiOpen: true };
    case '<=':
      return { lo: 0, loOpen: false, hi: x.value, hiOpen: false };
    case '>':
      return { lo: x.value, loOpen: true, hi: Infinity, hiOpen: true };
    case '>=':
      return { lo: x.value, loOpen: false, hi: Infinity, hiOpen: true };
    default:
      return { lo: x.value, loOpen: false, hi: x.value, hiOpen: false };
  }
}

/** x < t, e.g. `isBelow({value: 0.05, qualifier: '<'}, 0.5)` → true. */
export function isBelow(x: LabValue, t: number): Truth {
  const i = intervalOf(x);
  if (i.hi < t || (i.hi === t && i.hiOpen)) return true;
  if (i.lo >= t) return false;
  return null;
}

/** x ≤ t. */
export function isAtMost(x: LabValue, t: number): Truth {
  const i = intervalOf(x);
  if (i.hi <= t) return true;
  if (i.lo > t || (i.lo === t && i.loOpen)) return false;
  return null;
}

/** x ≥ t (negation of x < t). */
export function isAtLeast(x: LabValue, t: number): Truth {
  const b = isBelow(x, t);
  return b === null ? null : !b;
}

/** x > t (negation of x ≤ t). */
export function isAbove(x: LabValue, t: number): Truth {
  const b = isAtMost(x, t);
  return b === null ? null : !b;
}

/** Text form of a lab value as written in analysis units, e.g. `<0.05` or `3.2`. */
export function formatLabValue(x: LabValue): string {
  return `${x.qualifier ?? ''}${x.value}`;
}
