/**
 * Wilson score limits for a single binomial proportion, with and without continuity correction.
 *
 * Wilson EB (1927) JASA 22:209-212; the continuity-corrected form is Newcombe RG (1998) Two-sided confidence
 * intervals for the single proportion: comparison of seven methods. Stat Med 17:857-872, method 4:
 *   L = [2np + z² − 1 − z√(z² − 2 − 1/n + 4p(nq + 1))] / [2(n + z²)],
 *   U = [2np + z² + 1 + z√(z² + 2 − 1/n + 4p(nq − 1))] / [2(n + z²)],
 * with L = 0 when x = 0 and U = 1 when x = n. `z` is the two-sided normal critical value.
 */

/** Lower and upper limits of a proportion, both in [0, 1]. */
export interface ProportionLimits {
  lower: number;
  upper: number;
}

/** Wilson score interval (no continuity correction) for x/n at critical value z. */
export function wilsonLimits(x: number, n: number, z: number): ProportionLimits {
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  return {
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
  };
}

/** Continuity-corrected Wilson interval (Newcombe 1998a method 4) for x/n at critical value z. */
export function wilsonCcLimits(x: number, n: number, z: number): ProportionLimits {
  const z2 = z * z;
  const p = x / n;
  const q = 1 - p;
  const denom = 2 * (n + z2);
  const lower = x === 0 ? 0 : (2 * x + z2 - 1 - z * Math.sqrt(Math.max(0, z2 - 2 - 1 / n + 4 * p * (n * q + 1)))) / denom;
  const upper = x === n ? 1 : (2 * x + z2 + 1 + z * Math.sqrt(Math.max(0, z2 + 2 - 1 / n + 4 * p * (n * q - 1)))) / denom;
  return { lower: Math.max(0, lower), upper: Math.min(1, upper) };
}
