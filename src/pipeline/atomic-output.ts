/**
 * Atomic output (design.md "Outputs": writes are atomic). The one writer of every command that writes a
 * folder (`run`, `report-sample`, `derive`, `simulate`) or a single file (`check --out`).
 *
 * Replacing folder `<parent>/<name>`:
 *   1. recover what an earlier, killed writer left behind (below);
 *   2. write everything into the hidden sibling `.<name>.partial-<pid>`;
 *   3. rename `<name>` → `.<name>.old-<pid>`, then `.<name>.partial-<pid>` → `<name>`;
 *   4. rename `.<name>.old-<pid>` → `.<name>.trash-<pid>` and delete it.
 * A run killed before step 3 leaves `<name>` untouched; killed after it, `<name>` is the complete new
 * output. POSIX cannot rename a folder over a non-empty one (and Node has no renameat2 EXCHANGE), so
 * step 3 is two renames: a kill in the two-system-call window between them leaves no `<name>` and the
 * complete previous output in `.<name>.old-<pid>`, which the next writer — and `remit run` as its first
 * action — renames back (`recoverOutputFolder`).
 *
 * Leftovers never look like an output: they are hidden (dot-prefixed), carry the writer's pid, and each
 * kind has one rule, applied once process <pid> is gone:
 *   `.<name>.partial-<pid>`  incomplete new output            → deleted
 *   `.<name>.old-<pid>`      complete previous output         → renamed back if `<name>` is missing, else deleted
 *   `.<name>.trash-<pid>`    previous output being deleted    → deleted
 *
 * File-system failures (unwritable folder, full disk, read-only file system) become an OutputError
 * naming the output path, the file being written and the cause; the partial folder is removed and the
 * previous output is unchanged. The file-system functions are injectable (`OutputFs`) so tests can
 * simulate failures where the real condition cannot be produced.
 *
 * Test-only fault injection: with the environment variable REMIT_TEST_KILL_AT set to one of `KillPoints`
 * the process sends itself SIGKILL at that step (test/e2e/kill.test.ts). Without the variable the hook
 * does nothing.
 */
import * as nodeFsModule from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OutputError } from '../core/errors.ts';

/** Relative path inside the output folder (forward slashes) → file content. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

/** The synchronous file-system calls the writer makes (node:fs by default). */
export interface OutputFs {
  mkdirSync(path: string, options: { recursive: boolean }): unknown;
  writeFileSync(path: string, data: string | Uint8Array): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { recursive: true; force: true }): void;
  readdirSync(path: string): string[];
  /** null when nothing exists at `path`. */
  kindOf(path: string): 'folder' | 'file' | null;
}

/**
 * `mkdir -p` one folder at a time: Node 20's `mkdirSync(p, { recursive: true })` spins forever where mkdir
 * answers ENOENT for an existing parent (e.g. under /proc), so the missing folders are created top-down with
 * plain mkdir calls, and such a parent fails with its own ENOENT (reported as an OutputError by the caller).
 */
function mkdirEach(path: string): void {
  const missing: string[] = [];
  let p = resolve(path);
  while (!nodeFsModule.existsSync(p)) {
    missing.push(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  missing.reverse();
  // An existing non-folder on the way fails as Node's recursive mkdir does (ENOTDIR below it, EEXIST on it).
  if (!nodeFsModule.statSync(p).isDirectory()) nodeFsModule.mkdirSync(missing[0] ?? p);
  for (const m of missing) nodeFsModule.mkdirSync(m);
}

export const nodeFs: OutputFs = {
  mkdirSync: (p, o) => (o.recursive ? mkdirEach(p) : nodeFsModule.mkdirSync(p)),
  writeFileSync: (p, d) => nodeFsModule.writeFileSync(p, d),
  renameSync: (a, b) => nodeFsModule.renameSync(a, b),
  rmSync: (p, o) => nodeFsModule.rmSync(p, o),
  readdirSync: (p) => nodeFsModule.readdirSync(p),
  kindOf: (p) => {
    const s = nodeFsModule.statSync(p, { throwIfNoEntry: false });
    return s === undefined ? null : s.isDirectory() ? 'folder' : 'file';
  },
};

/** Steps at which REMIT_TEST_KILL_AT can kill the process (in the order they are reached). */
export const KillPoints = ['write-start', 'mid-write', 'before-swap', 'mid-swap', 'before-cleanup'] as const;
export type KillPoint = (typeof KillPoints)[number];

/** Test hook (module comment): SIGKILL this process when REMIT_TEST_KILL_AT names `point`. */
function killPoint(point: KillPoint): void {
  if (process.env.REMIT_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}

type LeftoverKind = 'partial' | 'old' | 'trash';
interface Leftover {
  path: string;
  kind: LeftoverKind;
  pid: number;
}

/** The hidden sibling of `target` used by process `pid` for `kind`. */
export function siblingPath(target: string, kind: LeftoverKind, pid: number = process.pid): string {
  return join(dirname(target), `.${basename(target)}.${kind}-${pid}`);
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function describeFsError(e: unknown): string {
  switch (errnoCode(e)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (is the output folder writable?)';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
    case 'EEXIST': // from mkdir -p of a path that is a file
      return 'a parent of the output path is not a folder';
    case 'ENOENT': {
      // Creating a file or folder whose parent is gone (removed meanwhile) or cannot hold entries (/proc, /sys).
      const { path, syscall } = e as NodeJS.ErrnoException;
      if (path !== undefined && (syscall === 'open' || syscall === 'mkdir')) return `the folder ${dirname(path)} does not exist or cannot hold new files`;
      return e instanceof Error ? e.message : String(e);
    }
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** `fn()`, with a file-system error turned into an OutputError about `path`. */
function attempt<T>(path: string, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (errnoCode(e) === undefined) throw e;
    throw new OutputError(path, `${what}: ${describeFsError(e)}`, { cause: e });
  }
}

/** True unless process `pid` is known not to exist (EPERM: it exists but belongs to another user). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) !== 'ESRCH';
  }
}

/** Leftovers of `target` whose writer is gone (this process's own are included: writes here are synchronous). */
function deadLeftovers(target: string, fs: OutputFs): Leftover[] {
  let names: string[];
  try {
    names = fs.readdirSync(dirname(target));
  } catch {
    return [];
  }
  const prefix = `.${basename(target)}.`;
  const out: Leftover[] = [];
  for (const n of names.sort()) {
    if (!n.startsWith(prefix)) continue;
    const m = /^(partial|old|trash)-(\d+)$/.exec(n.slice(prefix.length));
    if (m === null) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || !processAlive(pid)) out.push({ path: join(dirname(target), n), kind: m[1] as LeftoverKind, pid });
  }
  return out;
}

/**
 * Undo what killed writers left next to `out` (module comment): restore the previous output if a kill
 * fell between the two renames, delete partial and trash folders. Does nothing when there are none.
 * @throws OutputError when `out` is missing and several previous outputs were left (which one is the
 *   latest cannot be told), or a leftover cannot be moved or deleted.
 */
export function recoverOutputFolder(out: string, fs: OutputFs = nodeFs): void {
  const target = resolve(out);
  const left = deadLeftovers(target, fs);
  const olds = left.filter((l) => l.kind === 'old');
  if (olds.length > 0 && fs.kindOf(target) === null) {
    if (olds.length > 1) {
      throw new OutputError(target, `missing, and ${olds.length} earlier outputs were left by interrupted runs (${olds.map((o) => basename(o.path)).join(', ')}); rename the one to keep to ${basename(target)}`);
    }
    attempt(target, `cannot restore the previous output from ${olds[0].path}`, () => fs.renameSync(olds[0].path, target));
    left.splice(left.indexOf(olds[0]), 1);
  }
  for (const l of left) attempt(l.path, 'cannot remove the leftover of an interrupted run', () => fs.rmSync(l.path, { recursive: true, force: true }));
}

/** Delete a partial folder or file after a failure; if even that fails, the next writer removes it. */
function removeQuietly(path: string, fs: OutputFs): void {
  try {
    fs.rmSync(path, { recursive: true, force: true });
  } catch {
    // left for the next writer (a dead writer's leftover)
  }
}

/** What failed, relative to the partial folder when possible: ` (writing report.html)`. */
function failedFile(e: unknown, partial: string): string {
  const p = typeof e === 'object' && e !== null && 'path' in e && typeof e.path === 'string' ? e.path : null;
  if (p === null) return '';
  const rel = relative(partial, p);
  return rel === '' || rel.startsWith('..') ? '' : ` (writing ${rel.split(sep).join('/')})`;
}

/**
 * Make `out` a folder whose complete content is what `fill(dir)` writes into the empty folder `dir`,
 * atomically replacing any previous folder `out` (module comment), and return what `fill` returns.
 * `fill` may use its own file calls (e.g. streaming writes); any file-system error it throws becomes an
 * OutputError, other errors pass through. Either way the partial folder is removed and the previous
 * `out` is unchanged.
 * @throws OutputError if `out` exists and is not a folder, or on any file-system failure.
 */
export function replaceFolderAtomically<T>(out: string, fill: (dir: string) => T, fs: OutputFs = nodeFs): T {
  const target = resolve(out);
  attempt(dirname(target), 'cannot create the output folder', () => fs.mkdirSync(dirname(target), { recursive: true }));
  recoverOutputFolder(target, fs);
  const existing = fs.kindOf(target);
  if (existing === 'file') throw new OutputError(target, 'exists and is not a folder; refusing to replace a file with the output folder');
  killPoint('write-start');
  const partial = siblingPath(target, 'partial');
  let result: T;
  try {
    fs.rmSync(partial, { recursive: true, force: true });
    // Not recursive: the parent exists, and recursive mkdir reports EROFS as ENOENT (Node 20).
    fs.mkdirSync(partial, { recursive: false });
    result = fill(partial);
  } catch (e) {
    removeQuietly(partial, fs);
    if (errnoCode(e) === undefined) throw e;
    const kept = existing === 'folder' ? 'the previous outputs are unchanged' : 'nothing was written';
    throw new OutputError(target, `cannot write outputs${failedFile(e, partial)}: ${describeFsError(e)}; ${kept}`, { cause: e });
  }
  killPoint('before-swap');
  swapIntoPlace(target, partial, existing === 'folder', fs);
  return result;
}

/** Step 3 and 4 of the module comment. */
function swapIntoPlace(target: string, partial: string, hadOld: boolean, fs: OutputFs): void {
  const old = siblingPath(target, 'old');
  if (hadOld) {
    try {
      fs.renameSync(target, old);
    } catch (e) {
      removeQuietly(partial, fs);
      throw new OutputError(target, `cannot move the previous output aside: ${describeFsError(e)}; it is unchanged`, { cause: e });
    }
  }
  killPoint('mid-swap');
  try {
    fs.renameSync(partial, target);
  } catch (e) {
    if (hadOld) attempt(target, `cannot put the previous output back from ${old}`, () => fs.renameSync(old, target));
    removeQuietly(partial, fs);
    throw new OutputError(target, `cannot move the new output into place: ${describeFsError(e)}; the previous outputs are unchanged`, { cause: e });
  }
  killPoint('before-cleanup');
  if (!hadOld) return;
  // Renamed first so that an `.old-` folder is always complete; a failed deletion is finished by the next writer.
  const trash = siblingPath(target, 'trash');
  try {
    fs.renameSync(old, trash);
    fs.rmSync(trash, { recursive: true, force: true });
  } catch {
    // The new output is in place; the leftover is removed by the next writer.
  }
}

/**
 * Write `files` as the complete new content of folder `out`, atomically replacing any previous content.
 * Files are written in sorted order, so the order of writes (and of any failure) is reproducible.
 * @example writeOutputFolder('reports/sample', new Map([['report.html', html], ['adam/adsl.csv', csv]]))
 */
export function writeOutputFolder(out: string, files: OutputFiles, fs: OutputFs = nodeFs): void {
  replaceFolderAtomically(
    out,
    (dir) => {
      const names = [...files.keys()].sort();
      names.forEach((rel, i) => {
        const p = join(dir, rel);
        try {
          fs.mkdirSync(dirname(p), { recursive: true });
          fs.writeFileSync(p, files.get(rel)!);
        } catch (e) {
          // A failed write(2) (e.g. ENOSPC) carries no path; name the file for the message.
          if (typeof e === 'object' && e !== null && !('path' in e)) Object.assign(e, { path: p });
          throw e;
        }
        if (i + 1 === Math.ceil(names.length / 2)) killPoint('mid-write');
      });
    },
    fs,
  );
}

/** Write one file atomically: a hidden partial sibling, then a rename over `path` (atomic for files). */
export function writeFileAtomically(path: string, content: string | Uint8Array, fs: OutputFs = nodeFs): void {
  const target = resolve(path);
  attempt(dirname(target), 'cannot create the output folder', () => fs.mkdirSync(dirname(target), { recursive: true }));
  recoverOutputFolder(target, fs);
  if (fs.kindOf(target) === 'folder') throw new OutputError(target, 'is a folder; give a file name');
  const partial = siblingPath(target, 'partial');
  try {
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, target);
  } catch (e) {
    removeQuietly(partial, fs);
    if (errnoCode(e) === undefined) throw e;
    throw new OutputError(target, `cannot write: ${describeFsError(e)}; the previous file is unchanged`, { cause: e });
  }
}
