import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, readdir, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOutputFolder } from '../../src/pipeline/atomic-output.ts';
import { OutputError } from '../../src/core/errors.ts';

test('writeOutputFolder: writes nested files and replaces the previous content entirely', async () => {
  const root = await mkdtemp(join(tmpdir(), 'remit-out-'));
  const out = join(root, 'reports', 'x');
  await writeOutputFolder(out, new Map([['a.txt', 'one'], ['sub/b.txt', 'two']]));
  assert.is(await readFile(join(out, 'sub/b.txt'), 'utf8'), 'two');
  await writeOutputFolder(out, new Map([['c.txt', 'three']]));
  assert.equal((await readdir(out)).sort(), ['c.txt']);
  assert.equal((await readdir(join(root, 'reports'))).sort(), ['x'], 'no partial or old folders left');
});

test('writeOutputFolder: stale partial folders of a killed run are removed, previous output kept', async () => {
  const root = await mkdtemp(join(tmpdir(), 'remit-out-'));
  const out = join(root, 'r');
  await writeOutputFolder(out, new Map([['keep.txt', 'previous']]));
  await mkdir(`${out}.partial-99999`);
  await writeFile(`${out}.partial-99999/half.txt`, 'half');
  await writeOutputFolder(out, new Map([['new.txt', 'new']]));
  assert.equal((await readdir(root)).sort(), ['r']);
});

test('writeOutputFolder: an unwritable parent gives an OutputError naming the path', async () => {
  if (process.getuid?.() === 0) {
    // root ignores permission bits; use a path under a regular file instead (ENOTDIR).
    const root = await mkdtemp(join(tmpdir(), 'remit-out-'));
    await writeFile(join(root, 'file'), 'x');
    try {
      await writeOutputFolder(join(root, 'file', 'out'), new Map([['a', 'b']]));
      assert.unreachable('should throw');
    } catch (e) {
      assert.instance(e, OutputError);
      assert.match((e as Error).message, join(root, 'file'));
    }
    return;
  }
  const root = await mkdtemp(join(tmpdir(), 'remit-out-'));
  await chmod(root, 0o500);
  try {
    await writeOutputFolder(join(root, 'out'), new Map([['a', 'b']]));
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, OutputError);
    assert.match((e as Error).message, 'permission denied');
  }
});

test.run();
