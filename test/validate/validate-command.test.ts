/**
 * `remit validate`: passes on the shared reference and lists every case (count = sum over the files), includes
 * the R cross-check file given with --cases, shows the two documented deviations as such, writes byte-identical
 * output twice; a deliberately wrong case (a copy with one expected value changed) exits 1 and the HTML shows
 * the failure; an unknown method fails as "no runner"; a deviation beyond its bound fails; a case file that is
 * not JSON exits 1 naming file, line and column, and writes nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { escapeHtml } from '../../src/report/escape.ts';
import type { ReferenceCase } from '../../src/validate/case-file.ts';
import { capture } from '../helpers/output-folder.ts';
import { referenceDir } from '../helpers/reference.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const CROSS_CHECK = 'test/references/mmrm/satterthwaite-r.json';

interface ValidationJson {
  validationRunId: string;
  verdict: string;
  totals: { cases: number; pass: number; knownDeviation: number; fail: number; checks: number };
  caseFiles: { file: string; cases: number }[];
  cases: { file: string; id: string; status: string; problems: string[]; deviations: { reason: string; crossCheck: string | null }[]; checks: { field: string; status: string; note: string | null }[] }[];
}

const root = tempDir('remit-validate-');
const readJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8')) as ValidationJson;
const referenceFiles = readdirSync(referenceDir()).filter((f) => f.endsWith('.json')).sort();
const casesOf = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ReferenceCase[];

async function validate(args: string[]): Promise<{ code: number; io: ReturnType<typeof capture> }> {
  const io = capture();
  const code = await main(['validate', '--reference', referenceDir(), ...args], io);
  return { code, io };
}

test('passes on the shared reference + the R cross-check, lists every case of every file, byte-identical twice', async () => {
  const a = join(root, 'a');
  const b = join(root, 'b');
  const first = await validate(['--cases', CROSS_CHECK, '--out', a]);
  assert.is(first.code, 0, first.io.errLines.join('\n'));
  assert.is((await validate(['--cases', CROSS_CHECK, '--out', b])).code, 0);
  for (const f of ['validation.json', 'validation.html']) {
    assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs between two runs`);
  }
  assert.equal(readdirSync(a).sort(), ['validation.html', 'validation.json']);

  const v = readJson(a);
  const expectedIds = [...referenceFiles.map((f) => join(referenceDir(), f)), CROSS_CHECK].flatMap((p) => casesOf(p).map((c) => c.id));
  assert.ok(expectedIds.length >= 197, `${expectedIds.length} cases`);
  assert.is(v.totals.cases, expectedIds.length, 'case count = sum over the files');
  assert.equal(v.cases.map((c) => c.id), expectedIds, 'every case listed, in file order');
  assert.equal(v.caseFiles.map((f) => f.file), [...referenceFiles, 'satterthwaite-r.json']);
  assert.is(v.verdict, 'pass');
  assert.is(v.totals.fail, 0);
  assert.ok(v.totals.checks > v.totals.cases);
  assert.match(first.io.outLines.at(-1)!, new RegExp(`${v.totals.cases} cases in ${referenceFiles.length + 1} files.*validation run id ${v.validationRunId}`));

  // The documented deviations: shown as such (not as a pass, not hidden), with the reason and the cross-check.
  const byId = (id: string) => v.cases.find((c) => c.id === id)!;
  const diff = byId('E-diff-satterthwaite');
  assert.is(diff.status, 'known-deviation');
  assert.is(diff.checks.filter((k) => k.status === 'known-deviation').length, 24, 'df, lower, upper, p at 6 visits');
  assert.ok(diff.checks.filter((k) => /\.(estimate|se|t)$/.test(k.field)).every((k) => k.status === 'pass'), 'estimate, SE and t still pass');
  assert.match(diff.deviations[0].reason, /appx-satterthwaite/);
  assert.match(diff.deviations[0].crossCheck!, /E-diff-satterthwaite-analytic-R/);
  assert.equal(byId('E-mmrm-fit').checks.filter((k) => k.status !== 'pass').map((k) => k.field), ['correlation[2][5]', 'correlation[5][2]']);
  assert.is(byId('E-diff-satterthwaite-analytic-R').status, 'pass');
  assert.is(byId('E-mmrm-fit-reml-optimum-R').status, 'pass');

  const html = readFileSync(join(a, 'validation.html'), 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.not.match(html, /<script|https?:\/\//);
  for (const id of expectedIds) assert.ok(html.includes(`${escapeHtml(id)} — `), `case ${id} listed in the HTML`);
  assert.match(html, /Known deviations/);
  assert.match(html, /No case fails\./);
});

test('a deliberately wrong case (copy of a reference case, one expected value changed) exits 1 and the HTML shows it', async () => {
  const original = casesOf(join(referenceDir(), 'A_riskdiff_ci.json')).find((c) => c.id === 'A-pub-mn-a')!;
  const wrong = { ...original, expected: { ...original.expected, upper: 0.3482 } };
  const file = join(root, 'wrong-case.json');
  writeFileSync(file, JSON.stringify([wrong]));
  const out = join(root, 'wrong');
  const { code, io } = await validate(['--cases', file, '--out', out]);
  assert.is(code, 1);
  assert.match(io.errLines[0], /^remit validate: FAIL: 1 case fails; first: wrong-case\.json A-pub-mn-a: upper: expected 0\.3482, observed 0\.338\d+/);
  const v = readJson(out);
  assert.is(v.verdict, 'fail');
  assert.is(v.totals.fail, 1);
  const failed = v.cases.find((c) => c.file === 'wrong-case.json')!;
  assert.equal(failed.checks.map((k) => [k.field, k.status]), [['lower', 'pass'], ['upper', 'fail']]);
  assert.is(v.cases.find((c) => c.file === 'A_riskdiff_ci.json' && c.id === 'A-pub-mn-a')!.status, 'pass', 'the original still passes');
  const html = readFileSync(join(out, 'validation.html'), 'utf8');
  assert.match(html, /VALIDATION FAIL/);
  assert.match(html, /Failures \(1 case\)/);
  assert.match(html, /wrong-case\.json · A-pub-mn-a · upper<\/th><td>0\.3482<\/td>/);
  assert.match(html, /A-pub-mn-a — FAIL/);
});

test('an unknown method is a failure "no runner for method X", never skipped; a malformed case fails too', async () => {
  const empty = join(root, 'empty-reference');
  mkdirSync(empty);
  const file = join(root, 'unknown.json');
  writeFileSync(file, JSON.stringify([
    { id: 'X-1', section: 'X', method: 'no_such_method', inputs: {}, expected: { value: 1 }, tolerance: { abs: 0 }, source: 'made up' },
    { id: 'X-2', section: 'X', method: 'wald', inputs: {}, expected: {}, tolerance: { abs: 0 }, source: 'made up' },
    { id: 'X-3', section: 'X', method: 'wald', inputs: { x1: 1, n1: 0, x2: 1, n2: 5, conf_level: 0.95 }, expected: { lower: 0 }, tolerance: { abs: 0 }, source: '<script>alert(1)</script>' },
  ]));
  const out = join(root, 'unknown');
  const io = capture();
  const code = await main(['validate', '--reference', empty, '--cases', file, '--out', out], io);
  assert.is(code, 1);
  const v = readJson(out);
  assert.equal(v.cases.map((c) => [c.id, c.status]), [['X-1', 'fail'], ['X-2', 'fail'], ['X-3', 'fail']]);
  assert.equal(v.cases[0].problems, ['no runner for method "no_such_method"']);
  // JSON.stringify without indentation: the whole file is line 1, entry k starts after the previous one
  const text = readFileSync(file, 'utf8');
  const at = (id: string) => `unknown.json:1:${text.indexOf(`{"id":"${id}"`) + 1}`;
  assert.equal(v.cases[1].problems, [`malformed case at ${at('X-2')}: "expected" is empty: the case would check nothing`]);
  assert.match(v.cases[2].problems[0], new RegExp(`^the runner could not compute the case at ${at('X-3')}: n1: `));
  const html = readFileSync(join(out, 'validation.html'), 'utf8');
  assert.match(html, /FAIL: no runner for method &quot;no_such_method&quot;/);
  assert.not.match(html, /<script>/);
});

test('a documented deviation beyond its bound fails (a regression cannot hide behind the entry)', async () => {
  const dir = join(root, 'deviation-reference');
  mkdirSync(dir);
  const cases = casesOf(join(referenceDir(), 'E_mmrm.json'));
  const c = cases.find((x) => x.id === 'E-diff-satterthwaite')! as ReferenceCase<Record<string, unknown>, { contrasts: { visit: string; df: number }[] }>;
  c.expected.contrasts.find((k) => k.visit === 'W16')!.df = 60; // ours 103.0: 72 % away, beyond the bound rel 0.2
  writeFileSync(join(dir, 'E_mmrm.json'), JSON.stringify([c]));
  const out = join(root, 'deviation');
  const io = capture();
  assert.is(await main(['validate', '--reference', dir, '--out', out], io), 1);
  const checks = readJson(out).cases[0].checks;
  const w16 = checks.find((k) => k.field === 'contrasts[visit=W16, contrast=Active - Control].df')!;
  assert.is(w16.status, 'fail');
  assert.match(w16.note!, /beyond the documented deviation bound \(rel 0\.2\)/);
  assert.is(checks.filter((k) => k.status === 'known-deviation').length, 23, 'the other listed values stay known deviations');
});

test('a case file that is not JSON: exit 1 naming file, line and column; nothing written', async () => {
  const file = join(root, 'broken.json');
  writeFileSync(file, '[\n  { "id": "x",\n    "method": wald }\n]\n');
  const out = join(root, 'broken');
  const io = capture();
  assert.is(await main(['validate', '--reference', join(root, 'empty-reference'), '--cases', file, '--out', out], io), 1);
  assert.match(io.errLines[0], /^remit: broken\.json:3:\d+: not valid JSON/);
  assert.not.ok(existsSync(out));
});

test('usage errors: --out missing, a repeated option, an argument without --cases (exit 2)', async () => {
  assert.is((await validate([])).code, 2);
  assert.is((await validate(['--out', join(root, 'x'), '--out', join(root, 'y')])).code, 2);
  const stray = await validate(['extra.json', '--out', join(root, 'z')]);
  assert.is(stray.code, 2);
  assert.match(stray.io.errLines[0], /case files go after --cases/);
});

test.run();
