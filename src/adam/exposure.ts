/**
 * Per-subject exposure variables of ADSL, from EX (domain.md 6.1 and 7 item 5: "MSC dose delivered
 * (cells/kg, infusion completed), MMF/placebo compliance"). The trial is double dummy: every subject has
 * one infusion (UC-MSC or placebo) and daily tablets (MMF or placebo), so which record is which is told by
 * its frequency and unit, never by the (blinded) treatment name:
 *
 * - INFUSFL   'Y' when an EX record with EXDOSFRQ `ONCE` has a start date (the infusion was given).
 * - CELLDOSE  sum of EXDOSE over records with EXDOSU `10^6 cells/kg` and a start date (UC-MSC dose delivered,
 *             10^6 cells/kg); null when there are none (placebo infusion, or no infusion).
 * - ORALDURD  days with oral study drug: the union of the [EXSTDTC, EXENDTC] intervals (inclusive) of the
 *             records with a daily regimen (EXDOSFRQ `QD`, `BID`, `TID` or `QID`, {@link DailyFrequencies}),
 *             complete dates only.
 * - ORALDOSE  cumulative oral dose in g: sum of the daily dose (mg/day, {@link oralDailyDose}) × days of each
 *             daily-regimen record, ÷ 1000 (MMF; 0 for placebo tablets). Null when such a record has no dose,
 *             a unit that is not a dose in mg or g, or incomplete dates: that record is listed as a warning
 *             data issue (a partial sum would understate the dose without saying so).
 * A daily-regimen record with a complete start and no EXENDTC is ongoing treatment (usual at an interim data
 * cut): its end is imputed as the earlier of the end of study (EOSDT) and the data-cut date, and the record is
 * listed as a warning saying so. Records left out of all three (a frequency that is neither `ONCE` nor a daily
 * regimen, e.g. `PRN`, or a daily-regimen record with an incomplete start or end, reversed dates, or no end
 * and nothing to impute it from) are each listed as a warning, and then ORALDURD, ORALDOSE and ORALCOMP are
 * all null: any of them computed without the record would understate exposure. A record with another or no
 * EXDOSFRQ counts as left out in the same way when its unit is an oral dose unit (it is probably tablets); a
 * record in the cell-dose unit without EXDOSFRQ is the infusion (INFUSFL, CELLDOSE) and is not an oral record.
 * Nothing is dropped silently.
 * - ORALCOMP  oral treatment adherence in %: 100 × days with oral study drug ÷ days the subject should have
 *             taken tablets, both counted from the first oral dose to the earliest of the end of study (EOSDT),
 *             the data cut and the planned treatment length (`plannedDays`, the primary visit's target day), so it is at
 *             most 100 — the "days on drug" measure, as EX carries no returned-tablet counts; null when it
 *             has no denominator.
 */
import type { ExRecord } from '../cdisc/sdtm.ts';
import type { DataIssue } from '../io/data-issue.ts';
import { dayNumber, toDate } from './dates.ts';

export interface ExposureVariables {
  INFUSFL: 'Y' | 'N';
  CELLDOSE: number | null;
  ORALDURD: number | null;
  ORALDOSE: number | null;
  ORALCOMP: number | null;
}

export interface ExposureResult {
  variables: ExposureVariables;
  /** One warning per EX record left out or whose daily dose is unknown (ORALDOSE is then null). */
  issues: DataIssue[];
}

/** EXDOSU of the MSC cell dose. */
export const CellDoseUnit = '10^6 cells/kg';

/**
 * Daily regimens of the tablets (CDISC controlled terminology, codelist FREQ C71113): EXDOSFRQ →
 * administrations per day.
 */
export const DailyFrequencies: Readonly<Record<string, number>> = { QD: 1, BID: 2, TID: 3, QID: 4 };

/**
 * EXDOSU of the daily tablets → factor to mg and whether the unit is already per day. domain.md 6.1: EX
 * holds the "MMF/placebo daily dose". SDTMIG 3.3 EX: EXDOSE is the amount per administration and EXDOSFRQ
 * the number of administrations per period, so a dose in mg or g is multiplied by the administrations per
 * day (the CDISC pilot's EX is written so: EXDOSU `mg`, EXDOSFRQ `QD`), while a dose in mg/day or g/day is
 * the daily dose whatever the frequency. 1 g = 1000 mg. Any other unit is never guessed.
 */
export const OralDoseUnits: Readonly<Record<string, { toMg: number; perDay: boolean }>> = {
  'mg/day': { toMg: 1, perDay: true },
  'g/day': { toMg: 1000, perDay: true },
  mg: { toMg: 1, perDay: false },
  g: { toMg: 1000, perDay: false },
};

/** A daily dose in mg/day, or the located warning saying why it is unknown. */
export type OralDailyDose = { ok: true; mgPerDay: number } | { ok: false; issue: DataIssue };

/**
 * Daily dose of one daily-regimen record (EXDOSFRQ in {@link DailyFrequencies}) in mg/day.
 * @example oralDailyDose({ ...qd, EXDOSE: 2, EXDOSU: 'g/day' })                   // => { ok: true, mgPerDay: 2000 }
 * @example oralDailyDose({ ...qd, EXDOSE: 1000, EXDOSU: 'mg', EXDOSFRQ: 'BID' })  // => { ok: true, mgPerDay: 2000 }
 */
export function oralDailyDose(r: ExRecord): OralDailyDose {
  const expected = `expected one of ${Object.keys(OralDoseUnits).join(', ')} for a daily-regimen record`;
  const warn = (column: string, value: string | null, problem: string): OralDailyDose => ({
    ok: false,
    issue: { severity: 'warning', file: r.source.file, line: r.source.line, column, value, message: `${problem}; ORALDOSE of ${r.USUBJID} is left empty` },
  });
  const unit = r.EXDOSU === null ? '' : r.EXDOSU.trim();
  const u = Object.hasOwn(OralDoseUnits, unit) ? OralDoseUnits[unit] : undefined;
  if (u === undefined) return warn('EXDOSU', r.EXDOSU, unit === '' ? `daily dose unit missing (${expected})` : `"${r.EXDOSU}" is not a daily dose unit (${expected})`);
  if (r.EXDOSE === null) return warn('EXDOSE', null, 'dose missing on a daily-regimen record');
  const perDay = r.EXDOSFRQ !== null && Object.hasOwn(DailyFrequencies, r.EXDOSFRQ) ? DailyFrequencies[r.EXDOSFRQ] : 1;
  return { ok: true, mgPerDay: r.EXDOSE * u.toMg * (u.perDay ? 1 : perDay) };
}

/** A located warning for an EX record that is not counted in the oral exposure variables. */
function notCounted(r: ExRecord, column: string, value: string | null, problem: string, empties: boolean): DataIssue {
  const consequence = empties
    ? `the record is not counted, so ORALDURD, ORALDOSE and ORALCOMP of ${r.USUBJID} are left empty (without it they would understate exposure)`
    : `the record is not counted in ORALDURD, ORALDOSE or ORALCOMP of ${r.USUBJID}`;
  return { severity: 'warning', file: r.source.file, line: r.source.line, column, value, message: `${problem}; ${consequence}` };
}

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

/** A cell-dose (UC-MSC) record: by its frequency, or by its unit when EXDOSFRQ is missing. */
const isInfusion = (e: ExRecord): boolean => e.EXDOSFRQ === 'ONCE' || (e.EXDOSFRQ === null && e.EXDOSU?.trim() === CellDoseUnit);

/**
 * Exposure variables of one subject.
 * @param eosdt end-of-study date `YYYY-MM-DD` (null: ongoing).
 * @param dataCut data-cut date `YYYY-MM-DD` of the lock (plan `study.dataCutDate`), null when unknown.
 */
export function deriveExposureVariables(ex: readonly ExRecord[], eosdt: string | null, plannedDays: number, dataCut: string | null = null): ExposureResult {
  const infusion = ex.some((e) => isInfusion(e) && toDate(e.EXSTDTC) !== null);
  // Delivered cells only: a cell-dose record without a start date was not given (INFUSFL is 'N' for it too).
  const cells = ex.filter((e) => e.EXDOSU?.trim() === CellDoseUnit && e.EXDOSE !== null && toDate(e.EXSTDTC) !== null);
  const oral: { s: number; e: number; dose: OralDailyDose }[] = [];
  const skipped: DataIssue[] = [];
  const imputed: DataIssue[] = [];
  let partial = false; // a left-out record that was probably oral treatment
  for (const r of ex) {
    if (isInfusion(r)) continue;
    if (r.EXDOSFRQ === null || !Object.hasOwn(DailyFrequencies, r.EXDOSFRQ)) {
      // A dose in an oral unit is probably tablets, whatever the frequency says (PRN, missing, ...): the oral
      // variables computed without it would understate exposure, so they are unknown.
      const oralUnit = r.EXDOSU !== null && Object.hasOwn(OralDoseUnits, r.EXDOSU.trim());
      if (oralUnit) partial = true;
      skipped.push(notCounted(r, 'EXDOSFRQ', r.EXDOSFRQ, `EXDOSFRQ ${r.EXDOSFRQ === null ? 'missing' : `"${r.EXDOSFRQ}"`} is neither ONCE (the infusion) nor a daily regimen (${Object.keys(DailyFrequencies).join(', ')})`, oralUnit));
      continue;
    }
    const s = toDate(r.EXSTDTC);
    let e = toDate(r.EXENDTC);
    if (s !== null && r.EXENDTC === null) {
      // Ongoing treatment: taken up to the end of study or the data cut, whichever is first (ADaM practice
      // for a missing end of exposure; the imputed day is stated in the warning).
      const ends = [eosdt, dataCut].filter((d): d is string => d !== null).sort();
      if (ends.length > 0 && ends[0] >= s) {
        e = ends[0];
        imputed.push({ severity: 'warning', file: r.source.file, line: r.source.line, column: 'EXENDTC', value: null, message: `EXENDTC missing: oral treatment taken as ongoing up to ${e} (the earlier of the end of study and the data cut) for ORALDURD, ORALDOSE and ORALCOMP of ${r.USUBJID}` });
      }
    }
    if (s === null || e === null || e < s) {
      partial = true;
      const column = s === null ? 'EXSTDTC' : 'EXENDTC';
      const value = (s === null ? r.EXSTDTC : r.EXENDTC)?.text ?? null;
      const problem = s !== null && e !== null ? 'EXENDTC is before EXSTDTC'
        : value === null ? `${column} is missing (expected a complete date YYYY-MM-DD${column === 'EXENDTC' ? '; no end of study or data-cut date on or after EXSTDTC to impute it from' : ''})`
        : `${column} is not a complete date (expected YYYY-MM-DD)`;
      skipped.push(notCounted(r, column, value, problem, true));
      continue;
    }
    oral.push({ s: dayNumber(s), e: dayNumber(e), dose: oralDailyDose(r) });
  }
  const doseIssues = oral.flatMap((o) => (o.dose.ok ? [] : [o.dose.issue]));
  const issues = [...imputed, ...skipped, ...doseIssues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  // A left-out oral record makes every oral variable a partial count: unknown, not understated.
  const days = oral.length === 0 || partial ? null : coveredDays(oral.map((o) => [o.s, o.e]));
  const mg = days !== null && doseIssues.length === 0 ? oral.reduce((t, o) => t + (o.dose.ok ? o.dose.mgPerDay : 0) * (o.e - o.s + 1), 0) : null;
  let compliance: number | null = null;
  if (days !== null) {
    const first = Math.min(...oral.map((o) => o.s));
    // An interim data cut ends the window too: a subject still on treatment at the cut is not short of days.
    const end = Math.min(first + plannedDays - 1, ...[eosdt, dataCut].filter((d): d is string => d !== null).map(dayNumber));
    const expected = end - first + 1;
    // Numerator and denominator over the same window: days taken after the planned period do not count.
    const within = coveredDays(oral.filter((o) => o.s <= end).map((o) => [o.s, Math.min(o.e, end)]));
    compliance = expected > 0 ? round4((100 * within) / expected) : null;
  }
  const variables: ExposureVariables = {
    INFUSFL: infusion ? 'Y' : 'N',
    CELLDOSE: cells.length === 0 ? null : round4(cells.reduce((t, e) => t + (e.EXDOSE as number), 0)),
    ORALDURD: days,
    ORALDOSE: mg === null ? null : round4(mg / 1000),
    ORALCOMP: compliance,
  };
  return { variables, issues };
}
