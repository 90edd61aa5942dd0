/** Calendar rules (src/core/calendar.ts) against JavaScript's own UTC calendar, an independent implementation. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { civilFromDays, daysFromCivil, daysInMonth, isLeapYear } from '../../src/core/calendar.ts';

test('isLeapYear: divisible by 4, except centuries not divisible by 400', () => {
  for (const y of [1600, 2000, 2020, 2024, 2400]) assert.ok(isLeapYear(y), String(y));
  for (const y of [1700, 1800, 1900, 2019, 2021, 2100]) assert.not.ok(isLeapYear(y), String(y));
});

test('daysInMonth: every month 1600–2400 equals Date.UTC day 0 of the next month and the day-number difference', () => {
  for (let y = 1600; y <= 2400; y++) {
    for (let m = 1; m <= 12; m++) {
      const n = daysInMonth(y, m);
      assert.is(n, new Date(Date.UTC(y, m, 0)).getUTCDate(), `${y}-${m}`);
      assert.is(n, daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1), `${y}-${m}`);
    }
  }
  assert.equal([daysInMonth(2019, 2), daysInMonth(2020, 2), daysInMonth(1900, 2), daysInMonth(2019, 4), daysInMonth(2019, 12)], [28, 29, 28, 30, 31]);
});

test('daysFromCivil / civilFromDays: day numbers of Date.UTC, round trip', () => {
  for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2019, 3, 1], [1600, 1, 1], [2400, 12, 31]] as const) {
    const n = daysFromCivil(y, m, d);
    assert.is(n, Date.UTC(y, m - 1, d) / 86_400_000, `${y}-${m}-${d}`);
    assert.equal(civilFromDays(n), { year: y, month: m, day: d });
  }
});

test.run();
