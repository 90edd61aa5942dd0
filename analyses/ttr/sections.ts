/**
 * Report sections of the time-to-remission analysis, built from its ARD records only (see compute.ts for
 * the encoding): per parameter a 1 − Kaplan–Meier chart and an Aalen–Johansen chart, each with the number
 * at risk under it; a by-arm summary table; and a comparison table (stratified Cox HR, log-rank, Gray).
 * The open report gets the pooled ("Total") table only.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import { cumulativeIncidenceSpec, type ArmCurve, type AtRiskCount } from '../../src/report/charts/cumulative-incidence.ts';
import { confidenceLabel, formatNumber, MISSING } from '../../src/report/format.ts';
import type { ReportBlock } from '../../src/report/html.ts';
import { buildTable, MISSING_FOOTNOTE, type BuiltTable, type TableColumn, type TableRow } from '../../src/report/tables.ts';
import { contrastLabel, type SectionContext } from '../framework.ts';
import { DescriptiveLevel } from '../common/confidence.ts';
import { TtrAnalysis } from './compute.ts';

/** "95 % CI": the label of every interval of the analysis, all computed at DescriptiveLevel (compute.ts). */
const CI = confidenceLabel(DescriptiveLevel);

export const ParamLabels: Readonly<Record<string, string>> = {
  TTPRCR: 'Time to renal remission (PR or CR)',
  TTCR: 'Time to complete renal remission (CR)',
};

/** Footnotes stating every convention of the analysis. */
export function ttrFootnotes(origin: string, population: string): string[] {
  return [
    `Time = ADTTE AVAL in days from ${origin} with the ${origin} day counted as day 1 (AVAL = ADT − STARTDT + 1); week w of the at-risk table = 7w days after ${origin} (AVAL ≥ 7w + 1). Analysis set: ${population}; arms as randomised.`,
    'Event = first analysis visit with a qualifying renal response (assessment date). Censoring: no event by the last visit or withdrawal → censored at the last adequate renal assessment (at day 1 without one).',
    'Death and rescue therapy are competing events: censored at their date in 1 − Kaplan–Meier (hypothetical strategy) and treated as competing in the Aalen–Johansen cumulative incidence (Gray 1988 variance, as R cmprsk; log(−log) limits).',
    `Kaplan–Meier: Greenwood variance, pointwise log-log ${CI} (SAS PROC LIFETEST CONFTYPE=LOGLOG; R survfit conf.type = "log-log"). Median: Brookmeyer–Crowley ${CI} on the log-log scale; NR = not reached.`,
    'Cumulative remission at a visit is read at the end of that visit\'s analysis window (study day of the plan window); beyond a group\'s last follow-up time the last value is carried forward (R summary.survfit extend = TRUE).',
    `Hazard ratio: Cox proportional hazards, experimental vs control, stratified by the randomisation stratum, Efron ties (R coxph default), Wald ${CI} and p. Log-rank and Gray's test (rho = 0) stratified by the same stratum.`,
  ];
}

function num(ard: readonly ArdRecord[], f: Partial<ArdRecord>, statistic: string): number | null {
  const r = ard.find((x) => x.statistic === statistic && (Object.keys(f) as (keyof ArdRecord)[]).every((k) => x[k] === f[k]));
  return r === undefined || typeof r.value !== 'number' ? null : r.value;
}

/** Step curve of one arm from `time-to-remission-curve-*` records. */
function curveOf(ard: readonly ArdRecord[], analysis: string, parameter: string, group: string): ArmCurve {
  const rs = ard.filter((r) => r.analysis === analysis && r.parameter === parameter && r.group === group);
  const times = [...new Set(rs.map((r) => Number(r.category)))].sort((a, b) => a - b);
  const get = (t: number, s: string) => num(rs, { category: String(t) }, s);
  const points = times.map((t) => ({ time: (t - 1 < 0 ? 0 : t - 1) / 7, estimate: get(t, 'estimate') ?? 0, lower: get(t, 'lower'), upper: get(t, 'upper') }));
  const censorTimes = ard
    .filter((r) => r.analysis === TtrAnalysis.censor && r.parameter === parameter && r.group === group)
    .map((r) => (Number(r.category) - 1) / 7);
  return { arm: group, points: points.map((p) => (p.lower === null || p.upper === null ? { ...p, lower: null, upper: null } : p)), censorTimes };
}

function atRiskOf(ard: readonly ArdRecord[], parameter: string, groups: readonly string[]): AtRiskCount[] {
  return ard
    .filter((r) => r.analysis === TtrAnalysis.atRisk && r.parameter === parameter && r.group !== null && groups.includes(r.group))
    .map((r) => ({ arm: r.group as string, time: Number(r.category), n: r.value as number }));
}

function chartBlock(ard: readonly ArdRecord[], parameter: string, groups: readonly string[], kind: 'km' | 'cif', origin: string, weeksMax: number): ReportBlock {
  const analysis = kind === 'km' ? TtrAnalysis.kmCurve : TtrAnalysis.cifCurve;
  const what = kind === 'km' ? '1 − Kaplan–Meier (competing events censored)' : 'Aalen–Johansen cumulative incidence (death / rescue competing)';
  return {
    kind: 'chart',
    id: `ttr-${parameter.toLowerCase()}-${kind}`,
    title: `${ParamLabels[parameter] ?? parameter}: ${what}`,
    spec: cumulativeIncidenceSpec({
      arms: groups,
      curves: groups.map((g) => curveOf(ard, analysis, parameter, g)),
      atRisk: atRiskOf(ard, parameter, groups),
      xTitle: `Weeks since ${origin}`,
      yTitle: 'Cumulative remission',
      timeMax: weeksMax,
      timeTicks: [0, 4, 8, 12, 16, 20, 24, 28].filter((w) => w <= weeksMax),
    }),
    caption: `Step curves with pointwise ${CI} band; ticks mark censored subjects. Number at risk at weeks 0–24 under the plot.`,
  };
}

function medianText(ard: readonly ArdRecord[], parameter: string, group: string, population: string): string {
  const f = { analysis: TtrAnalysis.summary, population, parameter, group, category: 'median' };
  if (!ard.some((r) => r.analysis === f.analysis && r.parameter === parameter && r.group === group && r.category === 'median')) return MISSING;
  const show = (x: number | null) => (x === null ? 'NR' : formatNumber(x, 0));
  return `${show(num(ard, f, 'estimate'))} (${show(num(ard, f, 'lower'))}, ${show(num(ard, f, 'upper'))})`;
}

/** Replace the median cells (estimate-ci shows "–" for null) by "NR" where not reached, from the ARD. */
function patchMedians(t: BuiltTable, ard: readonly ArdRecord[], params: readonly string[], groups: readonly string[], population: string): BuiltTable {
  let p = 0;
  const rows = t.rows.map((r) => {
    if (!r.label.startsWith('Median')) return r;
    const parameter = params[p++];
    return { ...r, cells: groups.map((g) => medianText(ard, parameter, g, population)) };
  });
  const anyMissing = rows.some((r) => r.cells.some((c) => c.includes(MISSING)));
  return { ...t, rows, footnotes: t.footnotes.filter((f) => anyMissing || f !== MISSING_FOOTNOTE) };
}

function summaryRows(params: readonly string[], visits: readonly string[]): TableRow[] {
  return params.flatMap((parameter): TableRow[] => [
    { type: 'heading', label: ParamLabels[parameter] ?? parameter },
    { type: 'stat', label: 'Remission events, n', parameter, kind: 'value', statistic: 'nEvent', decimals: 0, indent: 1 },
    { type: 'stat', label: 'Competing events (death, rescue), n', parameter, kind: 'value', statistic: 'nCompeting', decimals: 0, indent: 1 },
    { type: 'stat', label: 'Censored, n', parameter, kind: 'value', statistic: 'nCensored', decimals: 0, indent: 1 },
    { type: 'stat', label: `Median time, days (${CI})`, parameter, category: 'median', kind: 'estimate-ci', decimals: 0, indent: 1 },
    ...visits.map((v): TableRow => ({ type: 'stat', label: `1 − KM at ${v}, % (${CI})`, parameter, category: 'km', visit: v, kind: 'estimate-ci', scale: 100, decimals: 1, indent: 1 })),
    ...visits.map((v): TableRow => ({ type: 'stat', label: `Cumulative incidence (Aalen–Johansen) at ${v}, % (${CI})`, parameter, category: 'cif', visit: v, kind: 'estimate-ci', scale: 100, decimals: 1, indent: 1 })),
  ]);
}

function comparisonRows(params: readonly string[]): TableRow[] {
  return params.flatMap((parameter): TableRow[] => [
    { type: 'heading', label: ParamLabels[parameter] ?? parameter },
    { type: 'stat', label: `Hazard ratio (${CI}), stratified Cox, Efron ties`, parameter, category: 'hazard-ratio', kind: 'estimate-ci', decimals: 2, indent: 1 },
    { type: 'stat', label: 'Cox Wald p-value', parameter, category: 'hazard-ratio', kind: 'p-value', indent: 1 },
    { type: 'stat', label: 'Stratified log-rank p-value', parameter, category: 'logrank', kind: 'p-value', indent: 1 },
    { type: 'stat', label: "Gray's test p-value (stratified)", parameter, category: 'gray', kind: 'p-value', indent: 1 },
  ]);
}

export interface TtrSectionOptions {
  params: readonly string[];
  visits: readonly string[];
  population: string;
  origin: string;
  /** End of the time axis in weeks. */
  weeksMax: number;
}

/** The blocks of the time-to-remission section. */
export function ttrBlocks(ard: readonly ArdRecord[], ctx: SectionContext, o: TtrSectionOptions): ReportBlock[] {
  const closed = ctx.blinding === 'closed';
  const groups = closed ? ctx.arms.map((a) => a.label) : ['Total'];
  const params = o.params.filter((p) => ard.some((r) => r.analysis === TtrAnalysis.summary && r.parameter === p));
  if (params.length === 0) return [{ kind: 'text', paragraphs: ['No time-to-remission records (ADTTE) in this run.'] }];
  const footnotes = ttrFootnotes(o.origin, o.population);
  const columns: TableColumn[] = groups.map((g) => ({ group: g }));
  const summary = patchMedians(
    buildTable(
      { id: `ttr-summary-${ctx.blinding}`, title: 'Time to renal remission: events, median time and cumulative remission', analysis: TtrAnalysis.summary, population: o.population, headerNParameter: params[0], columns, rows: summaryRows(params, o.visits), footnotes, units: 'days; %', method: 'Kaplan–Meier (log-log CI); Aalen–Johansen' },
      ard,
    ),
    ard, params, groups, o.population,
  );
  const blocks: ReportBlock[] = [];
  if (closed) {
    for (const p of params) for (const kind of ['km', 'cif'] as const) blocks.push(chartBlock(ard, p, groups, kind, o.origin, o.weeksMax));
  }
  blocks.push({ kind: 'table', table: summary });
  if (closed) {
    const [control, ...experimental] = ctx.arms;
    const contrasts = experimental.map((e) => contrastLabel(e, control));
    for (const c of contrasts) {
      const failed = params.filter((p) => num(ard, { analysis: TtrAnalysis.summary, parameter: p, group: c, category: 'hazard-ratio' }, 'converged') === 0);
      const notes = failed.length > 0 ? [`Cox model did not converge (or the hazard ratio may be infinite) for ${failed.join(', ')}: estimate not shown.`] : [];
      blocks.push({
        kind: 'table',
        table: buildTable(
          { id: `ttr-comparison-${c.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'contrast'}`, title: `Time to renal remission: ${c} comparison`, analysis: TtrAnalysis.summary, population: o.population, headerNParameter: params[0], columns: [{ group: c, showN: false }], rows: comparisonRows(params), footnotes: [...footnotes.slice(-1), ...notes], method: 'Cox PH (Efron), log-rank, Gray' },
          ard,
        ),
      });
    }
  } else {
    blocks.push({ kind: 'text', paragraphs: ['Curves and treatment comparisons by arm are in the closed report.'] });
  }
  return blocks;
}
