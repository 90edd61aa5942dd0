/**
 * Report sections of the subgroup analysis (analyses/subgroups.ts), built from ARD records only.
 * Closed report: forest plot of the difference per subgroup level against the NI margin and zero, the
 * table of responders n/N (%) per arm with the difference, and the interaction tests. Open report: pooled
 * responders n/N (%) per subgroup level only (no arm, no difference, no interaction test: those records
 * are not pooled and never reach the open report's section builder).
 *
 * Tables are assembled here (not with `buildTable`) because each cell combines three statistics
 * ("n/N (x.x %)") and the interaction table has one statistic per column.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import type { ReportBlock, ReportSection } from '../../src/report/html.ts';
import { forestPlotSpec, type ForestRow } from '../../src/report/charts/forest.ts';
import { confidenceLabel, formatCount, formatCountOfPercent, formatEstimateCi, formatNumber, formatPValue, MISSING } from '../../src/report/format.ts';
import { HEADER_TRACE_FOOTNOTE, MISSING_FOOTNOTE, type BuiltHeaderCell, type BuiltRow, type BuiltTable } from '../../src/report/tables.ts';
import { distinctValues, findNumber, findRecord } from '../../src/tables/ard-lookup.ts';
import type { SectionContext } from '../framework.ts';
import { contrastLabel } from '../framework.ts';
import { PopulationLabel, type PopulationCode } from '../common/responders.ts';
import { niConfidenceLevel } from '../common/confidence.ts';

export const SUBGROUP_ANALYSIS = 'subgroup-ni';
export const INTERACTION_ANALYSIS = 'subgroup-interaction';
export const SUBGROUP_POPULATION: PopulationCode = 'FAS';
/** Parameter of the all-subjects row. */
export const ALL_SUBJECTS = 'ALL';
/** Level of subjects without a value of the factor. */
export const MISSING_LEVEL = 'Missing';

const LevelLabels: Readonly<Record<string, string>> = { F: 'Female', M: 'Male', '<30': '< 30', '30-44': '30–44', '>=45': '≥ 45', '<3.5': '< 3.5', '>=3.5': '≥ 3.5' };

function levelLabel(category: string): string {
  return LevelLabels[category] ?? category;
}

interface Factor {
  code: string;
  label: string;
  levels: string[];
}

/** Factors in ARD order (the all-subjects row first), each with its levels in ARD order. */
function factorsOf(ard: readonly ArdRecord[]): Factor[] {
  return distinctValues(ard, { analysis: SUBGROUP_ANALYSIS, statistic: 'label' }, 'parameter').map((code) => ({
    code,
    label: String(findRecord(ard, { analysis: SUBGROUP_ANALYSIS, parameter: code, statistic: 'label' })?.value ?? code),
    levels: distinctValues(ard, { analysis: SUBGROUP_ANALYSIS, parameter: code, statistic: 'N' }, 'category'),
  }));
}

/** "n/N (x.x %)" of one level and group; MISSING when the records are absent. */
function nOfN(ard: readonly ArdRecord[], parameter: string, category: string, group: string): string {
  const q = { analysis: SUBGROUP_ANALYSIS, parameter, category, group };
  const n = findNumber(ard, { ...q, statistic: 'n' });
  const big = findNumber(ard, { ...q, statistic: 'N' });
  if (n === null || big === null) return MISSING;
  return formatCountOfPercent(n, big, findNumber(ard, { ...q, statistic: 'pct' }));
}

function difference(ard: readonly ArdRecord[], parameter: string, category: string, contrast: string): { estimate: number; lower: number; upper: number } | null {
  const q = { analysis: SUBGROUP_ANALYSIS, parameter, category, group: contrast };
  const estimate = findNumber(ard, { ...q, statistic: 'estimate' });
  const lower = findNumber(ard, { ...q, statistic: 'lower' });
  const upper = findNumber(ard, { ...q, statistic: 'upper' });
  return estimate === null || lower === null || upper === null ? null : { estimate, lower, upper };
}

/** "interaction p = 0.123" or "interaction not estimable" for a factor. */
function interactionText(ard: readonly ArdRecord[], parameter: string, contrast: string): string {
  const p = findNumber(ard, { analysis: INTERACTION_ANALYSIS, parameter, group: contrast, statistic: 'pValue' });
  if (p === null) return 'interaction not estimable';
  const text = formatPValue(p);
  return `interaction p ${text.startsWith('<') || text.startsWith('>') ? text : `= ${text}`}`;
}

function headerN(ard: readonly ArdRecord[], group: string, ctx: SectionContext): string | null {
  const n = findNumber(ard, { analysis: SUBGROUP_ANALYSIS, parameter: ctx.plan.primary.endpoint, category: null, visit: null, group, statistic: 'N' });
  return n === null ? null : `N = ${formatCount(n)}`;
}

/** A column header with its N and, in the closed report, the N's population trace (the ARD record's). */
function headerCell(ard: readonly ArdRecord[], label: string, group: string, ctx: SectionContext): BuiltHeaderCell {
  const trace = findRecord(ard, { analysis: SUBGROUP_ANALYSIS, parameter: ctx.plan.primary.endpoint, category: null, visit: null, group, statistic: 'N' })?.subjects;
  const n = headerN(ard, group, ctx);
  return n === null || trace === undefined ? { label, n } : { label, n, trace };
}

/** Body rows: the all-subjects row, then per factor a heading and its levels; `cells` fills each level row. */
function bodyRows(factors: readonly Factor[], heading: (f: Factor) => string, cells: (f: Factor, level: string) => string[]): BuiltRow[] {
  const rows: BuiltRow[] = [];
  for (const f of factors) {
    if (f.code === ALL_SUBJECTS) {
      for (const level of f.levels) rows.push({ label: f.label, indent: 0, heading: false, cells: cells(f, level) });
      continue;
    }
    const blank = cells(f, f.levels[0] ?? '').map(() => '');
    rows.push({ label: heading(f), indent: 0, heading: true, cells: blank });
    for (const level of f.levels) rows.push({ label: levelLabel(level), indent: 1, heading: false, cells: cells(f, level) });
  }
  return rows;
}

function footnotesCommon(ctx: SectionContext): string[] {
  return [
    `Population: ${PopulationLabel[SUBGROUP_POPULATION]}. Total renal remission at ${ctx.plan.primary.visit}; missing status and intercurrent events (rescue therapy, death, discontinuation for lack of efficacy) count as non-response, as in the primary analysis.`,
    'Subgroups: randomisation stratum (ADSL STRATUM), lupus nephritis class (ADSL LNCLASS), sex, age in years (ADSL AGE) and the baseline 24-h urine protein record (ADLB PROT, g/day; a result reported as below or above a limit is classified by its limit). "Missing": no value of the factor.',
    'Subgroup analyses are exploratory: they are not adjusted for multiplicity, the trial is not powered within subgroups, and non-inferiority is concluded only on the whole population (primary endpoint section).',
  ];
}

function closedBlocks(ard: readonly ArdRecord[], ctx: SectionContext): ReportBlock[] {
  const p = ctx.plan.primary;
  const exp = ctx.arms.find((a) => a.code === ctx.plan.arms.experimental[0])!;
  const ctl = ctx.arms.find((a) => a.code === ctx.plan.arms.control)!;
  const contrast = contrastLabel(exp, ctl);
  const factors = factorsOf(ard);
  const tested = factors.filter((f) => f.code !== ALL_SUBJECTS);
  const ci = confidenceLabel(niConfidenceLevel(ctx.plan));

  const forest: ForestRow[] = [];
  let notEstimable = false;
  for (const f of factors) {
    for (const level of f.levels) {
      const d = difference(ard, f.code, level, contrast);
      if (d === null) notEstimable = true;
      else forest.push({ label: f.code === ALL_SUBJECTS ? f.label : `${f.label}: ${levelLabel(level)}`, ...d });
    }
  }
  const pTexts = tested.map((f) => `${f.label} ${interactionText(ard, f.code, contrast).replace('interaction ', '')}`);

  const methodNotes = [
    `Difference = ${exp.label} − ${ctl.label} in percentage points (pp) with the unstratified Miettinen–Nurminen ${ci} in each subgroup (the confidence level of the primary analysis); the non-inferiority margin is −${p.margin * 100} pp.`,
    'Interaction: likelihood-ratio test of the treatment × subgroup term in the logistic regression of remission on subgroup, treatment and their interaction (χ² on levels − 1 df), one factor at a time; levels with no subject in one arm or the same outcome in every subject carry no information on the interaction and are left out (listed in the interaction table); "Missing" levels are not tested.',
    ...footnotesCommon(ctx),
  ];

  const table: BuiltTable = {
    id: 'subgroup-table',
    title: `Total renal remission at ${p.visit} by subgroup: ${exp.label} vs ${ctl.label}, ${SUBGROUP_POPULATION}`,
    population: PopulationLabel[SUBGROUP_POPULATION],
    visit: p.visit,
    units: 'responders n/N (%); difference in percentage points',
    method: `Miettinen–Nurminen ${ci}; interaction: logistic-regression likelihood-ratio test`,
    stubHeader: 'Subgroup',
    header: [
      headerCell(ard, `${exp.label}: n/N (%)`, exp.label, ctx),
      headerCell(ard, `${ctl.label}: n/N (%)`, ctl.label, ctx),
      { label: `Difference (${ci}), pp`, n: null },
    ],
    rows: bodyRows(
      factors,
      (f) => `${f.label} (${interactionText(ard, f.code, contrast)})`,
      (f, level) => {
        const d = difference(ard, f.code, level, contrast);
        return [nOfN(ard, f.code, level, exp.label), nOfN(ard, f.code, level, ctl.label), d === null ? MISSING : formatEstimateCi(d.estimate * 100, d.lower * 100, d.upper * 100, 1)];
      },
    ),
    footnotes: [...methodNotes, ...(notEstimable ? [`${MISSING} Not estimable: no subject of one arm in the subgroup (0/0), so no difference and no point in the figure.`] : [])],
  };
  if (table.header.some((h) => h.trace !== undefined)) table.footnotes.push(HEADER_TRACE_FOOTNOTE);

  const interaction: BuiltTable = {
    id: 'subgroup-interaction',
    title: `Treatment × subgroup interaction, total renal remission at ${p.visit}, ${SUBGROUP_POPULATION}`,
    population: PopulationLabel[SUBGROUP_POPULATION],
    visit: p.visit,
    units: null,
    method: 'Likelihood-ratio test of the treatment × subgroup term in logistic regression (R glm + anova(test = "LRT") reproduced)',
    stubHeader: 'Subgroup factor',
    header: [{ label: 'Levels tested', n: null }, { label: 'Likelihood-ratio χ²', n: null }, { label: 'df', n: null }, { label: 'p-value', n: null }, { label: 'Levels left out', n: null }],
    rows: tested.map((f) => {
      const q = { analysis: INTERACTION_ANALYSIS, parameter: f.code, group: contrast };
      const chi = findNumber(ard, { ...q, statistic: 'chiSquare' });
      const df = findNumber(ard, { ...q, statistic: 'df' });
      const pv = findNumber(ard, { ...q, statistic: 'pValue' });
      const levels = findNumber(ard, { ...q, statistic: 'levelsTested' });
      const why = findRecord(ard, { ...q, statistic: 'notEstimable' })?.value;
      const left = ard.filter((r) => r.analysis === INTERACTION_ANALYSIS && r.parameter === f.code && r.group === contrast && r.statistic === 'excluded' && r.category !== null);
      return {
        label: f.label,
        indent: 0,
        heading: false,
        cells: [
          levels === null ? MISSING : formatCount(levels),
          chi === null ? MISSING : formatNumber(chi, 2),
          df === null ? MISSING : formatCount(df),
          pv === null ? `not estimable: ${String(why ?? 'no result')}` : formatPValue(pv),
          left.length === 0 ? 'none' : left.map((r) => `${levelLabel(r.category!)} (${String(r.value)})`).join('; '),
        ],
      };
    }),
    footnotes: ['One test per factor; p-values are not adjusted for the number of factors examined. A small p-value flags heterogeneity of the treatment effect on the odds-ratio scale for further scrutiny, not a subgroup finding.'],
  };
  if (interaction.rows.some((r) => r.cells.includes(MISSING))) interaction.footnotes.push(MISSING_FOOTNOTE);

  return [
    {
      kind: 'text',
      paragraphs: [
        `Consistency of the primary endpoint across the pre-specified subgroups. Each interval should be read against the whole-population result and the margin (−${p.margin * 100} pp), looking for consistency of direction; the interaction tests have little power at these sample sizes.`,
      ],
    },
    {
      kind: 'chart',
      id: 'subgroup-forest',
      title: `Difference in total remission at ${p.visit} by subgroup (${exp.label} − ${ctl.label}), ${SUBGROUP_POPULATION}`,
      spec: forestPlotSpec({ rows: forest, margin: p.margin, level: niConfidenceLevel(ctx.plan), ciTitle: `Difference (${ci}), pp` }),
      caption: `Unstratified Miettinen–Nurminen ${ci}; dashed line: NI margin −${p.margin * 100} pp; solid line: no difference. Interaction (likelihood-ratio test, logistic regression): ${pTexts.join('; ')}. Exploratory.`,
    },
    { kind: 'table', table },
    { kind: 'table', table: interaction },
  ];
}

function openBlocks(ard: readonly ArdRecord[], ctx: SectionContext): ReportBlock[] {
  const p = ctx.plan.primary;
  const factors = factorsOf(ard);
  const table: BuiltTable = {
    id: 'subgroup-pooled',
    title: `Total renal remission at ${p.visit} by subgroup, all subjects pooled, ${SUBGROUP_POPULATION}`,
    population: PopulationLabel[SUBGROUP_POPULATION],
    visit: p.visit,
    units: 'responders n/N (%)',
    method: null,
    stubHeader: 'Subgroup',
    header: [{ label: 'All subjects: n/N (%)', n: headerN(ard, 'Total', ctx) }],
    rows: bodyRows(factors, (f) => f.label, (f, level) => [nOfN(ard, f.code, level, 'Total')]),
    footnotes: footnotesCommon(ctx),
  };
  return [
    { kind: 'text', paragraphs: ['Subgroup results by treatment group, the differences between groups and the interaction tests are presented in the closed report only. The table below pools both groups.'] },
    { kind: 'table', table },
  ];
}

/** The subgroup section for the closed or open report (nothing when the analysis did not run). */
export function subgroupSections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  if (!ard.some((r) => r.analysis === SUBGROUP_ANALYSIS)) return [];
  const blocks = ctx.blinding === 'open' ? openBlocks(ard, ctx) : closedBlocks(ard, ctx);
  return [{ id: 'subgroups', title: 'Subgroup consistency of the primary endpoint', blocks }];
}
