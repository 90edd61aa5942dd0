/**
 * SLE disease activity (issue 6 item 4; registered outcomes SLEDAI-2K, BILAG, PhGA, HAQ): in the full
 * analysis set by arm and analysis visit, descriptive summaries of value and change from baseline of the
 * ADQS scores SLEDAI (SLEDAI-2K total), BILAGTOT (BILAG-2004 numeric total, A12/B8/C1/D0/E0), PHGA
 * (0–3) and HAQDI (HAQ-DI 0–3); and the SRI responder rate (ADQS `SRI<threshold>`, plan.secondary.sri) at
 * the plan's SRI visits with Wilson CIs per arm and the Miettinen–Nurminen CI of the
 * difference experimental − control. A subject of the set without an SRI record at a visit counts as a
 * non-responder (the SRI's own missing-component rule, domain.md 4.4).
 *
 * ARD: descriptive records as longitudinal/by-visit.ts (analysis "sle-activity-descriptive");
 * "sle-activity-sri", parameter SRI4, visit: per arm and "Total" x (responders), N, pct, and
 * estimate/lower/upper (Wilson, proportion 0–1); contrast group: estimate/lower/upper (MN).
 * Closed report: every header N carries the arm's FAS trace (analyses/common/analysis-sets.ts), and each
 * arm's responder count its subjects: the responders and, as the rest of N, the non-responders with the ADQS
 * RSNDTL of their SRI call (failed or missing components) or the missing record.
 */
import type { AdqsRecord } from '../src/adam/adqs.ts';
import { ard, type ArdRecord, type CountTrace, type TraceSubject } from '../src/core/ard.ts';
import { binomialCI, riskDifferenceCI } from '../src/stats/proportions.ts';
import type { ReportBlock, ReportSection } from '../src/report/html.ts';
import { confidenceLabel, MISSING } from '../src/report/format.ts';
import { DescriptiveLevel } from './common/confidence.ts';
import { buildTable, MISSING_FOOTNOTE, type TableColumn } from '../src/report/tables.ts';
import { PopulationLabel, splitTrace, type PopulationCode } from './common/responders.ts';
import { contrastLabel, type Analysis, type AnalysisInput, type ArmInfo, type SectionContext } from './framework.ts';
import { armHeaderTraces } from './common/analysis-sets.ts';
import { armBySubject, recordsByParam, visitAxis } from './longitudinal.ts';
import { byVisitRecords, type ParameterSpec } from './longitudinal/by-visit.ts';
import { descriptiveTableBlock, meanChartBlock } from './longitudinal/sections.ts';

export const SlePopulation: PopulationCode = 'FAS';
export const SleAnalysis = { descriptive: 'sle-activity-descriptive', sri: 'sle-activity-sri' } as const;

export const SleParams: readonly { paramcd: string; label: string }[] = [
  { paramcd: 'SLEDAI', label: 'SLEDAI-2K total score' },
  { paramcd: 'BILAGTOT', label: 'BILAG-2004 total score' },
  { paramcd: 'PHGA', label: 'Physician global assessment (0–3)' },
  { paramcd: 'HAQDI', label: 'HAQ-DI (0–3)' },
];

function spec(paramcd: string): ParameterSpec {
  return { paramcd, scale: 'identity', geometric: false, percentChange: false };
}

/** A subject's SRI call at a visit: its ADQS record (ANL01FL = Y), as far as the count needs it. */
export type SriCall = Pick<AdqsRecord, 'AVALC' | 'RSNDTL'>;

/**
 * One subject in an SRI responder-count trace: "SRI4 = Y"; a non-responder "SRI4 = N" with the ADQS RSNDTL
 * (the failed and missing components, e.g. "failed: SLEDAI reduction < 4"); no record at the visit is a
 * non-responder too (module note), said as such.
 */
function sriTraceSubject(id: string, call: SriCall | undefined, parameter: string, visit: string): TraceSubject {
  if (call === undefined) return { id, reason: `no ${parameter} record at ${visit}: non-responder` };
  const value = `${parameter} = ${call.AVALC ?? 'empty'}`;
  return { id, reason: call.RSNDTL === null || call.RSNDTL === '' || call.AVALC === 'Y' ? value : `${value}: ${call.RSNDTL}` };
}

/**
 * SRI responder records of one visit: Wilson per group, MN difference per experimental arm; `calls` holds
 * each subject's SRI record at the visit (responder: AVALC 'Y'). With `header` (arm label → population trace;
 * the first visit, whose N heads the report's table), each arm's N carries it; each arm's count carries its
 * responders and non-responders (closed report; the pooled Total, open report only, carries none).
 */
export function sriRecords(parameter: string, visit: string, arms: readonly ArmInfo[], subjects: ReadonlyMap<string, string>, calls: ReadonlyMap<string, SriCall>, header?: ReadonlyMap<string, CountTrace>): ArdRecord[] {
  const base = { analysis: SleAnalysis.sri, population: SlePopulation, parameter, visit };
  const isResponder = (id: string) => calls.get(id)?.AVALC === 'Y';
  const members = (codes: ReadonlySet<string>) => [...subjects.entries()].filter(([, c]) => codes.has(c)).map(([id]) => id);
  const counts = (codes: ReadonlySet<string>) => {
    const ids = members(codes);
    return { x: ids.filter(isResponder).length, n: ids.length };
  };
  const out: ArdRecord[] = [];
  const groups = [...arms.map((a) => ({ label: a.label, codes: new Set([a.code]), traced: true })), { label: 'Total', codes: new Set(arms.map((a) => a.code)), traced: false }];
  for (const g of groups) {
    const { x, n } = counts(g.codes);
    const b = { ...base, group: g.label };
    const trace = g.traced ? splitTrace(members(g.codes), isResponder, (id) => sriTraceSubject(id, calls.get(id), parameter, visit)) : undefined;
    out.push(ard({ ...b, statistic: 'n', value: x, subjects: trace }), ard({ ...b, statistic: 'N', value: n, subjects: header?.get(g.label) }), ard({ ...b, statistic: 'pct', value: n > 0 ? x / n : null }));
    if (n > 0) {
      const ci = binomialCI(x, n, { method: 'wilson', level: DescriptiveLevel });
      for (const s of ['estimate', 'lower', 'upper'] as const) out.push(ard({ ...b, statistic: s, value: ci[s], method: 'wilson' }));
    }
  }
  const [control, ...experimental] = arms;
  for (const e of experimental) {
    const ce = counts(new Set([e.code]));
    const cc = counts(new Set([control.code]));
    if (ce.n === 0 || cc.n === 0) continue;
    const d = riskDifferenceCI(ce.x, ce.n, cc.x, cc.n, { method: 'miettinen-nurminen', level: DescriptiveLevel });
    for (const s of ['estimate', 'lower', 'upper'] as const) out.push(ard({ ...base, group: contrastLabel(e, control), statistic: s, value: d[s], method: 'miettinen-nurminen' }));
  }
  return out;
}

function sriParamcd(input: { plan: AnalysisInput['plan'] }): string {
  return `SRI${input.plan.secondary.sri.threshold}`;
}

export const sleActivity: Analysis = {
  id: 'sle-activity',
  needs: ['adsl', 'adqs'],
  run(input: AnalysisInput): ArdRecord[] {
    const subjects = armBySubject(input, SlePopulation);
    const adqs: readonly AdqsRecord[] = input.adam.adqs ?? [];
    const axis = visitAxis(input.plan);
    // Every table's header N lists the FAS of its arm (shown once in the section, referred to after).
    const header = armHeaderTraces(input, SlePopulation, subjects);
    const ctx = { analysis: SleAnalysis.descriptive, population: SlePopulation, arms: input.arms, visits: axis.map((v) => v.visit), baselineVisit: input.plan.baseline.avisit, subjects, header };
    const byParam = recordsByParam(adqs);
    const out = SleParams.flatMap((p) => byVisitRecords(ctx, spec(p.paramcd), byParam.get(p.paramcd) ?? []));
    const sri = sriParamcd(input);
    input.plan.secondary.sri.visits.forEach((visit, i) => {
      const calls = new Map((byParam.get(sri) ?? []).filter((r) => r.AVISIT === visit && r.ANL01FL === 'Y').map((r) => [r.USUBJID, r]));
      out.push(...sriRecords(sri, visit, input.arms, subjects, calls, i === 0 ? header : undefined));
    });
    return out;
  },
  sections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
    const closed = ctx.blinding === 'closed';
    const groups = closed ? ctx.arms.map((a) => a.label) : ['Total'];
    const axis = visitAxis(ctx.plan);
    const blocks: ReportBlock[] = [];
    for (const p of SleParams) {
      if (!ard.some((r) => r.analysis === SleAnalysis.descriptive && r.parameter === p.paramcd)) continue;
      const chart = meanChartBlock(ard, SleAnalysis.descriptive, spec(p.paramcd), p.label, groups, axis, `sle-${ctx.blinding}`);
      if (chart !== null) blocks.push(chart);
      blocks.push(descriptiveTableBlock(ard, SleAnalysis.descriptive, SlePopulation, spec(p.paramcd), p.label, null, groups, axis.map((v) => v.visit), ctx.plan.baseline.avisit, `sle-${ctx.blinding}`));
    }
    const sri = sriParamcd(ctx);
    if (ard.some((r) => r.analysis === SleAnalysis.sri)) blocks.push(sriTable(ard, ctx, sri, groups));
    return [{ id: 'sle-activity', title: `SLE disease activity (${PopulationLabel[SlePopulation]})`, blocks }];
  },
};

function sriTable(ard: readonly ArdRecord[], ctx: SectionContext, sri: string, groups: readonly string[]): ReportBlock {
  const visits = ctx.plan.secondary.sri.visits;
  const [control, ...experimental] = ctx.arms;
  const contrasts: TableColumn[] = ctx.blinding === 'closed' ? experimental.map((e) => ({ group: contrastLabel(e, control), showN: false, label: `${contrastLabel(e, control)} (${confidenceLabel(DescriptiveLevel)}), pp` })) : [];
  // Header N: the SRI records' "N" of the first SRI visit carry the group sizes; re-key them as the header record.
  const header = ard.filter((r) => r.analysis === SleAnalysis.sri && r.visit === visits[0] && r.statistic === 'N').map((r) => ({ ...r, parameter: `${sri}-N`, visit: null }));
  const built = buildTable(
      {
        id: `sle-${ctx.blinding}-sri`,
        title: `SLE Responder Index (SRI-${ctx.plan.secondary.sri.threshold}) by visit`,
        analysis: SleAnalysis.sri,
        population: SlePopulation,
        populationLabel: PopulationLabel[SlePopulation],
        units: `responders n (%); response rate in %${contrasts.length > 0 ? '; difference in percentage points (pp)' : ''}`,
        headerNParameter: `${sri}-N`,
        columns: [...groups.map((g) => ({ group: g })), ...contrasts],
        rows: visits.flatMap((v) => [
          { type: 'heading' as const, label: v },
          { type: 'stat' as const, label: 'Responders, n (%)', parameter: sri, visit: v, kind: 'n-pct' as const, indent: 1 },
          { type: 'stat' as const, label: `Response rate, % (${confidenceLabel(DescriptiveLevel)})`, parameter: sri, visit: v, kind: 'estimate-ci' as const, scale: 100, decimals: 1, indent: 1 },
        ]),
        footnotes: [
          `SRI-${ctx.plan.secondary.sri.threshold} (Furie 2009): SLEDAI-2K reduction ≥ ${ctx.plan.secondary.sri.threshold}, no new BILAG A and ≤ 1 new BILAG B, PhGA increase < ${ctx.plan.secondary.sri.phgaWorseningMin}, no treatment failure (rescue, death, discontinuation). Missing component or record = non-responder.`,
          `Rate: Wilson score ${confidenceLabel(DescriptiveLevel)} per arm. Difference (percentage points): Miettinen–Nurminen ${confidenceLabel(DescriptiveLevel)}, experimental − control, unstratified.`,
        ],
        method: 'Wilson; Miettinen–Nurminen',
      },
      [...ard, ...header],
  );
  // Counts have no meaning in a contrast column: blank those cells (not "not available").
  const first = groups.length;
  const rows = built.rows.map((r) => (r.label.startsWith('Responders') ? { ...r, cells: r.cells.map((c, i) => (i >= first ? '' : c)) } : r));
  const missing = rows.some((r) => r.cells.some((c) => c.includes(MISSING)));
  return { kind: 'table', table: { ...built, rows, footnotes: built.footnotes.filter((f) => missing || f !== MISSING_FOOTNOTE) } };
}

export default sleActivity;
