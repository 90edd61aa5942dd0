/**
 * Report sections of the safety analyses, from ARD records only. Closed report: every table by actual arm
 * and Total, the AE dot plots (one per experimental arm vs control) and the SAE / death listings. Open
 * report: Total columns only; the risk differences and the listings say they are in the closed report.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import { aeDotPlotSpec, type AeDotRow } from '../../src/report/charts/ae-dot-plot.ts';
import type { ReportBlock, ReportSection } from '../../src/report/html.ts';
import { buildTable, type BuiltTable, type TableRow } from '../../src/report/tables.ts';
import { distinctValues, findNumber, findRecord } from '../../src/tables/ard-lookup.ts';
import { TOTAL } from '../../src/tables/population-groups.ts';
import { MISSING_LEVEL } from '../../src/tables/summarize-categorical.ts';
import { groupColumns } from '../../src/tables/table-columns.ts';
import { contrastLabel, type SectionContext } from '../framework.ts';
import { COMMON_ANALYSIS, COMMON_THRESHOLD } from './common-teae.ts';
import { DEATH_LISTING, DeathColumns, SAE_LISTING, SaeColumns } from './listings.ts';
import { GradeLevels, SHIFT_ANALYSIS } from './lab-shift.ts';
import { OVERVIEW_ANALYSIS } from './overview.ts';
import { DescriptiveLevel } from '../common/confidence.ts';
import { confidenceLabel } from '../../src/report/format.ts';

const POP = 'SAF';
const POP_LABEL = 'Safety set, by actual treatment';
const SOC_PT = 'safety-teae-soc-pt';
const GRADE = 'safety-teae-grade';
const GRADE_PT = 'safety-teae-grade-pt';
const CLOSED_ONLY: ReportBlock = { kind: 'text', paragraphs: ['Shown in the closed report only (by-arm or subject-level data).'] };

function scaleKind(ard: readonly ArdRecord[]): 'ctcae' | 'severity' {
  return findRecord(ard, { analysis: OVERVIEW_ANALYSIS, parameter: 'GRADE_SCALE', statistic: 'kind' })?.value === 'severity' ? 'severity' : 'ctcae';
}

function levelLabel(kind: 'ctcae' | 'severity', level: string): string {
  if (level === MISSING_LEVEL) return kind === 'ctcae' ? 'Grade missing' : 'Severity missing';
  return kind === 'ctcae' ? `Grade ${level}` : level.charAt(0) + level.slice(1).toLowerCase();
}

function overviewTable(ard: readonly ArdRecord[], ctx: SectionContext): BuiltTable {
  const kind = scaleKind(ard);
  const rows: [string, string][] = [
    ['ANY_TEAE', 'Any TEAE'],
    ['RELATED', 'Treatment-related TEAE'],
    ['SERIOUS', 'Serious TEAE'],
    ['GRADE3', kind === 'ctcae' ? `TEAE of CTCAE v${ctx.plan.safety.ctcaeVersion} grade ≥ 3` : 'Severe TEAE (severity; no CTCAE grade in the data)'],
    ['DISCONT', 'TEAE leading to discontinuation of study treatment'],
    ['FATAL', 'Fatal TEAE'],
    ['INFECTION', `Infection (SOC ${ctx.plan.safety.infectionSoc})`],
    ['SERIOUS_INFECTION', 'Serious infection'],
  ];
  const outside = findNumber(ard, { analysis: OVERVIEW_ANALYSIS, parameter: 'TEAE_OUTSIDE_SAF', statistic: 'n' }) ?? 0;
  return buildTable(
    {
      id: 'safety-overview', title: 'Overview of treatment-emergent adverse events (TEAE)', analysis: OVERVIEW_ANALYSIS, population: POP, populationLabel: POP_LABEL,
      units: 'n (%) of subjects with ≥ 1 event', method: 'Subject counts (each subject once per row)', headerNParameter: 'SUBJECTS',
      columns: groupColumns(ctx.arms.map((a) => a.label), ctx.blinding), stubHeader: 'Subjects with',
      rows: rows.map(([parameter, label]) => ({ type: 'stat', label, parameter, kind: 'n-pct' })),
      footnotes: [
        'TEAE: ADAE TRTEMFL = "Y". Related: AREL = "Y" (or AEREL possible/probable/definite). Discontinuation: AEACN = "DRUG WITHDRAWN". Fatal: AESDTH = "Y" or outcome FATAL.',
        ...(outside > 0 ? [`${outside} subject(s) with TEAEs in ADAE are not in the safety set or not in a plan arm and are not counted.`] : []),
      ],
    },
    ard,
  );
}

function socPtTable(ard: readonly ArdRecord[], ctx: SectionContext): BuiltTable {
  const socs = distinctValues(ard, { analysis: SOC_PT, parameter: 'AEBODSYS', group: TOTAL, statistic: 'n' }, 'category');
  const termsBySoc = new Map<string, string[]>();
  const pts = distinctValues(ard, { analysis: SOC_PT, parameter: 'AEDECOD', group: TOTAL, statistic: 'n' }, 'category');
  const socOf = new Map<string, string>();
  for (const r of ard) if (r.analysis === SOC_PT && r.parameter === 'AEDECOD' && r.statistic === 'soc' && r.category !== null) socOf.set(r.category, String(r.value));
  for (const pt of pts) {
    const soc = socOf.get(pt) ?? '';
    (termsBySoc.get(soc) ?? termsBySoc.set(soc, []).get(soc)!).push(pt);
  }
  const rows: TableRow[] = [{ type: 'stat', label: 'Any TEAE', parameter: 'ANY', kind: 'n-pct' }];
  for (const soc of socs) {
    rows.push({ type: 'stat', label: soc, parameter: 'AEBODSYS', category: soc, kind: 'n-pct' });
    for (const pt of termsBySoc.get(soc) ?? []) rows.push({ type: 'stat', label: pt, parameter: 'AEDECOD', category: pt, kind: 'n-pct', indent: 1 });
  }
  return buildTable(
    {
      id: 'safety-teae-soc-pt', title: 'TEAEs by system organ class and preferred term', analysis: SOC_PT, population: POP, populationLabel: POP_LABEL,
      units: 'n (%) of subjects with ≥ 1 event', method: 'A subject is counted once per preferred term and once per SOC', headerNParameter: 'SUBJECTS',
      columns: groupColumns(ctx.arms.map((a) => a.label), ctx.blinding), stubHeader: 'System organ class / preferred term',
      rows, footnotes: ['Sorted by descending incidence in the Total column; ties alphabetical. MedDRA terms as coded in ADAE (AEBODSYS, AEDECOD).'],
    },
    ard,
  );
}

function gradeTable(ard: readonly ArdRecord[], ctx: SectionContext): BuiltTable {
  const kind = scaleKind(ard);
  const levels = [...(kind === 'ctcae' ? ['1', '2', '3', '4', '5'] : ['MILD', 'MODERATE', 'SEVERE']), MISSING_LEVEL];
  const shown = (analysis: string, parameter: string) => levels.filter((l) => (findNumber(ard, { analysis, parameter, category: l, group: TOTAL, statistic: 'n' }) ?? 0) > 0 || (l !== MISSING_LEVEL && analysis === GRADE));
  const rows: TableRow[] = [{ type: 'heading', label: 'Any TEAE' }, ...shown(GRADE, 'ANY').map((l): TableRow => ({ type: 'stat', label: levelLabel(kind, l), parameter: 'ANY', category: l, kind: 'n-pct', indent: 1 }))];
  for (const pt of distinctValues(ard, { analysis: GRADE_PT, group: TOTAL, statistic: 'n' }, 'parameter')) {
    rows.push({ type: 'heading', label: pt });
    for (const l of shown(GRADE_PT, pt)) rows.push({ type: 'stat', label: levelLabel(kind, l), analysis: GRADE_PT, parameter: pt, category: l, kind: 'n-pct', indent: 1 });
  }
  return buildTable(
    {
      id: 'safety-teae-grade', title: kind === 'ctcae' ? `TEAEs by maximum CTCAE v${ctx.plan.safety.ctcaeVersion} grade` : 'TEAEs by maximum severity (the data have no CTCAE grade: AESEV)',
      analysis: GRADE, population: POP, populationLabel: POP_LABEL, units: 'n (%) of subjects, at their worst grade', method: 'Each subject counted once, at the highest grade of its events',
      headerNParameter: 'SUBJECTS', columns: groupColumns(ctx.arms.map((a) => a.label), ctx.blinding), stubHeader: 'Preferred term / worst grade', rows,
      footnotes: ['Per preferred term, only grades with at least one subject are listed.'],
    },
    ard,
  );
}

function commonBlocks(ard: readonly ArdRecord[], ctx: SectionContext): ReportBlock[] {
  if (ctx.blinding === 'open') return [CLOSED_ONLY];
  const terms = distinctValues(ard, { analysis: COMMON_ANALYSIS, statistic: 'common' }, 'category');
  if (terms.length === 0) return [{ kind: 'text', paragraphs: [`No preferred term reached ${COMMON_THRESHOLD * 100} % in any arm.`] }];
  const control = ctx.arms[0];
  const blocks: ReportBlock[] = [];
  ctx.arms.slice(1).forEach((exp, i) => {
    const contrast = contrastLabel(exp, control);
    const rows: AeDotRow[] = [];
    for (const term of terms) {
      const q = { analysis: COMMON_ANALYSIS, category: term, group: contrast };
      const [estimate, lower, upper] = (['estimate', 'lower', 'upper'] as const).map((s) => findNumber(ard, { ...q, statistic: s }));
      if (estimate === null || lower === null || upper === null) continue;
      const incidence = [control, exp].map((a) => ({ arm: a.label, proportion: findNumber(ard, { analysis: COMMON_ANALYSIS, parameter: 'AEDECOD', category: term, group: a.label, statistic: 'pct' }) ?? 0 }));
      rows.push({ term, incidence, difference: { estimate, lower, upper } });
    }
    if (rows.length === 0) return;
    rows.sort((a, b) => a.difference.estimate - b.difference.estimate || (a.term < b.term ? -1 : 1));
    blocks.push({
      kind: 'chart', id: `safety-ae-dot-${i + 1}`, title: `Common TEAEs: incidence and risk difference, ${contrast}`,
      spec: aeDotPlotSpec({ arms: [control.label, exp.label], rows, differenceTitle: `Risk difference ${contrast} (pp, ${confidenceLabel(DescriptiveLevel)})` }),
      caption: `Preferred terms with incidence ≥ ${COMMON_THRESHOLD * 100} % in any arm; Newcombe hybrid score ${confidenceLabel(DescriptiveLevel)} (Newcombe 1998, method 10), not adjusted for multiplicity.`,
    });
  });
  const table = buildTable(
    {
      id: 'safety-teae-common', title: `Common TEAEs (≥ ${COMMON_THRESHOLD * 100} % in any arm): risk differences`, analysis: COMMON_ANALYSIS, population: POP, populationLabel: POP_LABEL,
      units: 'n (%); difference in percentage points', method: `Newcombe hybrid score ${confidenceLabel(DescriptiveLevel)} (method 10)`, headerNParameter: 'SUBJECTS', stubHeader: 'Preferred term',
      columns: [
        ...ctx.arms.map((a) => ({ group: a.label, kind: 'n-pct' as const })),
        ...ctx.arms.slice(1).map((a) => ({ group: contrastLabel(a, control), label: `${contrastLabel(a, control)} (${confidenceLabel(DescriptiveLevel)})`, showN: false, kind: 'estimate-ci' as const })),
      ],
      rows: terms.map((t) => ({ type: 'stat', label: t, parameter: 'AEDECOD', category: t, kind: 'n-pct', decimals: 1, scale: 100 })),
    },
    ard,
  );
  return [{ kind: 'table', table }, ...blocks];
}

function listingTable(ard: readonly ArdRecord[], id: string, analysis: string, title: string, columns: readonly (readonly [string, string])[], ctx: SectionContext): BuiltTable {
  const rows = [] as { label: string; indent: number; heading: boolean; cells: string[] }[];
  const keys = [...new Set(ard.filter((r) => r.analysis === analysis).map((r) => `${r.group}\u0000${r.parameter}\u0000${r.category}`))];
  for (const k of keys) {
    const [group, parameter, category] = k.split('\u0000');
    const cell = (stat: string) => {
      const v = findRecord(ard, { analysis, group, parameter, category, statistic: stat })?.value;
      return v === null || v === undefined ? '–' : String(v);
    };
    rows.push({ label: parameter, indent: 0, heading: false, cells: [group, ...columns.map(([c]) => cell(c))] });
  }
  return {
    id, title, population: POP_LABEL, visit: null, units: null, method: null, stubHeader: 'Subject',
    header: [{ label: 'Arm', n: null }, ...columns.map(([, label]) => ({ label, n: null }))],
    rows: rows.length > 0 ? rows : [{ label: 'None', indent: 0, heading: false, cells: ['', ...columns.map(() => '')] }],
    footnotes: ctx.blinding === 'closed' ? ['Subject-level listing: closed report only.'] : [],
  };
}

function shiftBlocks(ard: readonly ArdRecord[], ctx: SectionContext): ReportBlock[] {
  const blocks: ReportBlock[] = [];
  for (const r of ard) if (r.analysis === SHIFT_ANALYSIS && r.statistic === 'NOT_GRADED') blocks.push({ kind: 'text', paragraphs: [`${r.parameter}: not graded — ${String(r.value)}.`] });
  const all = [...GradeLevels, MISSING_LEVEL];
  for (const test of distinctValues(ard, { analysis: SHIFT_ANALYSIS, statistic: 'label' }, 'parameter')) {
    const rows: TableRow[] = [];
    for (const b of all) {
      const cells = all.filter((w) => (findNumber(ard, { analysis: SHIFT_ANALYSIS, parameter: test, category: `${b} -> ${w}`, group: TOTAL, statistic: 'n' }) ?? 0) > 0);
      if (cells.length === 0) continue;
      rows.push({ type: 'heading', label: `Baseline: ${levelLabel('ctcae', b)}` });
      for (const w of cells) rows.push({ type: 'stat', label: `Worst post-baseline: ${levelLabel('ctcae', w)}`, parameter: test, category: `${b} -> ${w}`, kind: 'n-pct', indent: 1 });
    }
    const label = String(findRecord(ard, { analysis: SHIFT_ANALYSIS, parameter: test, statistic: 'label' })?.value ?? test);
    blocks.push({
      kind: 'table',
      table: buildTable(
        {
          id: `safety-lab-shift-${test.toLowerCase()}`, title: `Shift of CTCAE grade from baseline to worst post-baseline: ${label}`, analysis: SHIFT_ANALYSIS, population: POP, populationLabel: POP_LABEL,
          units: 'n (%) of subjects', method: 'CTCAE v4.03 laboratory criteria (LLN/ULN from the analysis reference range)', headerNParameter: 'SUBJECTS',
          columns: groupColumns(ctx.arms.map((a) => a.label), ctx.blinding), stubHeader: 'Baseline → worst grade', rows,
          footnotes: ['Worst post-baseline: highest grade after the day of first dose, scheduled and unscheduled records, imputed records excluded. "Grade missing": no gradable value.'],
        },
        ard,
      ),
    });
  }
  return blocks;
}

/** Safety sections (see the module note). */
export function safetySections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  if (!ard.some((r) => r.analysis === OVERVIEW_ANALYSIS)) return [];
  const table = (t: BuiltTable): ReportBlock => ({ kind: 'table', table: t });
  const sections: ReportSection[] = [
    { id: 'safety-overview', title: 'Safety: overview of adverse events', blocks: [table(overviewTable(ard, ctx))] },
    { id: 'safety-teae-soc-pt', title: 'Safety: adverse events by SOC and preferred term', blocks: [table(socPtTable(ard, ctx)), table(gradeTable(ard, ctx))] },
    { id: 'safety-teae-common', title: 'Safety: common adverse events, risk differences', blocks: commonBlocks(ard, ctx) },
    {
      id: 'safety-listings', title: 'Safety: serious adverse events and deaths (listings)',
      blocks: ctx.blinding === 'open' ? [CLOSED_ONLY] : [
        table(listingTable(ard, 'safety-sae-listing', SAE_LISTING, 'Listing of serious adverse events', SaeColumns, ctx)),
        table(listingTable(ard, 'safety-death-listing', DEATH_LISTING, 'Listing of deaths', DeathColumns, ctx)),
      ],
    },
  ];
  const shifts = shiftBlocks(ard, ctx);
  if (shifts.length > 0) sections.push({ id: 'safety-lab-shift', title: 'Safety: laboratory shifts (CTCAE grade)', blocks: shifts });
  return sections;
}
