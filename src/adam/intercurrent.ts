/**
 * Intercurrent events (ICH E9(R1); domain.md 3.5; trial conventions "Estimand") for a responder
 * endpoint at one assessment, from ADSL dates:
 * - death on or before the visit date (DTHDT ≤ date) → `NR-DEATH` when the plan says non-responder;
 * - rescue therapy started on or before the visit date (RESCDT ≤ date) → `NR-RESCUE`;
 * - discontinuation for lack of efficacy before the visit (EOSDT < date) → `NR-DISC-LOE`;
 * - discontinuation for another reason before the visit → `NR-DISC-OTHER` only when the plan's
 *   `discontinuationOther` is non-responder (default treatment policy: the visit's data are used).
 * Several events: the earliest date wins; same date → death, rescue, discontinuation.
 */
import { DsDecod } from '../cdisc/terms.ts';
import type { PlanIntercurrent } from '../plan/plan.ts';
import type { AdslRecord } from './adsl.ts';

export type IceReason = 'NR-DEATH' | 'NR-RESCUE' | 'NR-DISC-LOE' | 'NR-DISC-OTHER';

export interface IceHit {
  reason: IceReason;
  date: string;
  detail: string;
}

/** The intercurrent event that makes the assessment at `visitDate` a non-response, or null. */
export function findIntercurrentEvent(s: AdslRecord, visitDate: string, strategy: PlanIntercurrent): IceHit | null {
  const hits: IceHit[] = [];
  if (strategy.death === 'non-responder' && s.DTHDT !== null && s.DTHDT <= visitDate) hits.push({ reason: 'NR-DEATH', date: s.DTHDT, detail: `death on ${s.DTHDT}` });
  if (strategy.rescue === 'non-responder' && s.RESCDT !== null && s.RESCDT <= visitDate) hits.push({ reason: 'NR-RESCUE', date: s.RESCDT, detail: `rescue therapy ${s.RESCTRT ?? ''} started ${s.RESCDT}`.replace('  ', ' ') });
  if (s.EOSSTT === 'DISCONTINUED' && s.EOSDT !== null && s.EOSDT < visitDate && s.DCSREAS !== DsDecod.death) {
    const loe = s.DCSREAS === DsDecod.lackOfEfficacy;
    const strat = loe ? strategy.discontinuationLackOfEfficacy : strategy.discontinuationOther;
    if (strat === 'non-responder') hits.push({ reason: loe ? 'NR-DISC-LOE' : 'NR-DISC-OTHER', date: s.EOSDT, detail: `discontinued (${s.DCSREAS}) on ${s.EOSDT}` });
  }
  const rank: Record<IceReason, number> = { 'NR-DEATH': 0, 'NR-RESCUE': 1, 'NR-DISC-LOE': 2, 'NR-DISC-OTHER': 3 };
  hits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : rank[a.reason] - rank[b.reason]));
  return hits[0] ?? null;
}
