/**
 * Calendar arithmetic on ISO dates without JS `Date` objects (style.md "Dates"): analysis dates are
 * `YYYY-MM-DD` strings; differences use day numbers (days since 1970-01-01, proleptic Gregorian;
 * algorithm of H. Hinnant, "chrono-compatible low-level date algorithms").
 */
import type { IsoDateTime } from '../cdisc/values.ts';
import { InputError } from '../core/errors.ts';
import { daysFromCivil, daysInMonth, isoDateOfDays } from '../core/calendar.ts';

/** Value of the ASCII digits s[from, to), or -1 when any character is not 0–9. */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Day number of a `YYYY-MM-DD` string (exactly that shape, ASCII digits). Parsed character by character:
 * it runs for every record of every dataset, where a regular expression per call was a hot spot.
 * @throws InputError when not a complete calendar date.
 */
export function dayNumber(ymd: string): number {
  const ok = ymd.length === 10 && ymd.charCodeAt(4) === 45 && ymd.charCodeAt(7) === 45;
  const y = ok ? digitsAt(ymd, 0, 4) : -1, mo = ok ? digitsAt(ymd, 5, 7) : -1, d = ok ? digitsAt(ymd, 8, 10) : -1;
  if (y < 0 || mo < 0 || d < 0) throw new InputError('ymd', `"${ymd}" is not a YYYY-MM-DD date`);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new InputError('ymd', `"${ymd}" is not a calendar date`);
  return daysFromCivil(y, mo, d);
}

/** `YYYY-MM-DD` of a complete (day precision or finer) ISO value, else null. */
export function toDate(x: IsoDateTime | null): string | null {
  if (x === null || x.month === null || x.day === null) return null;
  return `${String(x.year).padStart(4, '0')}-${String(x.month).padStart(2, '0')}-${String(x.day).padStart(2, '0')}`;
}

/** A text date (e.g. SUPPDM QVAL) as `YYYY-MM-DD` when it starts with a complete date, else null. */
export function textToDate(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s.trim());
  if (m === null) return null;
  try {
    dayNumber(m[1]);
    return m[1];
  } catch {
    return null;
  }
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Date plus n days. */
export function addDays(a: string, n: number): string {
  return isoDateOfDays(dayNumber(a) + n);
}

/** Code-unit string order (not locale-dependent): for ISO dates this is chronological order. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
