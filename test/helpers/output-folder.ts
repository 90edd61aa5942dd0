/** Test helpers for the CLI and its output folders: a capturing CliIo and per-file hashes of a folder. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.ts';
import { sha256 } from '../../src/pipeline/hash.ts';

/** A CliIo that keeps every line (for assertions on stdout and stderr). */
export function capture(): CliIo & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTty: false };
}

/** Relative path (forward slashes, sorted) → SHA-256 of every file below `dir`; empty map if `dir` is missing. */
export function folderHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      if (statSync(join(dir, r)).isDirectory()) walk(r);
      else out.set(r, sha256(readFileSync(join(dir, r))));
    }
  };
  try {
    statSync(dir);
  } catch {
    return out;
  }
  walk('');
  return out;
}
