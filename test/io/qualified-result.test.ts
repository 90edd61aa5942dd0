import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseQualifiedResult } from '../../src/io/qualified-result.ts';

test('parseQualifiedResult rule 1: empty is a missing result', () => {
  assert.equal(parseQualifiedResult(''), { result: { text: '', value: null, qualifier: null, nonNumeric: null }, warning: null });
  assert.equal(parseQualifiedResult('  ').result.value, null);
});

test('parseQualifiedResult rule 2: plain decimal', () => {
  assert.equal(parseQualifiedResult('12.5').result, { text: '12.5', value: 12.5, qualifier: null, nonNumeric: null });
});

test('parseQualifiedResult rule 3: qualifier keeps the limit as value', () => {
  assert.equal(parseQualifiedResult('<0.05').result, { text: '<0.05', value: 0.05, qualifier: '<', nonNumeric: null });
  assert.equal(parseQualifiedResult('>=3000').result, { text: '>=3000', value: 3000, qualifier: '>=', nonNumeric: null });
  assert.equal(parseQualifiedResult('<= 10').result, { text: '<= 10', value: 10, qualifier: '<=', nonNumeric: null });
  assert.equal(parseQualifiedResult('>1.5').result, { text: '>1.5', value: 1.5, qualifier: '>', nonNumeric: null });
});

test('parseQualifiedResult rule 4: known codes, case-insensitive, value null', () => {
  for (const [t, code] of [['ND', 'ND'], ['neg', 'NEG'], ['POS', 'POS'], ['Trace', 'TRACE'], ['NOT DONE', 'NOT DONE'], ['NEGATIVE', 'NEGATIVE']]) {
    assert.equal(parseQualifiedResult(t), { result: { text: t, value: null, qualifier: null, nonNumeric: code }, warning: null }, t);
  }
});

test('parseQualifiedResult rule 6: anything else is kept as text with a warning', () => {
  const r = parseQualifiedResult('1,2');
  assert.equal(r.result, { text: '1,2', value: null, qualifier: null, nonNumeric: '1,2' });
  assert.is(r.warning, `"1,2" is not a number, a qualified number (<, <=, >, >= then a decimal with '.'), a titre 1:n or a known code (ND, NEG, NEGATIVE, POS, POSITIVE, TRACE, NOT DONE); kept as non-numeric text`);
  assert.is.not(parseQualifiedResult('N').warning, null);
});

test('parseQualifiedResult: an ANA titre 1:n is its reciprocal, without a warning (rule 4)', () => {
  assert.equal(parseQualifiedResult('1:320'), { result: { text: '1:320', value: 320, qualifier: null, nonNumeric: null }, warning: null });
  assert.is(parseQualifiedResult('1:').warning !== null, true);
  assert.is(parseQualifiedResult('2:40').warning !== null, true);
});

test.run();
