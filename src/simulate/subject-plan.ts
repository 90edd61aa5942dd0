/**
 * One subject's plan: everything decided before rows are written. Dates are offsets from Day 1
 * (offset 0 = first dose = DM.RFSTDTC); `anchorDay` is the day number of offset 0 (for a subject who
 * was never dosed, the planned Day 1). The plan fixes the latent response, the renal values, the
 * visits that happened (with the role's deliberate mess applied), disposition and intercurrent events.
 *
 * Intercurrent-event dates are kept away from the week-12 and week-24 assessments (deaths, rescues and
 * lack-of-efficacy discontinuations fall in study weeks 6–9 or 14–21), so the truth does not depend on
 * which date of the visit a derivation compares them with.
 */
import { Rng, deriveSeed } from './random.ts';
import { PostBaselineVisits, Week12, Week24, targetOffset } from './design.ts';
import { drawLatentResponse, MinBaselineForPr, type LatentResponse } from './latent.ts';
import { drawRenalValues, type RenalValues } from './renal-values.ts';
import type { ResolvedOptions } from './options.ts';
import type { SubjectProfile } from './profiles.ts';
import type { Role } from './roles.ts';

/** What a visit collects. */
export type VisitKind = 'baseline' | 'scheduled' | 'earlyTermination' | 'unscheduledLate' | 'protRetest' | 'albRetest';

export interface PlannedVisit {
  kind: VisitKind;
  visitnum: number;
  visit: string;
  /** Offset of the visit (blood draw; the 24-h urine collection ends on it and started the day before). */
  offset: number;
  /** Index into the renal value arrays (0 = baseline, 1–6 = weeks 4–24) whose values this visit reports. */
  valueIndex: number;
  /** Scheduled visit index 0–5 (weeks 4–24), −1 for baseline, null for others. */
  scheduledIndex: number | null;
  /** Written-value overrides for this visit (edge cases). */
  protText?: string;
  up?: number;
  alb?: number;
  /** Leave the albumin out (missing component). */
  noAlb?: boolean;
}

export type EndReason =
  | 'COMPLETED'
  | 'ADVERSE EVENT'
  | 'LACK OF EFFICACY'
  | 'WITHDRAWAL BY SUBJECT'
  | 'LOST TO FOLLOW-UP'
  | 'PHYSICIAN DECISION'
  | 'DEATH';

export interface SubjectPlan {
  profile: SubjectProfile;
  rng: Rng;
  dosed: boolean;
  anchorDay: number;
  consentDay: number;
  latent: LatentResponse;
  renal: RenalValues;
  visits: PlannedVisit[];
  endReason: EndReason;
  endOffset: number;
  /** Last dose offset (null when never dosed). */
  lastDoseOffset: number | null;
  deathOffset: number | null;
  rescue: { offset: number } | null;
  ppExcluded: boolean;
}

/** Build the plan of one subject (its random sub-stream depends only on the seed and its index). */
export function planSubject(profile: SubjectProfile, o: ResolvedOptions): SubjectPlan {
  const rng = new Rng(deriveSeed(o.seed, 1, profile.index));
  const role = profile.role;
  const dosed = role !== 'notDosed';
  const anchorDay = profile.randDay + rng.int(0, 3);
  const consentDay = profile.randDay - rng.int(5, 21);
  const p24 = profile.armcd === 'MSC' ? o.pMscRemission : o.pMmfRemission;
  const latent = drawLatentResponse(rng, { p24, p12: o.pWeek12Remission, crShare: o.crShare }, profile.baselineUp);
  forceLatent(latent, role, profile.baselineUp);
  const renal = drawRenalValues(rng, latent, profile.baselineUp);
  const plan: SubjectPlan = {
    profile, rng, dosed, anchorDay, consentDay, latent, renal,
    visits: [], endReason: 'COMPLETED', endOffset: 0, lastDoseOffset: null, deathOffset: null, rescue: null,
    ppExcluded: role === 'ppExcluded',
  };
  const baselineOffset = rng.int(-2, 0);
  plan.visits.push({ kind: 'baseline', visitnum: 1, visit: 'BASELINE', offset: baselineOffset, valueIndex: 0, scheduledIndex: -1 });
  if (!dosed) {
    plan.endReason = rng.bernoulli(0.5) ? 'WITHDRAWAL BY SUBJECT' : 'PHYSICIAN DECISION';
    plan.endOffset = profile.randDay + rng.int(1, 6) - anchorDay;
    return plan;
  }
  for (let i = 0; i < PostBaselineVisits.length; i++) {
    const v = PostBaselineVisits[i];
    const jitter = i === Week24 ? rng.int(-4, 7) : rng.int(-4, 4);
    plan.visits.push({ kind: 'scheduled', visitnum: v.visitnum, visit: v.visit, offset: targetOffset(v) + jitter, valueIndex: i + 1, scheduledIndex: i });
  }
  applyVisitMess(plan, role);
  applyDisposition(plan, role);
  plan.visits.sort((a, b) => a.offset - b.offset || a.visitnum - b.visitnum);
  return plan;
}

/** Role-driven changes of the latent states (before values are drawn). */
function forceLatent(latent: LatentResponse, role: Role | null, bl: number): void {
  const remission = bl >= MinBaselineForPr ? 'PR' : 'CR';
  const s = latent.states;
  switch (role) {
    case 'discLoe':
      s.fill('NR');
      latent.nrModes.fill('protein');
      break;
    case 'rescueMidResponder':
    case 'retestFartherWeek24':
    case 'retestCloserWeek24':
      if (s[Week24] === 'NR') s[Week24] = remission;
      break;
    case 'retestCloserWeek12':
      if (s[Week12] === 'NR') s[Week12] = remission;
      break;
    case 'albTieWeek24':
    case 'protBelow005Week24':
    case 'protBelow05Week24':
    case 'albExactly35Week24':
      s[Week24] = 'CR';
      break;
    case 'protBelow005Week12':
      for (let i = Week12; i <= Week24; i++) s[i] = 'CR';
      break;
    case 'albuminGapWeek24':
    case 'protExactly05Week24':
    case 'albExactly30Week24':
      s[Week24] = 'PR';
      break;
    case 'reductionExactly50Week24':
      s[Week24] = 'NR';
      latent.nrModes[Week24] = 'protein';
      break;
    default:
      break;
  }
}

function scheduled(plan: SubjectPlan, index: number): PlannedVisit | undefined {
  return plan.visits.find((v) => v.scheduledIndex === index);
}

/** Visit-level mess: missed visits, off-window visits, retests, ties, threshold edge values. */
function applyVisitMess(plan: SubjectPlan, role: Role | null): void {
  const rng = plan.rng;
  const bl = plan.profile.baselineUp;
  const w12 = scheduled(plan, Week12) as PlannedVisit;
  const w24 = scheduled(plan, Week24) as PlannedVisit;
  const wrongUp = 0.8 * bl; // a non-response UP24 (20 % drop)
  const retest = (offset: number, valueIndex: number, up?: number): PlannedVisit => ({
    kind: 'protRetest', visitnum: 99, visit: 'UNSCHEDULED', offset, valueIndex, scheduledIndex: null, up,
  });
  switch (role) {
    case 'missedWeek12':
      plan.visits = plan.visits.filter((v) => v !== w12);
      break;
    case 'missedWeek16':
      plan.visits = plan.visits.filter((v) => v.scheduledIndex !== 3);
      break;
    case 'missingAlbWeek24':
      w24.noAlb = true;
      break;
    case 'outOfProtocolWindow': {
      const k = rng.int(0, 5);
      const v = scheduled(plan, k) as PlannedVisit;
      const t = targetOffset(PostBaselineVisits[k]);
      v.offset = k === Week24 ? t + (rng.bernoulli(0.5) ? -10 : 18) : t + (rng.bernoulli(0.5) ? -1 : 1) * rng.int(9, 12);
      break;
    }
    case 'unscheduledLate':
      plan.visits.push({ kind: 'unscheduledLate', visitnum: 99, visit: 'UNSCHEDULED', offset: rng.int(200, 214), valueIndex: 6, scheduledIndex: null });
      break;
    case 'retestCloserWeek12':
      w12.offset = targetOffset(PostBaselineVisits[Week12]) + 11;
      w12.up = wrongUp;
      plan.visits.push(retest(targetOffset(PostBaselineVisits[Week12]) + 2, Week12 + 1));
      break;
    case 'retestCloserWeek24':
      w24.offset = targetOffset(PostBaselineVisits[Week24]) + 12;
      w24.up = wrongUp;
      plan.visits.push(retest(targetOffset(PostBaselineVisits[Week24]) + 2, Week24 + 1));
      break;
    case 'retestFartherWeek24':
      w24.offset = targetOffset(PostBaselineVisits[Week24]) + rng.int(-2, 2);
      plan.visits.push(retest(w24.offset + 10, Week24 + 1, wrongUp));
      break;
    case 'albTieWeek24':
      w24.offset = targetOffset(PostBaselineVisits[Week24]) - 4;
      w24.alb = 33;
      plan.visits.push({ kind: 'albRetest', visitnum: 99, visit: 'UNSCHEDULED', offset: w24.offset + 8, valueIndex: Week24 + 1, scheduledIndex: null });
      break;
    case 'protBelow005Week24':
      w24.protText = '<0.05';
      break;
    case 'protBelow005Week12':
      w12.protText = '<0.05';
      break;
    case 'protBelow05Week24':
      w24.protText = '<0.5';
      break;
    case 'albuminGapWeek24':
      w24.up = 0.3;
      w24.alb = 32.5;
      break;
    case 'protExactly05Week24':
      w24.up = 0.5;
      w24.alb = Math.max(37, Math.round(plan.renal.alb[Week24 + 1] * 10) / 10);
      break;
    case 'reductionExactly50Week24':
      w24.up = 1.2;
      w24.alb = 38;
      break;
    case 'albExactly35Week24':
      w24.up = 0.3;
      w24.alb = 35;
      break;
    case 'albExactly30Week24':
      w24.alb = 30;
      break;
    default:
      break;
  }
}

/** Disposition, death, rescue and the last dose. Drops the visits that did not happen. */
function applyDisposition(plan: SubjectPlan, role: Role | null): void {
  const rng = plan.rng;
  const earlyOrMid = (): number => (rng.bernoulli(0.4) ? rng.int(42, 62) : rng.int(100, 146));
  const stopAt = (offset: number): void => {
    plan.visits = plan.visits.filter((v) => v.kind === 'baseline' || v.offset < offset);
  };
  const earlyTermination = (dsOffset: number, reason: EndReason): void => {
    const et = dsOffset - 2;
    stopAt(et - 7);
    plan.visits.push({ kind: 'earlyTermination', visitnum: 99, visit: 'UNSCHEDULED', offset: et, valueIndex: valueIndexAt(et), scheduledIndex: null });
    plan.endReason = reason;
    plan.endOffset = dsOffset;
    plan.lastDoseOffset = et - 1;
  };
  switch (role) {
    case 'death': {
      const d = rng.bernoulli(0.4) ? rng.int(35, 62) : rng.int(100, 146);
      stopAt(d);
      plan.deathOffset = d;
      plan.endReason = 'DEATH';
      plan.endOffset = d;
      plan.lastDoseOffset = d - rng.int(1, 4);
      return;
    }
    case 'discLoe':
      return earlyTermination(earlyOrMid() + 3, 'LACK OF EFFICACY');
    case 'discAe':
      return earlyTermination(rng.int(22, 150), 'ADVERSE EVENT');
    case 'discAeWeek24':
      return earlyTermination(165, 'ADVERSE EVENT');
    case 'discWithdrawal':
      return earlyTermination(rng.int(22, 150), 'WITHDRAWAL BY SUBJECT');
    case 'discPhysician':
      return earlyTermination(rng.int(22, 150), 'PHYSICIAN DECISION');
    case 'discLostToFollowUp': {
      stopAt(rng.int(30, 150));
      const last = plan.visits[plan.visits.length - 1].offset;
      plan.endReason = 'LOST TO FOLLOW-UP';
      plan.endOffset = Math.max(last, 0);
      plan.lastDoseOffset = Math.max(last, 0);
      return;
    }
    case 'rescueEarly':
      plan.rescue = { offset: rng.int(42, 62) };
      break;
    case 'rescueMid':
    case 'rescueMidResponder':
      plan.rescue = { offset: rng.int(100, 146) };
      break;
    case 'rescueAfterWeek24': {
      const w24 = plan.visits.find((v) => v.scheduledIndex === Week24) as PlannedVisit;
      plan.rescue = { offset: w24.offset + rng.int(8, 12) };
      break;
    }
    default:
      break;
  }
  const lastScheduled = Math.max(...plan.visits.filter((v) => v.kind === 'scheduled').map((v) => v.offset));
  const lastAny = Math.max(...plan.visits.map((v) => v.offset), plan.rescue?.offset ?? 0);
  plan.endReason = 'COMPLETED';
  plan.endOffset = lastAny;
  plan.lastDoseOffset = lastScheduled;
}

/** Renal value index (1–6) of the analysis window containing an offset; 1 before week 4's window. */
function valueIndexAt(offset: number): number {
  const day = offset + 1;
  for (let i = PostBaselineVisits.length - 1; i >= 0; i--) if (day >= PostBaselineVisits[i].window[0]) return i + 1;
  return 1;
}
