/**
 * Lab original results (LBORRES) as text plus a number, keeping qualifiers (CDISC SDTMIG v3.3 §6.3.5.x
 * LB assumptions: "<", ">" results stay in --ORRES; the numeric part may be used by a documented rule).
 *
 * Rule (quoted in the report appendix), applied to the cell text after trimming blanks at both ends:
 * 1. empty                                   → value null, qualifier null, nonNumeric null (missing result)
 * 2. a decimal with '.' (`12.5`, `-3`, `1e-3`) → value = that number, qualifier null
 * 3. `<`, `<=`, `>` or `>=` then a decimal, blanks allowed between (`<0.05`, `>= 3000`)
 *                                            → value = the limit itself, qualifier = the operator
 *                                              (derivations decide how to use a censored value)
 * 4. a titre `1:n` (ANA by immunofluorescence, domain.md 5.1) → value = the reciprocal n, qualifier null
 * 5. a known non-numeric code, case-insensitive: ND, NEG, NEGATIVE, POS, POSITIVE, TRACE, NOT DONE
 *                                            → value null, nonNumeric = the code in upper case
 * 6. anything else (`1,2`, `N`, `see comment`) → value null, nonNumeric = the text verbatim, and a warning
 *                                              (kept, never turned into a number and never dropped);
 *                                              for `1,234.5` or `2 000` the warning names the thousands
 *                                              separator (src/io/decimal.ts)
 * `text` is always the cell exactly as read.
 */
import type { QualifiedResult, ResultQualifier } from '../cdisc/values.ts';
import { thousandsSeparatorHint } from './decimal.ts';

/** Non-numeric result codes recognised by rule 4 (upper case). */
export const KnownNonNumericResults = ['ND', 'NEG', 'NEGATIVE', 'POS', 'POSITIVE', 'TRACE', 'NOT DONE'] as const;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const QUALIFIED = /^(<=|>=|<|>)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/;
const KNOWN = new Set<string>(KnownNonNumericResults);
const TITRE = /^1:(\d+)$/;

/** A parsed result and, for rule 6, the warning to record. */
export interface QualifiedResultParse {
  result: QualifiedResult;
  warning: string | null;
}

/**
 * Parse one lab result cell by the rule above.
 * @example parseQualifiedResult('<0.05').result // => { text: '<0.05', value: 0.05, qualifier: '<', nonNumeric: null }
 * @example parseQualifiedResult('nd').result    // => { text: 'nd', value: null, qualifier: null, nonNumeric: 'ND' }
 */
export function parseQualifiedResult(text: string): QualifiedResultParse {
  const t = text.trim();
  if (t === '') return ok({ text, value: null, qualifier: null, nonNumeric: null });
  if (DECIMAL.test(t)) return ok({ text, value: Number(t), qualifier: null, nonNumeric: null });
  const q = QUALIFIED.exec(t);
  if (q !== null) return ok({ text, value: Number(q[2]), qualifier: q[1] as ResultQualifier, nonNumeric: null });
  const titre = TITRE.exec(t);
  if (titre !== null) return ok({ text, value: Number(titre[1]), qualifier: null, nonNumeric: null });
  const upper = t.toUpperCase();
  if (KNOWN.has(upper)) return ok({ text, value: null, qualifier: null, nonNumeric: upper });
  const thousands = thousandsSeparatorHint(t);
  return {
    result: { text, value: null, qualifier: null, nonNumeric: text },
    warning: thousands !== null ? `"${text}" is not a number (${thousands}); kept as non-numeric text` : `"${text}" is not a number, a qualified number (<, <=, >, >= then a decimal with '.'), a titre 1:n or a known code (${KnownNonNumericResults.join(', ')}); kept as non-numeric text`,
  };
}

function ok(result: QualifiedResult): QualifiedResultParse {
  return { result, warning: null };
}
