/**
 * Responder counts from ADRS for one parameter, visit and analysis set, by planned arm (ITT principle:
 * TRT01P) — the input of every risk-difference analysis. A subject of the analysis set without an ADRS
 * record at the visit counts as a non-responder with reason "NR-MISSING" (nothing is dropped).
 */
import type { AdrsRecord, RsnReas } from '../../src/adam/adrs.ts';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import { countTrace, type CountTrace, type TraceSubject } from '../../src/core/ard.ts';
import { formatNumber } from '../../src/report/format.ts';
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
  /** The lab values on the ADRS record (`responseValues`), null when none or no record. */
  values: string | null;
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
        values: r === undefined ? null : responseValues(r),
      } satisfies SubjectOutcome;
    })
    .sort((a, b) => (a.usubjid < b.usubjid ? -1 : a.usubjid > b.usubjid ? 1 : 0));
}

/** Units of the ADRS value columns shown in a trace (src/adam/adrs.ts): stated once, in the table footnote. */
export const TRACE_VALUES_FOOTNOTE =
  'In the subject lists: UP24 in g/24 h, UPCR g/g, ALB g/L, SCr µmol/L, eGFR mL/min/1.73 m²; BL = baseline; reasons are the ADRS RSNREAS codes CR, PR, NR-CRITERIA (failed criterion), NR-MISSING (missing component or no record) and the intercurrent events NR-RESCUE, NR-DEATH, NR-DISC-LOE, NR-DISC-OTHER.';

/**
 * The lab values an ADRS response call was made on, e.g. "UP24 0.17 (BL 1.52); UPCR 0.2 (BL 1.6); ALB 42.8;
 * SCr 79 (BL 80); eGFR 106.0 (BL 105.0)" (units in TRACE_VALUES_FOOTNOTE; qualifiers kept as in ADRS,
 * eGFR rounded to 1 decimal for display); null when the record carries none.
 */
export function responseValues(r: AdrsRecord): string | null {
  // `?? null`: records built by hand (tests, partial inputs) may lack a value column altogether.
  const egfr = (x: number | null | undefined) => (x === null || x === undefined ? null : formatNumber(x, 1));
  const parts: [string, string | null, string | null][] = [
    ['UP24', r.UP24 ?? null, r.UP24BL ?? null], ['UPCR', r.UPCR ?? null, r.UPCRBL ?? null], ['ALB', r.ALB ?? null, null], ['SCr', r.SCR ?? null, r.SCRBL ?? null], ['eGFR', egfr(r.EGFR), egfr(r.EGFRBL)],
  ];
  const shown = parts.filter(([, v]) => v !== null).map(([name, v, bl]) => (bl === null ? `${name} ${v}` : `${name} ${v} (BL ${bl})`));
  return shown.length > 0 ? shown.join('; ') : null;
}

/**
 * One subject in a responder-count trace: the reason is the ADRS call (RSNREAS) with its detail (the failed
 * criterion, the missing component, the intercurrent event, or "not CR: …" for a PR); the values are shown
 * for a CR or PR call (what the response was concluded on), not for non-responders, whose failed criterion
 * is the rule.
 */
function traceSubject(o: SubjectOutcome): TraceSubject {
  const reason = o.detail !== null && o.detail !== '' ? `${o.reason}: ${o.detail}` : o.reason;
  const showValues = (o.reason === 'CR' || o.reason === 'PR') && o.values !== null;
  return showValues ? { id: o.usubjid, reason, values: o.values as string } : { id: o.usubjid, reason };
}

/**
 * The trace of a count over a denominator: the subjects `counted` selects, then the rest of the denominator,
 * each as `entry` states it (reason, values).
 */
export function splitTrace<T>(subjects: readonly T[], counted: (s: T) => boolean, entry: (s: T) => TraceSubject): CountTrace {
  return countTrace(subjects.filter(counted).map(entry), subjects.filter((s) => !counted(s)).map(entry));
}

/** The trace of a responder count: the responders counted and the non-responders of the denominator. */
export function responderTrace(subjects: readonly SubjectOutcome[]): CountTrace {
  return splitTrace(subjects, (o) => o.responder, traceSubject);
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
