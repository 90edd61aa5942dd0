/**
 * Number formatting for the report: the rounding rules are stated ONCE here (ROUNDING_RULES) and printed
 * verbatim in the report appendix. ARD values are stored unrounded (design.md "Analysis Results Data");
 * only these functions round.
 *
 * Conventions:
 * - Rounding is half away from zero on the shortest decimal representation of the number (so 1.005 → "1.01",
 *   −2.5 → "−3"), the rule of SAS `ROUND`; JavaScript's `toFixed` alone would give "1.00" (binary artefact).
 * - Negative numbers use the ASCII hyphen-minus; a value that rounds to zero never shows a sign ("0.0").
 * - Percentages: the ARD statistic `pct` is a PROPORTION in [0, 1] (R `cards` convention); it is shown ×100
 *   with 1 decimal and a space before the percent sign: "0 (0.0 %)".
 * - Ranges (median (Q1–Q3), min–max) are joined with an en dash; intervals "estimate (lower, upper)".
 * - A missing value (null) is shown as MISSING ("–", en dash); tables add a footnote explaining it. A composite
 *   cell (mean (SD), median (Q1–Q3), min–max, estimate (CI)) with no value at all is one MISSING, not
 *   "– (–––)"; one with some values shows MISSING for the missing part only ("5.0 (–)" for the SD of n = 1),
 *   a range lacking an end being one missing part (`composite`).
 * - Confidence levels are written "95 %" (`formatConfidenceLevel`), intervals "95 % CI" (`confidenceLabel`).
 * - Output is locale-independent (no Intl, no toLocaleString).
 */
import { InputError } from '../core/errors.ts';

/** The text shown for a value that is not available (null in the ARD). */
export const MISSING = '–';

/** Human-readable statement of every rounding rule, printed in the report appendix. */
export const ROUNDING_RULES: readonly string[] = [
  'Values are stored unrounded in the analysis results data and rounded only for display.',
  'Rounding is half away from zero on the decimal value (as SAS ROUND): 1.005 is shown as 1.01.',
  'Counts are whole numbers; percentages are shown with 1 decimal ("12 (10.4 %)"); zero counts as "0 (0.0 %)".',
  'p-values are shown with 3 decimals; values below 0.001 as "< 0.001" and values above 0.999 as "> 0.999".',
  'Estimates and confidence limits use the number of decimals set for each parameter; SDs use one decimal more than the mean.',
  'Risk differences are shown in percentage points; "–" marks a value that is not available (see the table footnote); a summary with no value at all is a single "–".',
  'A percentage whose denominator is not the N of its column is shown with that denominator: "62/105 (59.0 %)".',
];

function assertFiniteNumber(value: number, argument: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(argument, `expected a finite number, got ${String(value)}`);
  }
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new InputError('decimals', `expected an integer from 0 to 10, got ${String(decimals)}`);
  }
}

/** x × 10^places computed on the decimal string ("1.005" → "100.5"), also for exponent notation ("1e-7"). */
function shiftDecimalPoint(x: number, places: number): number {
  const [mantissa, exponent] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent ?? '0') + places}`);
}

/**
 * Round half away from zero to `decimals` places and format with exactly that many decimals.
 * @example formatNumber(1.005, 2) // => "1.01";  formatNumber(-0.04, 1) // => "0.0"
 * @throws InputError when value is not finite or decimals is not an integer 0–10.
 */
export function formatNumber(value: number, decimals: number): string {
  assertFiniteNumber(value, 'value');
  assertDecimals(decimals);
  const magnitude = Math.abs(value);
  // Shift the decimal point in the decimal string (exact), not by multiplying (binary rounding error).
  const shifted = Math.round(shiftDecimalPoint(magnitude, decimals));
  const rounded = shiftDecimalPoint(shifted, -decimals);
  const text = rounded.toFixed(decimals);
  return value < 0 && shifted !== 0 ? `-${text}` : text;
}

/** `formatNumber`, or MISSING for null. */
export function formatOptional(value: number | null, decimals: number): string {
  return value === null ? MISSING : formatNumber(value, decimals);
}

/**
 * A count: a non-negative integer.
 * @throws InputError when n is negative or not an integer.
 */
export function formatCount(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new InputError('n', `expected a non-negative integer count, got ${String(n)}`);
  return String(n);
}

/**
 * A proportion in [0, 1] shown as a percentage with `decimals` places (default 1), e.g. 0.104 → "10.4 %".
 * @throws InputError when the proportion is outside [0, 1].
 */
export function formatPercent(proportion: number, decimals = 1): string {
  assertFiniteNumber(proportion, 'proportion');
  if (proportion < 0 || proportion > 1) throw new InputError('proportion', `expected a proportion in [0, 1], got ${proportion}`);
  return `${formatNumber(proportion * 100, decimals)} %`;
}

/** "n (x.x %)" from a count and a proportion; "n (–)" when the proportion is missing. */
export function formatCountPercent(n: number, proportion: number | null): string {
  return `${formatCount(n)} (${proportion === null ? MISSING : formatPercent(proportion)})`;
}

/**
 * "n/N (x.x %)": a count with its denominator, for a row whose denominator is not the column's N (the
 * reader must see what the percentage is of); "n/N (–)" when the proportion is missing.
 * @example formatCountOfPercent(62, 105, 62 / 105) // => "62/105 (59.0 %)"
 * @throws InputError when n or N is not a non-negative integer.
 */
export function formatCountOfPercent(n: number, denominator: number, proportion: number | null): string {
  return `${formatCount(n)}/${formatCount(denominator)} (${proportion === null ? MISSING : formatPercent(proportion)})`;
}

/**
 * The one rule for composite cells: MISSING alone when every value behind the cell is missing (a visit or
 * arm without data shows "–", not "– (–––)"); otherwise `text()`, in which each missing part shows MISSING.
 */
function composite(values: readonly (number | null)[], text: () => string): string {
  return values.every((v) => v === null) ? MISSING : text();
}

/** "lo–hi", or MISSING when either end is missing (half a range is not shown). */
function rangeText(lo: number | null, hi: number | null, decimals: number): string {
  return lo === null || hi === null ? MISSING : `${formatNumber(lo, decimals)}–${formatNumber(hi, decimals)}`;
}

/** "mean (SD)"; the SD carries one more decimal than the mean. */
export function formatMeanSd(mean: number | null, sd: number | null, decimals: number): string {
  return composite([mean, sd], () => `${formatOptional(mean, decimals)} (${formatOptional(sd, decimals + 1)})`);
}

/** "median (Q1–Q3)". */
export function formatMedianQuartiles(median: number | null, q1: number | null, q3: number | null, decimals: number): string {
  return composite([median, q1, q3], () => `${formatOptional(median, decimals)} (${rangeText(q1, q3, decimals)})`);
}

/** "min–max". */
export function formatRange(min: number | null, max: number | null, decimals: number): string {
  return rangeText(min, max, decimals);
}

/** "estimate (lower, upper)". */
export function formatEstimateCi(estimate: number | null, lower: number | null, upper: number | null, decimals: number): string {
  return composite([estimate, lower, upper], () => `${formatOptional(estimate, decimals)} (${formatOptional(lower, decimals)}, ${formatOptional(upper, decimals)})`);
}

/**
 * A confidence level as a percentage with at most 2 decimals and no trailing zeros: 0.95 → "95 %",
 * 0.9 → "90 %", 0.975 → "97.5 %" (rounded to 2 decimals first, so a binary artefact of level × 100 never shows).
 * @throws InputError unless 0 < level < 1.
 */
export function formatConfidenceLevel(level: number): string {
  assertFiniteNumber(level, 'level');
  if (level <= 0 || level >= 1) throw new InputError('level', `expected a confidence level in (0, 1), got ${level}`);
  return `${formatNumber(level * 100, 2).replace(/\.?0+$/, '')} %`;
}

/**
 * The label of a confidence interval at `level`: every "95 % CI" of the report whose level is a parameter
 * (the plan's, or an analysis' named constant) is written by this function, so text and computation agree.
 * @example confidenceLabel(0.95) // => "95 % CI";  confidenceLabel(0.9) // => "90 % CI"
 * @throws InputError unless 0 < level < 1.
 */
export function confidenceLabel(level: number): string {
  return `${formatConfidenceLevel(level)} CI`;
}

/**
 * A p-value with 3 decimals; "< 0.001" below 0.001 and "> 0.999" above 0.999 (so 0 and 1 are never printed).
 * @throws InputError when p is outside [0, 1].
 */
export function formatPValue(p: number): string {
  assertFiniteNumber(p, 'p');
  if (p < 0 || p > 1) throw new InputError('p', `expected a probability in [0, 1], got ${p}`);
  if (p < 0.001) return '< 0.001';
  if (p > 0.999) return '> 0.999';
  return formatNumber(p, 3);
}
