/**
 * This trial's analysis sets as a closed-report header N states them (src/tables/population-trace.ts): who is
 * in the column and why each randomised subject of the arm is not. ITT, FAS and the safety set follow the
 * generic rules; the per-protocol set follows this trial's derivation (src/adam/adsl.ts `derivePprotfl`): in
 * the FAS, no protocol deviation excluding from the PP set (SUPPDM PPEXCL = 'Y', design.md "Input contract")
 * and a renal response at the primary visit decided on data (src/adam/adrs.ts `evaluableSubjects`); a
 * subject left out is given the first of these it fails.
 */
import { evaluableSubjects, type AdrsRecord } from '../../src/adam/adrs.ts';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import type { CountTrace } from '../../src/core/ard.ts';
import { FullAnalysisSet, notDosedReason, populationTraces, RandomisedSet, SafetySet, type AnalysisSetRule } from '../../src/tables/population-trace.ts';
import type { SubjectGroup } from '../../src/tables/population-groups.ts';
import type { AnalysisInput } from '../framework.ts';
import type { ArmCounts, PopulationCode } from './responders.ts';

/** The ADRS parameter whose primary-visit call decides PP evaluability (src/adam/adrs.ts). */
const EvaluabilityParamcd = 'RENALRSP';

/** The per-protocol rule: the reason a randomised subject is not in the PP set (see the module note). */
export function perProtocolSet(adrs: readonly AdrsRecord[], visit: string): AnalysisSetRule<AdslRecord> {
  const evaluable = evaluableSubjects(adrs, visit);
  const call = new Map<string, AdrsRecord>();
  for (const r of adrs) if (r.PARAMCD === EvaluabilityParamcd && r.AVISIT === visit && !call.has(r.USUBJID)) call.set(r.USUBJID, r);
  return {
    flag: 'PPROTFL',
    basis: 'planned',
    excluded: (s) => {
      if (s.FASFL !== 'Y') return { reason: `PPROTFL = N: not in the FAS (${notDosedReason('FASFL', s)})` };
      if (s.PPEXCL === 'Y') return { reason: 'PPROTFL = N: protocol deviation excluding from the PP set (SUPPDM PPEXCL = Y)' };
      if (!evaluable.has(s.USUBJID)) {
        const r = call.get(s.USUBJID);
        if (r === undefined) return { reason: `PPROTFL = N: no ${EvaluabilityParamcd} record at ${visit}` };
        const reason = `PPROTFL = N: ${visit} response not decided on data (ADRS ${EvaluabilityParamcd} ${r.RSNREAS})`;
        return r.RSNDTL === null || r.RSNDTL === '' ? { reason } : { reason, values: r.RSNDTL };
      }
      return { reason: `PPROTFL = ${s.PPROTFL}` };
    },
  };
}

/**
 * The rule of an analysis set of this trial in a responder analysis, which puts every set's subjects in their
 * planned arm (./responders.ts): so the safety set too, here.
 */
export function analysisSetRule(population: PopulationCode, adrs: readonly AdrsRecord[], visit: string): AnalysisSetRule<AdslRecord> {
  switch (population) {
    case 'ITT':
      return RandomisedSet;
    case 'FAS':
      return FullAnalysisSet;
    case 'SAF':
      return { ...SafetySet, basis: 'planned' };
    case 'PP':
      return perProtocolSet(adrs, visit);
  }
}

/** The arm groups (plan order) of an analysis set given as USUBJID → ARMCD (`armBySubject`). */
export function armGroups(input: AnalysisInput, subjects: ReadonlyMap<string, string>): SubjectGroup[] {
  return input.arms.map((a) => ({ label: a.label, subjects: new Set([...subjects].filter(([, code]) => code === a.code).map(([id]) => id)) }));
}

/**
 * The header-N traces (arm label → trace) of a by-arm analysis of the analysis set `subjects` (closed report):
 * each arm's subjects and the randomised subjects of the arm left out, with the reason.
 */
export function armHeaderTraces(input: AnalysisInput, population: PopulationCode, subjects: ReadonlyMap<string, string>): Map<string, CountTrace> {
  return armPopulationTraces(input, population, armGroups(input, subjects));
}

/** The arm groups of a responder analysis: the subjects it counted per arm (./responders.ts `countByArm`). */
export function countedGroups(counts: readonly ArmCounts[]): SubjectGroup[] {
  return counts.map((c) => ({ label: c.arm.label, subjects: new Set(c.subjects.map((o) => o.usubjid)) }));
}

/**
 * The header-N traces of the arm groups of an analysis by planned arm (arm label → trace): each arm's
 * subjects against the randomised subjects of the arm.
 */
export function armPopulationTraces(input: AnalysisInput, population: PopulationCode, groups: readonly SubjectGroup[]): Map<string, CountTrace> {
  return populationTraces(input.adam.adsl, input.arms, groups, analysisSetRule(population, input.adam.adrs ?? [], input.plan.primary.visit));
}
