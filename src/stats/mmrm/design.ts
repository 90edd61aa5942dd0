/**
 * MMRM step 1: validate the rows and build the model frame and design matrix
 * y ~ covariates + arm + visit + arm:visit (treatment contrasts, first level = reference; the column
 * order of R `model.matrix(~ cov + arm * visit)`), grouped by subject, plus the missingness patterns
 * (sets of observed visits) that share one Σ sub-block.
 */
import { InputError } from '../../core/errors.ts';
import { firstDependentColumn } from '../linalg.ts';
import type { MmrmRow } from './types.ts';

/** One subject's observed data: rows of X (row-major nᵢ × p) at visit indices `visits` (ascending). */
export interface SubjectBlock {
  subject: string;
  arm: number;
  visits: Int32Array;
  x: Float64Array;
  y: Float64Array;
  pattern: number;
}

/** A missingness pattern: the observed visit indices and the subjects that have exactly them. */
export interface Pattern {
  visits: Int32Array;
  subjects: number[];
}

export interface Design {
  visits: string[];
  arms: string[];
  covariateNames: string[];
  betaNames: string[];
  /** Number of fixed-effect columns. */
  p: number;
  /** Number of observations used. */
  n: number;
  subjects: SubjectBlock[];
  patterns: Pattern[];
  covariateMeans: number[];
}

/** Levels in the given order, else in order of first appearance; every value must be a level. */
function levels(values: string[], given: string[] | undefined, argument: string): string[] {
  if (given !== undefined) {
    if (!Array.isArray(given) || new Set(given).size !== given.length) throw new InputError(argument, 'must be an array of distinct strings');
    const known = new Set(given);
    const unknown = values.find((v) => !known.has(v));
    if (unknown !== undefined) throw new InputError(argument, `does not list "${unknown}", which occurs in rows`);
    return [...given];
  }
  return [...new Set(values)];
}

/** Design-matrix row for arm a, visit v, covariate values `cov` (length q). */
export function designRow(a: number, v: number, cov: ArrayLike<number>, nArms: number, nVisits: number): Float64Array {
  const q = cov.length;
  const p = 1 + q + (nArms - 1) + (nVisits - 1) + (nArms - 1) * (nVisits - 1);
  const row = new Float64Array(p);
  row[0] = 1;
  for (let j = 0; j < q; j++) row[1 + j] = cov[j];
  if (a > 0) row[q + a] = 1;
  if (v > 0) row[q + nArms - 1 + v] = 1;
  if (a > 0 && v > 0) row[q + nArms + nVisits - 2 + (v - 1) * (nArms - 1) + a] = 1;
  return row;
}

function columnNames(covariates: string[], arms: string[], visits: string[]): string[] {
  const names = ['(Intercept)', ...covariates];
  for (const a of arms.slice(1)) names.push(`arm${a}`);
  for (const v of visits.slice(1)) names.push(`visit${v}`);
  for (const v of visits.slice(1)) for (const a of arms.slice(1)) names.push(`arm${a}:visit${v}`);
  return names;
}

/** Checks types of one row and returns its covariate vector (in `names` order). */
function checkRow(r: MmrmRow, i: number, names: string[]): number[] {
  if (r === null || typeof r !== 'object') throw new InputError(`rows[${i}]`, 'must be an object');
  for (const k of ['subject', 'visit', 'arm'] as const) {
    if (typeof r[k] !== 'string' || r[k] === '') throw new InputError(`rows[${i}].${k}`, 'must be a non-empty string');
  }
  if (r.y !== null && typeof r.y !== 'number') throw new InputError(`rows[${i}].y`, 'must be a number or null');
  const keys = Object.keys(r.covariates ?? {});
  if (keys.length !== names.length || keys.some((k) => !names.includes(k))) {
    throw new InputError(`rows[${i}].covariates`, `must have exactly the covariates of rows[0] (${names.join(', ') || 'none'})`);
  }
  return names.map((k) => r.covariates[k]);
}

function isObserved(r: MmrmRow): boolean {
  return typeof r.y === 'number' && Number.isFinite(r.y);
}

/**
 * Validates `rows` and builds the design. Rows with missing y (null / NaN) are dropped; a subject
 * without any observed y does not enter the fit.
 * @throws InputError for malformed rows, duplicate subject × visit, a subject in two arms, fewer than
 * two arms, an arm × visit cell without observations, a missing covariate on an observed row, or a
 * rank-deficient design (e.g. a constant covariate).
 */
export function buildDesign(rows: readonly MmrmRow[], visitOrder?: string[], armOrder?: string[]): Design {
  if (!Array.isArray(rows) || rows.length === 0) throw new InputError('rows', 'must be a non-empty array');
  const covariateNames = Object.keys(rows[0]?.covariates ?? {});
  const covs = rows.map((r, i) => checkRow(r, i, covariateNames));
  const visits = levels(rows.map((r) => r.visit), visitOrder, 'visitOrder');
  const arms = levels(rows.map((r) => r.arm), armOrder, 'armOrder');
  if (arms.length < 2) throw new InputError('rows', `need at least two arms, found ${arms.length}`);
  const vIndex = new Map(visits.map((v, i) => [v, i]));
  const aIndex = new Map(arms.map((a, i) => [a, i]));

  const bySubject = new Map<string, number[]>();
  const seen = new Set<string>();
  const armOf = new Map<string, string>();
  rows.forEach((r, i) => {
    const key = `${r.subject}\u0000${r.visit}`;
    if (seen.has(key)) throw new InputError(`rows[${i}]`, `duplicate subject "${r.subject}" at visit "${r.visit}"`);
    seen.add(key);
    const prev = armOf.get(r.subject);
    if (prev !== undefined && prev !== r.arm) throw new InputError(`rows[${i}].arm`, `subject "${r.subject}" is in arms "${prev}" and "${r.arm}"`);
    armOf.set(r.subject, r.arm);
    if (!isObserved(r)) return;
    covs[i].forEach((c, j) => {
      if (typeof c !== 'number' || !Number.isFinite(c)) throw new InputError(`rows[${i}].covariates.${covariateNames[j]}`, 'must be a finite number');
    });
    const list = bySubject.get(r.subject) ?? [];
    list.push(i);
    bySubject.set(r.subject, list);
  });

  checkCells(rows, arms, visits);
  const q = covariateNames.length;
  const covariateMeans = new Array<number>(q).fill(0);
  let n = 0;
  for (const idx of bySubject.values()) for (const i of idx) { n++; covs[i].forEach((c, j) => (covariateMeans[j] += c)); }
  for (let j = 0; j < q; j++) covariateMeans[j] /= n;

  const betaNames = columnNames(covariateNames, arms, visits);
  const p = betaNames.length;
  const patternIndex = new Map<string, number>();
  const patterns: Pattern[] = [];
  const subjects: SubjectBlock[] = [];
  for (const [subject, idx] of bySubject) {
    idx.sort((s, t) => vIndex.get(rows[s].visit)! - vIndex.get(rows[t].visit)!);
    const vs = Int32Array.from(idx, (i) => vIndex.get(rows[i].visit)!);
    const a = aIndex.get(rows[idx[0]].arm)!;
    const x = new Float64Array(idx.length * p);
    idx.forEach((i, k) => x.set(designRow(a, vs[k], covs[i], arms.length, visits.length), k * p));
    const key = vs.join(',');
    let pat = patternIndex.get(key);
    if (pat === undefined) { pat = patterns.length; patternIndex.set(key, pat); patterns.push({ visits: vs, subjects: [] }); }
    patterns[pat].subjects.push(subjects.length);
    subjects.push({ subject, arm: a, visits: vs, x, y: Float64Array.from(idx, (i) => rows[i].y as number), pattern: pat });
  }
  checkRank(subjects, n, p, betaNames, q);
  return { visits, arms, covariateNames, betaNames, p, n, subjects, patterns, covariateMeans };
}

/** Every arm × visit cell needs at least one observed y (else its interaction is not estimable). */
function checkCells(rows: readonly MmrmRow[], arms: string[], visits: string[]): void {
  const filled = new Set(rows.filter(isObserved).map((r) => `${r.arm}\u0000${r.visit}`));
  for (const a of arms) {
    for (const v of visits) {
      if (!filled.has(`${a}\u0000${v}`)) throw new InputError('rows', `arm "${a}" has no observed y at visit "${v}"`);
    }
  }
}

function checkRank(subjects: SubjectBlock[], n: number, p: number, names: string[], q: number): void {
  if (n <= p) throw new InputError('rows', `${n} observations cannot estimate ${p} fixed effects`);
  const x = new Float64Array(n * p);
  let off = 0;
  for (const s of subjects) { x.set(s.x, off); off += s.x.length; }
  const k = firstDependentColumn(x, n, p);
  if (k < 0) return;
  const what = k >= 1 && k <= q ? `covariate "${names[k]}" is constant or collinear with earlier columns` : `column "${names[k]}" is collinear with earlier columns`;
  throw new InputError(k >= 1 && k <= q ? `covariates.${names[k]}` : 'rows', `design matrix is rank deficient: ${what}`);
}
