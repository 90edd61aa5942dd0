/**
 * Kill test (issue 9 "Faults"): a complete previous output folder exists; `remit run` — a real child
 * process — writes a different output to the same --out and is killed with SIGKILL: at each step of the
 * atomic writer (REMIT_TEST_KILL_AT, src/pipeline/atomic-output.ts) and after fixed delays (wherever the
 * run happens to be: start-up, reading, analysing). After every kill the folder is either byte-identical
 * to the previous output or, once the new output was completely in place, byte-identical to the new one —
 * never a mixture — and any leftover is a hidden `.out.{partial,old,trash}-<pid>` sibling, which the next
 * `remit run` cleans up (restoring the previous output if the kill fell between the two renames), even
 * when that run fails.
 *
 * Runtime: two small simulated locks (12 subjects), `--only disposition`, children two at a time.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { KillPoints, recoverOutputFolder, type KillPoint } from '../../src/pipeline/atomic-output.ts';
import { capture, folderHashes } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const Repo = resolve('.');
const Only = ['--only', 'disposition'];
/** Delays (ms after spawn) for the kills that land wherever the run is; node + tsx start-up takes ~0.3 s. */
const Delays = [250, 900, 1700];

interface Scenario {
  name: string;
  point: KillPoint | null;
  delayMs: number | null;
}

interface ChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  pid: number;
  stderr: string;
}

const root = tempDir('remit-kill-');
const plan = join(Repo, 'analyses/plan.json');
const dataOld = join(root, 'data-old');
const dataNew = join(root, 'data-new');
const previous = join(root, 'previous');
const fresh = join(root, 'fresh');

function runChild(out: string, s: Scenario): Promise<ChildEnd> {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
  if (s.point !== null) env.REMIT_TEST_KILL_AT = s.point;
  else delete env.REMIT_TEST_KILL_AT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', '--data', dataNew, '--plan', plan, '--out', out, ...Only], { cwd: Repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = s.delayMs === null ? null : setTimeout(() => child.kill('SIGKILL'), s.delayMs);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer !== null) clearTimeout(timer);
      done({ code, signal, pid: child.pid ?? -1, stderr });
    });
  });
}

/** Run `jobs` at most `width` at a time (2 cores), results in input order. */
async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Everything next to `out` other than `out` itself must be a hidden leftover of process `pid`. */
function leftovers(dir: string, pid: number): string[] {
  const names = readdirSync(dir).filter((n) => n !== 'out');
  for (const n of names) assert.match(n, new RegExp(`^\\.out\\.(partial|old|trash)-${pid}$`), `unexpected entry ${n} next to the output`);
  return names.sort();
}

test('SIGKILL at every step of the writer and at fixed delays: the output folder is always the previous or the complete new one', async () => {
  const started = Date.now();
  for (const [dir, seed] of [[dataOld, '3'], [dataNew, '4']] as const) {
    const io = capture();
    assert.is(await main(['simulate', '--subjects', '12', '--seed', seed, '--out', dir], io), 0, io.errLines.join('\n'));
  }
  for (const [data, out] of [[dataOld, previous], [dataNew, fresh]] as const) {
    const io = capture();
    assert.is(await main(['run', '--data', data, '--plan', plan, '--out', out, ...Only], io), 0, io.errLines.join('\n'));
  }
  const before = folderHashes(previous);
  const after = folderHashes(fresh);
  assert.ok(before.size >= 10, `previous output has ${before.size} files`);
  assert.equal([...before.keys()], [...after.keys()]);
  assert.is.not(before.get('manifest.json'), after.get('manifest.json'), 'the new run must differ from the previous one, or a kill could go unnoticed');

  const scenarios: Scenario[] = [
    ...KillPoints.map((point) => ({ name: point, point, delayMs: null })),
    ...Delays.map((ms) => ({ name: `after ${ms} ms`, point: null, delayMs: ms })),
  ];
  const dirs = scenarios.map((_, i) => join(root, `kill-${i}`));
  for (const d of dirs) {
    mkdirSync(d);
    cpSync(previous, join(d, 'out'), { recursive: true });
  }
  const ends = await pool(scenarios.map((s, i) => () => runChild(join(dirs[i], 'out'), s)), 2);

  const landed: string[] = [];
  scenarios.forEach((s, i) => {
    const dir = dirs[i];
    const out = join(dir, 'out');
    const end = ends[i];
    const state = folderHashes(out);
    if (s.point !== null) {
      assert.is(end.signal, 'SIGKILL', `${s.name}: the kill hook did not fire (exit ${end.code}: ${end.stderr})`);
      const left = leftovers(dir, end.pid);
      switch (s.point) {
        case 'write-start':
          assert.equal(state, before, s.name);
          assert.equal(left, []);
          break;
        case 'mid-write': {
          assert.equal(state, before, s.name);
          assert.equal(left, [`.out.partial-${end.pid}`]);
          const partial = folderHashes(join(dir, left[0]));
          assert.ok(partial.size > 0 && partial.size < after.size, `${s.name}: partial folder holds ${partial.size} of ${after.size} files`);
          break;
        }
        case 'before-swap':
          assert.equal(state, before, s.name);
          assert.equal(left, [`.out.partial-${end.pid}`]);
          assert.equal(folderHashes(join(dir, left[0])), after, 'the complete new output waits in the partial folder');
          break;
        case 'mid-swap':
          assert.equal(state.size, 0, 'between the two renames there is no output folder');
          assert.equal(left, [`.out.old-${end.pid}`, `.out.partial-${end.pid}`]);
          assert.equal(folderHashes(join(dir, left[0])), before, 'the previous output is complete in the old folder');
          assert.equal(folderHashes(join(dir, left[1])), after, 'the new output is complete in the partial folder');
          break;
        case 'before-cleanup':
          assert.equal(state, after, s.name);
          assert.equal(left, [`.out.old-${end.pid}`]);
          break;
      }
      landed.push(s.name);
    } else {
      // Wherever the delay landed, the folder is one of the two complete outputs.
      leftovers(dir, end.pid);
      const isBefore = JSON.stringify([...state]) === JSON.stringify([...before]);
      const isAfter = JSON.stringify([...state]) === JSON.stringify([...after]);
      assert.ok(isBefore || isAfter || state.size === 0, `${s.name}: the output folder is neither the previous nor the new output`);
      landed.push(`${s.name}: ${end.signal === 'SIGKILL' ? 'killed' : `exited ${end.code}`}, folder = ${isAfter ? 'new' : isBefore ? 'previous' : 'none (mid-swap)'}`);
    }
    if (s.point === 'mid-swap') return; // recovered by the next `remit run` below
    // What `remit run` does first: clean up, restoring the previous output after a mid-swap kill.
    recoverOutputFolder(out);
    assert.equal(readdirSync(dir), ['out'], `${s.name}: leftovers removed`);
    assert.equal(folderHashes(out), s.point === 'before-cleanup' || JSON.stringify([...state]) === JSON.stringify([...after]) ? after : before, `${s.name}: after recovery`);
  });

  // The full path through the CLI: a mid-swap kill, then a run that fails on a fatal data error still
  // puts the previous output back; then a successful run replaces it and leaves nothing else behind.
  const dir = dirs[scenarios.findIndex((s) => s.point === 'mid-swap')];
  assert.equal(readdirSync(dir).filter((n) => !n.startsWith('.')), [], 'no output folder after the mid-swap kill');
  const bad = join(root, 'data-bad');
  cpSync(dataNew, bad, { recursive: true });
  const dm = readFileSync(join(bad, 'dm.csv'), 'utf8').split('\n');
  dm[1] = dm[1].replace(/,MSC,|,MMF,/, ',XYZ,');
  writeFileSync(join(bad, 'dm.csv'), dm.join('\n'));
  let io = capture();
  assert.is(await main(['run', '--data', bad, '--plan', plan, '--out', join(dir, 'out'), ...Only], io), 1);
  assert.equal(readdirSync(dir), ['out']);
  assert.equal(folderHashes(join(dir, 'out')), before, 'the failed run restored the previous output');
  io = capture();
  assert.is(await main(['run', '--data', dataNew, '--plan', plan, '--out', join(dir, 'out'), ...Only], io), 0, io.errLines.join('\n'));
  assert.equal(readdirSync(dir), ['out']);
  assert.equal(folderHashes(join(dir, 'out')), after);

  console.log(`    kill points: ${landed.join('; ')}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test.run();
