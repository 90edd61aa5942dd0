/**
 * Minimal, strict argument parsing for the remit CLI: `--name value` and `--flag` options after a
 * command word. Unknown options are usage errors (exit 2), never ignored.
 */
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
      if (!allowed.includes(k)) throw new UsageError(`remit ${command}: unknown option --${k} (allowed: ${allowed.map((a) => '--' + a).join(', ')})`);
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
  integer(name: string, fallback: number): number {
    const v = this.string(name);
    if (v === undefined) return fallback;
    if (!/^-?\d+$/.test(v)) throw new UsageError(`remit ${this.command}: --${name} must be an integer, got "${v}"`);
    return Number(v);
  }
}
