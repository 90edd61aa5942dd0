/**
 * `remit run` over the whole bad-input corpus (test/fixtures/bad/, table in test/helpers/bad-corpus.ts):
 * - a fatal data fault or a plan fault exits 1, names the same file:line:column and message as
 *   `remit check` on the first stderr line, and writes nothing (the output folder's parent stays empty);
 * - a warning-only fault does not stop the run (exit 0) and data-issues.csv lists exactly the expected
 *   warnings with their location (the ADLB derivation finds lab-unit problems again; each is listed once).
 * Warning-only runs use `--only disposition` to keep this file fast: every ADaM dataset is still derived,
 * but the 3-subject fixture is too small for the inferential analyses (a stratified test needs both arms
 * in some stratum). They use analyses/plan.json with `longitudinal.params` cut to PROT, the one lab
 * parameter every fixture has (a plan parameter without data is fatal at run time).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.ts';
import { badRoot, corpus, goodDir, isPlanFault, located, locatedIssue, type ExpectedIssue } from '../helpers/bad-corpus.ts';
import { capture } from '../helpers/output-folder.ts';

const scratch = mkdtempSync(join(tmpdir(), 'remit-run-corpus-'));
const smallPlan = join(scratch, 'plan.json');
{
  const plan = JSON.parse(readFileSync('analyses/plan.json', 'utf8')) as { longitudinal: { params: string[]; logTransform: string[] } };
  plan.longitudinal.params = ['PROT'];
  plan.longitudinal.logTransform = ['PROT'];
  writeFileSync(smallPlan, JSON.stringify(plan, null, 2));
}

/** A fresh, empty parent folder and the output folder path inside it (not created). */
function outFolder(): { parent: string; out: string } {
  const parent = mkdtempSync(join(scratch, 'run-'));
  return { parent, out: join(parent, 'out') };
}

async function run(data: string, plan: string, out: string, only: string[] = []): Promise<{ code: number; io: ReturnType<typeof capture> }> {
  const io = capture();
  const code = await main(['run', '--data', data, '--plan', plan, '--out', out, ...only], io);
  return { code, io };
}

for (const [name, expected] of Object.entries(corpus)) {
  const dir = join(badRoot, name);
  if (isPlanFault(expected)) {
    test(`run, plan fault ${name}: exit 1 naming plan.json:${expected.plan.line}:${expected.plan.column}; nothing written`, async () => {
      const { parent, out } = outFolder();
      const { code, io } = await run(goodDir, join(dir, 'plan.json'), out);
      assert.is(code, 1);
      assert.ok(io.errLines[0].startsWith(`remit: plan.json:${expected.plan.line}:${expected.plan.column}: `), io.errLines[0]);
      assert.equal(io.outLines, []);
      assert.equal(readdirSync(parent), [], 'nothing written in or next to the output folder');
    });
    continue;
  }
  const fatal = expected.find((e) => e[0] === 'fatal');
  if (fatal !== undefined) {
    test(`run, fatal fault ${name}: exit 1 with ${located(fatal[1], fatal[2], fatal[3], '…')}; nothing written`, async () => {
      const { parent, out } = outFolder();
      const { code, io } = await run(dir, 'analyses/plan.json', out);
      assert.is(code, 1);
      assert.is(io.errLines[0], `remit: ${locatedIssue(fatal)}`);
      assert.equal(io.outLines, []);
      assert.equal(readdirSync(parent), [], 'nothing written in or next to the output folder');
    });
    continue;
  }
  test(`run, warning-only fault ${name}: exit 0; data-issues.csv lists exactly the expected warning(s)`, async () => {
    const { out } = outFolder();
    const { code, io } = await run(dir, smallPlan, out, ['--only', 'disposition']);
    assert.is(code, 0, io.errLines.join('\n'));
    assert.match(io.outLines[0], new RegExp(`; ${expected.length} data warnings?;`));
    const rows = parse(readFileSync(join(out, 'data-issues.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const listed: ExpectedIssue[] = rows.map((r) => [r.severity as 'warning', r.file, r.line === '' ? null : Number(r.line), r.column === '' ? null : r.column, r.message]);
    assert.equal(listed, expected);
  });
}

test('run: a plan file that does not exist exits 1 naming it (not an internal error); nothing written', async () => {
  const { parent, out } = outFolder();
  const { code, io } = await run(goodDir, join(scratch, 'no-such-plan.json'), out);
  assert.is(code, 1);
  assert.is(io.errLines[0], `remit: no-such-plan.json: (root): cannot read the plan file ${join(scratch, 'no-such-plan.json')} (no such file)`);
  assert.equal(readdirSync(parent), []);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
