/**
 * Minimal, strict argument parsing for the remit CLI: `--name value` and `--flag` options after a
 * command word. Unknown options are usage errors (exit 2), never ignored.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../core/errors.ts';

export interface ParsedArgs {
  command: string | null;
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 2 ? a.slice(2, eq) : a.slice(2);
      // A repeated option would silently replace the first value: refuse it instead.
      if (options.has(name)) throw new UsageError(`option --${name} is given twice`);
      if (eq > 2) {
        options.set(a.slice(2, eq), a.slice(eq + 1));
      } else {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          options.set(a.slice(2), next);
          i++;
        } else options.set(a.slice(2), true);
      }
    } else if (command === null) command = a;
    else positional.push(a);
  }
  return { command, positional, options };
}

/** Options accessor for one command: rejects unknown options and gives typed getters. */
export class CommandOptions {
  constructor(
    private readonly command: string,
    private readonly args: ParsedArgs,
    allowed: readonly string[],
  ) {
    for (const k of args.options.keys()) {
      if (!allowed.includes(k)) throw new UsageError(`remit ${command}: unknown option --${k} ${allowed.length === 0 ? '(it takes no options)' : `(allowed: ${allowed.map((a) => '--' + a).join(', ')})`}`);
    }
  }
  string(name: string): string | undefined {
    const v = this.args.options.get(name);
    if (v === true) throw new UsageError(`remit ${this.command}: --${name} needs a value`);
    return v;
  }
  required(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new UsageError(`remit ${this.command}: --${name} is required`);
    return v;
  }
  flag(name: string): boolean {
    return this.args.options.get(name) === true;
  }
  /** Refuse positional arguments (for commands that take options only). */
  noArguments(): void {
    if (this.args.positional.length > 0) throw new UsageError(`remit ${this.command}: unexpected argument "${this.args.positional[0]}"`);
  }
  /**
   * Refuse an output folder that is, or contains, one of the inputs: the output folder is replaced as a
   * whole (src/pipeline/atomic-output.ts), so the input would be deleted.
   * @param inputs option name → path given, e.g. { data: 'data/sample', plan: 'analyses/plan.json' }
   */
  outputApartFrom(out: string, inputs: Readonly<Record<string, string | undefined>>): void {
    for (const [name, path] of Object.entries(inputs)) {
      if (path === undefined || !isWithin(path, out)) continue;
      const same = canonicalPath(path) === canonicalPath(out);
      throw new UsageError(`remit ${this.command}: --out ${out} ${same ? 'is' : 'contains'} the --${name} input ${path}; the output folder is replaced as a whole, so give a separate folder`);
    }
  }
  /**
   * Refuse to replace an existing output that this command did not write: a file, or a non-empty folder
   * holding none of `ownMarkers` (e.g. a previous run's manifest.json), unless --force is given. The
   * output folder is replaced as a whole, so `--out ~/Documents` would otherwise delete it.
   */
  refuseToClobber(out: string, ownMarkers: readonly string[]): void {
    let isDir: boolean;
    try {
      isDir = statSync(out).isDirectory();
    } catch {
      return; // does not exist
    }
    if (!isDir) throw new UsageError(`remit ${this.command}: --out ${out} exists and is not a folder`);
    const names = readdirSync(out);
    if (names.length === 0 || this.flag('force') || ownMarkers.some((m) => names.includes(m))) return;
    const what = ownMarkers.length === 0 ? 'is not empty' : `is not empty and holds no earlier remit output (${ownMarkers.join(', ')})`;
    throw new UsageError(`remit ${this.command}: --out ${out} ${what}; use --force to replace its contents (the folder is replaced as a whole)`);
  }
  integer(name: string, fallback: number): number {
    const v = this.string(name);
    if (v === undefined) return fallback;
    if (!/^-?\d+$/.test(v)) throw new UsageError(`remit ${this.command}: --${name} must be an integer, got "${v}"`);
    return Number(v);
  }
}

/** True when `path` is `folder` or lies inside it (symbolic links resolved where the paths exist). */
export function isWithin(path: string, folder: string): boolean {
  const rel = relative(canonicalPath(folder), canonicalPath(path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Absolute path with symbolic links resolved where the path exists (so two spellings of one folder compare equal). */
function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
