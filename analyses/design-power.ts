/**
 * Power of the design for the primary non-inferiority comparison (issue 10 item 4): Farrington–Manning
 * score test (src/stats/power.ts; Farrington & Manning 1990 Stat Med 9:1447) at the plan's margin and
 * one-sided α, with a true difference of 0 (the same response rate in both arms), for
 * - the planned rate (plan.primary.design.controlRate), group null;
 * - the observed pooled week-24 remission rate of the FAS, both arms together (blinded), group "Total";
 * - the observed control-arm rate, group = control arm label (closed report only: the blinding filter
 *   drops it from the open report).
 * For each: the power with the design's n per arm and the n per arm the margin needs for 80 % and 90 %
 * power (rounded up).
 *
 * n per arm: plan.primary.design.nPerArm; without it, the randomised (ITT) subjects divided equally
 * over the arms (rounded down), which uses no arm-level information.
 * A rate of 0 or 1 has no power calculation (the normal approximation is degenerate): the scenario then
 * carries `note` instead.
 *
 * ARD: analysis `design-power`, population FAS, parameter = primary endpoint, category = scenario
 * (`planned`, `observed-pooled`, `observed-control`), method `farrington-manning`.
 */
import { ard, type ArdRecord } from '../src/core/ard.ts';
import { InputError } from '../src/core/errors.ts';
import { farringtonManningPower, farringtonManningSampleSize } from '../src/stats/power.ts';
import type { Analysis, AnalysisInput } from './framework.ts';
import { countByArm, populationSubjects, subjectOutcomes } from './common/responders.ts';
import { niArms } from './primary-noninferiority.ts';
import { designPowerSections, DESIGN_POWER_ID, PowerTargets, type Scenario } from './design-power/sections.ts';

const POPULATION = 'FAS';

/** n per arm of the design and where it comes from. */
function designN(input: AnalysisInput): { nPerArm: number; source: 'plan' | 'adsl' } {
  const planned = input.plan.primary.design?.nPerArm;
  if (planned !== undefined) return { nPerArm: planned, source: 'plan' };
  const randomised = populationSubjects(input.adam.adsl, 'ITT').length;
  return { nPerArm: Math.floor(randomised / input.arms.length), source: 'adsl' };
}

function scenarioRecords(input: AnalysisInput, scenario: Scenario, group: string | null, rate: number, nPerArm: number): ArdRecord[] {
  const p = input.plan.primary;
  const base = { analysis: DESIGN_POWER_ID, population: POPULATION, parameter: p.endpoint, category: scenario, group, method: 'farrington-manning' };
  const out = [ard({ ...base, statistic: 'rate', value: rate }), ard({ ...base, statistic: 'nPerArm', value: nPerArm })];
  if (!(rate > 0 && rate < 1)) return [...out, ard({ ...base, statistic: 'note', value: `no power calculation at a rate of ${rate * 100} %` })];
  const common = { p1: rate, p2: rate, margin: p.margin, alphaOneSided: p.alphaOneSided };
  out.push(ard({ ...base, statistic: 'power', value: farringtonManningPower({ ...common, n1: nPerArm, n2: nPerArm }) }));
  for (const target of PowerTargets) {
    out.push(ard({ ...base, statistic: `nFor${target}`, value: farringtonManningSampleSize({ ...common, power: target / 100 }).n1Ceiling }));
  }
  return out;
}

function run(input: AnalysisInput): ArdRecord[] {
  if (!input.adam.adrs) throw new InputError('adrs', 'the design-power analysis needs ADRS');
  const p = input.plan.primary;
  const [exp, ctl] = niArms(input.arms, input.plan);
  const { nPerArm, source } = designN(input);
  const outcomes = subjectOutcomes(input.adam.adsl, input.adam.adrs, { paramcd: p.endpoint, visit: p.visit, population: POPULATION, strata: p.strata });
  const [e, c] = countByArm(outcomes, [exp, ctl]);
  const out: ArdRecord[] = [
    ard({ analysis: DESIGN_POWER_ID, population: POPULATION, parameter: p.endpoint, statistic: 'margin', value: p.margin }),
    ard({ analysis: DESIGN_POWER_ID, population: POPULATION, parameter: p.endpoint, statistic: 'alphaOneSided', value: p.alphaOneSided }),
    ard({ analysis: DESIGN_POWER_ID, population: POPULATION, parameter: p.endpoint, statistic: 'nPerArmSource', value: source }),
  ];
  if (p.design) out.push(...scenarioRecords(input, 'planned', null, p.design.controlRate, nPerArm));
  const pooledN = e.n + c.n;
  if (pooledN > 0) {
    out.push(ard({ analysis: DESIGN_POWER_ID, population: POPULATION, parameter: p.endpoint, category: 'observed-pooled', group: 'Total', statistic: 'N', value: pooledN }));
    out.push(...scenarioRecords(input, 'observed-pooled', 'Total', (e.x + c.x) / pooledN, nPerArm));
  }
  if (c.n > 0) {
    out.push(ard({ analysis: DESIGN_POWER_ID, population: POPULATION, parameter: p.endpoint, category: 'observed-control', group: ctl.label, statistic: 'N', value: c.n }));
    out.push(...scenarioRecords(input, 'observed-control', ctl.label, c.x / c.n, nPerArm));
  }
  return out;
}

export const designPower: Analysis = {
  id: DESIGN_POWER_ID,
  needs: ['adsl', 'adrs'],
  run,
  sections: designPowerSections,
};
