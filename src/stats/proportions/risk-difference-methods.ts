/**
 * The individual risk-difference interval methods behind `riskDifferenceCI` (../proportions.ts). Each takes
 * the counts and the two-sided normal critical value z = Φ⁻¹(1 − α/2) and returns untruncated limits;
 * truncation to [−1, 1] is applied once, by the caller. Difference = p1 − p2 (group 1 = experimental).
 * Method numbers refer to Newcombe RG (1998) Interval estimation for the difference between independent
 * proportions: comparison of eleven methods. Stat Med 17:873-890.
 */
import { bisect } from '../root.ts';
import { scoreZ } from './score.ts';
import { wilsonCcLimits, wilsonLimits, type ProportionLimits } from './wilson.ts';

/** Lower and upper limits of a risk difference (may lie outside [−1, 1] before truncation). */
export type DifferenceLimits = ProportionLimits;

/** Newcombe method 1: Wald, d̂ ± z·√(p̂1q̂1/n1 + p̂2q̂2/n2). */
export function waldLimits(x1: number, n1: number, x2: number, n2: number, z: number): DifferenceLimits {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const half = z * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { lower: p1 - p2 - half, upper: p1 - p2 + half };
}

/** Newcombe method 2: Wald with continuity correction, d̂ ± (z·SE + (1/n1 + 1/n2)/2) (textbook / SAS form). */
export function waldCcLimits(x1: number, n1: number, x2: number, n2: number, z: number): DifferenceLimits {
  const w = waldLimits(x1, n1, x2, n2, z);
  const cc = 0.5 * (1 / n1 + 1 / n2);
  return { lower: w.lower - cc, upper: w.upper + cc };
}

/**
 * Agresti A, Caffo B (2000) Am Stat 54:280-288: add one success and one failure to each arm, then Wald:
 * p̃i = (xi + 1)/(ni + 2), d̃ ± z·√(p̃1q̃1/(n1 + 2) + p̃2q̃2/(n2 + 2)). (statsmodels `method='agresti-caffo'`.)
 */
export function agrestiCaffoLimits(x1: number, n1: number, x2: number, n2: number, z: number): DifferenceLimits {
  return waldLimits(x1 + 1, n1 + 2, x2 + 1, n2 + 2, z);
}

/**
 * Newcombe hybrid score, method 10 (no CC) or 11 (`cc`, Wilson limits with continuity correction):
 * L = d̂ − √((p̂1 − l1)² + (u2 − p̂2)²), U = d̂ + √((u1 − p̂1)² + (p̂2 − l2)²), (li, ui) the Wilson limits of arm i.
 */
export function newcombeLimits(x1: number, n1: number, x2: number, n2: number, z: number, cc: boolean): DifferenceLimits {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = cc ? wilsonCcLimits(x1, n1, z) : wilsonLimits(x1, n1, z);
  const w2 = cc ? wilsonCcLimits(x2, n2, z) : wilsonLimits(x2, n2, z);
  const d = p1 - p2;
  return {
    lower: d - Math.hypot(p1 - w1.lower, w2.upper - p2),
    upper: d + Math.hypot(w1.upper - p1, p2 - w2.lower),
  };
}

/**
 * Miettinen O, Nurminen M (1985) Stat Med 4:213-226 (Newcombe method 6): the set of δ with
 * |score z(δ)| ≤ z, z(δ) using the restricted-MLE variance × N/(N − 1). Each limit is found by bisection to
 * 1e-13 between the point estimate (z = 0) and ±1 (z = ±∞); a limit at d̂ = ±1 is ±1 itself.
 */
export function miettinenNurminenLimits(x1: number, n1: number, x2: number, n2: number, z: number): DifferenceLimits {
  const d = x1 / n1 - x2 / n2;
  const stat = (delta: number): number => scoreZ(x1, n1, x2, n2, delta, true);
  const lower = d <= -1 ? -1 : bisect((delta) => stat(delta) - z, -1, d);
  const upper = d >= 1 ? 1 : bisect((delta) => stat(delta) + z, d, 1);
  return { lower, upper };
}
