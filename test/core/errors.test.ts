import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError, ExitCode, PlanError, formatLocation } from '../../src/core/errors.ts';

test('formatLocation: file:line:column as in the issue example', () => {
  assert.is(formatLocation({ file: 'lb.csv', line: 1043, column: 'LBSTRESN' }), 'lb.csv:1043:LBSTRESN');
  assert.is(formatLocation({ file: 'dm.csv', line: null, column: null }), 'dm.csv');
});

test('DataError: message starts with the location and exit code is 1', () => {
  const e = new DataError({ file: 'lb.csv', line: 7, column: 'LBSTRESN' }, '"1,2" is not a number', '1,2');
  assert.is(e.message, 'lb.csv:7:LBSTRESN: "1,2" is not a number');
  assert.is(e.exitCode, ExitCode.invalid);
  assert.is(e.name, 'DataError');
});

test('PlanError: names the key path', () => {
  const e = new PlanError('plan.json', 'primary.margin', 'must be a number in (0, 1)');
  assert.is(e.message, 'plan.json: primary.margin: must be a number in (0, 1)');
});

test.run();
