/**
 * src/pipeline/atomic-output.ts: replacement, recovery of each kind of leftover, and the failures a user
 * can meet (unwritable parent, full disk — the latter by an injected fs whose writes fail with ENOSPC,
 * as a real full disk needs a mount; test/e2e/faults.test.ts uses a real tmpfs when it may mount one).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFs, recoverOutputFolder, siblingPath, writeFileAtomically, writeOutputFolder, type OutputFs } from '../../src/pipeline/atomic-output.ts';
import { OutputError } from '../../src/core/errors.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A pid that is certainly not running (above the kernel's pid_max of 4194304). */
const DeadPid = 9_999_999;

function tmp(): string {
  return tempDir('remit-out-');
}

function errno(code: string, path: string): Error {
  return Object.assign(new Error(`${code}: simulated, write '${path}'`), { code, path });
}

test('writeOutputFolder: writes nested files and replaces the previous content entirely', () => {
  const root = tmp();
  const out = join(root, 'reports', 'x');
  writeOutputFolder(out, new Map([['a.txt', 'one'], ['sub/b.txt', 'two']]));
  assert.is(readFileSync(join(out, 'sub/b.txt'), 'utf8'), 'two');
  writeOutputFolder(out, new Map([['c.txt', 'three']]));
  assert.equal(readdirSync(out).sort(), ['c.txt']);
  assert.equal(readdirSync(join(root, 'reports')).sort(), ['x'], 'no partial, old or trash folders left');
});

test('leftovers of dead writers: partial and trash deleted, old deleted when the output exists', () => {
  const root = tmp();
  const out = join(root, 'r');
  writeOutputFolder(out, new Map([['keep.txt', 'previous']]));
  for (const kind of ['partial', 'old', 'trash'] as const) {
    mkdirSync(siblingPath(out, kind, DeadPid));
    writeFileSync(join(siblingPath(out, kind, DeadPid), 'half.txt'), 'half');
  }
  // A leftover of a live process (this one's parent) and an unrelated hidden folder are not touched.
  mkdirSync(siblingPath(out, 'partial', process.ppid));
  mkdirSync(join(root, '.r.notes'));
  recoverOutputFolder(out);
  assert.equal(readdirSync(root).sort(), ['.r.notes', `.r.partial-${process.ppid}`, 'r']);
  assert.is(readFileSync(join(out, 'keep.txt'), 'utf8'), 'previous');
});

test('a kill between the two renames: the previous output is renamed back, then replaced', () => {
  const root = tmp();
  const out = join(root, 'r');
  mkdirSync(siblingPath(out, 'old', DeadPid));
  writeFileSync(join(siblingPath(out, 'old', DeadPid), 'prev.txt'), 'previous');
  recoverOutputFolder(out);
  assert.equal(readdirSync(root), ['r']);
  assert.is(readFileSync(join(out, 'prev.txt'), 'utf8'), 'previous');
  // The writer itself recovers first too.
  writeOutputFolder(out, new Map([['new.txt', 'new']]));
  assert.equal(readdirSync(out), ['new.txt']);
});

test('several old outputs and no current one: an OutputError, nothing guessed', () => {
  const root = tmp();
  const out = join(root, 'r');
  mkdirSync(siblingPath(out, 'old', DeadPid));
  mkdirSync(siblingPath(out, 'old', DeadPid - 1));
  assert.throws(() => recoverOutputFolder(out), (e: unknown) => e instanceof OutputError && /2 earlier outputs/.test(e.message));
  assert.is(readdirSync(root).length, 2);
});

test('writeOutputFolder: an unwritable parent gives an OutputError naming the path', () => {
  const root = tmp();
  if (process.getuid?.() === 0) {
    // root ignores permission bits; a path under a regular file fails for anyone (ENOTDIR).
    writeFileSync(join(root, 'file'), 'x');
    assert.throws(() => writeOutputFolder(join(root, 'file', 'out'), new Map([['a', 'b']])), (e: unknown) => e instanceof OutputError && e.path === join(root, 'file') && /not a folder/.test(e.message));
    return;
  }
  chmodSync(root, 0o555);
  assert.throws(() => writeOutputFolder(join(root, 'out'), new Map([['a', 'b']])), (e: unknown) => e instanceof OutputError && /permission denied/.test(e.message));
});

test('an existing file at the output path is not replaced by a folder', () => {
  const root = tmp();
  writeFileSync(join(root, 'out'), 'mine');
  assert.throws(() => writeOutputFolder(join(root, 'out'), new Map([['a', 'b']])), (e: unknown) => e instanceof OutputError && /not a folder/.test(e.message));
  assert.is(readFileSync(join(root, 'out'), 'utf8'), 'mine');
});

test('full disk (injected ENOSPC on the 3rd file written): OutputError naming file and cause, previous output unchanged, no partial left', () => {
  const root = tmp();
  const out = join(root, 'r');
  writeOutputFolder(out, new Map([['a.txt', 'A'], ['b.txt', 'B']]));
  let writes = 0;
  const fullDisk: OutputFs = {
    ...nodeFs,
    writeFileSync: (p, d) => {
      if (++writes === 3) throw errno('ENOSPC', p);
      nodeFs.writeFileSync(p, d);
    },
  };
  // Written in sorted order: 1.txt, 2.txt, 4.txt, sub/3.txt.
  const files = new Map([['1.txt', 'x'], ['2.txt', 'y'], ['sub/3.txt', 'z'], ['4.txt', 'w']]);
  try {
    writeOutputFolder(out, files, fullDisk);
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, OutputError);
    const err = e as OutputError;
    assert.is(err.path, out);
    assert.match(err.message, '(writing 4.txt): no space left on device; the previous outputs are unchanged');
    assert.is((err.cause as { code: string }).code, 'ENOSPC');
  }
  assert.equal(readdirSync(root), ['r']);
  assert.equal(readdirSync(out).sort(), ['a.txt', 'b.txt']);
});

test('a failing final rename puts the previous output back', () => {
  const root = tmp();
  const out = join(root, 'r');
  writeOutputFolder(out, new Map([['a.txt', 'A']]));
  const failingRename: OutputFs = {
    ...nodeFs,
    renameSync: (from, to) => {
      if (from.includes('.partial-')) throw errno('EIO', to);
      nodeFs.renameSync(from, to);
    },
  };
  assert.throws(() => writeOutputFolder(out, new Map([['b.txt', 'B']]), failingRename), (e: unknown) => e instanceof OutputError && /previous outputs are unchanged/.test(e.message));
  assert.equal(readdirSync(root), ['r']);
  assert.equal(readdirSync(out), ['a.txt']);
});

test('errors that are not file-system errors pass through unchanged, the partial folder is removed', () => {
  const root = tmp();
  const boom: OutputFs = { ...nodeFs, writeFileSync: () => { throw new RangeError('a bug'); } };
  assert.throws(() => writeOutputFolder(join(root, 'r'), new Map([['a', 'b']]), boom), (e: unknown) => e instanceof RangeError);
  assert.equal(readdirSync(root), []);
});

test('writeFileAtomically: replaces a file; ENOSPC leaves the previous file', () => {
  const root = tmp();
  const f = join(root, 'issues.csv');
  writeFileAtomically(f, 'one');
  writeFileAtomically(f, 'two');
  assert.is(readFileSync(f, 'utf8'), 'two');
  const fullDisk: OutputFs = { ...nodeFs, writeFileSync: (p) => { throw errno('ENOSPC', p); } };
  assert.throws(() => writeFileAtomically(f, 'three', fullDisk), (e: unknown) => e instanceof OutputError && /no space left on device/.test(e.message));
  assert.is(readFileSync(f, 'utf8'), 'two');
  assert.equal(readdirSync(root), ['issues.csv']);
});

test.run();
