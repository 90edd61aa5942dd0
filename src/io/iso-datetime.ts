/**
 * ISO 8601 date and date-time parsing for SDTM `--DTC` variables, keeping the precision written in the
 * source (SDTMIG v3.3 §4.4.4 "Use of dates as result variables" and ISO 8601:2004 §4.1–4.3).
 *
 * Accepted forms (extended format only, no time zone, as SDTM writes local clock times):
 * `YYYY` (year), `YYYY-MM` (month), `YYYY-MM-DD` (day), `YYYY-MM-DDThh:mm` (minute),
 * `YYYY-MM-DDThh:mm:ss` and `YYYY-MM-DDThh:mm:ss.fff` (second; fractional seconds kept in `second`).
 * Components are range-checked against the proleptic Gregorian calendar: month 01–12, day within the
 * month (29 February only in leap years), hour 00–23, minute and second 00–59. Impossible dates
 * (`2019-02-30`, month 13) are failures; nothing is imputed here (imputation is a named ADaM step).
 * Not accepted (failures with a message): SDTM's dash-omitted partials (`2019---15`), hour-only
 * times (`2019-03-15T10`), time zones (`Z`, `+01:00`), basic format (`20190315`), other orders.
 */
import type { IsoDateTime } from '../cdisc/values.ts';
import { daysInMonth } from '../core/calendar.ts';
import { ParseFailure } from './parse-failure.ts';

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?)?)?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EXPECTED = 'expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss';

/**
 * Parse an ISO 8601 (partial) date or date-time.
 * @example parseIsoDateTime('2019-03') // => { text: '2019-03', precision: 'month', year: 2019, month: 3, day: null, hour: null, minute: null, second: null }
 * @example parseIsoDateTime('2019-02-30') // => ParseFailure('"2019-02-30" is not a valid date (February 2019 has 28 days)')
 */
export function parseIsoDateTime(text: string): IsoDateTime | ParseFailure {
  const m = ISO.exec(text);
  if (m === null) return new ParseFailure(`"${text}" is not an ISO 8601 date (${EXPECTED})`);
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  const hour = m[4] === undefined ? null : Number(m[4]);
  const minute = m[5] === undefined ? null : Number(m[5]);
  const second = m[6] === undefined ? null : Number(m[6]);
  const problem = rangeProblem(year, month, day, hour, minute, second);
  if (problem !== null) return new ParseFailure(`"${text}" is not a valid date (${problem})`);
  const precision = second !== null ? 'second' : minute !== null ? 'minute' : day !== null ? 'day' : month !== null ? 'month' : 'year';
  return { text, precision, year, month, day, hour, minute, second };
}

/**
 * True when `a` is certainly before `b` on the calendar, comparing dates only (times ignored) at the
 * precision both share: `2019-02` is before `2019-03-01`, but `2019-03` is not before `2019-03-01`
 * (it may be the same day or later).
 * @example isCertainlyBefore(parse('2019-02-20'), parse('2019-03-01')) // => true
 */
export function isCertainlyBefore(a: IsoDateTime, b: IsoDateTime): boolean {
  if (a.year !== b.year) return a.year < b.year;
  if (a.month === null || b.month === null) return false;
  if (a.month !== b.month) return a.month < b.month;
  if (a.day === null || b.day === null) return false;
  return a.day < b.day;
}

function rangeProblem(year: number, month: number | null, day: number | null, hour: number | null, minute: number | null, second: number | null): string | null {
  if (month !== null && (month < 1 || month > 12)) return `month ${pad(month)} is out of range 01-12`;
  if (month !== null && day !== null) {
    const n = daysInMonth(year, month);
    if (day < 1 || day > n) return day < 1 ? 'day 00 does not exist' : `${MONTHS[month - 1]} ${year} has ${n} days`;
  }
  if (hour !== null && hour > 23) return `hour ${pad(hour)} is out of range 00-23`;
  if (minute !== null && minute > 59) return `minute ${pad(minute)} is out of range 00-59`;
  if (second !== null && second >= 60) return `second ${second} is out of range 00-59`;
  return null;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
