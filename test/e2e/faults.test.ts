/**
 * Faults (issue 9 part 2) through the command line: an unwritable output folder, a full disk, and a plan
 * that references a parameter the data does not have (located at plan.json:line:column). Each is a typed
 * error (OutputError / PlanError) whose one stderr line names the path and the cause, exit code 1, and
 * nothing is (half-)written: the previous output folder is byte-identical and no leftover remains next to it.
 *
 * Tests run as root in CI and in this sandbox, where chmod does not stop writes. Then the permission case
 * runs `remit run` as user nobody through setpriv (skipped, with a note, if setpriv is missing); a path
 * under a regular file (ENOTDIR) is tested for every user. A real full disk and a read-only file system
 * are tmpfs mounts (size-limited / ro) when this process may mount (root with CAP_SYS_ADMIN); otherwise
 * those cases are skipped with a note, and the full disk is still covered by the injected ENOSPC of
 * test/pipeline/atomic-output.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.ts';
import { capture, folderHashes } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { lineColumnOf } from '../helpers/text-position.ts';

const Repo = resolve('.');
const Plan = join(Repo, 'analyses/plan.json');
const Only = ['--only', 'disposition'];
const isRoot = process.getuid?.() === 0;

const root = tempDir('remit-faults-');
chmodSync(root, 0o755); // readable by the unprivileged user of the permission case
const data = join(root, 'data');
const previous = join(root, 'previous');

async function setup(): Promise<void> {
  if (existsSync(previous)) return;
  let io = capture();
  assert.is(await main(['simulate', '--subjects', '12', '--seed', '5', '--out', data], io), 0, io.errLines.join('\n'));
  io = capture();
  assert.is(await main(['run', '--data', data, '--plan', Plan, '--out', previous, ...Only], io), 0, io.errLines.join('\n'));
}

async function run(out: string): Promise<{ code: number; err: string[] }> {
  const io = capture();
  const code = await main(['run', '--data', data, '--plan', Plan, '--out', out, ...Only], io);
  return { code, err: io.errLines };
}

function tryMount(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

function unmount(dir: string): void {
  spawnSync('umount', [dir], { stdio: 'ignore' });
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile()) n += s.size;
  }
  return n;
}

test('output under a regular file (ENOTDIR, any user): OutputError naming the folder, exit 1, nothing written', async () => {
  await setup();
  const dir = join(root, 'notdir');
  mkdirSync(dir);
  writeFileSync(join(dir, 'reports'), 'a file, not a folder');
  const r = await run(join(dir, 'reports', 'x'));
  assert.is(r.code, 1);
  assert.is(r.err[0], `remit: ${join(dir, 'reports')}: cannot create the output folder: a parent of the output path is not a folder`);
  assert.equal(readdirSync(dir), ['reports']);
});

test('unwritable output folder (chmod 555 on its parent): permission denied, exit 1, previous output unchanged', async () => {
  await setup();
  const parent = join(root, 'locked');
  mkdirSync(parent);
  cpSync(previous, join(parent, 'out'), { recursive: true });
  chmodSync(parent, 0o555);
  const out = join(parent, 'out');
  let code: number | null;
  let stderr: string;
  if (!isRoot) {
    const r = await run(out);
    code = r.code;
    stderr = r.err.join('\n');
  } else {
    // chmod does not bind root: run the CLI as user nobody (uid/gid 65534).
    const setpriv = spawnSync('setpriv', ['--version'], { stdio: 'ignore' });
    if (setpriv.status !== 0) {
      console.log('    (skipped the chmod case: running as root and setpriv is not available; the ENOTDIR case covers the error path)');
      return;
    }
    chmodSync(data, 0o755);
    const child = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'run', '--data', data, '--plan', Plan, '--out', out, ...Only], {
      cwd: Repo,
      env: { ...process.env, TZ: 'UTC', HOME: '/nonexistent' },
      encoding: 'utf8',
    });
    code = child.status;
    stderr = child.stderr;
  }
  assert.is(code, 1, stderr);
  assert.is(stderr.split('\n')[0], `remit: ${out}: cannot write outputs: permission denied (is the output folder writable?); the previous outputs are unchanged`);
  assert.equal(readdirSync(parent), ['out']);
  assert.equal(folderHashes(out), folderHashes(previous));
});

test('full disk (tmpfs with room for one output, not two): no space left on device, exit 1, previous output unchanged', async () => {
  await setup();
  const mnt = join(root, 'small-disk');
  const bytes = folderBytes(previous);
  // Room for the previous output and half of a new one (page-rounded, plus a page per file of slack).
  const size = Math.ceil((bytes * 1.5) / 4096) * 4096 + 4096 * 64;
  if (!tryMount(mnt, `size=${size}`)) {
    console.log('    (skipped the real full disk: mount is not permitted here; test/pipeline/atomic-output.test.ts injects ENOSPC instead)');
    return;
  }
  try {
    const out = join(mnt, 'out');
    cpSync(previous, out, { recursive: true });
    const r = await run(out);
    assert.is(r.code, 1, r.err.join('\n'));
    assert.match(r.err[0], new RegExp(`^remit: ${out}: cannot write outputs \\(writing [^)]+\\): no space left on device; the previous outputs are unchanged$`));
    assert.equal(readdirSync(mnt), ['out']);
    assert.equal(folderHashes(out), folderHashes(previous));
  } finally {
    unmount(mnt);
  }
});

test('read-only file system: OutputError "read-only file system", exit 1, previous output unchanged', async () => {
  await setup();
  const mnt = join(root, 'ro-disk');
  if (!tryMount(mnt, 'size=8m')) {
    console.log('    (skipped the read-only file system: mount is not permitted here)');
    return;
  }
  try {
    cpSync(previous, join(mnt, 'out'), { recursive: true });
    assert.is(spawnSync('mount', ['-o', 'remount,ro', mnt]).status, 0);
    const r = await run(join(mnt, 'out'));
    assert.is(r.code, 1);
    assert.is(r.err[0], `remit: ${join(mnt, 'out')}: cannot write outputs: read-only file system; the previous outputs are unchanged`);
    assert.equal(folderHashes(join(mnt, 'out')), folderHashes(previous));
  } finally {
    unmount(mnt);
  }
});

/** Distinct ADLB PARAMCDs of the earlier run's adam/adlb.csv other than `except`, sorted and joined as a PlanError lists them. */
function adlbParamsBut(except: string): string {
  const rows = parse(readFileSync(join(previous, 'adam', 'adlb.csv')), { columns: true }) as { PARAMCD: string }[];
  return [...new Set(rows.map((r) => r.PARAMCD))].filter((p) => p !== except).sort().join(', ');
}

test('plan parameter absent from the data (C4 removed from lb.csv): PlanError at plan.json:line:column naming the key path and parameter, exit 1, nothing written', async () => {
  await setup();
  const noC4 = join(root, 'data-no-c4');
  cpSync(data, noC4, { recursive: true });
  const lines = readFileSync(join(noC4, 'lb.csv'), 'utf8').split('\n');
  const kept = lines.filter((l) => !/^[^,]*,[^,]*,[^,]*,[^,]*,C4,/.test(l));
  assert.ok(kept.length < lines.length, 'the sample has C4 records to remove');
  writeFileSync(join(noC4, 'lb.csv'), kept.join('\n'));
  const dir = join(root, 'plan-fault');
  mkdirSync(dir);
  cpSync(previous, join(dir, 'out'), { recursive: true });
  const io = capture();
  const code = await main(['run', '--data', noC4, '--plan', Plan, '--out', join(dir, 'out'), ...Only], io);
  assert.is(code, 1);
  const planText = readFileSync(Plan, 'utf8');
  const plan = JSON.parse(planText) as { longitudinal: { params: string[] } };
  const k = plan.longitudinal.params.indexOf('C4');
  const present = adlbParamsBut('C4');
  assert.ok(present.includes('PROT'), present);
  assert.is(io.errLines[0], `remit: plan.json:${lineColumnOf(planText, '"C4"')}: longitudinal.params[${k}]: parameter "C4" has no records in ADLB (present: ${present}); remove it from the plan or add its results to lb.csv`);
  assert.equal(readdirSync(dir), ['out']);
  assert.equal(folderHashes(join(dir, 'out')), folderHashes(previous));
});

test('a plan naming a parameter the data lock lacks (UPCR, a misspelt PROTCRT): plan.json:line:column of the list element, exit 1, nothing written', async () => {
  await setup();
  const dir = join(root, 'plan-unknown-param');
  mkdirSync(dir);
  const planText = readFileSync(Plan, 'utf8').replace('"params": ["PROTCRT", "PROT",', '"params": ["PROTCRT", "UPCR", "PROT",');
  assert.ok(planText.includes('"UPCR"'));
  writeFileSync(join(dir, 'plan.json'), planText);
  const parent = join(dir, 'reports');
  mkdirSync(parent);
  const io = capture();
  const code = await main(['run', '--data', data, '--plan', join(dir, 'plan.json'), '--out', join(parent, 'out'), ...Only], io);
  assert.is(code, 1);
  assert.is(io.errLines[0], `remit: plan.json:${lineColumnOf(planText, '"UPCR"')}: longitudinal.params[1]: parameter "UPCR" has no records in ADLB (present: ${adlbParamsBut('')}); remove it from the plan or add its results to lb.csv`);
  assert.equal(io.outLines, []);
  assert.equal(readdirSync(parent), [], 'nothing written in or next to the output folder');
});

test('a plan arm without subjects (arms.experimental ["MSC", "MSC2"]): PlanError at plan.json:line:column of the arm for run --data, run --adam and derive, exit 1, nothing written', async () => {
  await setup();
  const dir = join(root, 'plan-empty-arm');
  mkdirSync(dir);
  // an ADaM folder of the same data lock, for run --adam
  let io = capture();
  assert.is(await main(['derive', '--data', data, '--plan', Plan, '--out', join(dir, 'derived')], io), 0, io.errLines.join('\n'));
  const planText = readFileSync(Plan, 'utf8').replace('"experimental": "MSC"', '"experimental": ["MSC", "MSC2"]');
  assert.ok(planText.includes('"MSC2"'));
  writeFileSync(join(dir, 'plan.json'), planText);
  const expected = `remit: plan.json:${lineColumnOf(planText, '"MSC2"')}: arms.experimental[1]: arm "MSC2" has no subject in ADSL (arms present: MMF, MSC); correct the arm code or remove the arm from the plan`;
  const parent = join(dir, 'reports');
  mkdirSync(parent);
  for (const argv of [
    ['run', '--data', data, '--plan', join(dir, 'plan.json'), '--out', join(parent, 'out')],
    ['run', '--adam', join(dir, 'derived', 'adam'), '--plan', join(dir, 'plan.json'), '--out', join(parent, 'out')],
    ['derive', '--data', data, '--plan', join(dir, 'plan.json'), '--out', join(parent, 'out')],
  ]) {
    io = capture();
    assert.is(await main(argv, io), 1, argv.join(' '));
    assert.equal(io.errLines, [expected], argv.join(' '));
    assert.equal(io.outLines, []);
    assert.equal(readdirSync(parent), [], `${argv.join(' ')}: nothing written in or next to the output folder`);
  }
});

test.run();
