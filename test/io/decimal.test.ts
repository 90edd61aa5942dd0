import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDecimal, parseInteger } from '../../src/io/decimal.ts';
import { ParseFailure } from '../../src/io/parse-failure.ts';

test('parseDecimal: decimals with "." and exponents', () => {
  assert.is(parseDecimal('12.5'), 12.5);
  assert.is(parseDecimal('-0.5'), -0.5);
  assert.is(parseDecimal('.5'), 0.5);
  assert.is(parseDecimal('3.'), 3);
  assert.is(parseDecimal('+7'), 7);
  assert.is(parseDecimal('1e-3'), 0.001);
  assert.is(parseDecimal('1.5E+2'), 150);
});

test('parseDecimal: comma decimals, thousands separators and non-numbers fail naming the format', () => {
  for (const t of ['1,2', '1,200', '1 2', '1 2000', '1,234 5', '', ' 12', '12 ', 'NaN', 'Infinity', '0x1F', '1.2.3', '--1', '12a']) {
    const r = parseDecimal(t);
    assert.instance(r, ParseFailure, t);
    assert.is((r as ParseFailure).message, `"${t}" is not a number (expected a decimal with '.' as separator)`, t);
  }
});

test('parseDecimal/parseInteger: unambiguous thousands separators are named, with the plain number', () => {
  const cases: [string, string][] = [
    ['1,234.5', `"1,234.5" is not a number (',' as thousands separator is not allowed: write 1234.5)`],
    ['1,234,567', `"1,234,567" is not a number (',' as thousands separator is not allowed: write 1234567)`],
    ['-1,000.', `"-1,000." is not a number (',' as thousands separator is not allowed: write -1000.)`],
    ['1 234', `"1 234" is not a number (a blank as thousands separator is not allowed: write 1234)`],
    ['2 000 000', `"2 000 000" is not a number (a blank as thousands separator is not allowed: write 2000000)`],
    ['12\u00a0345.6', `"12\u00a0345.6" is not a number (a blank as thousands separator is not allowed: write 12345.6)`],
  ];
  for (const [t, message] of cases) assert.is((parseDecimal(t) as ParseFailure).message, message, t);
  assert.is((parseInteger('2 000') as ParseFailure).message, `"2 000" is not a number (a blank as thousands separator is not allowed: write 2000)`);
  assert.is((parseInteger('1,234') as ParseFailure).message, '"1,234" is not an integer'); // ambiguous: decimal comma?
});

test('parseInteger: whole numbers, 2.0 accepted, 2.5 rejected', () => {
  assert.is(parseInteger('42'), 42);
  assert.is(parseInteger('-3'), -3);
  assert.is(parseInteger('2.0'), 2);
  assert.is((parseInteger('2.5') as ParseFailure).message, '"2.5" is not an integer');
  assert.is((parseInteger('two') as ParseFailure).message, '"two" is not an integer');
});

test.run();
