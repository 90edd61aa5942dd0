/**
 * End-to-end: the full pipeline reproduces the committed reference run (reports/sample/) byte for byte,
 * `remit verify` passes on an untouched run and fails when one input byte changes, a fatal input writes
 * nothing, and the open report carries no treatment assignment or subject-level data.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { runTrial } from '../../analyses/run-all.ts';
import { findArmLeaks } from '../../src/report/blinding.ts';
import { capture } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';

test('npm run report reproduces the committed reports/sample/ byte for byte', async () => {
  const r = await runTrial({ dataDir: 'data/sample', planFile: 'analyses/plan.json', blinding: 'both' });
  const committed = (readdirSync('reports/sample', { recursive: true }) as string[]).filter((f) => statSync(join('reports/sample', f)).isFile());
  assert.equal([...r.files.keys()].sort(), [...committed].sort(), 'same file list');
  for (const [file, content] of r.files) {
    assert.ok(readFileSync(join('reports/sample', file)).equals(Buffer.from(content)), `${file} differs from the committed reference run (regenerate with npm run report)`);
  }
});

test('remit verify: exit 0 when the run reproduces, exit 1 after one input byte changes', async () => {
  const root = tempDir('remit-verify-');
  const data = join(root, 'data');
  const out = join(root, 'out');
  let io = capture();
  assert.is(await main(['simulate', '--subjects', '24', '--seed', '7', '--out', data], io), 0, io.errLines.join('\n'));
  io = capture();
  assert.is(await main(['run', '--data', data, '--plan', 'analyses/plan.json', '--out', out], io), 0, io.errLines.join('\n'));
  io = capture();
  assert.is(await main(['verify', out], io), 0, io.errLines.join('\n'));
  // Change one digit of one lab result.
  const lb = readFileSync(join(data, 'lb.csv'), 'utf8');
  const at = lb.search(/,\d\.\d/) + 1;
  const digit = lb[at];
  writeFileSync(join(data, 'lb.csv'), lb.slice(0, at) + (digit === '9' ? '8' : String(Number(digit) + 1)) + lb.slice(at + 1));
  io = capture();
  assert.is(await main(['verify', out], io), 1);
  assert.match(io.errLines[0], /input lb\.csv: SHA-256 differs/);
});

test('remit run: a fatal data problem exits 1 and leaves the previous outputs untouched', async () => {
  const root = tempDir('remit-fatal-');
  const data = join(root, 'data');
  const out = join(root, 'out');
  let io = capture();
  assert.is(await main(['simulate', '--subjects', '12', '--seed', '3', '--out', data], io), 0);
  assert.is(await main(['run', '--data', data, '--plan', 'analyses/plan.json', '--out', out], capture()), 0);
  const before = readFileSync(join(out, 'manifest.json'), 'utf8');
  const dm = readFileSync(join(data, 'dm.csv'), 'utf8').split('\n');
  dm[1] = dm[1].replace(/,MSC,|,MMF,/, ',XYZ,');
  writeFileSync(join(data, 'dm.csv'), dm.join('\n'));
  io = capture();
  assert.is(await main(['run', '--data', data, '--plan', 'analyses/plan.json', '--out', out], io), 1);
  assert.match(io.errLines[0], /^remit: dm\.csv:2:ARMCD: /);
  assert.is(readFileSync(join(out, 'manifest.json'), 'utf8'), before);
  assert.equal(readdirSync(root).sort(), ['data', 'out']);
});

test('open report: no arm label or code, no subject identifier', () => {
  const html = readFileSync('reports/sample/report-open.html', 'utf8');
  const plan = JSON.parse(readFileSync('analyses/plan.json', 'utf8')) as { study: { title: string }; report: { title: string } };
  const leaks = findArmLeaks(html, { armLabels: ['UC-MSC', 'MMF'], armCodes: ['MSC', 'MMF'], allowedPhrases: [plan.study.title, plan.report.title] });
  assert.equal(leaks, []);
  assert.not.match(html, /NCT03580291-\d/, 'no USUBJID in the open report');
  // Independent of the leak checker: the only places "MMF" may appear are inside the allowed titles.
  const masked = html.split(plan.report.title).join('').split(plan.study.title).join('');
  assert.not.match(masked, /\bMMF\b|\bMSC\b/);
});

test.run();
