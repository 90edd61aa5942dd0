/**
 * Report section of the design-power analysis (analyses/design-power.ts), built from ARD records only.
 * The same table in both reports; the open report lacks the control-arm row because its records carry the
 * arm as group and are dropped by the blinding filter (src/report/blinding.ts `openRecords`).
 * The table is assembled here (not with `buildTable`) because it has one statistic per column.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import type { ReportSection } from '../../src/report/html.ts';
import { formatCount, formatNumber, formatPercent, MISSING } from '../../src/report/format.ts';
import { MISSING_FOOTNOTE, type BuiltRow, type BuiltTable } from '../../src/report/tables.ts';
import { findNumber, findRecord } from '../../src/tables/ard-lookup.ts';
import type { SectionContext } from '../framework.ts';
import { PopulationLabel } from '../common/responders.ts';

export const DESIGN_POWER_ID = 'design-power';
/** Target powers in % for the sample-size columns (ARD statistics nFor80, nFor90). */
export const PowerTargets = [80, 90] as const;
export type Scenario = 'planned' | 'observed-pooled' | 'observed-control';

function scenarioLabel(scenario: Scenario, ard: readonly ArdRecord[], ctx: SectionContext): string {
  const n = findNumber(ard, { analysis: DESIGN_POWER_ID, category: scenario, statistic: 'N' });
  const control = ctx.arms.find((a) => a.code === ctx.plan.arms.control)?.label ?? 'control';
  switch (scenario) {
    case 'planned':
      return 'Planned rate (protocol assumption)';
    case 'observed-pooled':
      return `Observed rate, all subjects pooled (FAS, N = ${n === null ? MISSING : formatCount(n)}; blinded)`;
    case 'observed-control':
      return `Observed rate, control arm ${control} (FAS, N = ${n === null ? MISSING : formatCount(n)})`;
  }
}

function row(ard: readonly ArdRecord[], scenario: Scenario, ctx: SectionContext): BuiltRow {
  const q = { analysis: DESIGN_POWER_ID, category: scenario };
  const num = (statistic: string) => findNumber(ard, { ...q, statistic });
  const rate = num('rate');
  const nPerArm = num('nPerArm');
  const power = num('power');
  const note = findRecord(ard, { ...q, statistic: 'note' })?.value;
  return {
    label: scenarioLabel(scenario, ard, ctx),
    indent: 0,
    heading: false,
    cells: [
      rate === null ? MISSING : formatPercent(rate),
      nPerArm === null ? MISSING : formatCount(nPerArm),
      power === null ? (typeof note === 'string' ? note : MISSING) : formatPercent(power),
      ...PowerTargets.map((t) => {
        const n = num(`nFor${t}`);
        return n === null ? MISSING : formatCount(n);
      }),
    ],
  };
}

/** The design-power section (nothing when the analysis did not run). */
export function designPowerSections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  if (!ard.some((r) => r.analysis === DESIGN_POWER_ID)) return [];
  const p = ctx.plan.primary;
  const margin = findNumber(ard, { analysis: DESIGN_POWER_ID, statistic: 'margin' }) ?? p.margin;
  const alpha = findNumber(ard, { analysis: DESIGN_POWER_ID, statistic: 'alphaOneSided' }) ?? p.alphaOneSided;
  const source = findRecord(ard, { analysis: DESIGN_POWER_ID, statistic: 'nPerArmSource' })?.value;
  const scenarios = (['planned', 'observed-pooled', 'observed-control'] as const).filter((s) => ard.some((r) => r.analysis === DESIGN_POWER_ID && r.category === s));
  const rows = scenarios.map((s) => row(ard, s, ctx));
  const m = formatNumber(margin * 100, 0);
  const table: BuiltTable = {
    id: 'design-power',
    title: `Power of the design for non-inferiority at margin ${m} pp (one-sided α = ${alpha}), true difference 0`,
    population: PopulationLabel.FAS,
    visit: p.visit,
    units: 'rates and power in %; sample sizes in subjects per arm',
    method: 'Farrington–Manning score test, normal approximation (Farrington & Manning 1990)',
    stubHeader: 'Assumed response rate in both arms',
    header: [
      { label: 'Rate', n: null },
      { label: 'n per arm', n: null },
      { label: 'Power', n: null },
      ...PowerTargets.map((t) => ({ label: `n per arm for ${t} % power`, n: null })),
    ],
    rows,
    footnotes: [
      `Power of the one-sided Farrington–Manning score test of H0: difference ≤ −${m} pp at α = ${alpha}, assuming the same true total-remission rate in both arms (difference 0): power = Φ((M√n − z₁₋α·σ̃₀)/σ₁), with σ̃₀ from the restricted maximum-likelihood rates under the margin (Farrington & Manning 1990, Stat Med 9:1447). Reproduces R rpact getPowerRates / getSampleSizeRates (test/references/fm-power/).`,
      source === 'plan'
        ? 'n per arm: the planned sample size of the analysis plan (plan.primary.design.nPerArm); the planned rate is plan.primary.design.controlRate.'
        : 'n per arm: randomised subjects divided equally over the arms (the plan gives no planned sample size).',
      `Sample sizes for 80 % and 90 % power are per arm with 1:1 allocation, rounded up, before any allowance for drop-out.`,
      `Observed rates: total renal remission at ${p.visit} in the FAS with non-response imputation, as in the primary analysis. The pooled rate combines both treatment groups and reveals nothing about the comparison; it estimates the common rate if the treatments are equally effective.`,
    ],
  };
  if (rows.some((r) => r.cells.includes(MISSING))) table.footnotes.push(MISSING_FOOTNOTE);
  const pooledPower = findNumber(ard, { analysis: DESIGN_POWER_ID, category: 'observed-pooled', statistic: 'power' });
  const pooledRate = findNumber(ard, { analysis: DESIGN_POWER_ID, category: 'observed-pooled', statistic: 'rate' });
  const plannedPower = findNumber(ard, { analysis: DESIGN_POWER_ID, category: 'planned', statistic: 'power' });
  const summary: string[] = [];
  if (plannedPower !== null && pooledPower !== null && pooledRate !== null) {
    summary.push(
      `With the design's sample size, the power to show non-inferiority at −${m} pp is ${formatPercent(plannedPower)} at the planned rate and ${formatPercent(pooledPower)} at the observed pooled rate of ${formatPercent(pooledRate)}, if the treatments are equally effective.`,
    );
  }
  return [{ id: 'design-power', title: 'Power of the design', blocks: [...(summary.length > 0 ? [{ kind: 'text' as const, paragraphs: summary }] : []), { kind: 'table', table }] }];
}
