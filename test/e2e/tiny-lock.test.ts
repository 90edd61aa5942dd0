/**
 * A lock too small for inference (4 subjects, e.g. an early interim look) still gives a report: an MMRM whose
 * standard errors or Satterthwaite df are not positive finite numbers is reported as not estimable with the
 * reason (src/stats/mmrm/lsmeans.ts), never as NaN limits that stopped the run with
 * `records: statistic "lower" must be a finite number, got null`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArdRecord } from '../../src/core/ard.ts';
import { main } from '../../src/cli/main.ts';
import { capture } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';

test('4-subject lock: run exits 0; the MMRMs without inference say "inference not estimable" and carry no limits', async () => {
  const root = tempDir('remit-tiny-');
  const io = capture();
  assert.is(await main(['simulate', '--subjects', '4', '--seed', '2', '--out', join(root, 'data')], io), 0, io.errLines.join('\n'));
  assert.is(await main(['run', '--data', join(root, 'data'), '--plan', 'analyses/plan.json', '--out', join(root, 'out')], io), 0, io.errLines.join('\n'));
  const ard = JSON.parse(readFileSync(join(root, 'out', 'results', 'longitudinal.json'), 'utf8')) as ArdRecord[];
  const failed = ard.filter((r) => r.analysis === 'longitudinal-mmrm' && r.statistic === 'message' && String(r.value).includes('inference not estimable'));
  assert.ok(failed.length > 0, 'at least one MMRM is not estimable on 4 subjects');
  for (const m of failed) {
    const converged = ard.find((r) => r.analysis === m.analysis && r.parameter === m.parameter && r.statistic === 'converged');
    assert.is(converged?.value, 0, `${m.parameter}: converged = 0`);
    assert.not.ok(ard.some((r) => r.analysis === m.analysis && r.parameter === m.parameter && r.statistic === 'lower'), `${m.parameter}: no limits`);
  }
  assert.match(readFileSync(join(root, 'out', 'report.html'), 'utf8'), 'inference not estimable');
});

test.run();
