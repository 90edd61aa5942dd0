/**
 * remit command line (design.md "Command line"). Dispatches to one module per command in
 * src/cli/commands/. Exit codes: 0 ok; 1 data or plan invalid; 2 usage; 3 internal error.
 * Errors go to stderr, one clear line first; a stack trace only for internal errors (exit 3).
 */
import { parseArgs, type ParsedArgs } from './args.ts';
import { processIo, type CliIo, type Command } from './io.ts';
import { ExitCode, RemitError, UsageError } from '../core/errors.ts';

const usage = `usage: remit <command> [options]

commands:
  check     --data DIR [--plan FILE]           validate an SDTM data lock (and the plan); list the issues
  simulate  --subjects N --seed S --out DIR    write a synthetic SDTM data lock with known truth
  derive    --data DIR --plan FILE --out DIR   derive ADaM datasets into DIR/adam/
  run       --data DIR --plan FILE --out DIR   full pipeline: ingest, derive, analyse, report
  validate  --out DIR [--cases FILE ...]       run every reference case; write validation.html / .json
  verify    DIR                                re-run from DIR/manifest.json and compare output hashes

run and derive replace DIR as a whole; a non-empty DIR that holds no earlier remit output needs --force.

exit codes: 0 ok, 1 data or plan invalid, 2 usage, 3 internal error`;

/** Command name → lazy loader, so one command's dependencies do not slow another's start-up. */
const commands: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.ts')).checkCommand,
  simulate: async () => (await import('./commands/simulate.ts')).simulateCommand,
  derive: async () => (await import('./commands/derive.ts')).deriveCommand,
  run: async () => (await import('./commands/run.ts')).runCommand,
  'report-sample': async () => (await import('./commands/run.ts')).reportSampleCommand,
  validate: async () => (await import('./commands/validate.ts')).validateCommand,
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    if (args.command === null || args.command === 'help' || args.options.has('help')) {
      io.out(usage);
      return args.command === null ? ExitCode.usage : ExitCode.ok;
    }
    const load = commands[args.command];
    if (load === undefined) throw new UsageError(`unknown command "${args.command}"\n${usage}`);
    const command = await load();
    return await command(args, io);
  } catch (e) {
    if (e instanceof RemitError) {
      // A command's usage errors already begin `remit <command>: ` (src/cli/args.ts CommandOptions).
      io.err(e instanceof UsageError && e.message.startsWith('remit ') ? e.message : `remit: ${e.message}`);
      return e.exitCode;
    }
    io.err(`remit: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return ExitCode.internal;
  }
}

// Run when executed directly (node --import tsx src/cli/main.ts …, or bin/remit.js).
const entry = process.argv[1] ?? '';
if (entry.endsWith('main.ts') || entry.endsWith('remit.js') || entry.endsWith('/remit')) {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
