/**
 * ISO 8601 date text for the simulator (full, date-time and partial), on the shared calendar arithmetic of
 * src/core/calendar.ts (integer day numbers, no JavaScript Date, no time zone).
 */
import { daysFromCivil, isoDateOfDays } from '../core/calendar.ts';

const isoCache = new Map<number, string>();

/** ISO 8601 date `YYYY-MM-DD` of a day number (cached: the simulator writes the same dates often). */
export function isoDate(days: number): string {
  let s = isoCache.get(days);
  if (s === undefined) {
    s = isoDateOfDays(days);
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
