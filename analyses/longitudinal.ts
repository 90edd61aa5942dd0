/**
 * Longitudinal laboratory outcomes (issue 6 item 4; registered outcomes proteinuria, UPCR, albumin,
 * creatinine, eGFR, C3, C4, ANA, anti-dsDNA at weeks 4–24): for every ADLB PARAMCD of
 * `plan.longitudinal.params`, in the full analysis set by arm and analysis visit, descriptive summaries of
 * value and change from baseline (percent change for proteinuria: PROT, PROTCRT), geometric means for
 * the log-normal parameters (`plan.longitudinal.logTransform`), and an MMRM on change from baseline
 * (log ratio to baseline for log-normal parameters, back-transformed to ratios; ANA on log2 titre,
 * domain.md 5.1) with the arm difference at each visit. Encodings: longitudinal/by-visit.ts and
 * longitudinal/mmrm-records.ts.
 */
import type { AdlbRecord } from '../src/adam/adlb.ts';
import type { ArdRecord } from '../src/core/ard.ts';
import type { Plan } from '../src/plan/plan.ts';
import type { ReportBlock, ReportSection } from '../src/report/html.ts';
import { armHeaderTraces } from './common/analysis-sets.ts';
import { LabLabels } from './common/parameter-display.ts';
import { PopulationLabel, populationSubjects, type PopulationCode } from './common/responders.ts';
import type { Analysis, AnalysisInput, SectionContext } from './framework.ts';
import { byVisitRecords, type ParameterSpec } from './longitudinal/by-visit.ts';
import { mmrmRecords, type ModelScale } from './longitudinal/mmrm-records.ts';
import { descriptiveTableBlock, meanChartBlock, mmrmTableBlock, type VisitAxis } from './longitudinal/sections.ts';

export const LongitudinalPopulation: PopulationCode = 'FAS';
export const LongitudinalAnalysis = 'longitudinal-descriptive';

/** Parameters summarised as log2 titres. */
const Log2Params: ReadonlySet<string> = new Set(['ANA']);
/** Proteinuria parameters: percent change is shown. */
const ProteinuriaParams: ReadonlySet<string> = new Set(['PROT', 'PROTCRT']);

/** How each plan parameter is summarised and modelled. */
export function parameterSpec(plan: Plan, paramcd: string): ParameterSpec & { model: ModelScale } {
  const log = plan.longitudinal.logTransform.includes(paramcd);
  const log2 = Log2Params.has(paramcd);
  return { paramcd, scale: log2 ? 'log2' : 'identity', geometric: log, percentChange: ProteinuriaParams.has(paramcd), model: log2 ? 'log2' : log ? 'log' : 'identity' };
}

/** USUBJID → ARMCD of the analysis set, restricted to plan arms. */
export function armBySubject(input: AnalysisInput, population: PopulationCode): Map<string, string> {
  const codes = new Set(input.arms.map((a) => a.code));
  return new Map(populationSubjects(input.adam.adsl, population).filter((s) => codes.has(s.ARMCD)).map((s) => [s.USUBJID, s.ARMCD]));
}

/** Records of each PARAMCD, in their original order. */
export function recordsByParam<T extends { PARAMCD: string }>(records: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of records) {
    let a = m.get(r.PARAMCD);
    if (a === undefined) m.set(r.PARAMCD, (a = []));
    a.push(r);
  }
  return m;
}

/** Baseline then plan visits, with the week number used on chart axes. */
export function visitAxis(plan: Plan): VisitAxis[] {
  return [{ visit: plan.baseline.avisit, visitNumber: plan.baseline.avisitn }, ...plan.visits.map((v) => ({ visit: v.avisit, visitNumber: v.avisitn }))];
}

export const longitudinal: Analysis = {
  id: 'longitudinal',
  needs: ['adsl', 'adlb'],
  run(input: AnalysisInput): ArdRecord[] {
    const subjects = armBySubject(input, LongitudinalPopulation);
    const adlb: readonly AdlbRecord[] = input.adam.adlb ?? [];
    const axis = visitAxis(input.plan);
    const out: ArdRecord[] = [];
    // Every parameter's header N lists the FAS of its arm (the same list: the report shows it once per section).
    const header = armHeaderTraces(input, LongitudinalPopulation, subjects);
    // One pass over ADLB (millions of records in a pooled programme) instead of one per parameter.
    const byParam = recordsByParam(adlb);
    for (const paramcd of input.plan.longitudinal.params) {
      const spec = parameterSpec(input.plan, paramcd);
      const records = byParam.get(paramcd) ?? [];
      out.push(...byVisitRecords({ analysis: LongitudinalAnalysis, population: LongitudinalPopulation, arms: input.arms, visits: axis.map((v) => v.visit), baselineVisit: input.plan.baseline.avisit, subjects, header }, spec, records));
      out.push(...mmrmRecords({ population: LongitudinalPopulation, arms: input.arms, visits: input.plan.visits.map((v) => v.avisit), subjects, header, covariance: input.plan.longitudinal.covariance, df: input.plan.longitudinal.df }, paramcd, spec.model, records));
    }
    return out;
  },
  sections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
    const closed = ctx.blinding === 'closed';
    const groups = closed ? ctx.arms.map((a) => a.label) : ['Total'];
    const axis = visitAxis(ctx.plan);
    return ctx.plan.longitudinal.params
      .filter((p) => ard.some((r) => r.analysis === LongitudinalAnalysis && r.parameter === p))
      .map((paramcd) => {
        const spec = parameterSpec(ctx.plan, paramcd);
        const label = LabLabels[paramcd] ?? paramcd;
        const blocks: ReportBlock[] = [];
        const chart = meanChartBlock(ard, LongitudinalAnalysis, spec, label, groups, axis, `long-${ctx.blinding}`);
        if (chart !== null) blocks.push(chart);
        blocks.push(descriptiveTableBlock(ard, LongitudinalAnalysis, LongitudinalPopulation, spec, label, null, groups, axis.map((v) => v.visit), ctx.plan.baseline.avisit, `long-${ctx.blinding}`));
        if (closed) blocks.push(mmrmTableBlock(ard, LongitudinalPopulation, spec, label, ctx, ctx.plan.visits.map((v) => v.avisit), `long-${ctx.blinding}`));
        else blocks.push({ kind: 'text', paragraphs: ['Summaries by arm and the MMRM treatment comparison are in the closed report.'] });
        return { id: `longitudinal-${paramcd.toLowerCase()}`, title: `${label} by visit (${PopulationLabel[LongitudinalPopulation]})`, blocks };
      });
  },
};

export default longitudinal;
