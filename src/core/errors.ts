/**
 * Typed errors for remit. Every error a user can cause carries enough location to fix it
 * (file, line, column for data; key path for the plan; argument name for the statistics API).
 *
 * Exit codes (design.md "Command line"): 0 ok; 1 data or plan invalid; 2 usage; 3 internal error.
 */

export const ExitCode = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class: anything remit throws on purpose. Anything else is an internal error (exit 3). */
export class RemitError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Where in an input file a problem is. `line` is the 1-based physical line of the record's start. */
export interface DataLocation {
  file: string;
  line: number | null;
  column: string | null;
}

/** Invalid input data (a CSV of the data lock, an ADaM file). Exit code 1. */
export class DataError extends RemitError {
  readonly location: DataLocation;
  readonly value: string | null;
  constructor(location: DataLocation, message: string, value: string | null = null, options?: { cause?: unknown }) {
    super(`${formatLocation(location)}: ${message}`, ExitCode.invalid, options);
    this.location = location;
    this.value = value;
  }
}

/**
 * Invalid analysis plan: `path` is the JSON key path, e.g. `primary.margin`; `position`, when known, is
 * the 1-based line and column of that key in the file (`plan.json:41:7: primary.margin: …`). Exit code 1.
 */
export class PlanError extends RemitError {
  readonly file: string;
  readonly path: string;
  readonly line: number | null;
  readonly column: number | null;
  constructor(file: string, path: string, message: string, position?: { line: number; column: number }) {
    const where = position === undefined ? file : `${file}:${position.line}:${position.column}`;
    super(`${where}: ${path === '' ? '(root)' : path}: ${message}`, ExitCode.invalid);
    this.file = file;
    this.path = path;
    this.line = position?.line ?? null;
    this.column = position?.column ?? null;
  }
}

/** Invalid arguments to a library function (statistics API, derivations). Names the argument. */
export class InputError extends RemitError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`, ExitCode.invalid);
    this.argument = argument;
  }
}

/** An iterative fit failed to converge and no usable result exists. */
export class ConvergenceError extends RemitError {
  constructor(method: string, message: string) {
    super(`${method}: ${message}`, ExitCode.invalid);
  }
}

/** Bad command line. Exit code 2. */
export class UsageError extends RemitError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** Operating-system level problem writing outputs (unwritable folder, full disk). Exit code 1. */
export class OutputError extends RemitError {
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, ExitCode.invalid, options);
    this.path = path;
  }
}

/** `file:line:column` with the parts that are known, e.g. `lb.csv:1043:LBSTRESN`. */
export function formatLocation(loc: DataLocation): string {
  let s = loc.file;
  if (loc.line !== null) s += `:${loc.line}`;
  if (loc.column !== null) s += `:${loc.column}`;
  return s;
}

/** A feature whose issue is still open. Exit code 3, with the issue number so the gap is traceable. */
export class NotImplementedError extends RemitError {
  constructor(what: string, issue: number) {
    super(`${what} is not implemented yet (issue ${issue})`, ExitCode.internal);
  }
}
