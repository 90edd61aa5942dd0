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
 * - A missing value (null) is shown as MISSING ("–", en dash); tables add a footnote explaining it.
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
  'Risk differences are shown in percentage points; "–" marks a value that is not available (see the table footnote).',
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

/** "mean (SD)"; the SD carries one more decimal than the mean. */
export function formatMeanSd(mean: number | null, sd: number | null, decimals: number): string {
  return `${formatOptional(mean, decimals)} (${formatOptional(sd, decimals + 1)})`;
}

/** "median (Q1–Q3)". */
export function formatMedianQuartiles(median: number | null, q1: number | null, q3: number | null, decimals: number): string {
  return `${formatOptional(median, decimals)} (${formatOptional(q1, decimals)}–${formatOptional(q3, decimals)})`;
}

/** "min–max". */
export function formatRange(min: number | null, max: number | null, decimals: number): string {
  return `${formatOptional(min, decimals)}–${formatOptional(max, decimals)}`;
}

/** "estimate (lower, upper)". */
export function formatEstimateCi(estimate: number | null, lower: number | null, upper: number | null, decimals: number): string {
  return `${formatOptional(estimate, decimals)} (${formatOptional(lower, decimals)}, ${formatOptional(upper, decimals)})`;
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
