/**
 * The result of a value parser that could not parse its input: a message without location (the caller,
 * which knows file, line and column, turns it into a located data issue). Parsers return
 * `T | ParseFailure` instead of throwing so that reading a million rows with a few bad cells stays fast.
 */
export class ParseFailure {
  constructor(readonly message: string) {}
}

/** True when a parser returned a failure. */
export function isParseFailure(x: unknown): x is ParseFailure {
  return x instanceof ParseFailure;
}
