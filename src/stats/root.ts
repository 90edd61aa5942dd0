/**
 * Bracketed root finding by bisection: slow but unconditionally robust, which is what score-interval
 * inversion needs (the statistic is ±∞ at the ends of the parameter space).
 */

/**
 * Root of `f` in [lo, hi] where sign(f(lo)) ≠ sign(f(hi)) (either end may be ±∞). Bisects until the bracket
 * is narrower than `tol` (default 1e-13) or stops shrinking in floating point; returns the midpoint.
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, tol = 1e-13): number {
  let fLo = f(lo);
  for (let i = 0; i < 200 && hi - lo > tol; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const fMid = f(mid);
    if (fMid === 0) return mid;
    if (fMid > 0 === fLo > 0) {
      lo = mid;
      fLo = fMid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2;
}
