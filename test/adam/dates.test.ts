import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isoDateOfDays } from '../../src/core/calendar.ts';
import { addDays, dayNumber, daysBetween } from '../../src/adam/dates.ts';
import { imputeEndDate, imputeStartDate } from '../../src/adam/impute-date.ts';
import { computeStudyDay } from '../../src/adam/study-day.ts';
import { iso } from './factories.ts';

test('dayNumber: 1970-01-01 is 0, 2000-03-01 is 11017 (leap year 2000), round trip', () => {
  assert.is(dayNumber('1970-01-01'), 0);
  assert.is(dayNumber('2000-03-01'), 11017); // 30 years × 365 + 7 leap days + 59 (Jan+Feb 2000 incl. 29 Feb) + 1… = 10957 + 60
  assert.is(isoDateOfDays(11017), '2000-03-01');
  assert.is(daysBetween('2019-02-28', '2019-03-01'), 1);
  assert.is(addDays('2020-02-28', 1), '2020-02-29');
});
test('computeStudyDay: no day 0 (day before first dose is −1)', () => {
  assert.is(computeStudyDay('2019-03-01', '2019-03-01'), 1);
  assert.is(computeStudyDay('2019-03-29', '2019-03-01'), 29);
  assert.is(computeStudyDay('2019-02-28', '2019-03-01'), -1);
  assert.is(computeStudyDay(null, '2019-03-01'), null);
});
test('imputeStartDate: missing day → first of month, flag D', () => {
  assert.equal(imputeStartDate(iso('2019-05'), '2019-03-01'), { date: '2019-05-01', flag: 'D' });
});
test('imputeStartDate: partial month containing TRTSDT → TRTSDT (admiral min_dates)', () => {
  assert.equal(imputeStartDate(iso('2019-03'), '2019-03-14'), { date: '2019-03-14', flag: 'D' });
});
test('imputeStartDate: missing month → 1 January, or TRTSDT when in that year; flag M', () => {
  assert.equal(imputeStartDate(iso('2020'), '2019-03-14'), { date: '2020-01-01', flag: 'M' });
  assert.equal(imputeStartDate(iso('2019'), '2019-03-14'), { date: '2019-03-14', flag: 'M' });
});
test('imputeStartDate / imputeEndDate: complete date not imputed; null stays null', () => {
  assert.equal(imputeStartDate(iso('2019-05-07')), { date: '2019-05-07', flag: null });
  assert.equal(imputeStartDate(null), { date: null, flag: null });
});
test('imputeEndDate: last day of month (Feb 2019 → 28th; Feb 2020 → 29th), Dec 31 for year, capped at max date', () => {
  assert.equal(imputeEndDate(iso('2019-02')), { date: '2019-02-28', flag: 'D' });
  assert.equal(imputeEndDate(iso('2020-02')), { date: '2020-02-29', flag: 'D' });
  assert.equal(imputeEndDate(iso('2019')), { date: '2019-12-31', flag: 'M' });
  assert.equal(imputeEndDate(iso('2019-06'), '2019-06-10'), { date: '2019-06-10', flag: 'D' });
});

test.run();
