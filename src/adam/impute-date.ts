/**
 * Partial-date imputation for analysis dates, following admiral `impute_dtc_dt` / `compute_dtf`
 * (pharmaverse admiral, highest_imputation = "M"):
 * - start dates (`imputeStartDate`): missing day → first day of the month, missing month and day →
 *   1 January; but when the partial date's period contains `minDate` (e.g. TRTSDT) the date is imputed
 *   to `minDate` instead ("min_dates"), so an event in the month of first dose is not pushed before it.
 * - end dates (`imputeEndDate`): missing day → last day of the month, missing month → 31 December;
 *   capped at `maxDate` (e.g. death or data cut) when that lies in the period ("max_dates").
 * Flags (ADaM *DTF): 'D' day imputed, 'M' month (and day) imputed; null when not imputed. A missing
 * year is not imputed (date null).
 */
import type { IsoDateTime } from '../cdisc/values.ts';
import { daysFromCivil, daysInMonth, isoDateOfDays } from '../core/calendar.ts';
import { dayNumber } from './dates.ts';

export type DateImputationFlag = 'D' | 'M' | null;

export interface ImputedDate {
  date: string | null;
  flag: DateImputationFlag;
}

function period(x: IsoDateTime): { first: number; last: number; flag: DateImputationFlag } {
  if (x.month === null) return { first: daysFromCivil(x.year, 1, 1), last: daysFromCivil(x.year, 12, 31), flag: 'M' };
  if (x.day === null) return { first: daysFromCivil(x.year, x.month, 1), last: daysFromCivil(x.year, x.month, daysInMonth(x.year, x.month)), flag: 'D' };
  const d = daysFromCivil(x.year, x.month, x.day);
  return { first: d, last: d, flag: null };
}

/** @example imputeStartDate(parse('2019-05'), '2019-05-14') // => { date: '2019-05-14', flag: 'D' } */
export function imputeStartDate(x: IsoDateTime | null, minDate: string | null = null): ImputedDate {
  if (x === null) return { date: null, flag: null };
  const p = period(x);
  if (p.flag === null) return { date: isoDateOfDays(p.first), flag: null };
  const min = minDate === null ? null : dayNumber(minDate);
  const d = min !== null && min >= p.first && min <= p.last ? min : p.first;
  return { date: isoDateOfDays(d), flag: p.flag };
}

/** @example imputeEndDate(parse('2019-02')) // => { date: '2019-02-28', flag: 'D' } */
export function imputeEndDate(x: IsoDateTime | null, maxDate: string | null = null): ImputedDate {
  if (x === null) return { date: null, flag: null };
  const p = period(x);
  if (p.flag === null) return { date: isoDateOfDays(p.first), flag: null };
  const max = maxDate === null ? null : dayNumber(maxDate);
  const d = max !== null && max >= p.first && max <= p.last ? max : p.last;
  return { date: isoDateOfDays(d), flag: p.flag };
}
