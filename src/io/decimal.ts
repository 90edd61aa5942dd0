/**
 * Strict decimal number parsing for SDTM numeric variables (--STRESN, VISITNUM, AGE, EXDOSE, ...).
 *
 * Rule: an optional sign, digits with at most one '.' as the decimal separator, and an optional exponent
 * (`12`, `-0.5`, `.5`, `3.`, `1e-3`, `1.5E+2`), as written by SAS, R and the CDISC define.xml "float" type.
 * No thousands separator, no ',' decimal separator, no surrounding blanks, no `NaN`/`Infinity`/hex:
 * `1,2`, `1 200` and `1,200` are failures naming the expected format, never guessed. An empty string is
 * not a number either: callers treat empty (or all-blank) cells as missing before calling these.
 * A value that is unambiguously written with thousands separators (`1,234.5`, `1,234,567`, `2 000 000`,
 * also with a no-break space) gets a message saying so and showing the number without them; `1,234`
 * alone is ambiguous (a decimal comma?) and gets the general message.
 */
import { ParseFailure } from './parse-failure.ts';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
// Groups of three digits after a 1-3 digit lead: ',' groups need a '.' fraction or two groups to be
// unambiguous; blank groups (space, no-break space U+00A0, narrow no-break space U+202F) always are.
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:(?:,\d{3})+\.\d*|(?:,\d{3}){2,})$/;
const BLANK_THOUSANDS = /^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d*)?$/;

/**
 * What to say about a number written with thousands separators, e.g. `',' as thousands separator is not
 * allowed: write 1234.5`, or null when `text` is not unambiguously one.
 */
export function thousandsSeparatorHint(text: string): string | null {
  const comma = COMMA_THOUSANDS.test(text);
  if (!comma && !BLANK_THOUSANDS.test(text)) return null;
  const plain = text.replace(comma ? /,/g : /[ \u00a0\u202f]/g, '');
  return `${comma ? "','" : 'a blank'} as thousands separator is not allowed: write ${plain}`;
}

function thousandsFailure(text: string): ParseFailure | null {
  const hint = thousandsSeparatorHint(text);
  return hint === null ? null : new ParseFailure(`"${text}" is not a number (${hint})`);
}

/**
 * Parse a decimal written with '.' as separator.
 * @example parseDecimal('12.5') // => 12.5
 * @example parseDecimal('1,2')  // => ParseFailure('"1,2" is not a number (expected a decimal with \'.\' as separator)')
 */
export function parseDecimal(text: string): number | ParseFailure {
  if (!DECIMAL.test(text)) return thousandsFailure(text) ?? new ParseFailure(`"${text}" is not a number (expected a decimal with '.' as separator)`);
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
  if (v instanceof ParseFailure) return thousandsFailure(text) ?? new ParseFailure(`"${text}" is not an integer`);
  if (!Number.isInteger(v)) return new ParseFailure(`"${text}" is not an integer`);
  return v;
}
