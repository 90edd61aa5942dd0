/**
 * Study day (CDISC SDTMIG 4.4.4 / ADaM ADY): ADY = ADT − TRTSDT + 1 when ADT ≥ TRTSDT, else
 * ADT − TRTSDT (there is no day 0). Day 1 = first dose date (trial conventions).
 */
import { daysBetween } from './dates.ts';

/** @example computeStudyDay('2019-03-10', '2019-03-10') // => 1; computeStudyDay('2019-03-09', '2019-03-10') // => -1 */
export function computeStudyDay(adt: string | null, refDate: string | null): number | null {
  if (adt === null || refDate === null) return null;
  const d = daysBetween(refDate, adt);
  return d >= 0 ? d + 1 : d;
}
