/**
 * Small dense symmetric linear algebra for the survival methods (p × p with p = number of covariates or
 * groups − 1, so a handful): Cholesky decomposition with a singularity tolerance, as R survival's
 * `cholesky2` (pivots below toler × the largest diagonal element are treated as zero).
 */

/** Default singularity tolerance: R `coxph.control(toler.chol = .Machine$double.eps^0.75)`. */
export const CHOLESKY_TOLERANCE = Math.pow(2.220446049250313e-16, 0.75);

/** Lower-triangular Cholesky factor L (A = L Lᵀ) of a symmetric matrix, or null if not positive definite within `toler`. */
export function cholesky(a: readonly (readonly number[])[], toler = CHOLESKY_TOLERANCE): number[][] | null {
  const p = a.length;
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
  const eps = maxDiag * toler;
  const l = a.map(() => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
    if (!(d > eps) || maxDiag === 0) return null;
    const ljj = Math.sqrt(d);
    l[j][j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / ljj;
    }
  }
  return l;
}

/** Solves A x = b given the Cholesky factor L of A. */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const p = l.length;
  const y = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Inverse of A given its Cholesky factor L. */
export function choleskyInverse(l: readonly (readonly number[])[]): number[][] {
  const p = l.length;
  const inv = l.map(() => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    const e = new Array<number>(p).fill(0);
    e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < p; i++) inv[i][j] = col[i];
  }
  return inv;
}

/** Quadratic form bᵀ A⁻¹ b, or null when A is singular (not positive definite within tolerance). */
export function quadraticFormInverse(a: readonly (readonly number[])[], b: readonly number[]): number | null {
  const l = cholesky(a);
  if (l === null) return null;
  const x = choleskySolve(l, b);
  let s = 0;
  for (let i = 0; i < b.length; i++) s += b[i] * x[i];
  return s;
}

/**
 * bᵀ A⁻ b with a generalized inverse, and rank(A), for a symmetric non-negative definite A: an LDLᵀ
 * decomposition in which a pivot ≤ toler × the largest diagonal element marks its dimension as redundant
 * and drops it (R survival's cholesky2/chsolve2 convention). Rank 0 gives value 0.
 */
export function generalizedQuadraticForm(
  a: readonly (readonly number[])[],
  b: readonly number[],
  toler = CHOLESKY_TOLERANCE,
): { value: number; rank: number } {
  const p = a.length;
  const m = a.map((row) => [...row]);
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(m[i][i]));
  const eps = maxDiag * toler;
  const kept = new Array<boolean>(p).fill(false);
  let rank = 0;
  // In-place LDLᵀ: m[i][i] = D_i, m[j][i] (j > i) = L_ji.
  for (let i = 0; i < p; i++) {
    const pivot = m[i][i];
    if (!(pivot > eps) || maxDiag === 0) {
      for (let j = i; j < p; j++) m[j][i] = 0;
      continue;
    }
    kept[i] = true;
    rank++;
    for (let j = i + 1; j < p; j++) {
      const temp = m[j][i] / pivot;
      m[j][i] = temp;
      m[j][j] -= temp * temp * pivot;
      for (let k = j + 1; k < p; k++) m[k][j] -= temp * m[k][i] * pivot;
    }
  }
  // Forward solve L y = b; value = Σ y_i² / D_i over kept pivots.
  const y = [...b];
  let value = 0;
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) y[i] -= m[i][k] * y[k];
    if (kept[i]) value += (y[i] * y[i]) / m[i][i];
  }
  return { value, rank };
}
