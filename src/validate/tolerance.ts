/**
 * Numeric comparison against reference values, as ../shared/reference/README.md "Tolerances" defines it:
 * a value passes if it is within `abs` OR within `rel × |expected|`, whichever is looser, when both are
 * given; with neither it must be equal. `null` expected means "undefined / not reached" and passes only
 * when the observed value is `null` too. This is the one copy of the rule: the unit tests
 * (test/helpers/close.ts) and `remit validate` both use it.
 */

export interface Tolerance {
  abs?: number;
  rel?: number;
}

/** True when `actual` is within tolerance of `expected`. `null` expected means "undefined / not reached". */
export function isClose(actual: number | null, expected: number | null, tol: Tolerance): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (!Number.isFinite(expected)) return actual === expected;
  const diff = Math.abs(actual - expected);
  if (tol.abs === undefined && tol.rel === undefined) return diff === 0;
  const absOk = tol.abs !== undefined && diff <= tol.abs;
  const relOk = tol.rel !== undefined && diff <= tol.rel * Math.abs(expected);
  return absOk || relOk;
}

/** "abs 5e-5", "rel 1e-4", "abs 1e-6 or rel 1e-4", "exact". */
export function describeTolerance(tol: Tolerance): string {
  const parts: string[] = [];
  if (tol.abs !== undefined) parts.push(`abs ${tol.abs}`);
  if (tol.rel !== undefined) parts.push(`rel ${tol.rel}`);
  return parts.length === 0 ? 'exact' : parts.join(' or ');
}
