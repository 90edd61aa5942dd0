/**
 * The simulator's truth: each subject's week-12 and week-24 renal response and analysis-set flags,
 * derived from the rows actually written (not from the latent state), by a small implementation that
 * is deliberately independent of src/adam and src/clinical, so the two can check each other.
 *
 * Rules (lead's "Trial conventions"; CN24H of domain.md 1.2):
 * - Day 1 = DM.RFSTDTC; study day = date − Day 1 (+1 on/after Day 1). Not dosed → no analysis day.
 * - Baseline: last non-missing PROT / ALB / CREAT with study day ≤ 1. Visit value: the record in the
 *   analysis window closest to the target day; ties → the later date (date-time string breaks a tie
 *   on the same day). Dates are LBDTC (for PROT, the start of the 24-h collection).
 * - Values from LBORRES/LBORRESU (mg/dL creatinine × 88.4 → µmol/L; g/dL albumin × 10; mg/24h / 1000).
 *   A '<L' result satisfies "< t" when L ≤ t.
 * - CR: UP24 < 0.5 and ALB ≥ 35 and SCr ≤ 1.15 × baseline. PR: not CR, 0.5 ≤ UP24 < 3.5,
 *   (BL − UP24)/BL > 0.50, ALB ≥ 30, SCr stable; gap case (UP24 < 0.5, 30 ≤ ALB < 35, > 50 % drop,
 *   SCr stable) → PR. Otherwise NR-CRITERIA.
 * - Estimand, in this order: death on/before the assessment date → NR-DEATH; rescue therapy started
 *   on/before it → NR-RESCUE; discontinuation for lack of efficacy before it → NR-DISC-LOE; a missing
 *   component (or no Day 1, or no baseline) → NR-MISSING. The assessment date is the latest date of the
 *   selected records (LBDTC and LBENDTC), or the target day when none was selected.
 * - ITT all; FAS = any EX record with a start date; SAF = FAS; PP = FAS, no PPEXCL = Y, all three
 *   components present at week 24 and no death, rescue or discontinuation on/before (death, rescue) or
 *   before (discontinuation) the week-24 assessment date.
 */
import { dayOfIso } from './dates.ts';
import type { Row } from './columns.ts';

export type Reason = 'CR' | 'PR' | 'NR-CRITERIA' | 'NR-MISSING' | 'NR-RESCUE' | 'NR-DEATH' | 'NR-DISC-LOE';

export interface TruthRow {
  USUBJID: string;
  ARMCD: string;
  ACTARMCD: string;
  STRATUM: string;
  LNCLASS: string;
  ITTFL: 'Y';
  FASFL: 'Y' | 'N';
  SAFFL: 'Y' | 'N';
  PPROTFL: 'Y' | 'N';
  RESP12: 'CR' | 'PR' | 'NR';
  RESP24: 'CR' | 'PR' | 'NR';
  REASON12: Reason;
  REASON24: Reason;
}

export interface SubjectRows {
  dm: Row;
  suppdm: readonly Row[];
  ds: readonly Row[];
  ex: readonly Row[];
  lb: readonly Row[];
  cm: readonly Row[];
}

interface Measure {
  value: number;
  lessThan: boolean;
  day: number;
  lastDay: number;
  dtc: string;
}

type Component = 'PROT' | 'ALB' | 'CREAT';
const Components: readonly Component[] = ['PROT', 'ALB', 'CREAT'];

const Windows = {
  12: { target: 85, lo: 71, hi: 98 },
  24: { target: 169, lo: 155, hi: 196 },
} as const;

/** Derive one subject's truth row from its written rows. */
export function deriveTruth(rows: SubjectRows): TruthRow {
  const dm = rows.dm;
  const supp = (q: string): string => String(rows.suppdm.find((r) => r.QNAM === q)?.QVAL ?? '');
  const day1 = dayOfIso(str(dm.RFSTDTC));
  const fas = rows.ex.some((r) => dayOfIso(str(r.EXSTDTC)) !== null);
  const measures = collectMeasures(rows.lb, day1);
  const events = intercurrentEvents(rows);
  const w12 = assess(measures, events, day1, 12);
  const w24 = assess(measures, events, day1, 24);
  const pp = fas && supp('PPEXCL') !== 'Y' && w24.complete && !w24.eventBefore;
  return {
    USUBJID: str(dm.USUBJID) ?? '',
    ARMCD: str(dm.ARMCD) ?? '',
    ACTARMCD: str(dm.ACTARMCD) ?? '',
    STRATUM: supp('STRATUM'),
    LNCLASS: supp('LNCLASS'),
    ITTFL: 'Y',
    FASFL: fas ? 'Y' : 'N',
    SAFFL: fas ? 'Y' : 'N',
    PPROTFL: pp ? 'Y' : 'N',
    RESP12: category(w12.reason),
    RESP24: category(w24.reason),
    REASON12: w12.reason,
    REASON24: w24.reason,
  };
}

function str(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function category(r: Reason): 'CR' | 'PR' | 'NR' {
  return r === 'CR' || r === 'PR' ? r : 'NR';
}

/** Parse the three CN24H components from LB, in standard units, with study days. */
function collectMeasures(lb: readonly Row[], day1: number | null): Record<Component, Measure[]> {
  const out: Record<Component, Measure[]> = { PROT: [], ALB: [], CREAT: [] };
  for (const r of lb) {
    const code = r.LBTESTCD as Component;
    if (!Components.includes(code)) continue;
    const m = /^\s*(<)?\s*(\d+(?:\.\d+)?)\s*$/.exec(String(r.LBORRES ?? ''));
    const d = dayOfIso(str(r.LBDTC));
    if (m === null || d === null || day1 === null) continue;
    const unit = String(r.LBORRESU ?? '');
    let value = Number(m[2]);
    if (code === 'CREAT' && unit === 'mg/dL') value *= 88.4;
    else if (code === 'ALB' && unit === 'g/dL') value *= 10;
    else if (code === 'PROT' && unit === 'mg/24h') value /= 1000;
    const end = dayOfIso(str(r.LBENDTC));
    const studyDay = d >= day1 ? d - day1 + 1 : d - day1;
    out[code].push({ value, lessThan: m[1] === '<', day: studyDay, lastDay: Math.max(d, end ?? d), dtc: String(r.LBDTC) });
  }
  return out;
}

interface Events {
  death: number | null;
  rescue: number | null;
  loe: number | null;
  anyDisc: number | null;
}

function intercurrentEvents(rows: SubjectRows): Events {
  const minDay = (days: (number | null)[]): number | null => {
    const ds = days.filter((d): d is number => d !== null);
    return ds.length === 0 ? null : Math.min(...ds);
  };
  const endOfStudy = rows.ds.filter((r) => r.DSCAT === 'DISPOSITION EVENT' && r.DSDECOD !== 'COMPLETED');
  return {
    death: minDay([dayOfIso(str(rows.dm.DTHDTC)), ...endOfStudy.filter((r) => r.DSDECOD === 'DEATH').map((r) => dayOfIso(str(r.DSSTDTC)))]),
    rescue: minDay(rows.cm.filter((r) => r.CMCAT === 'RESCUE THERAPY').map((r) => dayOfIso(str(r.CMSTDTC)))),
    loe: minDay(endOfStudy.filter((r) => r.DSDECOD === 'LACK OF EFFICACY').map((r) => dayOfIso(str(r.DSSTDTC)))),
    anyDisc: minDay(endOfStudy.map((r) => dayOfIso(str(r.DSSTDTC)))),
  };
}

/** Closest-to-target record in [lo, hi]; ties → later. */
function pick(ms: readonly Measure[], lo: number, hi: number, target: number): Measure | null {
  let best: Measure | null = null;
  for (const m of ms) {
    if (m.day < lo || m.day > hi) continue;
    if (best === null) {
      best = m;
      continue;
    }
    const dm = Math.abs(m.day - target);
    const db = Math.abs(best.day - target);
    if (dm < db || (dm === db && (m.day > best.day || (m.day === best.day && m.dtc > best.dtc)))) best = m;
  }
  return best;
}

/** Last record on or before Day 1 (study day ≤ 1). */
function baselineOf(ms: readonly Measure[]): Measure | null {
  let best: Measure | null = null;
  for (const m of ms) if (m.day <= 1 && (best === null || m.day > best.day || (m.day === best.day && m.dtc > best.dtc))) best = m;
  return best;
}

function assess(ms: Record<Component, Measure[]>, ev: Events, day1: number | null, week: 12 | 24): { reason: Reason; complete: boolean; eventBefore: boolean } {
  if (day1 === null) return { reason: 'NR-MISSING', complete: false, eventBefore: false };
  const w = Windows[week];
  const up = pick(ms.PROT, w.lo, w.hi, w.target);
  const alb = pick(ms.ALB, w.lo, w.hi, w.target);
  const scr = pick(ms.CREAT, w.lo, w.hi, w.target);
  const upBl = baselineOf(ms.PROT);
  const scrBl = baselineOf(ms.CREAT);
  const selected = [up, alb, scr].filter((m): m is Measure => m !== null);
  const assessDay = selected.length > 0 ? Math.max(...selected.map((m) => m.lastDay)) : day1 + w.target - 1;
  const onOrBefore = (d: number | null): boolean => d !== null && d <= assessDay;
  const before = (d: number | null): boolean => d !== null && d < assessDay;
  const eventBefore = onOrBefore(ev.death) || onOrBefore(ev.rescue) || before(ev.anyDisc);
  const complete = up !== null && alb !== null && scr !== null;
  const result = (reason: Reason) => ({ reason, complete, eventBefore });
  if (onOrBefore(ev.death)) return result('NR-DEATH');
  if (onOrBefore(ev.rescue)) return result('NR-RESCUE');
  if (before(ev.loe)) return result('NR-DISC-LOE');
  if (up === null || alb === null || scr === null || upBl === null || scrBl === null) return result('NR-MISSING');
  return result(cn24h(up, alb.value, scr.value, upBl.value, scrBl.value));
}

/** CN24H category with qualifier-aware UP24 comparisons (domain.md 1.2, gap case → PR). */
function cn24h(up: Measure, alb: number, scr: number, upBl: number, scrBl: number): Reason {
  const upBelow = (t: number): boolean => (up.lessThan ? up.value <= t : up.value < t);
  const stable = scr <= scrBl * 1.15;
  const drop = (upBl - up.value) / upBl > 0.5 || (up.lessThan && (upBl - up.value) / upBl >= 0.5);
  if (upBelow(0.5) && alb >= 35 && stable) return 'CR';
  if (!upBelow(0.5) && upBelow(3.5) && drop && alb >= 30 && stable) return 'PR';
  if (upBelow(0.5) && alb >= 30 && alb < 35 && drop && stable) return 'PR';
  return 'NR-CRITERIA';
}
