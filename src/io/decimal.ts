/**
 * Strict decimal number parsing for SDTM numeric variables (--STRESN, VISITNUM, AGE, EXDOSE, ...).
 *
 * Rule: an optional sign, digits with at most one '.' as the decimal separator, and an optional exponent
 * (`12`, `-0.5`, `.5`, `3.`, `1e-3`, `1.5E+2`), as written by SAS, R and the CDISC define.xml "float" type.
 * No thousands separator, no ',' decimal separator, no surrounding blanks, no `NaN`/`Infinity`/hex:
 * `1,2`, `1 200` and `1,200` are failures naming the expected format, never guessed. An empty string is
 * not a number either: callers treat empty (or all-blank) cells as missing before calling these.
 */
import { ParseFailure } from './parse-failure.ts';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Parse a decimal written with '.' as separator.
 * @example parseDecimal('12.5') // => 12.5
 * @example parseDecimal('1,2')  // => ParseFailure('"1,2" is not a number (expected a decimal with \'.\' as separator)')
 */
export function parseDecimal(text: string): number | ParseFailure {
  if (!DECIMAL.test(text)) return new ParseFailure(`"${text}" is not a number (expected a decimal with '.' as separator)`);
  const v = Number(text);
  if (!Number.isFinite(v)) return new ParseFailure(`"${text}" is not a finite number`);
  return v;
}

/**
 * Parse a whole number (`--SEQ`, AGE, AETOXGR). `2.0` is accepted as 2 (SAS numerics are doubles);
 * `2.5` is a failure.
 * @example parseInteger('42') // => 42
 */
export function parseInteger(text: string): number | ParseFailure {
  if (INTEGER.test(text)) return Number(text);
  const v = parseDecimal(text);
  if (v instanceof ParseFailure) return new ParseFailure(`"${text}" is not an integer`);
  if (!Number.isInteger(v)) return new ParseFailure(`"${text}" is not an integer`);
  return v;
}
