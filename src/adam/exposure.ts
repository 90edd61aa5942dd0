/**
 * Per-subject exposure variables of ADSL, from EX (domain.md 6.1 and 7 item 5: "MSC dose delivered
 * (cells/kg, infusion completed), MMF/placebo compliance"). The trial is double dummy: every subject has
 * one infusion (UC-MSC or placebo) and daily tablets (MMF or placebo), so which record is which is told by
 * its frequency and unit, never by the (blinded) treatment name:
 *
 * - INFUSFL   'Y' when an EX record with EXDOSFRQ `ONCE` has a start date (the infusion was given).
 * - CELLDOSE  sum of EXDOSE over records with EXDOSU `10^6 cells/kg` (UC-MSC dose delivered, 10^6 cells/kg);
 *             null when there are none (placebo infusion, or no infusion).
 * - ORALDURD  days with oral study drug: the union of the [EXSTDTC, EXENDTC] intervals (inclusive) of the
 *             records with EXDOSFRQ `QD`, complete dates only.
 * - ORALDOSE  cumulative oral dose in g: sum of EXDOSE (mg/day) × days of each `QD` record in mg/day, ÷ 1000
 *             (MMF; 0 for placebo tablets).
 * - ORALCOMP  oral treatment adherence in %: 100 × days with oral study drug ÷ days the subject should have
 *             taken tablets, both counted from the first oral dose to the earlier of the end of study (EOSDT)
 *             and the planned treatment length (`plannedDays`, the primary visit's target day), so it is at
 *             most 100 — the "days on drug" measure, as EX carries no returned-tablet counts; null when it
 *             has no denominator.
 */
import type { ExRecord } from '../cdisc/sdtm.ts';
import { dayNumber, toDate } from './dates.ts';

export interface ExposureVariables {
  INFUSFL: 'Y' | 'N';
  CELLDOSE: number | null;
  ORALDURD: number | null;
  ORALDOSE: number | null;
  ORALCOMP: number | null;
}

/** EXDOSU of the MSC cell dose. */
export const CellDoseUnit = '10^6 cells/kg';

/** Inclusive day intervals [first, last] of the complete-dated records, merged; total days covered. */
function coveredDays(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const [s, e] of sorted) {
    if (cur !== null && s <= cur[1] + 1) cur[1] = Math.max(cur[1], e);
    else {
      if (cur !== null) total += cur[1] - cur[0] + 1;
      cur = [s, e];
    }
  }
  return cur === null ? total : total + cur[1] - cur[0] + 1;
}

/** Rounded to 4 decimals so that the CSV shows the value, not binary noise. */
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Exposure variables of one subject. @param eosdt end-of-study date (null: ongoing). */
export function deriveExposureVariables(ex: readonly ExRecord[], eosdt: string | null, plannedDays: number): ExposureVariables {
  const infusion = ex.some((e) => e.EXDOSFRQ === 'ONCE' && toDate(e.EXSTDTC) !== null);
  const cells = ex.filter((e) => e.EXDOSU === CellDoseUnit && e.EXDOSE !== null);
  const oral: { s: number; e: number; dose: number | null; unit: string | null }[] = [];
  for (const r of ex) {
    if (r.EXDOSFRQ !== 'QD') continue;
    const s = toDate(r.EXSTDTC), e = toDate(r.EXENDTC);
    if (s === null || e === null || e < s) continue;
    oral.push({ s: dayNumber(s), e: dayNumber(e), dose: r.EXDOSE, unit: r.EXDOSU });
  }
  const days = oral.length === 0 ? null : coveredDays(oral.map((o) => [o.s, o.e]));
  const mg = oral.every((o) => o.unit === 'mg/day' && o.dose !== null) && oral.length > 0 ? oral.reduce((t, o) => t + (o.dose as number) * (o.e - o.s + 1), 0) : null;
  let compliance: number | null = null;
  if (days !== null) {
    const first = Math.min(...oral.map((o) => o.s));
    const end = eosdt === null ? first + plannedDays - 1 : Math.min(first + plannedDays - 1, dayNumber(eosdt));
    const expected = end - first + 1;
    // Numerator and denominator over the same window: days taken after the planned period do not count.
    const within = coveredDays(oral.filter((o) => o.s <= end).map((o) => [o.s, Math.min(o.e, end)]));
    compliance = expected > 0 ? round4((100 * within) / expected) : null;
  }
  return {
    INFUSFL: infusion ? 'Y' : 'N',
    CELLDOSE: cells.length === 0 ? null : round4(cells.reduce((t, e) => t + (e.EXDOSE as number), 0)),
    ORALDURD: days,
    ORALDOSE: mg === null ? null : round4(mg / 1000),
    ORALCOMP: compliance,
  };
}
