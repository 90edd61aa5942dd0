/**
 * Atomic output folders (design.md "Outputs": writes are atomic). All files of a run are first written
 * into a temporary sibling folder `<out>.partial-<pid>`; only when every write succeeded is the previous
 * `<out>` moved aside and the new folder renamed into place, then the old one removed. A run killed at
 * any point before the final rename leaves the previous `<out>` untouched (the stale partial folder is
 * removed by the next run). File-system failures become an OutputError naming the path.
 */
import { mkdir, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError } from '../core/errors.ts';

/** Relative path inside the output folder (forward slashes) → file content. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (is the output folder writable?)';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
      return 'a parent of the output path is not a folder';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/** Remove leftovers of earlier killed runs (`<out>.partial-*`, `<out>.old-*`) next to `out`. */
async function removeStale(out: string): Promise<void> {
  const parent = dirname(out);
  const base = basename(out);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(`${base}.partial-`) || n.startsWith(`${base}.old-`)) {
      await rm(join(parent, n), { recursive: true, force: true });
    }
  }
}

/** Write `files` as the complete new content of folder `out`, atomically replacing any previous content. */
export async function writeOutputFolder(out: string, files: OutputFiles): Promise<void> {
  const target = resolve(out);
  const partial = `${target}.partial-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (e) {
    throw new OutputError(dirname(target), `cannot create the output folder: ${describeFsError(e)}`, { cause: e });
  }
  await removeStale(target);
  try {
    await mkdir(partial, { recursive: true });
    // Sorted so the order of writes (and of any failure) is reproducible.
    for (const rel of [...files.keys()].sort()) {
      const p = join(partial, rel);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, files.get(rel)!);
    }
  } catch (e) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw new OutputError(target, `cannot write outputs: ${describeFsError(e)}; the previous outputs are unchanged`, { cause: e });
  }
  try {
    let hadOld = true;
    try {
      await rename(target, old);
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') hadOld = false;
      else throw e;
    }
    await rename(partial, target);
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (e) {
    throw new OutputError(target, `cannot replace the output folder: ${describeFsError(e)}`, { cause: e });
  }
}
