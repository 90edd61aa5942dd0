/**
 * Calendar arithmetic on integer day numbers (days since 1970-01-01, proleptic Gregorian), with no
 * JavaScript Date and no time zone: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (days_from_civil / civil_from_days), http://howardhinnant.github.io/date_algorithms.html.
 */

/** Day number of a civil date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const isoCache = new Map<number, string>();

/** ISO 8601 date `YYYY-MM-DD` of a day number (cached: the simulator writes the same dates often). */
export function isoDate(days: number): string {
  let s = isoCache.get(days);
  if (s === undefined) {
    const { year, month, day } = civilFromDays(days);
    s = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
    isoCache.set(days, s);
  }
  return s;
}

/** ISO 8601 date-time `YYYY-MM-DDTHH:MM` (local clock time of the source, no zone). */
export function isoDateTime(days: number, minutes: number): string {
  return `${isoDate(days)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Partial ISO date: `YYYY-MM` (precision 'month') or `YYYY` (precision 'year'). */
export function isoPartial(days: number, precision: 'month' | 'year'): string {
  const iso = isoDate(days);
  return precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
}

/**
 * Day number of the date part of a complete ISO string (`YYYY-MM-DD` optionally followed by `T…`);
 * null for empty or partial dates.
 */
export function dayOfIso(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m === null) return null;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
