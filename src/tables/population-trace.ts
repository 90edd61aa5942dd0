/**
 * Who makes up the N of a by-arm column (issue 10, closed report): the header-N record of a table ("N = 113")
 * carries a subject trace (ArdRecord `subjects`) whose
 * - `counted` list is the column's subjects: the analysis set's subjects of the arm (or of every arm, Total),
 *   exactly the subjects the analysis put in the column, each with its flag ("FASFL = Y"); a subject analysed
 *   as treated in an arm other than the one it was randomised to says so ("randomised to MMF");
 * - `notCounted` list is the randomised subjects (ADSL ITTFL = 'Y') of the column's arm, by planned arm,
 *   that are not in the column, each with the reason: the set's rule it fails (FAS and safety set: not dosed;
 *   per-protocol set: the trial's own rule, analyses/common/analysis-sets.ts) or, for a set analysed by
 *   actual arm, the column it is analysed in instead. Absent for the randomised set itself (ITT: every
 *   randomised subject of the arm is in it by definition).
 * The traces are derived from the same ADSL flags and arm rules as the groups (./population-groups.ts), never
 * from the table.
 */
import { countTrace, type CountTrace, type TraceSubject } from '../core/ard.ts';
import { InputError } from '../core/errors.ts';
import { armOfSubject, TOTAL, type ArmBasis, type GroupableSubject, type SubjectGroup, type TableArm } from './population-groups.ts';

/** The ADSL flags of the analysis sets. */
export type AnalysisSetFlag = 'ITTFL' | 'FASFL' | 'SAFFL' | 'PPROTFL';

/** The ADSL variables a population trace reads (every ADSL, ours or an external ADaM's, has these). */
export interface PopulationSubject extends GroupableSubject {
  ITTFL: string | null;
  FASFL: string | null;
  SAFFL: string | null;
  PPROTFL: string | null;
  TRTSDT: string | null;
}

/** How an analysis set is stated in a population trace. */
export interface AnalysisSetRule<S extends PopulationSubject = PopulationSubject> {
  /** The ADSL flag of the set, named in every reason ("FASFL = Y"). */
  flag: AnalysisSetFlag;
  /** The arm a subject is analysed in: planned (ITT principle) or actual (as treated, safety). */
  basis: ArmBasis;
  /** Why a randomised subject whose flag is not 'Y' is not in the set (default: `notDosedReason`). */
  excluded?: (s: S) => Omit<TraceSubject, 'id'>;
}

/**
 * The reason a randomised subject is not in a set that requires study treatment (FAS, safety set): the flag
 * and, when ADSL has no treatment start, that the subject was not dosed.
 * @example notDosedReason('FASFL', { FASFL: 'N', TRTSDT: null }) // => 'FASFL = N: not dosed, no ADSL TRTSDT'
 */
export function notDosedReason(flag: AnalysisSetFlag, s: Pick<PopulationSubject, AnalysisSetFlag | 'TRTSDT'>): string {
  const value = s[flag] === null || s[flag] === undefined || s[flag] === '' ? 'empty' : s[flag];
  return s.TRTSDT === null || s.TRTSDT === undefined || s.TRTSDT === '' ? `${flag} = ${value}: not dosed, no ADSL TRTSDT` : `${flag} = ${value}`;
}

/** The randomised set (ITT, by planned arm): every randomised subject, nobody to list as left out. */
export const RandomisedSet: AnalysisSetRule = { flag: 'ITTFL', basis: 'planned' };
/** The full analysis set (randomised and dosed, by planned arm). */
export const FullAnalysisSet: AnalysisSetRule = { flag: 'FASFL', basis: 'planned' };
/** The safety set (dosed, by actual arm). */
export const SafetySet: AnalysisSetRule = { flag: 'SAFFL', basis: 'actual' };

/** The arm label of every subject in an arm column (not Total). */
function columnOfSubjects(groups: readonly SubjectGroup[]): Map<string, string> {
  const columnOf = new Map<string, string>();
  for (const g of groups) if (g.label !== TOTAL) for (const id of g.subjects) columnOf.set(id, g.label);
  return columnOf;
}

function countedSubject<S extends PopulationSubject>(s: S, column: string, arms: readonly TableArm[], rule: AnalysisSetRule<S>): TraceSubject {
  const reason = `${rule.flag} = ${s[rule.flag] ?? 'empty'}`;
  const planned = armOfSubject(s, arms, 'planned')?.label;
  // Analysed as treated in another arm than randomised to: stated, the DSMB reads the columns by arm.
  if (rule.basis === 'actual' && column !== TOTAL && planned !== undefined && planned !== column) return { id: s.USUBJID, reason, values: `randomised to ${planned}` };
  return { id: s.USUBJID, reason };
}

function leftOutSubject<S extends PopulationSubject>(s: S, elsewhere: string | undefined, rule: AnalysisSetRule<S>): TraceSubject {
  if (s[rule.flag] === 'Y') {
    const column = rule.basis === 'actual' ? `analysed as treated in the column “${elsewhere}”` : `in the column “${elsewhere}”`;
    const where = elsewhere === undefined ? `its ${rule.basis} arm is none of the plan's arms (in no column)` : column;
    return { id: s.USUBJID, reason: `${rule.flag} = Y, ${where}` };
  }
  return { id: s.USUBJID, ...(rule.excluded?.(s) ?? { reason: notDosedReason(rule.flag, s) }) };
}

/**
 * The header-N trace of every group (arm columns and Total), keyed by group label (see the module note).
 * @throws InputError when a group's subject is not in ADSL or a group is neither an arm nor Total.
 */
export function populationTraces<S extends PopulationSubject>(adsl: readonly S[], arms: readonly TableArm[], groups: readonly SubjectGroup[], rule: AnalysisSetRule<S>): Map<string, CountTrace> {
  const byId = new Map(adsl.map((s) => [s.USUBJID, s]));
  const columnOf = columnOfSubjects(groups);
  const randomised = adsl.filter((s) => s.ITTFL === 'Y').map((s) => ({ s, arm: armOfSubject(s, arms, 'planned')?.label })).filter((x) => x.arm !== undefined);
  const out = new Map<string, CountTrace>();
  for (const g of groups) {
    if (g.label !== TOTAL && !arms.some((a) => a.label === g.label)) throw new InputError('groups', `group "${g.label}" is neither an arm nor "${TOTAL}"`);
    const counted = [...g.subjects].map((id) => {
      const s = byId.get(id);
      if (s === undefined) throw new InputError('groups', `subject ${JSON.stringify(id)} of group "${g.label}" is not in ADSL`);
      return countedSubject(s, g.label, arms, rule);
    });
    if (rule.flag === 'ITTFL') {
      out.set(g.label, countTrace(counted));
      continue;
    }
    const left = randomised.filter((x) => (g.label === TOTAL || x.arm === g.label) && !g.subjects.has(x.s.USUBJID)).map((x) => leftOutSubject(x.s, columnOf.get(x.s.USUBJID), rule));
    out.set(g.label, countTrace(counted, left));
  }
  return out;
}
