import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertThrowsInputError } from '../helpers/throws.ts';
import { InputError } from '../../src/core/errors.ts';
import {
  confidenceLabel,
  formatConfidenceLevel,
  formatCountOfPercent,
  formatCountPercent,
  formatEstimateCi,
  formatMeanSd,
  formatMedianQuartiles,
  formatNumber,
  formatPValue,
  formatPercent,
  formatRange,
  MISSING,
  ROUNDING_RULES,
} from '../../src/report/format.ts';


test('formatNumber: half away from zero on the decimal value (1.005 → 1.01, not toFixed\'s 1.00)', () => {
  assert.is(formatNumber(1.005, 2), '1.01');
  assert.is(formatNumber(2.5, 0), '3');
  assert.is(formatNumber(-2.5, 0), '-3');
  assert.is(formatNumber(0.125, 2), '0.13');
  assert.is(formatNumber(12.3449, 2), '12.34');
  assert.is(formatNumber(3, 1), '3.0');
});

test('formatNumber: no negative zero; exponent notation inputs', () => {
  assert.is(formatNumber(-0.04, 1), '0.0');
  assert.is(formatNumber(-0, 2), '0.00');
  assert.is(formatNumber(1e-7, 3), '0.000');
  assert.is(formatNumber(1.5e-7, 7), '0.0000002');
  assert.is(formatNumber(1234567.891, 1), '1234567.9');
});

test('formatNumber: bad arguments throw InputError naming the argument', () => {
  assertThrowsInputError(() => formatNumber(Number.NaN, 1), 'value');
  assertThrowsInputError(() => formatNumber(Infinity, 1), 'value');
  assertThrowsInputError(() => formatNumber(1, 1.5), 'decimals');
  assertThrowsInputError(() => formatNumber(1, -1), 'decimals');
});

test('formatPercent / formatCountPercent: 1 decimal, zero count as "0 (0.0 %)"', () => {
  // 98/115 = 0.852173… → 85.2 %
  assert.is(formatCountPercent(98, 98 / 115), '98 (85.2 %)');
  assert.is(formatCountPercent(0, 0), '0 (0.0 %)');
  assert.is(formatCountPercent(3, null), `3 (${MISSING})`);
  // 1/8 = 12.5 % exactly; 1/16 = 6.25 % → 6.3 % (half away from zero)
  assert.is(formatPercent(1 / 16), '6.3 %');
  assertThrowsInputError(() => formatPercent(1.2), 'proportion');
  assertThrowsInputError(() => formatCountPercent(-1, 0), 'n');
  assertThrowsInputError(() => formatCountPercent(1.5, 0), 'n');
});

test('formatPValue: 3 decimals, "< 0.001" and "> 0.999"', () => {
  assert.is(formatPValue(0.0123456), '0.012');
  assert.is(formatPValue(0.05), '0.050');
  assert.is(formatPValue(0.0009999), '< 0.001');
  assert.is(formatPValue(0), '< 0.001');
  assert.is(formatPValue(0.001), '0.001');
  assert.is(formatPValue(0.9995), '> 0.999');
  assert.is(formatPValue(1), '> 0.999');
  assertThrowsInputError(() => formatPValue(-0.1), 'p');
  assertThrowsInputError(() => formatPValue(Number.NaN), 'p');
});

test('composite cells: mean (SD), median (Q1–Q3), min–max, estimate (lower, upper); missing parts as "–"', () => {
  assert.is(formatMeanSd(33.52, 9.8765, 1), '33.5 (9.88)');
  assert.is(formatMedianQuartiles(33, 26.5, 41.25, 1), '33.0 (26.5–41.3)');
  assert.is(formatRange(18, 64, 0), '18–64');
  assert.is(formatEstimateCi(-5.22, -14.03, 3.71, 1), '-5.2 (-14.0, 3.7)');
  assert.is(formatEstimateCi(null, -14.03, null, 1), '– (-14.0, –)');
  assert.is(formatMeanSd(null, null, 1), MISSING, 'no value at all: one "–", not "– (–)"');
  assert.is(formatMedianQuartiles(null, null, null, 1), MISSING, 'not "– (–––)"');
  assert.is(formatRange(null, null, 1), MISSING, 'not "–––"');
  assert.is(formatEstimateCi(null, null, null, 1), MISSING, 'not "– (–, –)"');
  assert.is(formatMeanSd(12, null, 1), '12.0 (–)', 'SD of n = 1: "–" for that part only');
  assert.is(formatMedianQuartiles(12, 10, null, 1), '12.0 (–)', 'half a range is not shown');
  assert.is(formatRange(1, null, 0), MISSING);
});

test('formatCountOfPercent: "n/N (x.x %)" for a count over its own denominator', () => {
  // 62/105 = 0.590476… → 59.0 %
  assert.is(formatCountOfPercent(62, 105, 62 / 105), '62/105 (59.0 %)');
  assert.is(formatCountOfPercent(0, 0, null), `0/0 (${MISSING})`);
  assertThrowsInputError(() => formatCountOfPercent(1, 1.5, 0.5), 'n');
});

test('confidence levels: one wording, "95 % CI", from the level; 1 − 2 × 0.025 is 95 %', () => {
  assert.is(confidenceLabel(0.95), '95 % CI');
  assert.is(confidenceLabel(1 - 2 * 0.025), '95 % CI');
  assert.is(confidenceLabel(0.9), '90 % CI');
  assert.is(formatConfidenceLevel(0.975), '97.5 %');
  assert.is(formatConfidenceLevel(1 - 2 * 0.05), '90 %');
  assert.is(formatConfidenceLevel(0.995), '99.5 %');
  assertThrowsInputError(() => confidenceLabel(95), 'level');
  assertThrowsInputError(() => confidenceLabel(0), 'level');
  assertThrowsInputError(() => confidenceLabel(Number.NaN), 'level');
});

test('ROUNDING_RULES states the percentage and p-value rules', () => {
  const text = ROUNDING_RULES.join(' ');
  assert.match(text, '1 decimal');
  assert.match(text, '< 0.001');
  assert.match(text, 'half away from zero');
});

test.run();
