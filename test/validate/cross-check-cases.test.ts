/**
 * remit's own R cross-checks in the shared case format (test/references/: the MMRM Satterthwaite df, section E;
 * Farrington–Manning NI power and sample size = rpact and the arm × subgroup interaction LRT / logistic
 * regression = R glm, section X) pass through `remit validate`: .ci/run's `validate --cases` line names every
 * case file under test/references/, and those files run with no failure; the FM and interaction files with
 * their exact case counts, every expected value checked; and a value moved just beyond its tolerance fails.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCaseFile, readCaseFile, type ReferenceCase } from '../../src/validate/case-file.ts';
import { runValidation, CROSS_CHECK_CASE_FILES } from '../../src/validate/run-validation.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCES = join(repoRoot, 'test', 'references');
const FM_POWER = 'test/references/fm-power/fm-power-cases.json';
const INTERACTION = 'test/references/interaction-lrt/interaction-lrt-cases.json';
const EXACT = 'test/references/exact/exact-unconditional-cases.json';

/** The case files of .ci/run's `npm run remit -- validate --cases … --out …` line, as written there. */
function ciCaseFiles(): string[] {
  const line = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8').match(/^npm run remit -- validate --cases (.+?) --out /m);
  assert.ok(line, '.ci/run has a `npm run remit -- validate --cases … --out` line');
  return line[1].trim().split(/\s+/);
}

/** Every *.json one folder below test/references/, repository-relative. */
function referenceCaseFiles(): string[] {
  return readdirSync(REFERENCES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(REFERENCES, d.name)).filter((f) => f.endsWith('.json')).map((f) => relative(repoRoot, join(REFERENCES, d.name, f))))
    .sort();
}

const casesOf = (path: string) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as ReferenceCase[];

/** Number of leaves of an `expected` object (these files have no keyed row arrays). */
function leaves(v: unknown): number {
  if (v !== null && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + leaves(x), 0);
  return 1;
}

const ci = runValidation(ciCaseFiles().map((p) => readCaseFile(join(repoRoot, p))));

test('.ci/run validates every case file under test/references/, and none fails', () => {
  assert.equal([...ciCaseFiles()].sort(), referenceCaseFiles());
  assert.equal([...CROSS_CHECK_CASE_FILES].sort(), referenceCaseFiles(), 'the report appendix validates the same files (src/validate/run-validation.ts)');
  assert.ok(referenceCaseFiles().includes(FM_POWER) && referenceCaseFiles().includes(INTERACTION));
  assert.is(ci.totals.cases, ciCaseFiles().reduce((n, p) => n + casesOf(p).length, 0), 'case count = sum over the files');
  assert.is(ci.totals.fail, 0, ci.cases.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.problems.join('; ')}`).join('\n'));
  assert.is(ci.verdict, 'pass');
});

test('Farrington–Manning = rpact: 15 cases (9 power, 6 sample size), all pass, every expected value checked', () => {
  const cases = ci.cases.filter((c) => c.file === 'fm-power-cases.json');
  assert.is(cases.length, 15);
  assert.is(cases.filter((c) => c.method === 'farrington_manning_ni_power').length, 9);
  assert.is(cases.filter((c) => c.method === 'farrington_manning_ni_samplesize').length, 6);
  assert.ok(cases.every((c) => c.status === 'pass' && c.section === 'X' && c.id.startsWith('X-fm-power-')));
  assert.is(cases.reduce((n, c) => n + c.checks.length, 0), casesOf(FM_POWER).reduce((n, c) => n + leaves(c.expected), 0));
  assert.match(cases[0].api ?? '', /^farringtonManningPower\(/);
});

test('interaction LRT and logistic regression = R glm: 8 cases (7 + 1), all pass, every expected value checked', () => {
  const cases = ci.cases.filter((c) => c.file === 'interaction-lrt-cases.json');
  assert.is(cases.length, 8);
  assert.is(cases.filter((c) => c.method === 'arm_subgroup_interaction_lrt').length, 7);
  assert.is(cases.filter((c) => c.method === 'logistic_regression').length, 1);
  assert.ok(cases.every((c) => c.status === 'pass' && c.section === 'X'));
  assert.is(cases.reduce((n, c) => n + c.checks.length, 0), casesOf(INTERACTION).reduce((n, c) => n + leaves(c.expected), 0));
  // The field-specific tolerance of the log odds ratio is the one applied (not the case's abs 1e-8).
  const lor = cases[0].checks.find((k) => k.field === 'log_odds_ratio')!;
  assert.equal([lor.tolerance?.abs, lor.tolerance?.basis], [1e-7, 'case log_odds_ratio_abs']);
});

test('Chan exact unconditional NI test = SAS 9.4 / StatXact 11 exact score limits: 4 cases, 6 limits, all pass', () => {
  const cases = ci.cases.filter((c) => c.file === 'exact-unconditional-cases.json');
  assert.is(cases.length, 4);
  assert.ok(cases.every((c) => c.status === 'pass' && c.section === 'X' && c.method === 'chan_exact_unconditional_score_limits'));
  assert.is(cases.reduce((n, c) => n + c.checks.length, 0), 6);
  assert.is(casesOf(EXACT).reduce((n, c) => n + leaves(c.expected), 0), 6);
  // StatXact's 5-decimal lower limit for 24/61 − 10/35 (−0.09922) one step (1e-5) off fails at abs 5e-6
  const moved = structuredClone(casesOf(EXACT).find((c) => c.id === 'X-exact-statxact-01')!);
  (moved.expected as { lower: number }).lower -= 1e-5;
  assert.is(runValidation([parseCaseFile(JSON.stringify([moved]), 'moved.json')]).cases[0].status, 'fail');
});

test('a value moved just beyond its tolerance fails (power, df, a logistic coefficient)', () => {
  const byId = (path: string, id: string) => structuredClone(casesOf(path).find((c) => c.id === id)!);
  const power = byId(FM_POWER, 'X-fm-power-02');
  (power.expected as { power: number }).power += 3e-9; // tolerance abs 1e-9
  const df = byId(INTERACTION, 'X-interaction-empty-arm');
  (df.expected as { df: number }).df = 2; // R: 1 df (the empty level is dropped)
  const hp = byId(INTERACTION, 'X-logistic-mtcars-am-wt-hp');
  (hp.expected as { coefficients: Record<string, number> }).coefficients.hp += 3e-7; // tolerance abs or rel 1e-7, the looser
  const r = runValidation([parseCaseFile(JSON.stringify([power, df, hp]), 'moved.json')]);
  assert.equal(r.cases.map((c) => [c.id, c.status, c.checks.filter((k) => k.status === 'fail').map((k) => k.field)]), [
    ['X-fm-power-02', 'fail', ['power']],
    ['X-interaction-empty-arm', 'fail', ['df']],
    ['X-logistic-mtcars-am-wt-hp', 'fail', ['coefficients.hp']],
  ]);
});

test.run();
