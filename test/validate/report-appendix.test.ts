/**
 * The DSMB report appendix states the software validation of the run (analyses/appendix.ts + src/validate
 * validateForReport): the committed sample reports carry the summary table and the validation run id that
 * `remit validate` gives on the same reference folder; without reference cases the appendix says
 * "not validated in this run" instead of leaving the line out.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { capture } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { appendixSection } from '../../analyses/appendix.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import { softwareVersions } from '../../src/pipeline/manifest.ts';
import { CROSS_CHECK_CASE_FILES, loadCaseFiles, runValidation, validateForReport } from '../../src/validate/run-validation.ts';
import { referenceDir } from '../helpers/reference.ts';

test('the committed sample reports carry the validation run id of the current software, reference cases and cross-check case files', () => {
  const r = runValidation(loadCaseFiles({ referenceDir: referenceDir(), cases: [...CROSS_CHECK_CASE_FILES] }));
  // Every method the report uses is covered: the exact test, FM power and the interaction test included.
  for (const m of ['chan_exact_unconditional_score_limits', 'farrington_manning_ni_power', 'arm_subgroup_interaction_lrt']) assert.ok(r.methods.some((x) => x.method === m), m);
  assert.is(r.verdict, 'pass');
  for (const file of ['report.html', 'report-open.html']) {
    const html = readFileSync(join('reports/sample', file), 'utf8');
    const appendix = html.slice(html.indexOf('<section class="report-section" id="appendix">'));
    assert.ok(appendix.includes(`Software validation passed in this run: validation run id ${r.runId}.`), `${file}: run id ${r.runId}`);
    assert.ok(appendix.includes(`Each of the ${r.totals.cases} reference cases`), file);
    assert.match(appendix, /<figure class="report-table" id="table-validation-summary">/);
    for (const m of r.methods) {
      assert.ok(appendix.includes(`<th scope="row" class="indent-0">${m.method}</th><td>${m.file}</td><td>${m.cases}</td><td>${m.pass}</td><td>${m.knownDeviation}</td><td>${m.fail}</td>`), `${file}: ${m.method}`);
    }
  }
});

test('no reference folder: "not validated in this run" with the reason, and no summary table', () => {
  const v = validateForReport({ referenceDir: '/nonexistent/reference' });
  assert.equal(v, { status: 'not-run', referenceDir: '/nonexistent/reference', reason: 'no reference case folder at /nonexistent/reference' });
  const planText = readFileSync('analyses/plan.json', 'utf8');
  const section = appendixSection({
    plan: loadPlan(planText, 'plan.json'),
    planText,
    inputs: [],
    issues: [],
    runId: '000000000000',
    versions: softwareVersions(),
    mode: 'closed',
    analyses: [],
    validation: v,
  });
  const texts = section.blocks.flatMap((b) => (b.kind === 'text' ? b.paragraphs : []));
  assert.ok(texts.some((p) => p.startsWith('Software validation: not validated in this run (no reference case folder at /nonexistent/reference).')), texts.join('\n'));
  assert.not.ok(section.blocks.some((b) => b.kind === 'table'));
});

test('the appendix does not depend on the working directory: a run from another folder states the same validation', async () => {
  const root = tempDir('remit-cwd-');
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(elsewhere);
  const repo = process.cwd();
  const io = capture();
  process.chdir(elsewhere);
  let code: number;
  try {
    code = await main(['run', '--data', join(repo, 'data/sample'), '--plan', join(repo, 'analyses/plan.json'), '--out', join(root, 'out'), '--blinding', 'open'], io);
  } finally {
    process.chdir(repo);
  }
  assert.is(code, 0, io.errLines.join('\n'));
  assert.is(readFileSync(join(root, 'out', 'report-open.html'), 'utf8'), readFileSync('reports/sample/report-open.html', 'utf8'));
});

test.run();
