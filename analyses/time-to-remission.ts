/**
 * Time to renal remission (issue 5 item 4; registered outcome "the time for subjects of the two groups to
 * achieve PR and CR"; domain.md 2): for each ADTTE parameter of the plan (`secondary.timeToEvent.params`,
 * TTPRCR and TTCR), by arm in the full analysis set: 1 − Kaplan–Meier and Aalen–Johansen cumulative
 * remission curves, number at risk at weeks 0–24, cumulative remission at the plan's remission visits,
 * median time with CI, stratified log-rank, stratified Cox HR (Efron) and Gray's test, all as ARD records
 * (encoding in analyses/ttr/compute.ts), and the report section built from them (analyses/ttr/sections.ts).
 *
 * Strata: `plan.primary.strata` read from ADSL (a missing value is its own stratum "Missing").
 * Closed report: each arm's N opens to the FAS subjects of the arm analysed for the parameter and the
 * randomised subjects of the arm left out, with the reason (`ttrHeaderTraces`).
 */
import type { AdtteRecord } from '../src/adam/adtte.ts';
import { countTrace, type ArdRecord, type CountTrace } from '../src/core/ard.ts';
import { PlanError } from '../src/core/errors.ts';
import type { Plan } from '../src/plan/plan.ts';
import type { ReportSection } from '../src/report/html.ts';
import { PopulationLabel, populationSubjects, stratumOf, type PopulationCode } from './common/responders.ts';
import { armHeaderTraces } from './common/analysis-sets.ts';
import type { Analysis, AnalysisInput, SectionContext } from './framework.ts';
import { timeToRemissionRecords, type Landmark, type TtrSubject } from './ttr/compute.ts';
import { ttrBlocks } from './ttr/sections.ts';

/** The analysis set of the time-to-remission analysis. */
export const TtrPopulation: PopulationCode = 'FAS';

/** Landmarks: the plan's remission visits, read at the end of their analysis windows. */
export function ttrLandmarks(plan: Plan): Landmark[] {
  return plan.secondary.remissionVisits.map((v) => {
    const pv = plan.visits.find((x) => x.avisit === v);
    if (pv === undefined) throw new PlanError('plan', 'secondary.remissionVisits', `${v} is not a plan visit`);
    return { visit: v, day: pv.window[1] };
  });
}

/** FAS subjects of one ADTTE parameter with arm code and stratum (USUBJID order). */
export function ttrSubjects(input: AnalysisInput, paramcd: string): TtrSubject[] {
  const adsl = new Map(populationSubjects(input.adam.adsl, TtrPopulation).map((s) => [s.USUBJID, s]));
  const arms = new Set(input.arms.map((a) => a.code));
  return (input.adam.adtte ?? [])
    .filter((r: AdtteRecord) => r.PARAMCD === paramcd && adsl.has(r.USUBJID))
    .sort((a, b) => (a.USUBJID < b.USUBJID ? -1 : a.USUBJID > b.USUBJID ? 1 : 0))
    .flatMap((r) => {
      const s = adsl.get(r.USUBJID)!;
      if (!arms.has(s.ARMCD)) return [];
      return [{ id: r.USUBJID, time: r.AVAL, status: r.EVNTSTAT, arm: s.ARMCD, stratum: stratumOf(s, input.plan.primary.strata) }];
    });
}

/**
 * The header-N traces of one parameter (arm label → trace): the FAS subjects of the arm analysed, and the
 * randomised subjects of the arm left out with the reason — the set's rule, or for a FAS subject, that ADTTE
 * has no record of the parameter (which the set's rule would not say).
 */
export function ttrHeaderTraces(input: AnalysisInput, paramcd: string, subjects: readonly TtrSubject[]): Map<string, CountTrace> {
  const fas = new Set(populationSubjects(input.adam.adsl, TtrPopulation).map((s) => s.USUBJID));
  const traces = armHeaderTraces(input, TtrPopulation, new Map(subjects.map((s) => [s.id, s.arm])));
  const noRecord = (id: string) => ({ id, reason: `FASFL = Y, no ADTTE ${paramcd} record` });
  return new Map([...traces].map(([arm, t]) => [arm, t.notCounted === undefined ? t : countTrace(t.counted, t.notCounted.map((s) => (fas.has(s.id) ? noRecord(s.id) : s)))]));
}

function originLabel(plan: Plan): string {
  return plan.secondary.timeToEvent.origin === 'randomization' ? 'randomisation' : 'first dose';
}

export const timeToRemission: Analysis = {
  id: 'time-to-remission',
  needs: ['adsl', 'adtte'],
  run(input: AnalysisInput): ArdRecord[] {
    const landmarks = ttrLandmarks(input.plan);
    return input.plan.secondary.timeToEvent.params.flatMap((parameter) => {
      const subjects = ttrSubjects(input, parameter);
      return timeToRemissionRecords({ parameter, population: TtrPopulation, arms: input.arms, landmarks, header: ttrHeaderTraces(input, parameter, subjects) }, subjects);
    });
  },
  sections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
    const last = ctx.plan.visits[ctx.plan.visits.length - 1];
    const blocks = ttrBlocks(ard, ctx, {
      params: ctx.plan.secondary.timeToEvent.params,
      visits: ctx.plan.secondary.remissionVisits,
      population: TtrPopulation,
      origin: originLabel(ctx.plan),
      weeksMax: Math.ceil((last.window[1] - 1) / 7),
    });
    return [{ id: 'time-to-remission', title: `Time to renal remission (${PopulationLabel[TtrPopulation]})`, blocks }];
  },
};

export default timeToRemission;
