/**
 * Public types of the MMRM (src/stats/mmrm.ts). Kept apart so the internal steps in this folder can
 * import them without a cycle through the entry point.
 */

/** One planned observation: a subject at a visit. `y` null = missing (dropped; MAR assumed). */
export interface MmrmRow {
  subject: string;
  visit: string;
  arm: string;
  y: number | null;
  /** Numeric covariates (e.g. baseline), the same names on every row. */
  covariates: Record<string, number>;
}

/** Within-subject covariance across visits. */
export type CovarianceStructure = 'unstructured' | 'compound-symmetry' | 'ar1';

/**
 * Denominator degrees of freedom for LS means and contrasts.
 * - `'satterthwaite'`: analytic Satterthwaite (SAS DDFM=SATTERTH, R mmrm).
 * - `'residual'`: emmeans "df.error" for gls: N − p − (number of covariance parameters − 1), i.e. the
 *   gls count that leaves out σ (emmeans `emm_basis.gls`: `dims$N - dims$p - length(unlist(modelStruct))`).
 */
export type DfMethod = 'satterthwaite' | 'residual';

export interface MmrmOptions {
  covariance: CovarianceStructure;
  df: DfMethod;
  /** Confidence level of LS-mean and contrast intervals; default 0.95. */
  level?: number;
  /** Visit levels in time order; default: order of first appearance in `rows`. First = reference level of the visit factor. */
  visitOrder?: string[];
  /** Arm levels; first = reference (control). Default: order of first appearance in `rows`. */
  armOrder?: string[];
  /** Newton iterations allowed; default 100. */
  maxIterations?: number;
}

/** Least-squares mean of one arm at one visit, covariates at their model-frame means. */
export interface LsMean {
  arm: string;
  visit: string;
  estimate: number;
  se: number;
  df: number;
  lower: number;
  upper: number;
}

/** Arm difference (`arm` − `reference`) at one visit. */
export interface ArmContrast {
  visit: string;
  arm: string;
  reference: string;
  estimate: number;
  se: number;
  df: number;
  lower: number;
  upper: number;
  tValue: number;
  /** Two-sided p-value. */
  pValue: number;
}

export interface MmrmResult {
  converged: boolean;
  iterations: number;
  /** Restricted log-likelihood at the estimate, nlme/SAS convention (−½ × "−2 Res Log Likelihood"). */
  logLik: number;
  beta: number[];
  /** R-style names: `(Intercept)`, covariates, `arm<level>`, `visit<level>`, `arm<level>:visit<level>`. */
  betaNames: string[];
  /** Model-based covariance of β, (Xᵀ V̂⁻¹ X)⁻¹, in `betaNames` order. */
  vcov: number[][];
  lsmeans: LsMean[];
  contrasts: ArmContrast[];
  covariance: {
    structure: CovarianceStructure;
    /** Estimated Σ (visits × visits). */
    matrix: number[][];
    visits: string[];
    /** Covariance parameters θ in the structure's own (SAS) parameterisation. */
    parameters: number[];
    parameterNames: string[];
  };
  dfMethod: DfMethod;
  /** Covariate values used for LS means: means over the rows used in the fit (emmeans default). */
  covariateMeans: Record<string, number>;
  nSubjects: number;
  nObservations: number;
  warnings: string[];
}
