/**
 * Safety overview: number (%) of subjects of the safety set with ≥ 1 treatment-emergent AE of each kind
 * (event rules in ./events.ts), each subject counted once per row, by actual arm and Total.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import type { GenericAdaeRecord } from '../../src/adam/read-adam.ts';
import { countSubjects } from '../../src/tables/count-subjects.ts';
import type { SubjectGroup } from '../../src/tables/population-groups.ts';
import { describeEvents } from './trace.ts';
import { isFatal, isInfection, isRelated, isSerious, leadsToDiscontinuation, type GradeScale } from './events.ts';

export const OVERVIEW_ANALYSIS = 'safety-overview';

/** Overview rows: ARD parameter, label, predicate on a TEAE. */
export function overviewRows(scale: GradeScale, infectionSoc: string): { parameter: string; label: string; test: (e: GenericAdaeRecord) => boolean }[] {
  const infection = isInfection(infectionSoc);
  return [
    { parameter: 'ANY_TEAE', label: 'Any TEAE', test: () => true },
    { parameter: 'RELATED', label: 'Treatment-related TEAE', test: isRelated },
    { parameter: 'SERIOUS', label: 'Serious TEAE', test: isSerious },
    { parameter: 'GRADE3', label: scale.kind === 'ctcae' ? 'TEAE of CTCAE grade ≥ 3' : 'Severe TEAE (AESEV; no CTCAE grade in the data)', test: scale.isSevere },
    { parameter: 'DISCONT', label: 'TEAE leading to discontinuation of study treatment', test: leadsToDiscontinuation },
    { parameter: 'FATAL', label: 'Fatal TEAE', test: isFatal },
    { parameter: 'INFECTION', label: `Infection (${infectionSoc})`, test: infection },
    { parameter: 'SERIOUS_INFECTION', label: 'Serious infection', test: (e) => infection(e) && isSerious(e) },
  ];
}

/** ARD records of the overview (teae = treatment-emergent events of the safety set), each count traced to its subjects' qualifying events. */
export function computeOverview(teae: readonly GenericAdaeRecord[], groups: readonly SubjectGroup[], scale: GradeScale, infectionSoc: string, population: string): ArdRecord[] {
  const describe = describeEvents(scale);
  return overviewRows(scale, infectionSoc).flatMap((row) =>
    countSubjects(teae, groups, row.test, { analysis: OVERVIEW_ANALYSIS, population, parameter: row.parameter, method: row.parameter === 'GRADE3' ? scale.method : null }, describe),
  );
}
