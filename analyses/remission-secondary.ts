/**
 * Secondary remission endpoints (issue 4 item 4): total remission (CR or PR), complete remission and
 * partial remission at each of the plan's remission visits (weeks 12 and 24), FAS: responders n (%) per
 * arm with Wilson score CIs, and the difference experimental − control with the unstratified
 * Miettinen–Nurminen CI, both at the descriptive level (analyses/common/confidence.ts; descriptive: no
 * multiplicity adjustment, no NI claim).
 *
 * ARD: analysis `remission-secondary`, parameter = endpoint code (TOTREM, CR, PR), visit = AVISIT.
 */
import { ard, type ArdRecord } from '../src/core/ard.ts';
import { InputError } from '../src/core/errors.ts';
import type { AdrsRecord } from '../src/adam/adrs.ts';
import { binomialCI, riskDifferenceCI } from '../src/stats/proportions.ts';
import { buildTable, type TableRow } from '../src/report/tables.ts';
import type { ReportSection } from '../src/report/html.ts';
import type { Analysis, SectionContext } from './framework.ts';
import { contrastLabel } from './framework.ts';
import { countByArm, PopulationLabel, responderTrace, subjectOutcomes, TRACE_VALUES_FOOTNOTE } from './common/responders.ts';
import { armPopulationTraces, countedGroups } from './common/analysis-sets.ts';
import { niArms } from './primary-noninferiority.ts';
import { DescriptiveLevel } from './common/confidence.ts';
import { confidenceLabel } from '../src/report/format.ts';

export const SECONDARY_ID = 'remission-secondary';

/** Endpoint code → ADRS parameter and responder rule. */
const Endpoints: readonly { code: string; label: string; paramcd: string; isResponder: (r: AdrsRecord) => boolean }[] = [
  { code: 'TOTREM', label: 'Total remission (CR or PR)', paramcd: 'TOTREM', isResponder: (r) => r.AVALC === 'Y' },
  { code: 'CR', label: 'Complete remission (CR)', paramcd: 'RENALRSP', isResponder: (r) => r.AVALC === 'CR' },
  { code: 'PR', label: 'Partial remission (PR)', paramcd: 'RENALRSP', isResponder: (r) => r.AVALC === 'PR' },
];

function sections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  const visits = ctx.plan.secondary.remissionVisits;
  if (ctx.blinding === 'open') {
    return [{ id: 'remission-secondary', title: 'Secondary remission endpoints', blocks: [{ kind: 'text', paragraphs: ['Presented by treatment group in the closed report only.'] }] }];
  }
  const exp = ctx.arms.find((a) => a.code === ctx.plan.arms.experimental[0])!;
  const ctl = ctx.arms.find((a) => a.code === ctx.plan.arms.control)!;
  const contrast = contrastLabel(exp, ctl);
  const rows: TableRow[] = [];
  for (const v of visits) {
    rows.push({ type: 'heading', label: v });
    for (const e of Endpoints) {
      rows.push({ type: 'stat', label: e.label, parameter: e.code, visit: v, kind: 'n-pct', decimals: 1, scale: 100, indent: 1 });
    }
  }
  const table = buildTable(
    {
      id: 'remission-secondary-table',
      title: 'Renal remission by visit (CN24H definition unless stated), FAS',
      analysis: SECONDARY_ID,
      population: 'FAS',
      populationLabel: PopulationLabel.FAS,
      units: 'responders n (%); difference in percentage points',
      method: `Wilson score CI per arm; Miettinen–Nurminen ${confidenceLabel(DescriptiveLevel)} for the difference`,
      headerNParameter: 'TOTREM',
      stubHeader: 'Visit / endpoint',
      columns: [
        { group: exp.label, kind: 'n-pct' },
        { group: ctl.label, kind: 'n-pct' },
        { group: contrast, label: `Difference (${confidenceLabel(DescriptiveLevel)}), pp`, showN: false, kind: 'estimate-ci' },
      ],
      rows,
      footnotes: [
        `Response definition: ${ctx.plan.response.definition}. Missing assessments and intercurrent events (rescue therapy, death, discontinuation for lack of efficacy) count as non-response.`,
        `Differences are descriptive (unstratified Miettinen–Nurminen score ${confidenceLabel(DescriptiveLevel)}); no multiplicity adjustment.`,
        TRACE_VALUES_FOOTNOTE,
      ],
    },
    ard,
  );
  return [{ id: 'remission-secondary', title: 'Secondary remission endpoints', blocks: [{ kind: 'table', table }] }];
}

export const remissionSecondary: Analysis = {
  id: SECONDARY_ID,
  needs: ['adsl', 'adrs'],
  run(input) {
    const adrs = input.adam.adrs;
    if (!adrs) throw new InputError('adrs', 'the secondary remission analysis needs ADRS');
    const [exp, ctl] = niArms(input.arms, input.plan);
    const contrast = contrastLabel(exp, ctl);
    const out: ArdRecord[] = [];
    const population = 'FAS';
    for (const visit of input.plan.secondary.remissionVisits) {
      for (const e of Endpoints) {
        const outcomes = subjectOutcomes(input.adam.adsl, adrs, { paramcd: e.paramcd, visit, population, strata: [], isResponder: e.isResponder });
        const counts = countByArm(outcomes, [exp, ctl]);
        const base = { analysis: SECONDARY_ID, population, parameter: e.code, visit };
        // Each arm's count carries its subject trace (closed report); the pooled Total carries none.
        const total = { arm: { code: 'Total', label: 'Total' }, x: counts[0].x + counts[1].x, n: counts[0].n + counts[1].n, subjects: null };
        // The header N (first visit's TOTREM) of each arm carries its population trace (closed report).
        const header = visit === input.plan.secondary.remissionVisits[0] && e.code === 'TOTREM' ? armPopulationTraces(input, population, countedGroups(counts)) : null;
        for (const c of [...counts, total]) {
          if (header !== null) {
            out.push(ard({ analysis: SECONDARY_ID, population, parameter: 'TOTREM', group: c.arm.label, statistic: 'N', value: c.n, subjects: header.get(c.arm.label) }));
          }
          out.push(ard({ ...base, group: c.arm.label, statistic: 'n', value: c.x, subjects: c.subjects === null ? undefined : responderTrace(c.subjects) }));
          out.push(ard({ ...base, group: c.arm.label, statistic: 'pct', value: c.n > 0 ? c.x / c.n : null }));
          if (c.n > 0) {
            const w = binomialCI(c.x, c.n, { method: 'wilson', level: DescriptiveLevel });
            out.push(ard({ ...base, group: c.arm.label, statistic: 'lower', value: w.lower, method: 'wilson' }));
            out.push(ard({ ...base, group: c.arm.label, statistic: 'upper', value: w.upper, method: 'wilson' }));
          }
        }
        const [ce, cc] = counts;
        if (ce.n > 0 && cc.n > 0) {
          const d = riskDifferenceCI(ce.x, ce.n, cc.x, cc.n, { method: 'miettinen-nurminen', level: DescriptiveLevel });
          for (const [statistic, value] of [['estimate', d.estimate], ['lower', d.lower], ['upper', d.upper]] as const) {
            out.push(ard({ ...base, group: contrast, statistic, value, method: 'miettinen-nurminen' }));
          }
        }
      }
    }
    return out;
  },
  sections,
};
