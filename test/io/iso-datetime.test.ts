import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isCertainlyBefore, parseIsoDateTime } from '../../src/io/iso-datetime.ts';
import { ParseFailure } from '../../src/io/parse-failure.ts';
import type { IsoDateTime } from '../../src/cdisc/values.ts';

const ok = (text: string) => {
  const r = parseIsoDateTime(text);
  if (r instanceof ParseFailure) throw new Error(`unexpected failure: ${r.message}`);
  return r;
};
const fail = (text: string): string => {
  const r = parseIsoDateTime(text);
  assert.instance(r, ParseFailure, text);
  return (r as ParseFailure).message;
};

test('parseIsoDateTime: every partial precision keeps its components', () => {
  assert.equal(ok('2019'), { text: '2019', precision: 'year', year: 2019, month: null, day: null, hour: null, minute: null, second: null });
  assert.equal(ok('2019-03'), { text: '2019-03', precision: 'month', year: 2019, month: 3, day: null, hour: null, minute: null, second: null });
  assert.equal(ok('2019-03-15'), { text: '2019-03-15', precision: 'day', year: 2019, month: 3, day: 15, hour: null, minute: null, second: null });
  assert.equal(ok('2019-03-15T10:30'), { text: '2019-03-15T10:30', precision: 'minute', year: 2019, month: 3, day: 15, hour: 10, minute: 30, second: null });
  assert.equal(ok('2019-03-15T10:30:05'), { text: '2019-03-15T10:30:05', precision: 'second', year: 2019, month: 3, day: 15, hour: 10, minute: 30, second: 5 });
  assert.is(ok('2019-03-15T10:30:05.25').second, 5.25);
});

test('parseIsoDateTime: leap years by the Gregorian rule (2020, 2000 leap; 2019, 1900 not)', () => {
  assert.is(ok('2020-02-29').day, 29);
  assert.is(ok('2000-02-29').day, 29);
  assert.is(fail('2019-02-29'), '"2019-02-29" is not a valid date (February 2019 has 28 days)');
  assert.is(fail('1900-02-29'), '"1900-02-29" is not a valid date (February 1900 has 28 days)');
});

test('parseIsoDateTime: impossible dates and times are failures', () => {
  assert.is(fail('2019-02-30'), '"2019-02-30" is not a valid date (February 2019 has 28 days)');
  assert.is(fail('2019-13'), '"2019-13" is not a valid date (month 13 is out of range 01-12)');
  assert.is(fail('2019-00-10'), '"2019-00-10" is not a valid date (month 00 is out of range 01-12)');
  assert.is(fail('2019-04-31'), '"2019-04-31" is not a valid date (April 2019 has 30 days)');
  assert.is(fail('2019-04-00'), '"2019-04-00" is not a valid date (day 00 does not exist)');
  assert.is(fail('2019-04-01T24:00'), '"2019-04-01T24:00" is not a valid date (hour 24 is out of range 00-23)');
  assert.is(fail('2019-04-01T10:60'), '"2019-04-01T10:60" is not a valid date (minute 60 is out of range 00-59)');
});

test('parseIsoDateTime: forms outside the accepted set name the expected format', () => {
  const expected = '(expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss)';
  for (const t of ['15/03/2019', '20190315', '2019-3-15', '2019-03-15T10', '2019-03-15T10:30Z', '2019-03-15 10:30', '2019---15', ' 2019-03-15']) {
    assert.is(fail(t), `"${t}" is not an ISO 8601 date ${expected}`, t);
  }
});

test('isCertainlyBefore: compares at the precision both dates share, times ignored', () => {
  const d = (t: string) => parseIsoDateTime(t) as IsoDateTime;
  assert.ok(isCertainlyBefore(d('2019-02-28'), d('2019-03-01')));
  assert.ok(isCertainlyBefore(d('2019-02'), d('2019-03-01')));
  assert.ok(isCertainlyBefore(d('2018'), d('2019-01-01')));
  assert.not.ok(isCertainlyBefore(d('2019-03'), d('2019-03-18')), 'same month: may be on or after');
  assert.not.ok(isCertainlyBefore(d('2019'), d('2019-03-18')));
  assert.not.ok(isCertainlyBefore(d('2019-03-18T07:00'), d('2019-03-18T09:00')), 'same day: times are not compared');
  assert.not.ok(isCertainlyBefore(d('2019-03-02'), d('2019-03-01')));
});

test.run();
