/**
 * MMRM step 2: covariance structures Σ(θ) across T visits, in SAS PROC MIXED's own parameterisations
 * (SAS/STAT User's Guide, "The MIXED Procedure", Table "Covariance Structure Examples"):
 * - `unstructured` (TYPE=UN): θ = the T(T+1)/2 elements σ₁₁, σ₂₁, σ₂₂, σ₃₁, … (lower triangle, row-wise).
 * - `compound-symmetry` (TYPE=CS): θ = (σ₁ common covariance, σ² residual); Σ = σ₁ J + σ² I.
 * - `ar1` (TYPE=AR(1)): θ = (σ², ρ); σₐᵦ = σ² ρ^|a−b|.
 *
 * The REML engine works in the unstructured elements σ; each structure supplies Σ(θ), the Jacobian
 * ∂σ/∂θ and, when non-linear, the curvature Σₘ wₘ ∂²σₘ/∂θ∂θᵀ for the chain rule.
 * Positive definiteness is not enforced by the parameterisation: the optimiser rejects steps where
 * the Cholesky factorisation of a Σ sub-block fails.
 */
import type { CovarianceStructure } from './types.ts';

/** Index of the unstructured element (a, b), a ≥ b, in row-wise lower-triangle order. */
export function unIndex(a: number, b: number): number {
  return a >= b ? (a * (a + 1)) / 2 + b : (b * (b + 1)) / 2 + a;
}

export interface CovarianceModel {
  structure: CovarianceStructure;
  /** Number of visits T. */
  dim: number;
  names: string[];
  /** Σ(θ) as a row-major T × T matrix. */
  sigma(theta: Float64Array): Float64Array;
  /** ∂σₘ/∂θⱼ as row-major (T(T+1)/2) × nθ. */
  jacobian(theta: Float64Array): Float64Array;
  /** Σₘ wₘ ∂²σₘ/∂θ∂θᵀ (nθ × nθ); null when Σ is linear in θ. */
  curvature(theta: Float64Array, w: Float64Array): Float64Array | null;
  /** Starting θ from a moment estimate S of Σ (T × T). */
  start(s: Float64Array): Float64Array;
}

function fromElements(dim: number, elem: (a: number, b: number) => number): Float64Array {
  const out = new Float64Array(dim * dim);
  for (let a = 0; a < dim; a++) for (let b = 0; b <= a; b++) { const v = elem(a, b); out[a * dim + b] = v; out[b * dim + a] = v; }
  return out;
}

function unstructured(dim: number, visits: string[]): CovarianceModel {
  const m = (dim * (dim + 1)) / 2;
  const names: string[] = [];
  for (let a = 0; a < dim; a++) for (let b = 0; b <= a; b++) names.push(`UN(${visits[a]},${visits[b]})`);
  return {
    structure: 'unstructured', dim, names,
    sigma: (t) => fromElements(dim, (a, b) => t[unIndex(a, b)]),
    jacobian: () => { const j = new Float64Array(m * m); for (let i = 0; i < m; i++) j[i * m + i] = 1; return j; },
    curvature: () => null,
    start: (s) => { const t = new Float64Array(m); for (let a = 0; a < dim; a++) for (let b = 0; b <= a; b++) t[unIndex(a, b)] = s[a * dim + b]; return t; },
  };
}

function compoundSymmetry(dim: number): CovarianceModel {
  const m = (dim * (dim + 1)) / 2;
  return {
    structure: 'compound-symmetry', dim, names: ['CS', 'Residual'],
    sigma: (t) => fromElements(dim, (a, b) => (a === b ? t[0] + t[1] : t[0])),
    jacobian: () => { const j = new Float64Array(m * 2); for (let a = 0; a < dim; a++) for (let b = 0; b <= a; b++) { const i = unIndex(a, b); j[i * 2] = 1; j[i * 2 + 1] = a === b ? 1 : 0; } return j; },
    curvature: () => null,
    start: (s) => {
      let diag = 0; let off = 0;
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) (a === b ? (diag += s[a * dim + b]) : (off += s[a * dim + b]));
      diag /= dim; off = dim > 1 ? off / (dim * (dim - 1)) : 0;
      const c = Math.min(Math.max(off, -diag / (2 * Math.max(dim - 1, 1))), 0.9 * diag);
      return Float64Array.of(c, diag - c);
    },
  };
}

function ar1(dim: number): CovarianceModel {
  const m = (dim * (dim + 1)) / 2;
  return {
    structure: 'ar1', dim, names: ['AR(1)', 'Residual'],
    sigma: (t) => fromElements(dim, (a, b) => t[1] * t[0] ** (a - b)),
    jacobian: (t) => {
      const j = new Float64Array(m * 2);
      for (let a = 0; a < dim; a++) for (let b = 0; b <= a; b++) {
        const d = a - b; const i = unIndex(a, b);
        j[i * 2] = d === 0 ? 0 : t[1] * d * t[0] ** (d - 1);
        j[i * 2 + 1] = t[0] ** d;
      }
      return j;
    },
    curvature: (t, w) => {
      let rr = 0; let rs = 0;
      for (let a = 0; a < dim; a++) for (let b = 0; b <= a; b++) {
        const d = a - b; const wi = w[unIndex(a, b)];
        if (d >= 1) rs += wi * d * t[0] ** (d - 1);
        if (d >= 2) rr += wi * t[1] * d * (d - 1) * t[0] ** (d - 2);
      }
      return Float64Array.of(rr, rs, rs, 0);
    },
    start: (s) => {
      let v = 0; let c = 0;
      for (let a = 0; a < dim; a++) v += s[a * dim + a];
      v /= dim;
      for (let a = 1; a < dim; a++) c += s[a * dim + a - 1] / Math.sqrt(s[a * dim + a] * s[(a - 1) * dim + a - 1]);
      const rho = dim > 1 ? Math.min(Math.max(c / (dim - 1), -0.9), 0.9) : 0;
      return Float64Array.of(rho, v);
    },
  };
}

/** The covariance model for `structure` over `visits`. */
export function covarianceModel(structure: CovarianceStructure, visits: string[]): CovarianceModel {
  const dim = visits.length;
  if (structure === 'unstructured') return unstructured(dim, visits);
  if (structure === 'compound-symmetry') return compoundSymmetry(dim);
  return ar1(dim);
}
