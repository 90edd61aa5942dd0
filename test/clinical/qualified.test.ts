import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exact, isAtLeast, isAtMost, isBelow } from '../../src/clinical/qualified.ts';

test('isBelow: <0.05 satisfies "< 0.5" (limit 0.05 ≤ 0.5)', () => {
  assert.is(isBelow({ value: 0.05, qualifier: '<' }, 0.5), true);
});
test('isBelow: <0.5 satisfies "< 0.5" (limit equal to the threshold)', () => {
  assert.is(isBelow({ value: 0.5, qualifier: '<' }, 0.5), true);
});
test('isBelow: <5 against "< 0.5" is indeterminate', () => {
  assert.is(isBelow({ value: 5, qualifier: '<' }, 0.5), null);
});
test('isBelow: exact value on the threshold is not below it', () => {
  assert.is(isBelow(exact(0.5), 0.5), false);
  assert.is(isAtLeast(exact(0.5), 0.5), true);
});
test('isAtMost / isAtLeast: >3000 is above 100 and not at most 100', () => {
  assert.is(isAtMost({ value: 3000, qualifier: '>' }, 100), false);
  assert.is(isAtLeast({ value: 3000, qualifier: '>' }, 100), true);
  assert.is(isAtMost({ value: 0.5, qualifier: '<=' }, 0.5), true);
});

test.run();
