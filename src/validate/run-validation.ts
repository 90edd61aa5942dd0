/**
 * `remit validate` as a library: every case of every case file through its runner (src/validate/registry.ts)
 * and the comparison (src/validate/compare.ts), documented deviations applied (known-deviations.ts), and a
 * validation run id over the results and the environment. Pure given the case files and the software:
 * no wall-clock time, files and cases in a fixed order, so the same inputs give byte-identical outputs.
 *
 * Verdict and exit code: "pass" (exit 0) when no case fails; a case whose only non-passing checks are
 * listed known deviations within their bounds counts as "known deviation" and does not fail the run.
 * A case fails when any check is outside its tolerance, the case is malformed, no runner exists for its
 * method, the runner throws, or a field-specific tolerance key matches no field.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, RemitError, UsageError } from '../core/errors.ts';
import { sha256 } from '../pipeline/hash.ts';
import { softwareVersions } from '../pipeline/manifest.ts';
import { readCaseFile, type CaseFile, type LoadedCase } from './case-file.ts';
import { compareExpected, type Check, type CheckStatus } from './compare.ts';
import { KNOWN_DEVIATIONS, type KnownDeviation } from './known-deviations.ts';
import { runnerFor } from './registry.ts';
import { describeTolerance, isClose, type Tolerance } from './tolerance.ts';

/** The remit checkout (this file is src/validate/run-validation.ts). */
const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * `../shared/reference` beside the remit checkout, resolved from the repository root — not from the working
 * directory, so a report made from another folder states the same validation.
 */
export const DEFAULT_REFERENCE_DIR = join(REPO_ROOT, '..', 'shared', 'reference');

/**
 * remit's own cross-checks in the shared case format (test/references/README.md): the analytic MMRM
 * Satterthwaite df (R nlme + numDeriv), Farrington–Manning NI power and sample size (rpact), the arm ×
 * subgroup interaction LRT and logistic regression (R glm), the Chan exact unconditional test (SAS/StatXact
 * exact score limits). Repository-relative; .ci/run passes the same files to `remit validate --cases`
 * (test/validate/cross-check-cases.test.ts checks both lists against the folder).
 */
export const CROSS_CHECK_CASE_FILES: readonly string[] = [
  'test/references/mmrm/satterthwaite-r.json',
  'test/references/fm-power/fm-power-cases.json',
  'test/references/interaction-lrt/interaction-lrt-cases.json',
  'test/references/exact/exact-unconditional-cases.json',
];

export interface DeviationNote {
  fields: string;
  reason: string;
  crossCheck: string | null;
  bound: Readonly<Record<string, Tolerance>>;
}

export interface CaseResult {
  file: string;
  id: string;
  section: string;
  method: string;
  source: string | null;
  notes: string | null;
  toleranceNote: string | null;
  /** The public API call that produced the observed values (null without a runner). */
  api: string | null;
  status: CheckStatus;
  /** Why the case fails apart from its checks (malformed case, no runner, runner error, …). */
  problems: string[];
  deviations: DeviationNote[];
  checks: Check[];
}

export interface MethodSummary {
  file: string;
  method: string;
  api: string | null;
  mapping: string | null;
  cases: number;
  pass: number;
  knownDeviation: number;
  fail: number;
}

export interface ValidationEnvironment {
  remit: string;
  node: string;
  dependencies: Record<string, string>;
}

export interface ValidationTotals {
  cases: number;
  pass: number;
  knownDeviation: number;
  fail: number;
  checks: number;
}

export interface ValidationResult {
  /** First 12 hex digits of SHA-256 over everything below (results, case-file hashes, environment). */
  runId: string;
  verdict: 'pass' | 'fail';
  totals: ValidationTotals;
  environment: ValidationEnvironment;
  caseFiles: { file: string; sha256: string; cases: number }[];
  methods: MethodSummary[];
  cases: CaseResult[];
}

export interface CaseFileOptions {
  /** Folder whose *.json files are all case files (default DEFAULT_REFERENCE_DIR). */
  referenceDir?: string;
  /** Further case files, in the order given. */
  cases?: readonly string[];
}

/** Every case file to run: the reference folder's *.json (sorted by name), then the extra files. */
export function loadCaseFiles(options: CaseFileOptions = {}): CaseFile[] {
  const dir = options.referenceDir ?? DEFAULT_REFERENCE_DIR;
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DataError({ file: dir, line: null, column: null }, code === 'ENOENT' ? 'reference case folder not found (give it with --reference DIR)' : `cannot read the reference case folder (${code ?? String(e)})`);
  }
  const paths = [...names.map((n) => join(dir, n)), ...(options.cases ?? [])];
  const files = paths.map(readCaseFile);
  const seenPaths = new Set<string>();
  const seenNames = new Set<string>();
  paths.forEach((p, i) => {
    if (seenPaths.has(resolve(p))) throw new UsageError(`remit validate: case file ${p} is given twice`);
    if (seenNames.has(files[i].name)) throw new UsageError(`remit validate: two case files are named ${files[i].name}; results are reported by file name, so rename one`);
    seenPaths.add(resolve(p));
    seenNames.add(files[i].name);
  });
  return files;
}

/** Name of the value a check path ends in: `contrasts[visit=W4].df` → `df`, `correlation[2][5]` → `correlation`. */
function fieldName(path: string): string {
  return path.replace(/\[[^\]]*\]/g, '').split('.').pop() ?? path;
}

function withinBound(check: Check, bound: Tolerance | undefined): boolean {
  return bound !== undefined && typeof check.observed === 'number' && typeof check.expected === 'number' && isClose(check.observed, check.expected, bound);
}

/** Marks the failed checks a documented deviation covers; returns problems for stale entries. */
function applyDeviations(checks: Check[], entries: readonly KnownDeviation[]): string[] {
  const problems: string[] = [];
  for (const d of entries) {
    const covered = checks.filter((k) => d.fields.test(k.field));
    if (covered.length === 0) problems.push(`the known-deviation entry for fields ${d.fields.source} matches no field of this case (remove or fix it in src/validate/known-deviations.ts)`);
    for (const k of covered) {
      const bound = d.bound[fieldName(k.field)];
      if (k.status === 'pass') k.note = 'listed as a known deviation, but within the case tolerance (the entry can be removed)';
      else if (withinBound(k, bound)) {
        k.status = 'known-deviation';
        k.note = `outside tolerance, within the documented deviation bound (${describeTolerance(bound!)})`;
      } else k.note = `${k.note ?? 'fails'}; beyond the documented deviation bound (${bound === undefined ? 'none for this field' : describeTolerance(bound)})`;
    }
  }
  return problems;
}

function errorText(e: unknown): string {
  if (e instanceof RemitError) return e.message;
  return `internal error ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}

function caseStatus(problems: readonly string[], checks: readonly Check[]): CheckStatus {
  if (problems.length > 0 || checks.some((k) => k.status === 'fail')) return 'fail';
  return checks.some((k) => k.status === 'known-deviation') ? 'known-deviation' : 'pass';
}

/** Run one loaded case. Never throws: every problem becomes part of a failed result. */
export function runCase(file: string, loaded: LoadedCase, deviations: readonly KnownDeviation[] = KNOWN_DEVIATIONS): CaseResult {
  const c = loaded.case;
  const raw = (c ?? {}) as Partial<Record<string, unknown>>;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const base = {
    file,
    id: loaded.id,
    section: text(raw.section) ?? '',
    method: text(raw.method) ?? '',
    source: text(raw.source),
    notes: text(raw.notes),
    toleranceNote: c === null ? null : text(c.tolerance.note),
  };
  if (c === null) return { ...base, api: null, status: 'fail', problems: [`malformed case at ${loaded.locate()}: ${loaded.problem}`], deviations: [], checks: [] };
  const runner = runnerFor(c.method);
  if (runner === undefined) return { ...base, api: null, status: 'fail', problems: [`no runner for method "${c.method}"`], deviations: [], checks: [] };
  let observed: unknown;
  try {
    observed = runner.run(c);
  } catch (e) {
    return { ...base, api: runner.api, status: 'fail', problems: [`the runner could not compute the case at ${loaded.locate()}: ${errorText(e)}`], deviations: [], checks: [] };
  }
  const { checks, unusedToleranceKeys } = compareExpected(c.expected, observed, c.tolerance, runner);
  const problems = unusedToleranceKeys.map((k) => `tolerance.${k} matches no expected field (a misspelt key would silently fall back to abs/rel)`);
  if (checks.length === 0) problems.push('no value was compared');
  const entries = deviations.filter((d) => d.file === file && d.caseId === c.id);
  problems.push(...applyDeviations(checks, entries));
  const notes = entries.map((d) => ({ fields: d.fields.source, reason: d.reason, crossCheck: d.crossCheck, bound: d.bound }));
  return { ...base, api: runner.api, status: caseStatus(problems, checks), problems, deviations: notes, checks };
}

function summariseMethods(cases: readonly CaseResult[]): MethodSummary[] {
  const byKey = new Map<string, MethodSummary>();
  for (const c of cases) {
    const key = `${c.file}\u0000${c.method}`;
    let s = byKey.get(key);
    if (s === undefined) {
      const runner = runnerFor(c.method);
      s = { file: c.file, method: c.method, api: runner?.api ?? null, mapping: runner?.mapping ?? null, cases: 0, pass: 0, knownDeviation: 0, fail: 0 };
      byKey.set(key, s);
    }
    s.cases++;
    if (c.status === 'pass') s.pass++;
    else if (c.status === 'known-deviation') s.knownDeviation++;
    else s.fail++;
  }
  return [...byKey.values()];
}

export function validationEnvironment(): ValidationEnvironment {
  const v = softwareVersions();
  return { remit: v.remit, node: process.versions.node, dependencies: v.dependencies };
}

/** JSON with non-finite numbers kept visible ("NaN", "Infinity") instead of JSON.stringify's null. */
export function stableJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), indent);
}

/** Run every case of `files`. */
export function runValidation(files: readonly CaseFile[], environment: ValidationEnvironment = validationEnvironment()): ValidationResult {
  const cases = files.flatMap((f) => f.cases.map((loaded) => runCase(f.name, loaded)));
  const totals: ValidationTotals = {
    cases: cases.length,
    pass: cases.filter((c) => c.status === 'pass').length,
    knownDeviation: cases.filter((c) => c.status === 'known-deviation').length,
    fail: cases.filter((c) => c.status === 'fail').length,
    checks: cases.reduce((n, c) => n + c.checks.length, 0),
  };
  const body = {
    verdict: totals.fail === 0 && totals.cases > 0 ? ('pass' as const) : ('fail' as const),
    totals,
    environment,
    caseFiles: files.map((f) => ({ file: f.name, sha256: f.sha256, cases: f.cases.length })),
    methods: summariseMethods(cases),
    cases,
  };
  return { runId: sha256(stableJson(body)).slice(0, 12), ...body };
}

/** validation.json: the run id first, then everything it is computed over; 1-space indent, trailing newline. */
export function validationToJson(r: ValidationResult): string {
  const { runId, ...body } = r;
  return stableJson({ validationRunId: runId, ...body }, 1) + '\n';
}

/** The validation a report states: run in-process, or why it was not (the report is still produced). */
export type ReportValidation =
  | { status: 'run'; referenceDir: string; result: ValidationResult }
  | { status: 'not-run'; referenceDir: string; reason: string };

/**
 * Validation for the DSMB report's appendix, run in-process: every case of the reference folder plus remit's
 * cross-check case files ({@link CROSS_CHECK_CASE_FILES}), so the appendix covers every method the report
 * uses (the exact test, FM power and the interaction test included). About 0.2 s of CPU inside a report run;
 * the appendix states the validation of exactly the code that made the report rather than pointing at an
 * older validation.json. A missing or unreadable folder gives "not validated in this run" with the reason.
 * `referenceDir` in the result is the folder as the report names it: `../shared/reference` for the default
 * (never an absolute path, which would make the report depend on where the checkout is).
 */
export function validateForReport(options: { referenceDir?: string; cases?: readonly string[] } = {}): ReportValidation {
  const dir = options.referenceDir ?? DEFAULT_REFERENCE_DIR;
  const referenceDir = options.referenceDir ?? join('..', 'shared', 'reference');
  const cases = options.cases ?? CROSS_CHECK_CASE_FILES.map((f) => join(REPO_ROOT, f)).filter((f) => existsSync(f));
  if (!existsSync(dir)) return { status: 'not-run', referenceDir, reason: `no reference case folder at ${referenceDir}` };
  try {
    const result = runValidation(loadCaseFiles({ referenceDir: dir, cases: [...cases] }));
    if (result.totals.cases === 0) return { status: 'not-run', referenceDir, reason: `no reference cases in ${referenceDir}` };
    return { status: 'run', referenceDir, result };
  } catch (e) {
    if (e instanceof RemitError) return { status: 'not-run', referenceDir, reason: e.message };
    throw e;
  }
}
