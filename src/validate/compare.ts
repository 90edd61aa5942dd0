/**
 * Compares a runner's observed values with a case's `expected`, field by field. The expected object is
 * walked to every leaf; each leaf becomes one check at the same path in the observed object:
 * - number or null: within tolerance (src/validate/tolerance.ts); null = "undefined / not reached";
 * - string or boolean: equal;
 * - arrays of rows that carry key fields (the runner's `keys`, e.g. `group`, `visit`): each expected row is
 *   matched with the observed row of equal keys, so the runner need not know the reference's row order;
 *   the key fields identify the row and are not counted as checks. Other arrays are compared by index.
 * A leaf the runner did not produce is a failed check ("no observed value"), never skipped.
 *
 * Tolerance of a leaf named `f` (the nearest object key), first that applies:
 * 1. the runner's field rule for `f` (with its reason, e.g. a statistic the software prints rounded);
 * 2. the case's field-specific `<p>_abs` / `<p>_rel` (README: "a few cases carry a field-specific
 *    tolerance", e.g. `df_rel`), where p = `f` or the runner's alias for `f`; they replace abs/rel;
 * 3. the case's `abs` / `rel`.
 * A field-specific tolerance key that matches no field is reported (a misspelt key must not silently
 * fall back to another tolerance).
 */
import { describeTolerance, isClose, type Tolerance } from './tolerance.ts';

export type CheckStatus = 'pass' | 'fail' | 'known-deviation';
export type Leaf = number | string | boolean | null;

export interface AppliedTolerance extends Tolerance {
  /** Where the tolerance comes from: "case", "case df_rel", "runner: <reason>". */
  basis: string;
}

export interface Check {
  /** Path of the value in `expected`, e.g. `upper`, `contrasts[visit=W24].df`, `correlation[2][5]`. */
  field: string;
  expected: Leaf;
  /** undefined: the runner produced no value at this path. */
  observed: Leaf | undefined;
  /** |observed − expected| when both are numbers. */
  difference: number | null;
  /** null for string / boolean comparisons. */
  tolerance: AppliedTolerance | null;
  status: CheckStatus;
  note: string | null;
}

export interface ComparisonRules {
  /** Field names that identify a row in an array of rows (matched, not compared). */
  keys?: readonly string[];
  /** Runner-declared tolerance for a field, with the reason it differs from the case's. */
  fieldTolerance?: Readonly<Record<string, Tolerance & { reason: string }>>;
  /** Field name → prefix of its field-specific case tolerance (`geometric_mean_lower95` → `geometric_mean_ci`). */
  toleranceAlias?: Readonly<Record<string, string>>;
}

/** A JSON object (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function keyText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The case's tolerance for the field named `prefix`: its field-specific `<prefix>_abs` / `<prefix>_rel` when
 * the case has either (they replace abs/rel), else its `abs` / `rel`; `keys` = the field-specific keys used.
 */
export function caseFieldTolerance(caseTolerance: Readonly<Record<string, unknown>>, prefix: string): { tolerance: Tolerance; keys: string[] } {
  const num = (k: string) => (typeof caseTolerance[k] === 'number' ? (caseTolerance[k] as number) : undefined);
  const keys = [`${prefix}_abs`, `${prefix}_rel`].filter((k) => num(k) !== undefined);
  if (keys.length > 0) return { tolerance: { abs: num(`${prefix}_abs`), rel: num(`${prefix}_rel`) }, keys };
  return { tolerance: { abs: num('abs'), rel: num('rel') }, keys };
}

class Comparison {
  readonly checks: Check[] = [];
  private readonly usedToleranceKeys = new Set<string>();
  private readonly keys: readonly string[];

  constructor(
    private readonly caseTolerance: Readonly<Record<string, unknown>>,
    private readonly rules: ComparisonRules,
  ) {
    this.keys = rules.keys ?? [];
  }

  /** Field-specific tolerance keys of the case that no leaf used. */
  unusedToleranceKeys(): string[] {
    return Object.keys(this.caseTolerance).filter((k) => !['abs', 'rel', 'note'].includes(k) && !this.usedToleranceKeys.has(k));
  }

  private toleranceFor(field: string): AppliedTolerance {
    const rule = this.rules.fieldTolerance?.[field];
    if (rule !== undefined) return { abs: rule.abs, rel: rule.rel, basis: `runner: ${rule.reason}` };
    const { tolerance, keys } = caseFieldTolerance(this.caseTolerance, this.rules.toleranceAlias?.[field] ?? field);
    keys.forEach((k) => this.usedToleranceKeys.add(k));
    return { ...tolerance, basis: keys.length > 0 ? `case ${keys.join(', ')}` : 'case' };
  }

  private leaf(expected: Leaf, observed: unknown, path: string, field: string, missingNote: string): void {
    const isLeaf = observed === null || ['number', 'string', 'boolean'].includes(typeof observed);
    const obs = isLeaf ? (observed as Leaf) : undefined;
    if (typeof expected === 'number' || expected === null) {
      const tolerance = this.toleranceFor(field);
      const difference = typeof obs === 'number' && typeof expected === 'number' ? Math.abs(obs - expected) : null;
      let note: string | null = null;
      let ok = false;
      if (obs === undefined) note = observed === undefined ? missingNote : `observed value is not a number: ${JSON.stringify(observed)}`;
      else if (typeof obs !== 'number' && obs !== null) note = `observed value is not a number: ${JSON.stringify(obs)}`;
      else {
        ok = isClose(obs, expected, tolerance);
        if (!ok) note = expected === null ? 'expected null (undefined / not reached)' : obs === null ? 'observed null (undefined) where a value is expected' : `outside tolerance (${describeTolerance(tolerance)})`;
      }
      this.checks.push({ field: path, expected, observed: obs, difference, tolerance, status: ok ? 'pass' : 'fail', note });
      return;
    }
    const ok = obs !== undefined && obs === expected;
    const note = ok ? null : obs === undefined ? missingNote : 'not equal';
    this.checks.push({ field: path, expected, observed: obs, difference: null, tolerance: null, status: ok ? 'pass' : 'fail', note });
  }

  walk(expected: unknown, observed: unknown, path: string, field: string, missingNote = 'no observed value'): void {
    if (Array.isArray(expected)) {
      const keyed = expected.length > 0 && expected.every((r) => isObject(r) && this.keys.some((k) => k in r));
      expected.forEach((item, i) => {
        if (!keyed) {
          this.walk(item, Array.isArray(observed) ? observed[i] : undefined, `${path}[${i}]`, field, missingNote);
          return;
        }
        const row = item as Record<string, unknown>;
        const keyFields = this.keys.filter((k) => k in row);
        const label = keyFields.map((k) => `${k}=${keyText(row[k])}`).join(', ');
        const match = Array.isArray(observed) ? observed.find((o) => isObject(o) && keyFields.every((k) => sameValue(o[k], row[k]))) : undefined;
        const note = match === undefined ? `no observed row with ${label}` : missingNote;
        for (const [k, v] of Object.entries(row)) {
          if (keyFields.includes(k)) continue;
          this.walk(v, isObject(match) ? match[k] : undefined, `${path}[${label}].${k}`, k, note);
        }
      });
      return;
    }
    if (isObject(expected)) {
      for (const [k, v] of Object.entries(expected)) {
        this.walk(v, isObject(observed) ? observed[k] : undefined, path === '' ? k : `${path}.${k}`, k, missingNote);
      }
      return;
    }
    this.leaf(expected as Leaf, observed, path, field, missingNote);
  }
}

/**
 * Every leaf of `expected` checked against `observed`.
 * @returns the checks in the order of `expected`, and the case's field-specific tolerance keys that matched no field.
 */
export function compareExpected(
  expected: Readonly<Record<string, unknown>>,
  observed: unknown,
  caseTolerance: Readonly<Record<string, unknown>>,
  rules: ComparisonRules = {},
): { checks: Check[]; unusedToleranceKeys: string[] } {
  const c = new Comparison(caseTolerance, rules);
  c.walk(expected, observed, '', '');
  return { checks: c.checks, unusedToleranceKeys: c.unusedToleranceKeys() };
}
