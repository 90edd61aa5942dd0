/**
 * The deliberate "mess" of the synthetic data lock: special roles given to a few subjects
 * (disposition, intercurrent events, visit-window and data-quality edge cases, threshold edge cases).
 * Each count is round(rate × N), so the 230-subject sample has the numbers the conventions ask for
 * (3 not dosed, 2 deaths, 18 early discontinuations ≈ 8 %, 5 rescues, 4 PP exclusions, …) and other
 * sizes scale. A subject has at most one role, which keeps every truth unambiguous.
 */
import type { Rng } from './random.ts';

/** A subject's special role; see RoleSpecs for what each does. */
export type Role =
  | 'notDosed'
  | 'death'
  | 'discLoe'
  | 'discAe'
  | 'discAeWeek24'
  | 'discWithdrawal'
  | 'discLostToFollowUp'
  | 'discPhysician'
  | 'rescueEarly'
  | 'rescueMid'
  | 'rescueMidResponder'
  | 'rescueAfterWeek24'
  | 'ppExcluded'
  | 'missedWeek12'
  | 'missedWeek16'
  | 'missingAlbWeek24'
  | 'outOfProtocolWindow'
  | 'unscheduledLate'
  | 'retestCloserWeek12'
  | 'retestCloserWeek24'
  | 'retestFartherWeek24'
  | 'albTieWeek24'
  | 'protBelow005Week24'
  | 'protBelow005Week12'
  | 'protBelow05Week24'
  | 'albuminGapWeek24'
  | 'protExactly05Week24'
  | 'reductionExactly50Week24'
  | 'albExactly35Week24'
  | 'albExactly30Week24';

interface RoleSpec {
  role: Role;
  rate: number;
  /** Needs a baseline UP24 in [1.6, 3.4] g/day (threshold edge cases). */
  midBaseline?: boolean;
  description: string;
}

/** Role catalogue in assignment order (also the README's list of deliberate mess). */
export const RoleSpecs: readonly RoleSpec[] = [
  { role: 'notDosed', rate: 0.011, description: 'randomised but never dosed (ACTARMCD NOTTRT, no EX, end of study WITHDRAWAL BY SUBJECT / PHYSICIAN DECISION)' },
  { role: 'death', rate: 0.009, description: 'death (DS DEATH, DM DTHFL/DTHDTC, fatal AE), between weeks 4–9 or 14–21' },
  { role: 'discLoe', rate: 0.017, description: 'discontinued for LACK OF EFFICACY (weeks 6–9 or 14–21; early-termination labs 2 days before the DS date)' },
  { role: 'discAe', rate: 0.009, description: 'discontinued for ADVERSE EVENT (AE with AEACN DRUG WITHDRAWN)' },
  { role: 'discAeWeek24', rate: 0.0045, description: 'discontinued for ADVERSE EVENT on day 166 with early-termination labs on day 164 (inside the Week 24 window: used, treatment policy)' },
  { role: 'discWithdrawal', rate: 0.013, description: 'discontinued: WITHDRAWAL BY SUBJECT' },
  { role: 'discLostToFollowUp', rate: 0.009, description: 'discontinued: LOST TO FOLLOW-UP (no early-termination visit)' },
  { role: 'discPhysician', rate: 0.005, description: 'discontinued: PHYSICIAN DECISION' },
  { role: 'rescueEarly', rate: 0.0045, description: 'rescue therapy (CMCAT RESCUE THERAPY) started between weeks 6 and 9: NR at weeks 12 and 24' },
  { role: 'rescueMid', rate: 0.009, description: 'rescue therapy started between weeks 14 and 21: NR at week 24' },
  { role: 'rescueMidResponder', rate: 0.0045, description: 'rescue therapy between weeks 14 and 21 in a subject whose week-24 labs meet PR/CR: still NR (composite strategy)' },
  { role: 'rescueAfterWeek24', rate: 0.0045, description: 'rescue therapy started 8–12 days after the week-24 assessment: does not affect the week-24 response' },
  { role: 'ppExcluded', rate: 0.017, description: 'major protocol deviation: SUPPDM PPEXCL = Y' },
  { role: 'missedWeek12', rate: 0.0045, description: 'week-12 visit missed entirely (NR-MISSING at week 12)' },
  { role: 'missedWeek16', rate: 0.0045, description: 'week-16 visit missed entirely' },
  { role: 'missingAlbWeek24', rate: 0.0045, description: 'week-24 visit without serum albumin (NR-MISSING at week 24, not in PP)' },
  { role: 'outOfProtocolWindow', rate: 0.013, description: 'one visit 9–12 days off target (weeks 4–20) or 10 days early / 18 days late (week 24): outside the protocol window, inside the analysis window' },
  { role: 'unscheduledLate', rate: 0.009, description: 'unscheduled visit (VISITNUM 99) on study day 201–215, outside every analysis window' },
  { role: 'retestCloserWeek12', rate: 0.0045, description: 'week-12 visit 11 days late with a non-response UP24; unscheduled UP24 retest 2 days from target wins (closest to target)' },
  { role: 'retestCloserWeek24', rate: 0.0045, description: 'week-24 visit 12 days late with a non-response UP24; unscheduled UP24 retest 2 days from target wins' },
  { role: 'retestFartherWeek24', rate: 0.0045, description: 'week-24 visit on target; unscheduled UP24 retest 10 days later (non-response value) loses' },
  { role: 'albTieWeek24', rate: 0.0045, description: 'two albumins 4 days either side of the week-24 target: the later one (CR-level) wins the tie' },
  { role: 'protBelow005Week24', rate: 0.0045, midBaseline: true, description: "week-24 UP24 reported '<0.05' (qualifier): CR" },
  { role: 'protBelow005Week12', rate: 0.0045, midBaseline: true, description: "week-12 UP24 reported '<0.05' (qualifier): CR at week 12 (and CR through week 24)" },
  { role: 'protBelow05Week24', rate: 0.0045, midBaseline: true, description: "week-24 UP24 reported '<0.5': satisfies '< 0.5', CR" },
  { role: 'albuminGapWeek24', rate: 0.0045, midBaseline: true, description: 'week-24 UP24 0.30 with albumin 32.5 g/L (CN24H gap case): PR' },
  { role: 'protExactly05Week24', rate: 0.0045, midBaseline: true, description: 'week-24 UP24 exactly 0.50 with albumin ≥ 35: not CR, PR' },
  { role: 'reductionExactly50Week24', rate: 0.0045, midBaseline: true, description: 'baseline UP24 2.40, week-24 UP24 1.20 (reduction exactly 50 %, not > 50 %): NR' },
  { role: 'albExactly35Week24', rate: 0.0045, midBaseline: true, description: 'week-24 UP24 0.30 with albumin exactly 35.0: CR' },
  { role: 'albExactly30Week24', rate: 0.0045, midBaseline: true, description: 'week-24 UP24 in the PR range with albumin exactly 30.0: PR' },
];

/** Roles that end the study early (not COMPLETED). */
export const DiscontinuationRoles: ReadonlySet<Role> = new Set<Role>([
  'notDosed', 'death', 'discLoe', 'discAe', 'discAeWeek24', 'discWithdrawal', 'discLostToFollowUp', 'discPhysician',
]);

/**
 * Give roles to subjects: for each role in catalogue order, take round(rate × N) not-yet-assigned
 * eligible subjects in a seeded random order.
 * @param baselineUp written baseline UP24 (g/day) of each subject, by subject index.
 * @returns role (or null) by subject index.
 */
export function assignRoles(rng: Rng, baselineUp: readonly number[]): (Role | null)[] {
  const n = baselineUp.length;
  const roles: (Role | null)[] = new Array<Role | null>(n).fill(null);
  const order = rng.shuffled(Array.from({ length: n }, (_, i) => i));
  for (const spec of RoleSpecs) {
    let want = Math.round(spec.rate * n);
    for (let k = 0; k < n && want > 0; k++) {
      const i = order[k];
      if (roles[i] !== null) continue;
      if (spec.midBaseline === true && !(baselineUp[i] >= 1.6 && baselineUp[i] <= 3.4)) continue;
      roles[i] = spec.role;
      want--;
    }
  }
  return roles;
}
