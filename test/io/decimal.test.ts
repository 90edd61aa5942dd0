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
  for (const t of ['1,2', '1 200', '1,200', '', ' 12', '12 ', 'NaN', 'Infinity', '0x1F', '1.2.3', '--1', '12a']) {
    const r = parseDecimal(t);
    assert.instance(r, ParseFailure, t);
    assert.is((r as ParseFailure).message, `"${t}" is not a number (expected a decimal with '.' as separator)`, t);
  }
});

test('parseInteger: whole numbers, 2.0 accepted, 2.5 rejected', () => {
  assert.is(parseInteger('42'), 42);
  assert.is(parseInteger('-3'), -3);
  assert.is(parseInteger('2.0'), 2);
  assert.is((parseInteger('2.5') as ParseFailure).message, '"2.5" is not an integer');
  assert.is((parseInteger('two') as ParseFailure).message, '"two" is not an integer');
});

test.run();
