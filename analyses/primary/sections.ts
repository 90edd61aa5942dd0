/**
 * Report sections of the primary analysis, built from ARD records only (design.md: the report is rendered
 * from the ARD so QC compares numbers, not layouts). Closed report: executive summary with the verdict and
 * forest plot, then the primary-endpoint section (table, forest plot of every analysis against the margin,
 * method concordance, tipping-point heat map). Open report: the pooled remission rate only.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import { InputError } from '../../src/core/errors.ts';
import type { RiskDifferenceMethod } from '../../src/stats/proportions.ts';
import type { StratifiedMethod } from '../../src/stats/stratified.ts';
import type { ReportBlock, ReportSection } from '../../src/report/html.ts';
import { buildTable, type TableRow } from '../../src/report/tables.ts';
import { forestPlotSpec, type ForestRow } from '../../src/report/charts/forest.ts';
import { tippingPointSpec, type TippingCell } from '../../src/report/charts/tipping-point.ts';
import type { SectionContext } from '../framework.ts';
import { contrastLabel } from '../framework.ts';
import { TippingMaxSteps } from './tipping-grid.ts';
import { PopulationLabel, TRACE_VALUES_FOOTNOTE, type PopulationCode } from '../common/responders.ts';
import { DescriptiveLevel, niConfidenceLevel } from '../common/confidence.ts';
import { confidenceLabel } from '../../src/report/format.ts';

function find(ard: readonly ArdRecord[], q: Partial<ArdRecord>): ArdRecord | undefined {
  return ard.find((r) => (Object.keys(q) as (keyof ArdRecord)[]).every((k) => r[k] === q[k]));
}

function num(ard: readonly ArdRecord[], q: Partial<ArdRecord>): number | null {
  const v = find(ard, q)?.value;
  return typeof v === 'number' ? v : null;
}

/** The sensitivity analyses shown in the table and the forest plot, in display order. */
function analysisRows(ard: readonly ArdRecord[]): { id: string; label: string }[] {
  const fixed = [
    { id: 'ni-primary', label: 'Primary: stratified Miettinen–Nurminen (CMH weights)' },
    { id: 'ni-unstratified', label: 'Unstratified Miettinen–Nurminen' },
    { id: 'ni-observed-case', label: 'Observed cases (no imputation of missing status)' },
    { id: 'ni-exact', label: 'Exact unconditional test (Chan 1998)' },
  ];
  const alts = [...new Set(ard.filter((r) => r.analysis.startsWith('ni-alt-')).map((r) => r.analysis))].sort();
  return [...fixed.filter((f) => ard.some((r) => r.analysis === f.id)), ...alts.map((id) => ({ id, label: `Response definition ${id.slice(7).toUpperCase().replace(/-/g, '_')}` }))];
}

function populations(ard: readonly ArdRecord[]): PopulationCode[] {
  return (['FAS', 'PP', 'ITT', 'SAF'] as const).filter((p) => ard.some((r) => r.analysis === 'ni-primary' && r.population === p));
}

function footnotes(ctx: SectionContext): string[] {
  const p = ctx.plan.primary;
  return [
    `Difference = ${ctx.arms.find((a) => a.code === ctx.plan.arms.experimental[0])?.label ?? 'experimental'} − ${ctx.arms.find((a) => a.code === ctx.plan.arms.control)?.label ?? 'control'} in percentage points (pp). H0: difference ≤ −${p.margin * 100} pp; H1: difference > −${p.margin * 100} pp. Non-inferiority (NI) is concluded when the lower bound of the two-sided ${confidenceLabel(niConfidenceLevel(ctx.plan))} is above −${p.margin * 100} pp (one-sided α = ${p.alphaOneSided}).`,
    `Primary CI: stratified Miettinen–Nurminen score interval with Mantel–Haenszel (CMH) stratum weights, strata = ${p.strata.join(', ')}. p-value: one-sided Farrington–Manning score test at −margin with Miettinen–Nurminen variance, unstratified. Exact: Chan (1998) unconditional test ordered by the score statistic (p-value only; NI when p < α).`,
    `Missing ${p.visit} status and discontinuation for other reasons are imputed as non-response (NRI); rescue therapy, death and discontinuation for lack of efficacy count as non-response (composite strategy, ICH E9(R1)). Observed cases: subjects with unobserved status (NR-MISSING, NR-DISC-OTHER) are excluded, not imputed; the denominator N of "n/N (%)" is the subjects with a non-missing ${p.visit} status (observed response or an intercurrent event).`,
    `Per-arm rates: Wilson score ${confidenceLabel(DescriptiveLevel)}.`,
    TRACE_VALUES_FOOTNOTE,
  ];
}

function differenceTable(ard: readonly ArdRecord[], ctx: SectionContext, pop: PopulationCode, contrast: string, exp: string, ctl: string): ReportBlock {
  const rows: TableRow[] = analysisRows(ard).map((a) => {
    const rec = find(ard, { analysis: a.id, population: pop, statistic: 'n' });
    return { type: 'stat', label: a.label, analysis: a.id, parameter: rec?.parameter ?? ctx.plan.primary.endpoint, kind: 'n-pct', decimals: 1, scale: 100 };
  });
  const table = buildTable(
    {
      id: `primary-table-${pop.toLowerCase()}`,
      title: `Total renal remission at ${ctx.plan.primary.visit}: ${exp} vs ${ctl}, ${pop}`,
      analysis: 'ni-primary',
      population: pop,
      populationLabel: PopulationLabel[pop],
      visit: ctx.plan.primary.visit,
      units: 'responders n (%); difference in percentage points',
      method: 'see footnotes',
      headerNParameter: ctx.plan.primary.endpoint,
      stubHeader: 'Analysis',
      columns: [
        { group: exp, kind: 'n-pct' },
        { group: ctl, kind: 'n-pct' },
        { group: contrast, label: `Difference (${confidenceLabel(niConfidenceLevel(ctx.plan))}), pp`, showN: false, kind: 'estimate-ci' },
        { group: contrast, label: 'One-sided p', showN: false, kind: 'p-value' },
        { group: contrast, label: 'Conclusion', showN: false, kind: 'value' },
      ],
      rows: rows.map((r) => (r.type === 'stat' ? { ...r, statistic: 'conclusion' } : r)),
      footnotes: footnotes(ctx),
    },
    ard,
  );
  return { kind: 'table', table };
}

function forestRows(ard: readonly ArdRecord[], contrast: string): ForestRow[] {
  const out: ForestRow[] = [];
  for (const a of analysisRows(ard)) {
    for (const pop of populations(ard)) {
      const q = { analysis: a.id, population: pop, group: contrast };
      const est = num(ard, { ...q, statistic: 'estimate' });
      const lo = num(ard, { ...q, statistic: 'lower' });
      const hi = num(ard, { ...q, statistic: 'upper' });
      if (est !== null && lo !== null && hi !== null) out.push({ label: a.label, estimate: est, lower: lo, upper: hi, group: pop });
    }
  }
  return out;
}

function verdictParagraphs(ard: readonly ArdRecord[], ctx: SectionContext, contrast: string): string[] {
  return populations(ard).map((pop) => {
    const v = find(ard, { analysis: 'ni-primary', population: pop, group: contrast, statistic: 'verdict' })?.value;
    return `${PopulationLabel[pop]} (${pop}): ${ctx.arms.find((a) => a.code === ctx.plan.arms.experimental[0])?.label} is ${String(v)}.`;
  });
}

/** Reader-facing names of the unstratified risk-difference CI methods (Newcombe 1998 method numbers). */
const RiskDifferenceMethodNames: Readonly<Record<RiskDifferenceMethod, string>> = {
  'wald': 'Wald',
  'wald-cc': 'Wald with continuity correction',
  'newcombe': 'Newcombe hybrid score (method 10)',
  'newcombe-cc': 'Newcombe hybrid score with continuity correction (method 11)',
  'miettinen-nurminen': 'Miettinen–Nurminen score',
  'agresti-caffo': 'Agresti–Caffo',
};

/** Reader-facing names of the stratified methods, whose ARD code is "stratified-<method>-cmh". */
const StratifiedMethodNames: Readonly<Record<StratifiedMethod, string>> = {
  'miettinen-nurminen': 'Stratified Miettinen–Nurminen (CMH weights)',
  'wald': 'Stratified Wald (CMH weights)',
  'newcombe': 'Stratified Newcombe hybrid score (CMH weights)',
};

/**
 * The name shown for a method code of the concordance analysis ("wald-cc" → "Wald with continuity correction").
 * @throws InputError for a code that is no method of src/stats/proportions.ts or src/stats/stratified.ts.
 */
export function concordanceMethodName(code: string): string {
  const known = <K extends string>(names: Readonly<Record<K, string>>, k: string): k is K => Object.hasOwn(names, k);
  if (known(RiskDifferenceMethodNames, code)) return RiskDifferenceMethodNames[code];
  const inner = /^stratified-(.+)-cmh$/.exec(code)?.[1];
  if (inner !== undefined && known(StratifiedMethodNames, inner)) return StratifiedMethodNames[inner];
  throw new InputError('category', `unknown CI method code ${JSON.stringify(code)} in the method-concordance records`);
}

function concordanceTable(ard: readonly ArdRecord[], ctx: SectionContext, contrast: string): ReportBlock {
  const methods = [...new Set(ard.filter((r) => r.analysis === 'ni-concordance' && r.population === 'FAS' && r.category !== null).map((r) => r.category as string))];
  const table = buildTable(
    {
      id: 'primary-concordance',
      title: 'Method concordance: every CI method against the margin, FAS',
      analysis: 'ni-concordance',
      population: 'FAS',
      populationLabel: PopulationLabel.FAS,
      visit: ctx.plan.primary.visit,
      units: 'percentage points',
      method: 'each row names its method',
      headerNParameter: ctx.plan.primary.endpoint,
      stubHeader: 'CI method',
      columns: [
        { group: contrast, label: `Difference (${confidenceLabel(niConfidenceLevel(ctx.plan))}), pp`, showN: false, kind: 'estimate-ci' },
        { group: contrast, label: 'Conclusion', showN: false, kind: 'value' },
      ],
      rows: methods.map((m) => ({ type: 'stat', label: concordanceMethodName(m), parameter: ctx.plan.primary.endpoint, category: m, kind: 'estimate-ci', decimals: 1, scale: 100, statistic: 'conclusion' })),
      footnotes: [
        'Unstratified methods: Wald, Wald with continuity correction, Newcombe hybrid score (method 10) and with continuity correction (method 11), Miettinen–Nurminen, Agresti–Caffo. Stratified methods use Mantel–Haenszel weights.',
        ...methods.filter((m) => num(ard, { analysis: 'ni-concordance', population: 'FAS', category: m, statistic: 'concordant' }) === 0).map((m) => `⚠ ${concordanceMethodName(m)}: conclusion differs from the primary analysis.`),
      ],
    },
    ard,
  );
  return { kind: 'table', table };
}

/** Whether an axis of the grid skips counts (the analysis thinned it; see tippingCounts). */
function thinned(cells: readonly TippingCell[]): boolean {
  const xs = new Set(cells.map((c) => c.x)), ys = new Set(cells.map((c) => c.y));
  return xs.size !== Math.max(...xs) + 1 || ys.size !== Math.max(...ys) + 1;
}

function tippingCells(ard: readonly ArdRecord[], pop: PopulationCode, contrast: string): TippingCell[] {
  const cells = new Map<string, TippingCell>();
  for (const r of ard) {
    if (r.analysis !== 'ni-tipping-point' || r.population !== pop || r.group !== contrast || r.category === null) continue;
    const m = /^exp=(\d+);ctl=(\d+)$/.exec(r.category);
    if (!m) continue;
    const c = cells.get(r.category) ?? { x: Number(m[2]), y: Number(m[1]), lowerBound: 0, nonInferior: false };
    if (r.statistic === 'lower') c.lowerBound = Number(r.value);
    if (r.statistic === 'nonInferior') c.nonInferior = r.value === 1;
    cells.set(r.category, c);
  }
  return [...cells.values()];
}

/** Sections of the primary analysis for the closed or open report. */
export function primarySections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  const p = ctx.plan.primary;
  if (ctx.blinding === 'open') {
    const pops = (['FAS', 'PP'] as const).filter((pop) => ard.some((r) => r.analysis === 'ni-primary' && r.population === pop && r.group === 'Total'));
    const blocks: ReportBlock[] = [
      { kind: 'text', paragraphs: ['Efficacy results by treatment group are presented in the closed report only. The pooled remission rate below combines both groups.'] },
      ...pops.map(
        (pop): ReportBlock => ({
          kind: 'table',
          table: buildTable(
            {
              id: `primary-pooled-${pop.toLowerCase()}`,
              title: `Total renal remission at ${p.visit}, all subjects pooled, ${pop}`,
              analysis: 'ni-primary',
              population: pop,
              populationLabel: PopulationLabel[pop],
              visit: p.visit,
              units: 'n (%)',
              method: `Wilson score ${confidenceLabel(DescriptiveLevel)}`,
              headerNParameter: p.endpoint,
              columns: [{ group: 'Total' }],
              rows: [
                { type: 'stat', label: 'Responders, n (%)', parameter: p.endpoint, kind: 'n-pct' },
                { type: 'stat', label: `Rate (${confidenceLabel(DescriptiveLevel)}), %`, parameter: p.endpoint, kind: 'estimate-ci', decimals: 1, scale: 100 },
              ],
              footnotes: ['Non-response includes missing status and intercurrent events (rescue therapy, death, discontinuation for lack of efficacy).'],
            },
            ard,
          ),
        }),
      ),
    ];
    return [{ id: 'primary-endpoint', title: 'Primary endpoint (pooled)', blocks }];
  }
  const exp = ctx.arms.find((a) => a.code === ctx.plan.arms.experimental[0])!;
  const ctl = ctx.arms.find((a) => a.code === ctx.plan.arms.control)!;
  const contrast = contrastLabel(exp, ctl);
  const forest = forestRows(ard, contrast);
  const primaryForest = forest.filter((r) => r.label.startsWith('Primary'));
  const summary: ReportSection = {
    id: 'executive-summary',
    title: 'Executive summary',
    blocks: [
      { kind: 'text', paragraphs: verdictParagraphs(ard, ctx, contrast) },
      {
        kind: 'chart',
        id: 'summary-forest',
        title: `Primary endpoint: difference in total remission at ${p.visit} against the margin`,
        spec: forestPlotSpec({ rows: primaryForest, margin: p.margin, level: niConfidenceLevel(ctx.plan) }),
        caption: `Stratified Miettinen–Nurminen ${confidenceLabel(niConfidenceLevel(ctx.plan))}; dashed line at −${p.margin * 100} pp is the non-inferiority margin.`,
      },
    ],
  };
  const blocks: ReportBlock[] = [];
  for (const pop of populations(ard)) blocks.push(differenceTable(ard, ctx, pop, contrast, exp.label, ctl.label));
  blocks.push({
    kind: 'chart',
    id: 'primary-forest',
    title: 'All analyses of the primary endpoint against the margin and zero',
    spec: forestPlotSpec({ rows: forest, margin: p.margin, level: niConfidenceLevel(ctx.plan) }),
    caption: 'FAS and PP for each analysis; the exact test gives a p-value only and is not drawn.',
  });
  blocks.push(concordanceTable(ard, ctx, contrast));
  for (const pop of populations(ard)) {
    const cells = tippingCells(ard, pop, contrast);
    if (cells.length > 1) {
      const thin = thinned(cells);
      blocks.push({
        kind: 'chart',
        id: `primary-tipping-${pop.toLowerCase()}`,
        title: `Tipping-point analysis, ${pop}: ${thin ? 'outcomes' : 'every outcome'} of the subjects with unobserved week-24 status`,
        spec: tippingPointSpec({ cells, margin: p.margin, level: niConfidenceLevel(ctx.plan), xTitle: `Responders imputed among missing, ${ctl.label}`, yTitle: `Responders imputed among missing, ${exp.label}` }),
        caption: `Unstratified Miettinen–Nurminen lower bound for each combination; × marks combinations where non-inferiority would not be concluded.${thin ? ` With more than ${TippingMaxSteps} missing in an arm, ${TippingMaxSteps + 1} evenly spaced counts are shown for that arm.` : ''}`,
      });
    }
  }
  return [summary, { id: 'primary-endpoint', title: 'Primary endpoint: total renal remission at week 24', blocks }];
}
