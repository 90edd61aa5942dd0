/**
 * Subgroup consistency of the primary endpoint (issue 10 item 3): total renal remission at the primary
 * visit, experimental − control, in the FAS (non-responder imputation as in the primary analysis), by
 * randomisation stratum, LN class, sex, age group (< 30, 30–44, ≥ 45 years) and baseline 24-h urine protein
 * (< 3.5, ≥ 3.5 g/day). Exploratory: no multiplicity adjustment, no NI claim within a subgroup.
 *
 * Per level: responders n/N and % per arm and pooled, and the unstratified Miettinen–Nurminen CI of the
 * difference at the primary's level (1 − 2α). A level with no subject in one arm has no difference: the
 * contrast records carry `note` instead (shown as "–" with a footnote). 0 or all responders give finite MN
 * limits (src/stats/proportions.ts).
 * Per factor: the likelihood-ratio test of the arm × level interaction in logistic regression
 * (src/stats/interaction.ts: levels without both arms or with the same outcome in every subject are left
 * out and listed; not estimable → `notEstimable` with the reason). The level "Missing" (no value of the
 * factor) is shown but not tested.
 *
 * Sources: stratum = plan.primary.strata (ADSL STRATUM); LN class = ADSL LNCLASS; sex = ADSL SEX; age =
 * ADSL AGE (years); baseline proteinuria = ADLB PROT (g/24h) at ABLFL = "Y", qualified results (`<0.1`)
 * classified by their limit.
 *
 * ARD: analysis `subgroup-ni` (parameter = factor code, category = level, visit = primary visit; group =
 * arm label, "Total" or the contrast; parameter ALL = all FAS subjects), analysis `subgroup-interaction`
 * (parameter = factor code, group = contrast), and one `label` record per factor (group null).
 */
import { ard, type ArdRecord } from '../src/core/ard.ts';
import { ConvergenceError, InputError } from '../src/core/errors.ts';
import type { AdslRecord } from '../src/adam/adsl.ts';
import { riskDifferenceCI } from '../src/stats/proportions.ts';
import { interactionLikelihoodRatioTest, type ExclusionReason, type LevelCounts } from '../src/stats/interaction.ts';
import type { Analysis, AnalysisInput, ArmInfo } from './framework.ts';
import { contrastLabel } from './framework.ts';
import { baselineValues } from './baseline.ts';
import { countByArm, populationSubjects, stratumOf, subjectOutcomes, type SubjectOutcome } from './common/responders.ts';
import { niArms } from './primary-noninferiority.ts';
import { armPopulationTraces, countedGroups } from './common/analysis-sets.ts';
import { niConfidenceLevel } from './common/confidence.ts';
import { ALL_SUBJECTS, INTERACTION_ANALYSIS, MISSING_LEVEL, SUBGROUP_ANALYSIS, SUBGROUP_POPULATION, subgroupSections } from './subgroups/sections.ts';

export const SUBGROUPS_ID = 'subgroups';
/** Baseline 24-h urine protein threshold, g/day (nephrotic range; also a stratification factor). */
export const PROTEINURIA_THRESHOLD = 3.5;

/** A subgroup factor: code (ARD parameter), label, and the level of each subject (null = Missing). */
interface Factor {
  code: string;
  label: string;
  /** Fixed level order; levels not listed follow in sorted order. */
  order: readonly string[];
  levelOf: (s: AdslRecord) => string | null;
}

function ageGroup(age: number | null): string | null {
  if (age === null) return null;
  return age < 30 ? '<30' : age < 45 ? '30-44' : '>=45';
}

function factors(input: AnalysisInput): Factor[] {
  const strata = input.plan.primary.strata;
  const prot = baselineValues(input.adam.adlb ?? [], 'PROT').values;
  return [
    { code: 'STRATUM', label: 'Randomisation stratum', order: [], levelOf: (s) => stratumOf(s, strata) },
    { code: 'LNCLASS', label: 'Lupus nephritis class (ISN/RPS)', order: [], levelOf: (s) => s.LNCLASS },
    { code: 'SEX', label: 'Sex', order: ['F', 'M'], levelOf: (s) => s.SEX || null },
    { code: 'AGEGR', label: 'Age group (years)', order: ['<30', '30-44', '>=45'], levelOf: (s) => ageGroup(s.AGE) },
    {
      code: 'UPBLGR',
      label: 'Baseline 24-h urine protein (g/day)',
      order: ['<3.5', '>=3.5'],
      levelOf: (s) => {
        const v = prot.get(s.USUBJID) ?? null;
        return v === null ? null : v < PROTEINURIA_THRESHOLD ? '<3.5' : '>=3.5';
      },
    },
  ];
}

function orderedLevels(f: Factor, present: ReadonlySet<string>): string[] {
  const fixed = f.order.filter((l) => present.has(l));
  const rest = [...present].filter((l) => !f.order.includes(l) && l !== MISSING_LEVEL).sort();
  return [...fixed, ...rest, ...(present.has(MISSING_LEVEL) ? [MISSING_LEVEL] : [])];
}

const ExclusionText: Readonly<Record<ExclusionReason, string>> = {
  'empty-arm': 'no subject in one arm',
  'constant-outcome': 'the same outcome in every subject',
};

interface Ctx {
  parameter: string;
  visit: string;
  exp: ArmInfo;
  ctl: ArmInfo;
  contrast: string;
  level: number;
}

/** Records of one level (or of all subjects): per arm and pooled N, n, pct; the MN difference or a note. */
function levelRecords(c: Ctx, category: string, outcomes: readonly SubjectOutcome[]): ArdRecord[] {
  const base = { analysis: SUBGROUP_ANALYSIS, population: SUBGROUP_POPULATION, parameter: c.parameter, category, visit: c.visit };
  const [e, k] = countByArm(outcomes, [c.exp, c.ctl]);
  const out: ArdRecord[] = [];
  for (const [group, x, n] of [[c.exp.label, e.x, e.n], [c.ctl.label, k.x, k.n], ['Total', e.x + k.x, e.n + k.n]] as const) {
    out.push(ard({ ...base, group, statistic: 'N', value: n }));
    out.push(ard({ ...base, group, statistic: 'n', value: x }));
    out.push(ard({ ...base, group, statistic: 'pct', value: n > 0 ? x / n : null }));
  }
  const diff = { ...base, group: c.contrast, method: 'miettinen-nurminen' };
  if (e.n > 0 && k.n > 0) {
    const r = riskDifferenceCI(e.x, e.n, k.x, k.n, { method: 'miettinen-nurminen', level: c.level });
    out.push(ard({ ...diff, statistic: 'estimate', value: r.estimate }));
    out.push(ard({ ...diff, statistic: 'lower', value: r.lower }));
    out.push(ard({ ...diff, statistic: 'upper', value: r.upper }));
  } else {
    out.push(ard({ ...diff, statistic: 'note', value: `not estimable: no subject in ${e.n === 0 ? c.exp.label : c.ctl.label}` }));
  }
  return out;
}

/**
 * The interaction test, or "not estimable" with the reason when the logistic fit itself fails (an
 * exploratory test must not stop the DSMB report; the reason is shown where the p-value would be).
 */
function interactionOrNotEstimable(counts: readonly LevelCounts[]): ReturnType<typeof interactionLikelihoodRatioTest> {
  try {
    return interactionLikelihoodRatioTest(counts);
  } catch (e) {
    if (!(e instanceof ConvergenceError)) throw e;
    return { estimable: false, reason: `the logistic regression did not converge (${e.message})`, levelsUsed: [], excluded: [] };
  }
}

function interactionRecords(c: Ctx, levels: readonly string[], byLevel: ReadonlyMap<string, readonly SubjectOutcome[]>): ArdRecord[] {
  const tested = levels.filter((l) => l !== MISSING_LEVEL);
  const counts = tested.map((l) => {
    const [e, k] = countByArm(byLevel.get(l) ?? [], [c.exp, c.ctl]);
    return { x1: e.x, n1: e.n, x2: k.x, n2: k.n };
  });
  const base = { analysis: INTERACTION_ANALYSIS, population: SUBGROUP_POPULATION, parameter: c.parameter, visit: c.visit, group: c.contrast, method: 'logistic-regression-lrt' };
  const out: ArdRecord[] = [];
  if (counts.length === 0) return [ard({ ...base, statistic: 'notEstimable', value: 'no level with a value of the factor' })];
  const r = interactionOrNotEstimable(counts);
  if (r.estimable) {
    out.push(ard({ ...base, statistic: 'chiSquare', value: r.statistic }));
    out.push(ard({ ...base, statistic: 'df', value: r.df }));
    out.push(ard({ ...base, statistic: 'pValue', value: r.pValue }));
  } else {
    out.push(ard({ ...base, statistic: 'notEstimable', value: r.reason }));
  }
  out.push(ard({ ...base, statistic: 'levelsTested', value: r.levelsUsed.length }));
  for (const x of r.excluded) out.push(ard({ ...base, category: tested[x.index], statistic: 'excluded', value: ExclusionText[x.reason] }));
  return out;
}

function run(input: AnalysisInput): ArdRecord[] {
  if (!input.adam.adrs) throw new InputError('adrs', 'the subgroup analysis needs ADRS');
  const p = input.plan.primary;
  const [exp, ctl] = niArms(input.arms, input.plan);
  const c: Ctx = { parameter: ALL_SUBJECTS, visit: p.visit, exp, ctl, contrast: contrastLabel(exp, ctl), level: niConfidenceLevel(input.plan) };
  const outcomes = subjectOutcomes(input.adam.adsl, input.adam.adrs, { paramcd: p.endpoint, visit: p.visit, population: SUBGROUP_POPULATION, strata: p.strata });
  const adsl = new Map(populationSubjects(input.adam.adsl, SUBGROUP_POPULATION).map((s) => [s.USUBJID, s]));
  const out: ArdRecord[] = [];
  // Header N per arm (table convention: parameter = endpoint, category and visit null), each arm's with its
  // population trace (closed report).
  const [e, k] = countByArm(outcomes, [exp, ctl]);
  const header = armPopulationTraces(input, SUBGROUP_POPULATION, countedGroups([e, k]));
  for (const [group, n] of [[exp.label, e.n], [ctl.label, k.n], ['Total', e.n + k.n]] as const) {
    out.push(ard({ analysis: SUBGROUP_ANALYSIS, population: SUBGROUP_POPULATION, parameter: p.endpoint, group, statistic: 'N', value: n, subjects: header.get(group) }));
  }
  out.push(ard({ analysis: SUBGROUP_ANALYSIS, population: SUBGROUP_POPULATION, parameter: ALL_SUBJECTS, statistic: 'label', value: 'All subjects' }));
  out.push(...levelRecords(c, 'All subjects', outcomes));
  for (const f of factors(input)) {
    const byLevel = new Map<string, SubjectOutcome[]>();
    for (const o of outcomes) {
      const s = adsl.get(o.usubjid);
      const level = (s ? f.levelOf(s) : null) ?? MISSING_LEVEL;
      const list = byLevel.get(level);
      if (list) list.push(o);
      else byLevel.set(level, [o]);
    }
    const levels = orderedLevels(f, new Set(byLevel.keys()));
    const fc: Ctx = { ...c, parameter: f.code };
    out.push(ard({ analysis: SUBGROUP_ANALYSIS, population: SUBGROUP_POPULATION, parameter: f.code, statistic: 'label', value: f.label }));
    for (const level of levels) out.push(...levelRecords(fc, level, byLevel.get(level) ?? []));
    out.push(...interactionRecords(fc, levels, byLevel));
  }
  return out;
}

export const subgroupAnalysis: Analysis = {
  id: SUBGROUPS_ID,
  needs: ['adsl', 'adrs', 'adlb'],
  run,
  sections: subgroupSections,
};
