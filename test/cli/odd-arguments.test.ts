/**
 * The CLI on odd arguments: every case exits with a usage (2) or input (1) code and a one-line reason,
 * never an internal error (3), and nothing an input lives in is replaced by an output.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { goodDir } from '../helpers/bad-corpus.ts';
import { capture, folderHashes } from '../helpers/output-folder.ts';

const scratch = mkdtempSync(join(tmpdir(), 'remit-odd-args-'));
const data = join(scratch, 'lock');
cpSync(goodDir, data, { recursive: true });
const plan = 'analyses/plan.json';

async function run(argv: string[]): Promise<{ code: number; err: string[] }> {
  const io = capture();
  const code = await main(argv, io);
  return { code, err: io.errLines };
}

test('run / derive / check refuse an output that is or contains an input (it would be deleted or overwritten)', async () => {
  const before = folderHashes(data);
  for (const [argv, reason] of [
    [['run', '--data', data, '--plan', plan, '--out', data], `--out ${data} is the --data input`],
    [['run', '--data', data, '--plan', plan, '--out', scratch], `--out ${scratch} contains the --data input`],
    [['run', '--data', data, '--plan', plan, '--out', 'analyses'], '--out analyses contains the --plan input analyses/plan.json'],
    [['derive', '--data', data, '--plan', plan, '--out', `${data}/`], 'is the --data input'],
    [['check', '--data', data, '--out', join(data, 'dm.csv')], 'would overwrite an input or write into the data folder'],
    [['check', '--data', data, '--plan', plan, '--out', plan], 'would overwrite an input'],
  ] as const) {
    const r = await run([...argv]);
    assert.is(r.code, 2, argv.join(' '));
    assert.match(r.err[0], reason);
  }
  assert.equal(folderHashes(data), before);
  assert.ok(existsSync(plan));
});

test('commands that take options only refuse a stray argument; verify takes one folder and no options', async () => {
  for (const [argv, reason] of [
    [['run', '--data', data, '--plan', plan, '--out', join(scratch, 'o'), 'extra'], 'remit run: unexpected argument "extra"'],
    [['derive', '--data', data, '--plan', plan, '--out', join(scratch, 'o'), 'extra'], 'remit derive: unexpected argument "extra"'],
    [['verify', 'a', 'b'], 'remit verify: unexpected argument "b" (give one output folder)'],
    [['verify', '--out', 'a'], 'remit verify: unknown option --out (it takes no options)'],
  ] as const) {
    const r = await run([...argv]);
    assert.is(r.code, 2, argv.join(' '));
    assert.is(r.err[0], `remit: ${reason}`);
  }
  assert.not.ok(existsSync(join(scratch, 'o')));
});

test('verify: a manifest.json that is JSON but not a manifest is an input error naming the file and the key', async () => {
  const dir = join(scratch, 'not-an-output');
  mkdirSync(dir);
  const manifest = join(dir, 'manifest.json');
  for (const [text, problem] of [
    ['[]', '(root): must be an object'],
    ['{}', 'command: must be an object'],
    ['{"command":{"source":"sdtm","data":"d","plan":"p","only":null,"blinding":"both"}}', 'plan.sha256: must be a string'],
    ['{"command":{"source":"sdtm","data":"d","plan":"p","only":null,"blinding":"both"},"plan":{"sha256":"x"},"inputs":[],"outputs":{}}', 'outputs: must be a list of {file, sha256}'],
  ]) {
    writeFileSync(manifest, text);
    const r = await run(['verify', dir]);
    assert.is(r.code, 1, text);
    assert.is(r.err[0], `remit: ${manifest}: not a remit manifest: ${problem}`);
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
