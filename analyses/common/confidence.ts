/**
 * The confidence levels of this trial's intervals, each stated once and used both to compute an interval and
 * to label it (src/report/format.ts `confidenceLabel`), so the text cannot disagree with the computation.
 */
import type { Plan } from '../../src/plan/plan.ts';

/**
 * The two-sided level of the non-inferiority intervals (primary, its sensitivity analyses, subgroups):
 * 1 − 2α for the plan's one-sided α, whose lower bound is compared with −margin (ICH E9; FDA
 * non-inferiority guidance 2016). 0.95 for α = 0.025.
 */
export function niConfidenceLevel(plan: Pick<Plan, 'primary'>): number {
  return 1 - 2 * plan.primary.alphaOneSided;
}

/**
 * The level of the descriptive intervals, which the plan does not set: per-arm rates (Wilson), secondary
 * and safety risk differences, means by visit, geometric means, MMRM least-squares means, the SRI, and the
 * time-to-remission intervals (Kaplan–Meier and Aalen–Johansen curves, median time, Cox hazard ratio).
 */
export const DescriptiveLevel = 0.95;
