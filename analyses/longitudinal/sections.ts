/**
 * Report blocks of the by-visit analyses (longitudinal labs and SLE activity scores), built from ARD
 * records only (encodings in by-visit.ts and mmrm-records.ts): a mean (or geometric mean) with its CI by
 * visit chart, the value / change-from-baseline table and the MMRM table. Open report: pooled ("Total")
 * descriptive table only.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import { meanByVisitSpec, type VisitEstimate } from '../../src/report/charts/mean-by-visit.ts';
import type { ReportBlock } from '../../src/report/html.ts';
import { buildTable, type TableColumn, type TableRow } from '../../src/report/tables.ts';
import { contrastLabel, type SectionContext } from '../framework.ts';
import type { ParameterSpec } from './by-visit.ts';
import { MmrmAnalysis } from './mmrm-records.ts';
import { DescriptiveLevel } from '../common/confidence.ts';
import { estimateDecimals, valueDecimals } from '../common/parameter-display.ts';
import { confidenceLabel } from '../../src/report/format.ts';

export interface VisitAxis {
  visit: string;
  visitNumber: number;
}

function value(ard: readonly ArdRecord[], f: Pick<ArdRecord, 'analysis' | 'parameter' | 'group' | 'visit' | 'category'>, statistic: string): number | null {
  const r = ard.find((x) => x.statistic === statistic && x.analysis === f.analysis && x.parameter === f.parameter && x.group === f.group && x.visit === f.visit && x.category === f.category);
  return r === undefined || typeof r.value !== 'number' ? null : r.value;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Is the parameter a titre analysed on the log2 scale (`scale` 'log2': ANA, domain.md 5.1)? Then its value
 * rows are log2 of the reciprocal titre while its geometric mean is back on the titre scale (2^(mean log2) =
 * the geometric mean of the reciprocal titre x of "1:x"): the geometric mean is labelled as a titre, so that
 * 338 next to a mean of 8.4 (log2) does not read as a value on the same scale.
 */
function isLog2Titre(spec: ParameterSpec): boolean {
  return spec.scale === 'log2';
}

/** Label of the geometric-mean row: "Geometric mean (95 % CI)", or "Geometric mean titre (95 % CI), 1:x" for a log2 titre. */
export function geometricMeanRowLabel(spec: ParameterSpec): string {
  const ci = confidenceLabel(DescriptiveLevel);
  return isLog2Titre(spec) ? `Geometric mean titre (${ci}), 1:x` : `Geometric mean (${ci})`;
}

/** Y-axis title of the by-visit chart: the parameter's label and the scale of the values plotted. */
function meanAxisTitle(spec: ParameterSpec, label: string): string {
  if (spec.geometric) return isLog2Titre(spec) ? 'Geometric mean titre (1:x)' : `${label} (geometric mean)`;
  return isLog2Titre(spec) ? `${label} (log2)` : label;
}

/** Mean (or geometric mean) with its CI by visit and group; null when nothing is estimable. */
export function meanChartBlock(ard: readonly ArdRecord[], analysis: string, spec: ParameterSpec, label: string, groups: readonly string[], axis: readonly VisitAxis[], idPrefix: string): ReportBlock | null {
  const points: VisitEstimate[] = [];
  for (const g of groups) {
    for (const v of axis) {
      const f = { analysis, parameter: spec.paramcd, group: g, visit: v.visit };
      const [m, lo, hi] = spec.geometric
        ? [value(ard, { ...f, category: 'GEOMEAN' }, 'estimate'), value(ard, { ...f, category: 'GEOMEAN' }, 'lower'), value(ard, { ...f, category: 'GEOMEAN' }, 'upper')]
        : [value(ard, { ...f, category: 'AVAL' }, 'mean'), value(ard, { ...f, category: 'AVAL' }, 'meanLower'), value(ard, { ...f, category: 'AVAL' }, 'meanUpper')];
      if (m !== null && lo !== null && hi !== null) points.push({ visit: v.visit, visitNumber: v.visitNumber, arm: g, mean: m, lower: lo, upper: hi });
    }
  }
  if (points.length === 0) return null;
  return {
    kind: 'chart',
    id: `${idPrefix}-${slug(spec.paramcd)}-mean`,
    title: `${label}: ${spec.geometric ? 'geometric mean' : 'mean'} (${confidenceLabel(DescriptiveLevel)}) by visit`,
    spec: meanByVisitSpec({ arms: groups, points, yTitle: meanAxisTitle(spec, label), xTitle: 'Visit (week)', geometric: spec.geometric }),
    caption: spec.geometric ? `Geometric mean with the back-transformed t-based ${confidenceLabel(DescriptiveLevel)} (log scale).` : `Arithmetic mean with the t-based ${confidenceLabel(DescriptiveLevel)}.`,
  };
}

function visitRows(spec: ParameterSpec, visit: string, baseline: boolean, d: number): TableRow[] {
  const p = spec.paramcd;
  const rows: TableRow[] = [
    { type: 'heading', label: visit },
    { type: 'stat', label: 'Value: n', parameter: p, category: 'AVAL', visit, kind: 'n', indent: 1 },
    { type: 'stat', label: 'Mean (SD)', parameter: p, category: 'AVAL', visit, kind: 'mean-sd', decimals: d, indent: 2 },
    { type: 'stat', label: 'Median (Q1–Q3)', parameter: p, category: 'AVAL', visit, kind: 'median-iqr', decimals: d, indent: 2 },
    { type: 'stat', label: 'Min–max', parameter: p, category: 'AVAL', visit, kind: 'min-max', decimals: d, indent: 2 },
  ];
  if (spec.geometric) rows.push({ type: 'stat', label: geometricMeanRowLabel(spec), parameter: p, category: 'GEOMEAN', visit, kind: 'estimate-ci', decimals: d, indent: 2 });
  if (baseline) return rows;
  rows.push(
    { type: 'stat', label: 'Change from baseline: n', parameter: p, category: 'CHG', visit, kind: 'n', indent: 1 },
    { type: 'stat', label: 'Mean (SD)', parameter: p, category: 'CHG', visit, kind: 'mean-sd', decimals: d, indent: 2 },
    { type: 'stat', label: 'Median (Q1–Q3)', parameter: p, category: 'CHG', visit, kind: 'median-iqr', decimals: d, indent: 2 },
    { type: 'stat', label: 'Min–max', parameter: p, category: 'CHG', visit, kind: 'min-max', decimals: d, indent: 2 },
  );
  if (spec.percentChange) {
    rows.push(
      { type: 'stat', label: 'Percent change: mean (SD)', parameter: p, category: 'PCHG', visit, kind: 'mean-sd', decimals: 1, indent: 1 },
      { type: 'stat', label: 'Median (Q1–Q3)', parameter: p, category: 'PCHG', visit, kind: 'median-iqr', decimals: 1, indent: 2 },
    );
  }
  return rows;
}

/**
 * "Weeks 4, 8, 16 and 20" from ["Week 4", "Week 8", "Week 16", "Week 20"]; labels that are not all "Week <n>"
 * are listed as they are ("Baseline and Week 4").
 */
export function visitListText(visits: readonly string[]): string {
  const weeks = visits.map((v) => /^Week (\d+(?:\.\d+)?)$/.exec(v)?.[1]);
  const allWeeks = weeks.every((w): w is string => w !== undefined);
  const items = allWeeks ? (weeks as string[]) : [...visits];
  const list = items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return allWeeks ? `${items.length === 1 ? 'Week' : 'Weeks'} ${list}` : list;
}

/**
 * The visits at which no shown group has a value of the parameter (AVAL n = 0 or no record in every group):
 * a parameter collected at some visits only (ANA, BILAG-2004, HAQ-DI: baseline, weeks 12 and 24). Their
 * n = 0 records stay in the ARD; the table leaves the visits out and says so in a footnote.
 */
export function visitsWithoutValues(ard: readonly ArdRecord[], analysis: string, paramcd: string, groups: readonly string[], visits: readonly string[]): string[] {
  return visits.filter((visit) => groups.every((group) => (value(ard, { analysis, parameter: paramcd, group, visit, category: 'AVAL' }, 'n') ?? 0) === 0));
}

/**
 * Value and change-from-baseline table of one parameter. A visit without any value in any group shown is
 * left out, and a footnote names it (`visitsWithoutValues`); a group without values at a visit where
 * another has some keeps its rows (n 0, "–").
 */
export function descriptiveTableBlock(ard: readonly ArdRecord[], analysis: string, population: string, spec: ParameterSpec, label: string, units: string | null, groups: readonly string[], visits: readonly string[], baselineVisit: string, idPrefix: string): ReportBlock {
  const d = valueDecimals(spec.paramcd);
  const omitted = visitsWithoutValues(ard, analysis, spec.paramcd, groups, visits);
  const footnotes = [
    ...(omitted.length > 0 ? [`Not collected at ${visitListText(omitted)}: no values in any arm.`] : []),
    'Analysis records (ANL01FL = Y) of the analysis set, arms as randomised; quartiles by SAS QNTLDEF=5 (R quantile type 2); SD with one more decimal than the mean.',
    ...(spec.geometric ? [`Geometric mean: exp(mean of log values) with the back-transformed t-based ${confidenceLabel(DescriptiveLevel)}; non-positive values are excluded.`] : []),
    ...(spec.scale === 'log2' ? ['Titres are summarised as log2 of the reciprocal titre; change from baseline in log2 units (one unit = one dilution step).'] : []),
    ...(spec.percentChange ? ['Percent change = 100 × (value − baseline) / baseline.'] : []),
  ];
  const columns: TableColumn[] = groups.map((g) => ({ group: g }));
  const rows = visits.filter((v) => !omitted.includes(v)).flatMap((v) => visitRows(spec, v, v === baselineVisit, d));
  return {
    kind: 'table',
    table: buildTable({ id: `${idPrefix}-${slug(spec.paramcd)}-desc`, title: `${label}: value and change from baseline by visit`, analysis, population, units, headerNParameter: spec.paramcd, columns, rows, footnotes, method: 'descriptive statistics' }, ard),
  };
}

/**
 * The subjects and observations the MMRM used, against the header N (the arm's analysis set): the fit
 * reports them for the whole model, not per visit. Empty when the fit gave no counts (it failed).
 */
function modelSizeFootnote(ard: readonly ArdRecord[], model: Pick<ArdRecord, 'analysis' | 'parameter' | 'group' | 'visit' | 'category'>, ratio: boolean): string[] {
  const subjects = value(ard, model, 'nSubjects');
  const observations = value(ard, model, 'nObservations');
  const excluded = value(ard, model, 'nExcluded') ?? 0;
  if (subjects === null || observations === null) return [];
  const why = ratio ? 'no positive baseline' : 'no baseline';
  return [`N: the arm's subjects in the analysis set. The model used ${subjects} subjects with ${observations} post-baseline values (both arms)${excluded > 0 ? `; ${excluded} subjects with ${why} were excluded` : ''}.`];
}

/** MMRM table (LS means by arm, difference or ratio, p-value) and its convergence footnote. */
export function mmrmTableBlock(ard: readonly ArdRecord[], population: string, spec: ParameterSpec, label: string, ctx: SectionContext, visits: readonly string[], idPrefix: string): ReportBlock {
  const [control, ...experimental] = ctx.arms;
  const contrast = experimental.length > 0 ? contrastLabel(experimental[0], control) : control.label;
  const model = { analysis: MmrmAnalysis, parameter: spec.paramcd, group: contrast, visit: null, category: 'model' };
  const converged = value(ard, model, 'converged');
  const message = ard.find((r) => r.analysis === MmrmAnalysis && r.parameter === spec.paramcd && r.category === 'model' && r.statistic === 'message')?.value ?? null;
  const scale = ard.find((r) => r.analysis === MmrmAnalysis && r.parameter === spec.paramcd && r.category === 'model' && r.statistic === 'scale')?.value ?? 'identity';
  const ratio = scale !== 'identity';
  const category = ratio ? 'mmrm-ratio' : 'mmrm';
  const d = ratio ? 3 : estimateDecimals(spec.paramcd);
  const columns: TableColumn[] = [
    ...ctx.arms.map((a) => ({ group: a.label, label: ratio ? `${a.label}: ratio to baseline` : `${a.label}: LS mean change` })),
    { group: contrast, label: ratio ? `${contrast}: ratio of geometric means` : `${contrast}: difference`, showN: false },
    { group: contrast, label: 'p-value', showN: false, kind: 'p-value' as const },
  ];
  const modelled = ard.find((r) => r.analysis === MmrmAnalysis && r.parameter === spec.paramcd && r.category === 'model' && r.statistic === 'visits')?.value;
  const shown = typeof modelled === 'string' && modelled !== '' ? visits.filter((v) => modelled.split('; ').includes(v)) : visits;
  const rows: TableRow[] = shown.map((v) => ({ type: 'stat', label: v, parameter: spec.paramcd, category, visit: v, kind: 'estimate-ci', decimals: d }));
  const footnotes = [
    `MMRM on ${ratio ? `log${scale === 'log2' ? '2' : ''}(value / baseline) with log${scale === 'log2' ? '2' : ''}(baseline)` : 'change from baseline with baseline'} as covariate, arm, visit and arm × visit; ${ctx.plan.longitudinal.covariance} covariance, REML, ${ctx.plan.longitudinal.df === 'satterthwaite' ? 'Satterthwaite' : 'residual'} df (SAS PROC MIXED; R mmrm); LS means at the mean baseline (${confidenceLabel(DescriptiveLevel)}).`,
    ...(ratio ? ['Estimates back-transformed: ratios to baseline (geometric mean ratios) and ratio of geometric means between arms; p-value from the log scale.'] : []),
    'Missing visits are not imputed (likelihood-based, missing at random).',
    ...modelSizeFootnote(ard, model, ratio),
    ...(converged === 1 ? [] : [`THE MODEL DID NOT CONVERGE${typeof message === 'string' ? ` (${message})` : ''}: estimates are not interpretable.`]),
    ...(converged === 1 && typeof message === 'string' ? [`Fit warning: ${message}`] : []),
  ];
  return {
    kind: 'table',
    table: buildTable({ id: `${idPrefix}-${slug(spec.paramcd)}-mmrm`, title: `${label}: MMRM ${ratio ? 'geometric mean ratios' : 'change from baseline'} by visit`, analysis: MmrmAnalysis, population, headerNParameter: spec.paramcd, columns, rows, footnotes, method: 'MMRM (REML)' }, ard),
  };
}
