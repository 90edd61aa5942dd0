/**
 * Documented deviations from a reference value: values remit does not reproduce within the case's stated
 * tolerance for a reason that is understood, written down and checked elsewhere. `remit validate` shows
 * them as "known deviation" with the reason, never as a pass and never hidden, and they do not fail the
 * run (exit code 0): CI stays green for a listed deviation and turns red for any new failure.
 *
 * Each entry is bounded: a value further from the reference than `bound` is a failure even though the
 * field is listed, so a later regression cannot hide behind the entry. An entry whose case is present
 * but which matches no field is itself a failure (a stale entry must be removed, not kept silently).
 * The tolerance of the case is never changed.
 */
import type { Tolerance } from './tolerance.ts';

export interface KnownDeviation {
  /** Case file base name and case id the entry applies to. */
  file: string;
  caseId: string;
  /** Check paths (src/validate/compare.ts) the entry covers. */
  fields: RegExp;
  /** Per field name (the last path part): how far the value may be from the reference and still be this deviation. */
  bound: Readonly<Record<string, Tolerance>>;
  reason: string;
  /** Where the value is checked against an independent reference instead (a case that passes), or null. */
  crossCheck: string | null;
}

export const KNOWN_DEVIATIONS: readonly KnownDeviation[] = [
  {
    file: 'E_mmrm.json',
    caseId: 'E-diff-satterthwaite',
    fields: /^contrasts\[[^\]]*\]\.(df|lower|upper|p_two_sided)$/,
    // Observed: df 1.4–15.7 % from the reference (largest at W16), limits and p ≤ 4.3e-4 absolute. The df bound is
    // how far emmeans' own appx-satterthwaite, rerun here on the same fit (set.seed(1)), lands from the reference:
    // up to 19 % (W16: 106.1 vs 89.1). The reference's seed is unknown; of 8 seeds tried, 2 ran and agree within 1.2 %.
    bound: { df: { rel: 0.2 }, lower: { abs: 1e-3 }, upper: { abs: 1e-3 }, p_two_sided: { abs: 1e-3 } },
    reason:
      'Not comparable: the reference df are emmeans 1.8.4 "appx-satterthwaite" (emmeans could not use its analytic Satterthwaite for this gls fit and fell back to a numerical-gradient approximation refitted on randomly jittered data with a seed the reference does not record; the same call rerun here lands up to 19 % from the reference: test/references/mmrm/satterthwaite.out.txt). remit computes the analytic Satterthwaite df (SAS DDFM=SATTERTH, R mmrm); the limits and p inherit the df. Estimates, SEs and t match within the case tolerance.',
    crossCheck:
      'E-diff-satterthwaite-analytic-R in test/references/mmrm/satterthwaite-r.json: the analytic Satterthwaite df, limits and p computed independently in R (nlme + numDeriv, test/references/mmrm/satterthwaite.R) on the same data; remit matches it (df within 1e-3 relative; run with --cases to include it).',
  },
  {
    file: 'E_mmrm.json',
    caseId: 'E-mmrm-fit',
    fields: /^correlation\[(2\]\[5|5\]\[2)\]$/,
    // Observed: 0.0329523 vs 0.0329447, |diff| 7.6e-6; rel 1e-4 allows 3.3e-6 at this near-zero value.
    bound: { correlation: { abs: 1e-5 } },
    reason:
      "Reference optimum imprecise: gls stopped 1.5e-8 (in REML log-likelihood) short of the maximum; at the near-zero correlation rho(W12, W24) = 0.033 the case's rel 1e-4 means 3.3e-6 absolute, and the optimiser gap moves this entry by 7.6e-6 (its asymptotic SE is 0.11). remit's log-likelihood at the reference covariance reproduces the reference log-likelihood to 1e-12, and remit's maximum is the higher one.",
    crossCheck:
      'E-mmrm-fit-reml-optimum-R in test/references/mmrm/satterthwaite-r.json: R\'s hand-built REML likelihood maximised further (BFGS) gives rho(W12, W24) = 0.0329523, which remit matches to 1e-6 (run with --cases to include it).',
  },
];
