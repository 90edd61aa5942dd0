/**
 * Thin helpers over ml-matrix (https://github.com/mljs/matrix) for dense, row-major `Float64Array`
 * matrices, the storage used in the hot loops of src/stats (MMRM). Decompositions are ml-matrix's;
 * only products and index bookkeeping are written here.
 */
import { CholeskyDecomposition, Matrix, QrDecomposition } from 'ml-matrix';

/** Inverse and log-determinant of a symmetric positive definite matrix. */
export interface SpdInverse {
  /** Row-major n × n inverse, exactly symmetric. */
  inverse: Float64Array;
  /** log det(A) = 2 Σ log Lᵢᵢ from the Cholesky factor. */
  logDet: number;
}

/**
 * Inverse and log-determinant of the symmetric n × n matrix `a` (row-major; only its lower triangle
 * is read, so rounding asymmetry is harmless) via ml-matrix's Cholesky decomposition; null when `a`
 * is not numerically positive definite.
 */
export function spdInverse(a: Float64Array, n: number): SpdInverse | null {
  const m = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) { m.set(i, j, a[i * n + j]); m.set(j, i, a[i * n + j]); }
  const chol = new CholeskyDecomposition(m);
  if (!chol.isPositiveDefinite()) return null;
  const l = chol.lowerTriangularMatrix;
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    const d = l.get(i, i);
    if (!(d > 0) || !Number.isFinite(d)) return null;
    logDet += 2 * Math.log(d);
  }
  const inv = chol.solve(Matrix.eye(n, n));
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = 0.5 * (inv.get(i, j) + inv.get(j, i));
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return { inverse: out, logDet };
}

/** y = A x for row-major A (rows × cols). */
export function matVec(a: Float64Array, rows: number, cols: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += a[i * cols + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** xᵀ A x for a row-major n × n matrix A. */
export function quadForm(a: Float64Array, n: number, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += a[i * n + j] * x[j];
    s += x[i] * r;
  }
  return s;
}

/** C = A B for row-major A (r × k) and B (k × c). */
export function matMul(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let l = 0; l < k; l++) {
      const ail = a[i * k + l];
      if (ail === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += ail * b[l * c + j];
    }
  }
  return out;
}

/**
 * Index of the first column of the row-major `rows × cols` matrix that is (numerically) a linear
 * combination of the columns before it, or −1 when the matrix has full column rank. Uses the
 * diagonal of ml-matrix's Householder QR: |Rₖₖ| is the norm of column k orthogonal to columns 0..k−1,
 * compared with `relTol` × the column's own norm.
 */
export function firstDependentColumn(x: Float64Array, rows: number, cols: number, relTol = 1e-9): number {
  const m = Matrix.from1DArray(rows, cols, Array.from(x));
  const r = new QrDecomposition(m).upperTriangularMatrix;
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += x[i * cols + k] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0 || Math.abs(r.get(k, k)) <= relTol * norm) return k;
  }
  return -1;
}
