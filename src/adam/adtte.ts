/**
 * ADTTE: time to renal response (domain.md 2, 6.3). PARAMCD `TTPRCR` (first visit with PR or better)
 * and `TTCR` (first visit with CR), from the ADRS `RENALRSP` records of the plan's definition.
 *
 * - STARTDT (origin) = RANDDT (plan `secondary.timeToEvent.origin` 'randomization') or TRTSDT
 *   ('first-dose'); subjects without an origin date get no record.
 * - Event (CNSR 0): first analysis visit whose call qualifies (intercurrent events already make later
 *   visits NR); ADT = that assessment's date (24-h urine: end of collection).
 * - No event: a competing event (plan `competingEvents`: DEATH = ADSL DTHDT, RESCUE = RESCDT) on or
 *   before the end of the last analysis window → CNSR 3, ADT = its date; else discontinuation from the
 *   study (EOSSTT DISCONTINUED) → CNSR 2; else CNSR 1 (no event by the last visit). CNSR 1 and 2 are
 *   censored at the last adequate renal assessment (all components present), or at STARTDT if none.
 * - AVAL = ADT − STARTDT + 1 (days), AVALU 'DAYS'.
 * - Competing-risk coding on the same records: EVNTSTAT 0 censored / 1 event / 2 competing event
 *   (for Aalen–Johansen / Gray), CMPEVFL 'Y' for a competing event. A censoring analysis uses CNSR
 *   (CNSR ≥ 1 censored; CNSR 3 = censored at the competing event, the hypothetical strategy).
 * - EVNTDESC / CNSDTDSC describe the date used; SRCDOM/SRCVAR/SRCVIS trace it.
 */
import type { Plan } from '../plan/plan.ts';
import type { AdrsRecord } from './adrs.ts';
import type { AdslRecord, YN } from './adsl.ts';
import { addDays, daysBetween } from './dates.ts';

export interface AdtteRecord {
  STUDYID: string;
  USUBJID: string;
  TRT01P: string | null;
  TRT01PN: number | null;
  STRATUM: string | null;
  ITTFL: YN;
  FASFL: YN;
  PPROTFL: YN;
  PARAMCD: 'TTPRCR' | 'TTCR';
  PARAM: string;
  STARTDT: string;
  ADT: string;
  AVAL: number;
  AVALU: 'DAYS';
  CNSR: 0 | 1 | 2 | 3;
  EVNTSTAT: 0 | 1 | 2;
  CMPEVFL: YN;
  EVNTDESC: string | null;
  CNSDTDSC: string | null;
  SRCDOM: string;
  SRCVAR: string;
  SRCVIS: string | null;
}

const ParamLabel = { TTPRCR: 'Time to renal response (PR or better) (days)', TTCR: 'Time to complete renal response (days)' } as const;

interface Outcome {
  ADT: string;
  CNSR: 0 | 1 | 2 | 3;
  EVNTDESC: string | null;
  CNSDTDSC: string | null;
  SRCDOM: string;
  SRCVAR: string;
  SRCVIS: string | null;
}

function competingEvent(s: AdslRecord, plan: Plan, lastDay: string | null): { date: string; what: string; variable: string } | null {
  const events: { date: string; what: string; variable: string }[] = [];
  const kinds = plan.secondary.timeToEvent.competingEvents;
  if (kinds.includes('DEATH') && s.DTHDT !== null) events.push({ date: s.DTHDT, what: 'DEATH', variable: 'DTHDT' });
  if (kinds.includes('RESCUE') && s.RESCDT !== null) events.push({ date: s.RESCDT, what: 'RESCUE THERAPY', variable: 'RESCDT' });
  const inFollowUp = events.filter((e) => lastDay === null || e.date <= lastDay).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return inFollowUp[0] ?? null;
}

function outcome(param: 'TTPRCR' | 'TTCR', s: AdslRecord, visits: AdrsRecord[], start: string, plan: Plan): Outcome {
  const qualifies = (r: AdrsRecord) => (param === 'TTCR' ? r.AVALC === 'CR' : r.AVALC === 'CR' || r.AVALC === 'PR');
  const ev = visits.find((r) => qualifies(r) && r.ADT !== null);
  if (ev !== undefined) return { ADT: ev.ADT!, CNSR: 0, EVNTDESC: param === 'TTCR' ? 'COMPLETE RENAL RESPONSE' : 'RENAL RESPONSE (PR OR BETTER)', CNSDTDSC: null, SRCDOM: 'ADRS', SRCVAR: 'ADT', SRCVIS: ev.AVISIT };
  const ref = s.TRTSDT ?? s.RANDDT;
  const last = plan.visits[plan.visits.length - 1];
  const lastDay = ref === null ? null : addDays(ref, last.window[1] - 1);
  const cmp = competingEvent(s, plan, lastDay);
  if (cmp !== null) return { ADT: cmp.date, CNSR: 3, EVNTDESC: cmp.what, CNSDTDSC: `COMPETING EVENT: ${cmp.what}`, SRCDOM: 'ADSL', SRCVAR: cmp.variable, SRCVIS: null };
  const adequate = visits.filter((r) => r.ADT !== null && (r.RSNREAS === 'CR' || r.RSNREAS === 'PR' || r.RSNREAS === 'NR-CRITERIA'));
  const lastOk = adequate[adequate.length - 1];
  const withdrew = s.EOSSTT === 'DISCONTINUED' && (s.EOSDT === null || lastDay === null || s.EOSDT <= lastDay);
  const cnsr = withdrew ? 2 : 1;
  const why = withdrew ? `WITHDRAWAL (${s.DCSREAS ?? 'UNKNOWN'})` : 'NO RESPONSE BY LAST VISIT';
  if (lastOk === undefined) return { ADT: start, CNSR: cnsr, EVNTDESC: why, CNSDTDSC: 'NO ADEQUATE ASSESSMENT: CENSORED AT ORIGIN', SRCDOM: 'ADSL', SRCVAR: plan.secondary.timeToEvent.origin === 'randomization' ? 'RANDDT' : 'TRTSDT', SRCVIS: null };
  return { ADT: lastOk.ADT!, CNSR: cnsr, EVNTDESC: why, CNSDTDSC: 'LAST ADEQUATE RENAL ASSESSMENT', SRCDOM: 'ADRS', SRCVAR: 'ADT', SRCVIS: lastOk.AVISIT };
}

/**
 * Derive ADTTE for ITT subjects with an origin date.
 * @example deriveAdtte(adsl, adrs, plan).filter((r) => r.PARAMCD === 'TTPRCR' && r.CNSR === 0)
 */
export function deriveAdtte(adsl: readonly AdslRecord[], adrs: readonly AdrsRecord[], plan: Plan): AdtteRecord[] {
  const bySubject = new Map<string, AdrsRecord[]>();
  for (const r of adrs) {
    if (r.PARAMCD !== 'RENALRSP') continue;
    const l = bySubject.get(r.USUBJID);
    if (l === undefined) bySubject.set(r.USUBJID, [r]);
    else l.push(r);
  }
  const out: AdtteRecord[] = [];
  for (const s of adsl) {
    if (s.ITTFL !== 'Y') continue;
    const start = plan.secondary.timeToEvent.origin === 'randomization' ? (s.RANDDT ?? s.TRTSDT) : s.TRTSDT;
    if (start === null) continue;
    const visits = (bySubject.get(s.USUBJID) ?? []).slice().sort((a, b) => a.AVISITN - b.AVISITN);
    for (const param of plan.secondary.timeToEvent.params) {
      const o = outcome(param, s, visits, start, plan);
      out.push({
        STUDYID: s.STUDYID, USUBJID: s.USUBJID, TRT01P: s.TRT01P, TRT01PN: s.TRT01PN, STRATUM: s.STRATUM,
        ITTFL: s.ITTFL, FASFL: s.FASFL, PPROTFL: s.PPROTFL,
        PARAMCD: param, PARAM: ParamLabel[param], STARTDT: start, ...o,
        AVAL: daysBetween(start, o.ADT) + 1, AVALU: 'DAYS',
        EVNTSTAT: o.CNSR === 0 ? 1 : o.CNSR === 3 ? 2 : 0, CMPEVFL: o.CNSR === 3 ? 'Y' : 'N',
      });
    }
  }
  return out;
}

export const AdtteColumns: readonly (keyof AdtteRecord)[] = [
  'STUDYID', 'USUBJID', 'TRT01P', 'TRT01PN', 'STRATUM', 'ITTFL', 'FASFL', 'PPROTFL', 'PARAMCD', 'PARAM', 'STARTDT', 'ADT', 'AVAL', 'AVALU',
  'CNSR', 'EVNTSTAT', 'CMPEVFL', 'EVNTDESC', 'CNSDTDSC', 'SRCDOM', 'SRCVAR', 'SRCVIS',
];
