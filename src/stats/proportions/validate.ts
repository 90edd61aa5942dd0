/**
 * Argument checks shared by the risk-difference, non-inferiority, stratified, exact and power modules.
 * Every check throws {@link InputError} naming the offending argument; none of them coerces a value.
 */
import { InputError } from '../../core/errors.ts';

/** A count of subjects: a finite integer ≥ `min`. */
export function assertCount(value: number, name: string, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InputError(name, `must be an integer, got ${String(value)}`);
  }
  if (value < min) throw new InputError(name, `must be ≥ ${min}, got ${value}`);
}

/** One arm: `n` ≥ 1 subjects of whom `x` (0 ≤ x ≤ n) responded. */
export function assertArm(x: number, n: number, xName: string, nName: string): void {
  assertCount(n, nName, 1);
  assertCount(x, xName, 0);
  if (x > n) throw new InputError(xName, `must be ≤ ${nName} (${n}), got ${x}`);
}

/**
 * The counts of one 2 × 2 table in a list (a stratum, a subgroup level): integers, n ≥ 0 (an empty arm is
 * allowed: the caller decides what it means), 0 ≤ x ≤ n; errors name `${label}.x1` etc.
 */
export function assertTableCounts(t: { x1: number; n1: number; x2: number; n2: number }, label: string): void {
  for (const [x, n] of [['x1', 'n1'], ['x2', 'n2']] as const) {
    assertCount(t[n], `${label}.${n}`, 0);
    assertCount(t[x], `${label}.${x}`, 0);
    if (t[x] > t[n]) throw new InputError(`${label}.${x}`, `must be ≤ ${n} (${t[n]}), got ${t[x]}`);
  }
}

/** Both arms of a 2 × 2 table, arguments named `x1`, `n1`, `x2`, `n2`. */
export function assertTwoArms(x1: number, n1: number, x2: number, n2: number): void {
  assertArm(x1, n1, 'x1', 'n1');
  assertArm(x2, n2, 'x2', 'n2');
}

/** A number strictly inside (lo, hi). */
export function assertOpenInterval(value: number, name: string, lo: number, hi: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= lo || value >= hi) {
    throw new InputError(name, `must be a number in (${lo}, ${hi}), got ${String(value)}`);
  }
}

/** Confidence level in (0, 1). */
export function assertLevel(level: number, name = 'level'): void {
  assertOpenInterval(level, name, 0, 1);
}

/** Non-inferiority margin on the risk-difference scale, in (0, 1). */
export function assertMargin(margin: number, name = 'margin'): void {
  assertOpenInterval(margin, name, 0, 1);
}

/** A one-sided significance level in (0, 0.5). */
export function assertAlphaOneSided(alpha: number, name = 'alphaOneSided'): void {
  assertOpenInterval(alpha, name, 0, 0.5);
}

/** A string option restricted to a fixed set of values. */
export function assertOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${String(value)}`);
  }
}
