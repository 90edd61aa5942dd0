/** run / derive / simulate / validate never replace a folder they did not write unless --force (src/cli/args.ts refuseToClobber). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { capture } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const root = tempDir('remit-clobber-');
const data = join(root, 'data');
const precious = join(root, 'documents');
mkdirSync(precious);
writeFileSync(join(precious, 'thesis.txt'), 'do not delete');

test('setup: a small simulated lock', async () => {
  const io = capture();
  assert.is(await main(['simulate', '--subjects', '12', '--seed', '3', '--out', data], io), 0, io.errLines.join('\n'));
});

for (const [command, extra] of [['run', ['--only', 'disposition']], ['derive', []]] as const) {
  test(`${command}: a non-empty folder without remit output is refused (exit 2, untouched); --force replaces it`, async () => {
    let io = capture();
    const args = [command, '--data', data, '--plan', 'analyses/plan.json', '--out', precious, ...extra];
    assert.is(await main(args, io), 2);
    assert.match(io.errLines.join('\n'), 'holds no earlier remit output');
    assert.is(readFileSync(join(precious, 'thesis.txt'), 'utf8'), 'do not delete');
    // A folder a previous run wrote is replaced without --force.
    const own = join(root, `own-${command}`);
    io = capture();
    assert.is(await main([command, '--data', data, '--plan', 'analyses/plan.json', '--out', own, ...extra], io), 0, io.errLines.join('\n'));
    io = capture();
    assert.is(await main([command, '--data', data, '--plan', 'analyses/plan.json', '--out', own, ...extra], io), 0, io.errLines.join('\n'));
  });
}

test('--force replaces a foreign folder', async () => {
  const target = join(root, 'forced');
  mkdirSync(target);
  writeFileSync(join(target, 'x.txt'), 'x');
  const io = capture();
  assert.is(await main(['derive', '--data', data, '--plan', 'analyses/plan.json', '--out', target, '--force'], io), 0, io.errLines.join('\n'));
  assert.not.ok(existsSync(join(target, 'x.txt')));
  assert.ok(existsSync(join(target, 'adam', 'adsl.csv')));
});

test('validate: never over the reference folder or a foreign folder', async () => {
  let io = capture();
  assert.is(await main(['validate', '--out', '../shared/reference'], io), 2);
  assert.match(io.errLines.join('\n'), 'is the --reference input');
  assert.ok(existsSync('../shared/reference/A_riskdiff_ci.json'));
  io = capture();
  assert.is(await main(['validate', '--out', precious], io), 2);
  assert.is(readFileSync(join(precious, 'thesis.txt'), 'utf8'), 'do not delete');
});

test.run();
