/**
 * Subject-level draws made in enrolment order from the master stream: enrolment (randomisation) date,
 * site, demographics (adults 18–60, mean ≈ 33, ≈ 85 % female: domain.md trial facts), LN class,
 * baseline UP24 and stratum, arm by stratified permuted blocks of 4 (1:1), and the special role.
 * Returned sorted by USUBJID (`NCT03580291-<site>-<nnnn>`, nnnn = enrolment order within the site).
 */
import { Rng, deriveSeed } from './random.ts';
import { daysFromCivil } from '../core/calendar.ts';
import { Sites, SiteWeights, StudyId, type ArmCode } from './design.ts';
import { drawBaselineUp } from './renal-values.ts';
import { assignRoles, type Role } from './roles.ts';

/** ISN/RPS 2003 lupus nephritis classes eligible for the trial. */
export const LnClasses = ['III', 'IV', 'V', 'III+V', 'IV+V'] as const;
/** One of LnClasses. */
export type LnClass = (typeof LnClasses)[number];

/** Subject-level draws (before any visit-level data). */
export interface SubjectProfile {
  /** Enrolment order, 0-based: the label of the subject's own random sub-stream. */
  index: number;
  usubjid: string;
  subjid: string;
  siteid: string;
  armcd: ArmCode;
  /** Randomisation date as a day number (days since 1970-01-01). */
  randDay: number;
  age: number;
  sex: 'F' | 'M';
  lnClass: LnClass;
  /** Baseline 24-h urine protein as written (g/day, 2 decimals). */
  baselineUp: number;
  stratum: string;
  role: Role | null;
}

/** First and last possible randomisation dates (enrolment over 2019–2020). */
export const EnrolmentStart = daysFromCivil(2019, 1, 15);
export const EnrolmentEnd = daysFromCivil(2020, 9, 30);

/** Randomisation stratum label from LN class and baseline UP24 (conventions: SUPPDM STRATUM). */
export function stratumOf(lnClass: LnClass, baselineUp: number): string {
  return `${lnClass === 'V' ? 'V' : 'III/IV'}, ${baselineUp >= 3.5 ? 'UP>=3.5' : 'UP<3.5'}`;
}

/** Round to 2 decimals (the written precision of UP24). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Draw all subject profiles for `n` subjects from the master seed. */
export function drawProfiles(n: number, seed: number): SubjectProfile[] {
  const rng = new Rng(deriveSeed(seed, 0x5eed));
  const days: number[] = [];
  for (let i = 0; i < n; i++) days.push(rng.int(EnrolmentStart, EnrolmentEnd));
  days.sort((a, b) => a - b);
  const width = Math.max(4, String(n).length);
  const siteCount = new Map<string, number>();
  const blocks = new Map<string, ArmCode[]>();
  const drafts: Omit<SubjectProfile, 'role'>[] = [];
  for (let i = 0; i < n; i++) {
    const siteid = rng.weighted(Sites, SiteWeights);
    const seq = (siteCount.get(siteid) ?? 0) + 1;
    siteCount.set(siteid, seq);
    const nnnn = String(seq).padStart(width, '0');
    const lnClass = rng.weighted(LnClasses, [0.15, 0.35, 0.15, 0.12, 0.23]);
    const baselineUp = round2(drawBaselineUp(rng));
    const stratum = stratumOf(lnClass, baselineUp);
    drafts.push({
      index: i,
      usubjid: `${StudyId}-${siteid}-${nnnn}`,
      subjid: `${siteid}-${nnnn}`,
      siteid,
      armcd: nextArm(rng, blocks, stratum),
      randDay: days[i],
      age: drawAge(rng),
      sex: rng.bernoulli(0.85) ? 'F' : 'M',
      lnClass,
      baselineUp,
      stratum,
    });
  }
  const roles = assignRoles(rng, drafts.map((d) => d.baselineUp));
  const profiles = drafts.map((d, i): SubjectProfile => {
    const role = roles[i];
    // The exact-50 % edge case needs baseline 2.40 (same stratum: the role requires a baseline < 3.5).
    return { ...d, role, baselineUp: role === 'reductionExactly50Week24' ? 2.4 : d.baselineUp };
  });
  return profiles.sort((a, b) => (a.usubjid < b.usubjid ? -1 : a.usubjid > b.usubjid ? 1 : 0));
}

/** Age in years: N(33, 9²) rounded, redrawn outside the inclusion range 18–60. */
function drawAge(rng: Rng): number {
  for (;;) {
    const a = Math.round(rng.normal(33, 9));
    if (a >= 18 && a <= 60) return a;
  }
}

/** Next arm of the stratum's permuted block of 4 (2 MSC, 2 MMF). */
function nextArm(rng: Rng, blocks: Map<string, ArmCode[]>, stratum: string): ArmCode {
  let block = blocks.get(stratum);
  if (block === undefined || block.length === 0) {
    block = rng.shuffled<ArmCode>(['MSC', 'MSC', 'MMF', 'MMF']);
    blocks.set(stratum, block);
  }
  return block.pop() as ArmCode;
}
