/**
 * Runner for the Chan (1998) exact unconditional non-inferiority test (src/stats/exact.ts), cross-checked in
 * test/references/exact/exact-unconditional-cases.json (section X) against the exact unconditional score
 * confidence limits for p1 − p2 printed by SAS 9.4 PROC FREQ (EXACT RISKDIFF, METHOD=SCORE) and StatXact 11
 * ("invert two one-sided tests", Berger–Boos γ = 0), as quoted in the exact2x2 R package's test suite.
 *
 * Why limits and not p-values: no source prints a p-value of this test at a non-zero margin. The Chan & Zhang
 * (1999) interval is the inversion of exactly this test: its lower limit L for p1 − p2 is the null value at
 * which the one-sided exact p-value of H0: p1 − p2 ≤ L (score ordering at L, sup over the nuisance on that
 * boundary) equals α/2; i.e. L = −M where exactUnconditionalNITest(x1, n1, x2, n2, M) = α/2. The upper limit U
 * is the same with the arms swapped (H0: p2 − p1 ≤ −U). So a printed limit pins one contour of remit's p-value
 * function at a non-zero margin. Only limits with margin M in (0, 1) are reachable through the NI test; a lower
 * limit ≥ 0 (a superiority-side null) is returned as null.
 */
import { exactUnconditionalNITest } from '../../stats/exact.ts';
import { bisect } from '../../stats/root.ts';
import { assertInputIs, inputNumber, inputTwoArms } from '../inputs.ts';
import type { Runner } from '../runner.ts';

/** Smallest margin searched: exactUnconditionalNITest needs M in the open interval (0, 1). */
const EDGE = 1e-9;

/**
 * The lower exact score limit of pA − pB at one-sided level `alpha`: −M where the exact unconditional NI
 * p-value equals `alpha`, found by bisection on M ∈ (0, 1); null when p(M → 0) ≤ alpha (the limit is ≥ 0).
 */
function lowerLimit(xA: number, nA: number, xB: number, nB: number, alpha: number): number | null {
  const excess = (m: number) => exactUnconditionalNITest(xA, nA, xB, nB, m).pValue - alpha;
  if (excess(EDGE) <= 0) return null;
  if (excess(1 - EDGE) > 0) return -1;
  return -bisect(excess, EDGE, 1 - EDGE, 1e-10);
}

const limits: Runner = {
  api: 'exactUnconditionalNITest(x1, n1, x2, n2, M).pValue = alpha_one_sided, solved for M by bisection (lower = −M; upper: arms swapped, upper = M)',
  mapping:
    'lower = the margin M at which the one-sided exact p-value of H0: p1 − p2 ≤ −M equals alpha_one_sided, reported as the limit −M of p1 − p2; upper = the same for H0: p2 − p1 ≤ −M (arms swapped), reported as M. This is the Chan–Zhang (1999) exact score interval (SAS EXACT RISKDIFF(METHOD=SCORE); StatXact "invert two one-sided tests") at level 1 − 2·alpha_one_sided. null = the limit lies on the superiority side (M ≤ 0), outside the NI test.',
  run(c) {
    assertInputIs(c, 'contrast', ['p1 - p2']);
    const [x1, n1, x2, n2] = inputTwoArms(c);
    const alpha = inputNumber(c, 'alpha_one_sided');
    const upperAsLower = lowerLimit(x2, n2, x1, n1, alpha);
    return { lower: lowerLimit(x1, n1, x2, n2, alpha), upper: upperAsLower === null ? null : -upperAsLower };
  },
};

/** Reference `method` → runner: Chan exact unconditional NI test, checked through its exact score limits. */
export const exactRunners: Readonly<Record<string, Runner>> = {
  chan_exact_unconditional_score_limits: limits,
};
