/** The tipping-point grid of the primary analysis (analyses/primary-noninferiority.ts). */

/**
 * Imputed responder counts of the tipping-point grid for an arm with `missing` unobserved subjects: every
 * count 0…missing up to TippingMaxSteps, beyond that TippingMaxSteps + 1 evenly spaced counts (0 and
 * `missing` included). A full grid grows with the square of the missing counts (a 23,000-subject lock
 * has thousands per arm); the thinned grid keeps the analysis and its heat map linear in subjects.
 */
export const TippingMaxSteps = 50;
export function tippingCounts(missing: number): number[] {
  if (missing <= TippingMaxSteps) return Array.from({ length: missing + 1 }, (_, i) => i);
  return [...new Set(Array.from({ length: TippingMaxSteps + 1 }, (_, k) => Math.round((k * missing) / TippingMaxSteps)))];
}
