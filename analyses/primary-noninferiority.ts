/**
 * Primary analysis: total renal remission (CR or PR) at week 24, experimental − control, non-inferiority
 * at the plan's margin (domain.md 3; CONSORT NI extension, Piaggio et al. JAMA 2012).
 *
 * Hypotheses (plan.primary): d = p(experimental) − p(control); H0: d ≤ −M vs H1: d > −M. NI is concluded
 * when the lower bound of the two-sided (1 − 2α) CI is > −M (FDA NI guidance 2016; ICH E9).
 *
 * Analyses, each a separate ARD `analysis` id (population FAS and PP where stated):
 * - `ni-primary`: stratified Miettinen–Nurminen CI with Mantel–Haenszel (CMH) weights over the
 *   randomisation strata (plan.primary.strata), plus the unstratified Farrington–Manning score test at −M
 *   (MN variance) for the p-value; FAS (primary) and PP.
 * - `ni-unstratified`: unstratified MN CI.  `ni-observed-case`: subjects whose week-24 status was not
 *   observed (reasons NR-MISSING, NR-DISC-OTHER) are excluded instead of imputed as non-responders;
 *   intercurrent-event non-responders stay (composite strategy).  `ni-exact`: Chan (1998) exact
 *   unconditional test at −M.  `ni-alt-<definition>`: the same stratified analysis with each alternative
 *   response definition of the plan.
 * - `ni-tipping-point`: every combination of responders among the subjects with unobserved week-24
 *   status, per arm (category `exp=<i>;ctl=<j>`), unstratified MN lower bound and NI conclusion.
 * - `ni-concordance`: every CI method of src/stats/proportions.ts and the stratified methods on the FAS,
 *   with a flag for any method whose conclusion differs from the primary's.
 */
import { ard, type ArdRecord, type CountTrace } from '../src/core/ard.ts';
import { InputError } from '../src/core/errors.ts';
import type { AdrsRecord } from '../src/adam/adrs.ts';
import { exactTableCount, exactUnconditionalNITest } from '../src/stats/exact.ts';
import { farringtonManningTest } from '../src/stats/noninferiority.ts';
import { binomialCI, riskDifferenceCI, RiskDifferenceMethod } from '../src/stats/proportions.ts';
import { stratifiedRiskDifference, type StratifiedMethod } from '../src/stats/stratified.ts';
import { AlternativeParamcd } from '../src/adam/adrs.ts';
import type { Analysis, AnalysisInput, ArmInfo } from './framework.ts';
import { contrastLabel } from './framework.ts';
import { countByArm, MissingReasons, responderTrace, subjectOutcomes, type ArmCounts, type PopulationCode, type SubjectOutcome } from './common/responders.ts';
import { primarySections } from './primary/sections.ts';
import { armPopulationTraces, countedGroups } from './common/analysis-sets.ts';
import { DescriptiveLevel, niConfidenceLevel } from './common/confidence.ts';
import { formatConfidenceLevel } from '../src/report/format.ts';
import { tippingCounts } from './primary/tipping-grid.ts';

export const PRIMARY_ID = 'primary-noninferiority';

/** Interval of a difference with its NI conclusion. */
export interface NiInterval {
  estimate: number;
  lower: number;
  upper: number;
  nonInferior: boolean;
}

/** The two arms of the NI comparison in plan order: [experimental, control]. */
export function niArms(arms: readonly ArmInfo[], plan: AnalysisInput['plan']): [ArmInfo, ArmInfo] {
  const exp = arms.find((a) => a.code === plan.arms.experimental[0]);
  const ctl = arms.find((a) => a.code === plan.arms.control);
  if (!exp || !ctl) throw new InputError('arms', `the plan's experimental (${plan.arms.experimental[0]}) and control (${plan.arms.control}) arms must both be present`);
  return [exp, ctl];
}

/** Per-stratum counts (experimental = 1, control = 2) in sorted stratum order. */
export function strataCounts(outcomes: readonly SubjectOutcome[], exp: string, ctl: string): { stratum: string; x1: number; n1: number; x2: number; n2: number }[] {
  const names = [...new Set(outcomes.map((o) => o.stratum))].sort();
  return names.map((stratum) => {
    const s = outcomes.filter((o) => o.stratum === stratum);
    const e = s.filter((o) => o.arm === exp);
    const c = s.filter((o) => o.arm === ctl);
    return { stratum, x1: e.filter((o) => o.responder).length, n1: e.length, x2: c.filter((o) => o.responder).length, n2: c.length };
  });
}

function stratified(outcomes: readonly SubjectOutcome[], exp: string, ctl: string, method: StratifiedMethod, level: number, margin: number): NiInterval {
  const strata = strataCounts(outcomes, exp, ctl);
  const r = stratifiedRiskDifference(strata, { weights: 'cmh', method, level });
  return { estimate: r.estimate, lower: r.lower, upper: r.upper, nonInferior: r.lower > -margin };
}

function unstratified(e: ArmCounts, c: ArmCounts, method: RiskDifferenceMethod, level: number, margin: number): NiInterval {
  const r = riskDifferenceCI(e.x, e.n, c.x, c.n, { method, level });
  return { estimate: r.estimate, lower: r.lower, upper: r.upper, nonInferior: r.lower > -margin };
}

interface Ctx {
  analysis: string;
  population: PopulationCode;
  parameter: string;
  visit: string;
  contrast: string;
}

/**
 * Arm-level records: header N, responders n, proportion, Wilson CI; plus pooled Total. Each arm's `n` carries
 * its subject trace (responders and non-responders with their ADRS reasons; closed report only), and with
 * `populations` (the analysis whose N heads the report's table) each arm's N its population trace; the pooled
 * Total, shown only in the open report, carries none.
 */
function armRecords(c: Ctx, counts: readonly ArmCounts[], populations?: ReadonlyMap<string, CountTrace>): ArdRecord[] {
  const out: ArdRecord[] = [];
  const base = { analysis: c.analysis, population: c.population, parameter: c.parameter };
  const add = (group: string, x: number, n: number, subjects?: CountTrace) => {
    out.push(ard({ ...base, group, statistic: 'N', value: n, subjects: populations?.get(group) }));
    out.push(ard({ ...base, group, visit: c.visit, statistic: 'n', value: x, subjects }));
    out.push(ard({ ...base, group, visit: c.visit, statistic: 'pct', value: n > 0 ? x / n : null }));
    out.push(ard({ ...base, group, visit: c.visit, statistic: 'estimate', value: n > 0 ? x / n : null }));
    if (n > 0) {
      const w = binomialCI(x, n, { method: 'wilson', level: DescriptiveLevel });
      out.push(ard({ ...base, group, visit: c.visit, statistic: 'lower', value: w.lower, method: 'wilson' }));
      out.push(ard({ ...base, group, visit: c.visit, statistic: 'upper', value: w.upper, method: 'wilson' }));
    }
  };
  for (const a of counts) add(a.arm.label, a.x, a.n, responderTrace(a.subjects));
  add('Total', counts.reduce((s, a) => s + a.x, 0), counts.reduce((s, a) => s + a.n, 0));
  return out;
}

function contrastRecords(c: Ctx, r: NiInterval, method: string, extra: Record<string, number | string> = {}): ArdRecord[] {
  const base = { analysis: c.analysis, population: c.population, parameter: c.parameter, visit: c.visit, group: c.contrast, method };
  const out = [
    ard({ ...base, statistic: 'estimate', value: r.estimate }),
    ard({ ...base, statistic: 'lower', value: r.lower }),
    ard({ ...base, statistic: 'upper', value: r.upper }),
    ard({ ...base, statistic: 'nonInferior', value: r.nonInferior ? 1 : 0 }),
    ard({ ...base, statistic: 'conclusion', value: conclusionText(r.nonInferior) }),
  ];
  for (const [k, v] of Object.entries(extra)) out.push(ard({ ...base, statistic: k, value: v }));
  return out;
}

/** Short conclusion shown in tables. */
export function conclusionText(nonInferior: boolean): string {
  return nonInferior ? 'NI shown' : 'NI not shown';
}

/**
 * "non-inferior at margin 15 pp: lower 95 % bound −6.2 pp > −15 pp" (domain.md 3.1 wording). The margin and
 * the bound are differences of two percentages, so percentage points (pp), as in the tables and charts.
 */
export function verdictText(r: NiInterval, margin: number, level: number): string {
  const pp = (x: number) => `${(x * 100).toFixed(1).replace('-', '−')} pp`;
  const m = `${+(margin * 100).toFixed(2)} pp`;
  const lvl = formatConfidenceLevel(level);
  return r.nonInferior
    ? `non-inferior at margin ${m}: lower ${lvl} bound ${pp(r.lower)} > −${m}`
    : `non-inferiority not shown at margin ${m}: lower ${lvl} bound ${pp(r.lower)} ≤ −${m}`;
}

/**
 * Largest number of 2×2 tables (src/stats/exact.ts `exactTableCount`) for which the analysis runs the exact
 * unconditional test: a policy of the pipeline, below the library's hard ExactEnumerationLimit (10^7). The
 * cost grows with n1·n2 (bench/exact-unconditional.ts: 4 ms at 115 per arm; about 0.1 s at 1,000 and 0.5 s
 * at 3,000 per arm); at a thousand subjects per arm the score test's normal approximation is accurate, so
 * beyond that the test is reported as not computed rather than growing faster than the rest of the run
 * (issue 9: nothing worse than linear in subjects).
 */
export const ExactMaxTables = 1_000_000;
export function exactTestAffordable(n1: number, n2: number): boolean {
  return exactTableCount(n1, n2) <= ExactMaxTables;
}

function tippingPoint(c: Ctx, outcomes: readonly SubjectOutcome[], expArm: ArmInfo, ctlArm: ArmInfo, level: number, margin: number): ArdRecord[] {
  const exp = expArm.code;
  const ctl = ctlArm.code;
  const observed = outcomes.filter((o) => !MissingReasons.has(o.reason));
  const e = observed.filter((o) => o.arm === exp);
  const k = observed.filter((o) => o.arm === ctl);
  const mE = outcomes.filter((o) => o.arm === exp && MissingReasons.has(o.reason)).length;
  const mC = outcomes.filter((o) => o.arm === ctl && MissingReasons.has(o.reason)).length;
  const xE = e.filter((o) => o.responder).length;
  const xC = k.filter((o) => o.responder).length;
  const out: ArdRecord[] = [
    ard({ analysis: c.analysis, population: c.population, parameter: c.parameter, visit: c.visit, group: expArm.label, statistic: 'nMissing', value: mE }),
    ard({ analysis: c.analysis, population: c.population, parameter: c.parameter, visit: c.visit, group: ctlArm.label, statistic: 'nMissing', value: mC }),
  ];
  for (const i of tippingCounts(mE)) {
    for (const j of tippingCounts(mC)) {
      const r = riskDifferenceCI(xE + i, e.length + mE, xC + j, k.length + mC, { method: 'miettinen-nurminen', level });
      const base = { analysis: c.analysis, population: c.population, parameter: c.parameter, visit: c.visit, group: c.contrast, category: `exp=${i};ctl=${j}`, method: 'miettinen-nurminen' };
      out.push(ard({ ...base, statistic: 'lower', value: r.lower }));
      out.push(ard({ ...base, statistic: 'nonInferior', value: r.lower > -margin ? 1 : 0 }));
    }
  }
  return out;
}

const ConcordanceMethods: readonly RiskDifferenceMethod[] = RiskDifferenceMethod;
const StratifiedMethods: readonly StratifiedMethod[] = ['miettinen-nurminen', 'wald', 'newcombe'];

function runPopulation(input: AnalysisInput, population: PopulationCode, exp: ArmInfo, ctl: ArmInfo, adrs: readonly AdrsRecord[]): ArdRecord[] {
  const { plan } = input;
  const p = plan.primary;
  const level = niConfidenceLevel(plan);
  const contrast = contrastLabel(exp, ctl);
  const outcomes = subjectOutcomes(input.adam.adsl, adrs, { paramcd: p.endpoint, visit: p.visit, population, strata: p.strata });
  const [e, c] = countByArm(outcomes, [exp, ctl]);
  const ctx = (analysis: string): Ctx => ({ analysis, population, parameter: p.endpoint, visit: p.visit, contrast });
  const out: ArdRecord[] = [];

  // Primary: stratified MN (CMH weights); unstratified FM test (MN variance) for the p-value.
  const prim = stratified(outcomes, exp.code, ctl.code, 'miettinen-nurminen', level, p.margin);
  const fm = farringtonManningTest(e.x, e.n, c.x, c.n, p.margin, { variance: 'miettinen-nurminen' });
  out.push(...armRecords(ctx('ni-primary'), [e, c], armPopulationTraces(input, population, countedGroups([e, c]))));
  out.push(...contrastRecords(ctx('ni-primary'), prim, 'stratified-miettinen-nurminen-cmh', { z: fm.z, pValue: fm.pValue, level, margin: p.margin, verdict: verdictText(prim, p.margin, level) }));

  // Sensitivity: unstratified MN.
  out.push(...armRecords(ctx('ni-unstratified'), [e, c]));
  out.push(...contrastRecords(ctx('ni-unstratified'), unstratified(e, c, 'miettinen-nurminen', level, p.margin), 'miettinen-nurminen'));

  // Sensitivity: observed cases.
  const obs = outcomes.filter((o) => !MissingReasons.has(o.reason));
  const [eo, co] = countByArm(obs, [exp, ctl]);
  out.push(...armRecords(ctx('ni-observed-case'), [eo, co]));
  if (eo.n > 0 && co.n > 0) out.push(...contrastRecords(ctx('ni-observed-case'), stratified(obs, exp.code, ctl.code, 'miettinen-nurminen', level, p.margin), 'stratified-miettinen-nurminen-cmh'));

  // Sensitivity: exact unconditional test (Chan 1998), where enumerating the tables is affordable.
  out.push(...armRecords(ctx('ni-exact'), [e, c]));
  if (exactTestAffordable(e.n, c.n)) {
    const ex = exactUnconditionalNITest(e.x, e.n, c.x, c.n, p.margin);
    out.push(ard({ ...ctx('ni-exact'), group: contrast, statistic: 'pValue', value: ex.pValue, method: 'chan-exact-unconditional' }));
    out.push(ard({ ...ctx('ni-exact'), group: contrast, statistic: 'nonInferior', value: ex.pValue < p.alphaOneSided ? 1 : 0, method: 'chan-exact-unconditional' }));
    out.push(ard({ ...ctx('ni-exact'), group: contrast, statistic: 'conclusion', value: conclusionText(ex.pValue < p.alphaOneSided), method: 'chan-exact-unconditional' }));
  } else {
    out.push(ard({ ...ctx('ni-exact'), group: contrast, statistic: 'pValue', value: null, method: 'chan-exact-unconditional' }));
    out.push(ard({ ...ctx('ni-exact'), group: contrast, statistic: 'conclusion', value: `not computed: (${e.n} + 1) × (${c.n} + 1) = ${exactTableCount(e.n, c.n).toLocaleString('en-US')} 2×2 tables, above the limit of ${ExactMaxTables.toLocaleString('en-US')}; the score-based analyses above apply`, method: 'chan-exact-unconditional' }));
  }

  // Sensitivity: alternative response definitions (TOTREM = CR or PR of the alternative's category).
  for (const alt of plan.response.alternatives) {
    const paramcd = AlternativeParamcd[alt];
    const altOutcomes = subjectOutcomes(input.adam.adsl, adrs, { paramcd, visit: p.visit, population, strata: p.strata, isResponder: (r) => r.AVALC === 'CR' || r.AVALC === 'PR' });
    const [ea, ca] = countByArm(altOutcomes, [exp, ctl]);
    const id = `ni-alt-${alt.toLowerCase().replace(/_/g, '-')}`;
    out.push(...armRecords({ ...ctx(id), parameter: paramcd }, [ea, ca]));
    out.push(...contrastRecords({ ...ctx(id), parameter: paramcd }, stratified(altOutcomes, exp.code, ctl.code, 'miettinen-nurminen', level, p.margin), 'stratified-miettinen-nurminen-cmh'));
  }

  // Tipping point over the subjects with unobserved status.
  out.push(...tippingPoint(ctx('ni-tipping-point'), outcomes, exp, ctl, level, p.margin));

  // Concordance of every CI method (FAS and PP).
  const cc = ctx('ni-concordance');
  out.push(...armRecords(cc, [e, c]));
  for (const m of ConcordanceMethods) {
    const r = unstratified(e, c, m, level, p.margin);
    out.push(...contrastRecords({ ...cc, parameter: p.endpoint }, r, m, { concordant: r.nonInferior === prim.nonInferior ? 1 : 0 }).map((x) => ({ ...x, category: m })));
  }
  for (const m of StratifiedMethods) {
    const r = stratified(outcomes, exp.code, ctl.code, m, level, p.margin);
    const name = `stratified-${m}-cmh`;
    out.push(...contrastRecords(cc, r, name, { concordant: r.nonInferior === prim.nonInferior ? 1 : 0 }).map((x) => ({ ...x, category: name })));
  }
  return out;
}

/** Subject-level outcomes behind the primary counts (closed report traceability; never in the open report). */
export function primaryOutcomes(input: AnalysisInput, population: PopulationCode): SubjectOutcome[] {
  const p = input.plan.primary;
  return subjectOutcomes(input.adam.adsl, input.adam.adrs ?? [], { paramcd: p.endpoint, visit: p.visit, population, strata: p.strata });
}

export const primaryNonInferiority: Analysis = {
  id: PRIMARY_ID,
  needs: ['adsl', 'adrs'],
  run(input) {
    const adrs = input.adam.adrs;
    if (!adrs) throw new InputError('adrs', 'the primary analysis needs ADRS');
    const [exp, ctl] = niArms(input.arms, input.plan);
    const pops = input.plan.primary.populations.filter((x): x is PopulationCode => ['ITT', 'FAS', 'PP', 'SAF'].includes(x));
    return pops.flatMap((pop) => runPopulation(input, pop, exp, ctl, adrs));
  },
  sections: primarySections,
};
