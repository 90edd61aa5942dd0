/**
 * The CLI on odd arguments: every case exits with a usage (2) or input (1) code and a one-line reason,
 * never an internal error (3), and nothing an input lives in is replaced by an output.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
    assert.is(r.err[0], reason, 'the command is named once, not "remit: remit run: …"');
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

test('run --only with an empty analysis id (",", "", "a,,b") is a usage error, not "run everything"', async () => {
  for (const only of [',', '', 'disposition,,baseline', 'disposition,']) {
    const r = await run(['run', '--data', data, '--plan', plan, '--out', join(scratch, 'o'), '--only', only]);
    assert.is(r.code, 2, only);
    assert.equal(r.err, [`remit run: --only must be a comma-separated list of analysis ids, got "${only}" (leave --only out to run every analysis)`]);
  }
  assert.not.ok(existsSync(join(scratch, 'o')));
});

test('a usage error without a command context keeps the "remit: " prefix', async () => {
  const r = await run(['run', '--data', data, '--data', data]);
  assert.is(r.code, 2);
  assert.equal(r.err, ['remit: option --data is given twice']);
});

test('check / run on a data lock whose cm.csv is a FIFO: exit 1 naming the file, no hang, nothing written', async () => {
  const fifo = join(scratch, 'lock-fifo');
  cpSync(goodDir, fifo, { recursive: true });
  rmSync(join(fifo, 'cm.csv'));
  execFileSync('mkfifo', [join(fifo, 'cm.csv')]);
  const io = capture();
  assert.is(await main(['check', '--data', fifo], io), 1);
  assert.equal(io.errLines, ['remit check: 1 fatal problem and 0 warnings in all: rerun with --out FILE for the full listing', '  cm.csv: not a regular file (a FIFO, socket or device)']);
  const r = await run(['run', '--data', fifo, '--plan', plan, '--out', join(scratch, 'o')]);
  assert.is(r.code, 1);
  assert.equal(r.err, ['remit: cm.csv: not a regular file (a FIFO, socket or device)']);
  assert.not.ok(existsSync(join(scratch, 'o')));
});

test('check --out in a folder that cannot hold files (/proc): exit 1 naming the folder, not a raw ENOENT', async () => {
  if (!existsSync('/proc/self')) return; // not Linux: no procfs
  const r = await run(['check', '--data', data, '--out', '/proc/remit-issues.csv']);
  assert.is(r.code, 1);
  assert.equal(r.err, ['remit: /proc/remit-issues.csv: cannot write: the folder /proc does not exist or cannot hold new files; the previous file is unchanged']);
  // A folder to create under it: Node's recursive mkdirSync spins forever there; remit creates one level at a time.
  const nested = await run(['check', '--data', data, '--out', '/proc/remit-x/issues.csv']);
  assert.is(nested.code, 1);
  assert.equal(nested.err, ['remit: /proc/remit-x: cannot create the output folder: the folder /proc does not exist or cannot hold new files']);
});

test('verify: a manifest.json that is not JSON is an input error at manifest.json:line:column saying what was expected', async () => {
  const dir = join(scratch, 'corrupt-manifest');
  mkdirSync(dir);
  const manifest = join(dir, 'manifest.json');
  for (const [text, where, problem] of [
    ['{"command": {,}\n', '1:14', "expected a key in double quotes or '}', found ','"],
    ['{"runId": "abc"\n\n', '3:1', "expected ',' or '}', found the end of the file (the '{' at 1:1 is not closed)"],
    ['', '1:1', 'expected a value, found the end of the file (the file is empty)'],
  ]) {
    writeFileSync(manifest, text);
    const r = await run(['verify', dir]);
    assert.is(r.code, 1, text);
    assert.equal(r.err, [`remit: ${manifest}:${where}: not valid JSON: ${problem}`]);
  }
  assert.equal(readdirSync(dir), ['manifest.json']);
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
