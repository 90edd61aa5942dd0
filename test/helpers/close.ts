/**
 * Numeric comparison against reference values (shared/reference/README.md "Tolerances"): a value passes
 * if it is within `abs` OR within `rel × |expected|`, whichever is looser, when both are given.
 */
import * as assert from 'uvu/assert';

export interface Tolerance {
  abs?: number;
  rel?: number;
}

/** True when `actual` is within tolerance of `expected`. `null` expected means "undefined / not reached". */
export function isClose(actual: number | null, expected: number | null, tol: Tolerance): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (!Number.isFinite(expected)) return actual === expected;
  const diff = Math.abs(actual - expected);
  const absOk = tol.abs !== undefined && diff <= tol.abs;
  const relOk = tol.rel !== undefined && diff <= tol.rel * Math.abs(expected);
  if (tol.abs === undefined && tol.rel === undefined) return diff === 0;
  return absOk || relOk;
}

/** Assert closeness with a message that shows expected, actual, difference and tolerance. */
export function assertClose(actual: number | null, expected: number | null, tol: Tolerance, label: string): void {
  if (!isClose(actual, expected, tol)) {
    const diff = actual !== null && expected !== null ? Math.abs(actual - expected) : NaN;
    assert.unreachable(
      `${label}: expected ${expected}, got ${actual} (|diff| ${diff.toExponential(3)}; tolerance abs ${tol.abs ?? '-'} rel ${tol.rel ?? '-'})`,
    );
  }
}
