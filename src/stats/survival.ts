/**
 * Survival analysis methods (public surface; one method per file in ./survival/):
 * - kaplanMeier, survivalAt, numberAtRisk — Kaplan–Meier with Greenwood SE and log-log / log / plain CIs
 *   (R survival 3.5 survfit / summary.survfit);
 * - kmQuantile — KM median (or other quantile) with Brookmeyer–Crowley-type CI (R print.survfit);
 * - logRankTest — log-rank test, optionally stratified (R survdiff, rho = 0);
 * - coxPH — Cox proportional hazards, Efron or Breslow ties, strata (R coxph).
 * Cumulative incidence with competing risks lives in ./competing-risks.ts.
 */
export {
  kaplanMeier,
  survivalAt,
  numberAtRisk,
  kmConfidenceLimits,
  KM_CONF_TYPES,
  type KmConfType,
  type KaplanMeierOptions,
  type KaplanMeierRow,
  type KaplanMeierResult,
  type SurvivalPoint,
} from './survival/kaplan-meier.ts';
export { kmQuantile, type KmQuantileOptions, type KmQuantileResult } from './survival/km-quantile.ts';
export { logRankTest, type LogRankOptions, type LogRankResult } from './survival/logrank.ts';
export { coxPH, type CoxTies, type CoxPHOptions, type CoxPHResult } from './survival/cox-ph.ts';
