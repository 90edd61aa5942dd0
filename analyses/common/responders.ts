/**
 * Responder counts from ADRS for one parameter, visit and analysis set, by planned arm (ITT principle:
 * TRT01P) — the input of every risk-difference analysis. A subject of the analysis set without an ADRS
 * record at the visit counts as a non-responder with reason "NR-MISSING" (nothing is dropped).
 */
import type { AdrsRecord, RsnReas } from '../../src/adam/adrs.ts';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { ArmInfo } from '../framework.ts';

export type PopulationCode = 'ITT' | 'FAS' | 'PP' | 'SAF';

/** The ADSL flag of each analysis set. */
export const PopulationFlag: Readonly<Record<PopulationCode, keyof AdslRecord>> = {
  ITT: 'ITTFL',
  FAS: 'FASFL',
  PP: 'PPROTFL',
  SAF: 'SAFFL',
};

export const PopulationLabel: Readonly<Record<PopulationCode, string>> = {
  ITT: 'Intention-to-treat set (randomised)',
  FAS: 'Full analysis set (randomised and dosed)',
  PP: 'Per-protocol set',
  SAF: 'Safety set (as treated)',
};

/** One subject's outcome for a responder parameter. */
export interface SubjectOutcome {
  usubjid: string;
  arm: string;
  stratum: string;
  responder: boolean;
  reason: RsnReas;
  detail: string | null;
}

export interface ArmCounts {
  arm: ArmInfo;
  x: number;
  n: number;
  subjects: SubjectOutcome[];
}

/** Subjects of an analysis set, with their planned arm code (ADSL ARMCD). */
export function populationSubjects(adsl: readonly AdslRecord[], population: PopulationCode): AdslRecord[] {
  const flag = PopulationFlag[population];
  return adsl.filter((s) => s[flag] === 'Y');
}

/** Stratum label of a subject from the plan's strata variables (joined by " / "). */
export function stratumOf(s: AdslRecord, strata: readonly string[]): string {
  if (strata.length === 0) return 'All';
  return strata.map((v) => String((s as unknown as Record<string, unknown>)[v] ?? 'Missing')).join(' / ');
}

/**
 * Per-subject outcomes for `paramcd` at `visit`, responder when `isResponder(record)`.
 * Subjects are returned in USUBJID order so every downstream listing is deterministic.
 */
export function subjectOutcomes(
  adsl: readonly AdslRecord[],
  adrs: readonly AdrsRecord[],
  options: { paramcd: string; visit: string; population: PopulationCode; strata: readonly string[]; isResponder?: (r: AdrsRecord) => boolean },
): SubjectOutcome[] {
  const isResponder = options.isResponder ?? ((r: AdrsRecord) => r.AVALC === 'Y');
  const byId = new Map<string, AdrsRecord>();
  for (const r of adrs) {
    if (r.PARAMCD === options.paramcd && r.AVISIT === options.visit && r.ANL01FL === 'Y') byId.set(r.USUBJID, r);
  }
  return populationSubjects(adsl, options.population)
    .map((s) => {
      const r = byId.get(s.USUBJID);
      return {
        usubjid: s.USUBJID,
        arm: s.ARMCD,
        stratum: stratumOf(s, options.strata),
        responder: r !== undefined && isResponder(r),
        reason: r?.RSNREAS ?? 'NR-MISSING',
        detail: r === undefined ? `no ${options.paramcd} record at ${options.visit}` : r.RSNDTL,
      } satisfies SubjectOutcome;
    })
    .sort((a, b) => (a.usubjid < b.usubjid ? -1 : a.usubjid > b.usubjid ? 1 : 0));
}

/** Counts per arm (plan order) from subject outcomes. */
export function countByArm(outcomes: readonly SubjectOutcome[], arms: readonly ArmInfo[]): ArmCounts[] {
  return arms.map((arm) => {
    const subjects = outcomes.filter((o) => o.arm === arm.code);
    return { arm, x: subjects.filter((o) => o.responder).length, n: subjects.length, subjects };
  });
}

/** Reasons that mean the week-24 status was not observed (missing data rather than an intercurrent event). */
export const MissingReasons: ReadonlySet<RsnReas> = new Set<RsnReas>(['NR-MISSING', 'NR-DISC-OTHER']);
