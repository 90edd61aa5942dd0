/**
 * Wilson score limits for a proportion estimate p̂ whose variance is p(1 − p)/ñ, ñ an effective (possibly
 * non-integer) sample size: the roots in p of (p̂ − p)² = z²·p(1 − p)/ñ. For a single stratum (ñ = n,
 * p̂ = x/n) this is the ordinary Wilson (1927) interval; with stratum weights it is the stratified Wilson
 * interval of Yan X, Su XG (2010) Stat Biopharm Res 2:329-335.
 */
import type { ProportionLimits } from './wilson.ts';

/** Wilson limits for estimate `p` with effective sample size `n` > 0 at critical value `z`. */
export function sizedWilsonLimits(p: number, n: number, z: number): ProportionLimits {
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return {
    lower: p <= 0 ? 0 : Math.max(0, centre - half),
    upper: p >= 1 ? 1 : Math.min(1, centre + half),
  };
}
