/**
 * MMRM step 5: denominator degrees of freedom for a linear combination Lᵀβ.
 *
 * Satterthwaite (1946), as in SAS PROC MIXED DDFM=SATTERTH and R mmrm (`h_df_1d_sat`):
 *   df = 2 (LᵀCL)² / (gᵀ A g),   C = (XᵀV̂⁻¹X)⁻¹,   gⱼ = ∂(LᵀCL)/∂θⱼ = Σₖ (∂σₖ/∂θⱼ) · (CL)ᵀ Qₖ (CL),
 * with Qₖ = XᵀV⁻¹VₖV⁻¹X (so ∂C/∂σₖ = C Qₖ C) and A the inverse of the observed REML information
 * in θ — all analytic. `residual`: emmeans' "df.error" for gls, N − p − (nθ − 1).
 */
import type { RemlEvaluation } from './reml.ts';

/** Everything the df computation needs from the fit. */
export interface DfContext {
  evaluation: RemlEvaluation;
  /** ∂σ/∂θ, m × nθ. */
  jacobian: Float64Array;
  /** Asymptotic covariance of θ̂ (nθ × nθ). */
  thetaVcov: Float64Array;
  nTheta: number;
}

/** Lᵀ C L for the model-based covariance C of β̂. */
export function contrastVariance(ev: RemlEvaluation, l: Float64Array): number {
  const p = l.length; const c = ev.vcovBeta;
  let v = 0;
  for (let i = 0; i < p; i++) { if (l[i] === 0) continue; let r = 0; for (let j = 0; j < p; j++) r += c[i * p + j] * l[j]; v += l[i] * r; }
  return v;
}

/**
 * Satterthwaite df for Lᵀβ; null when the variance of LᵀCL is not positive (df undefined).
 */
export function satterthwaiteDf(ctx: DfContext, l: Float64Array): number | null {
  const ev = ctx.evaluation; const p = l.length; const c = ev.vcovBeta;
  const q = ev.q!; const m = q.length; const n = ctx.nTheta;
  const h = new Float64Array(p);
  for (let i = 0; i < p; i++) { let r = 0; for (let j = 0; j < p; j++) r += c[i * p + j] * l[j]; h[i] = r; }
  const gSigma = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const qk = q[k]; let s = 0;
    for (let i = 0; i < p; i++) { if (h[i] === 0) continue; let r = 0; for (let j = 0; j < p; j++) r += qk[i * p + j] * h[j]; s += h[i] * r; }
    gSigma[k] = s;
  }
  const g = new Float64Array(n);
  for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) g[j] += ctx.jacobian[k * n + j] * gSigma[k];
  let denom = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) denom += g[i] * ctx.thetaVcov[i * n + j] * g[j];
  const variance = contrastVariance(ev, l);
  if (!(denom > 0) || !Number.isFinite(denom)) return null;
  return (2 * variance * variance) / denom;
}
