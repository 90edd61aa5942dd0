/**
 * Exposure to study treatment by actual arm and Total, safety set (domain.md §7.5; ICH E3 §12.1).
 *
 * From ADSL only (generic over any ADaM):
 * - TRTDUR: days on study treatment = TRTDURD when the data carry it (CDISC pilot TRTDUR), else
 *   TRTEDT − TRTSDT + 1 (calendar days, both dates complete; null when either is missing);
 * - CUMDOSE (cumulative dose) and AVGDD (average daily dose) when the data carry them (units per the study's
 *   define.xml; e.g. mg for the CDISC pilot).
 * - remit's ADSL exposure variables (src/adam/exposure.ts), when present: infusion given (INFUSFL), days with
 *   oral study drug (ORALDURD) and oral adherence (ORALCOMP) in both reports; the UC-MSC dose in 10^6 cells/kg
 *   (CELLDOSE) and the cumulative oral dose (ORALDOSE) in the closed report only: who has a cell dose, and
 *   whose oral dose is 0, is the treatment assignment.
 *
 * ARD: analysis "exposure", population "SAF", header N parameter "SUBJECTS"; continuous statistics per
 * parameter (src/tables/summarize-continuous.ts) and a pooled `label` record per parameter. Closed-report
 * traces: the header N (the safety set by actual arm, src/tables/population-trace.ts) and the infusion count
 * (the subjects infused, and the rest of the column with their INFUSFL).
 */
import type { ArdRecord } from '../src/core/ard.ts';
import { ard } from '../src/core/ard.ts';
import type { GenericAdslRecord } from '../src/adam/read-adam.ts';
import type { ReportSection } from '../src/report/html.ts';
import { buildTable, type TableRow } from '../src/report/tables.ts';
import type { AdamInput } from '../src/tables/adam-input.ts';
import { distinctValues, findRecord } from '../src/tables/ard-lookup.ts';
import { countSubjectSet, headerNRecords } from '../src/tables/count-subjects.ts';
import { populationGroups, TOTAL } from '../src/tables/population-groups.ts';
import { populationTraces, SafetySet } from '../src/tables/population-trace.ts';
import { summarizeContinuous } from '../src/tables/summarize-continuous.ts';
import { groupColumns } from '../src/tables/table-columns.ts';
import type { Analysis, SectionContext } from './framework.ts';

export const EXPOSURE_ANALYSIS = 'exposure';
const POP = 'SAF';

const DAY_MS = 86_400_000;

/** Whole days from ISO date a to b (b − a), or null when either is not YYYY-MM-DD. */
function daysBetween(a: string | null, b: string | null): number | null {
  if (a === null || b === null || !/^\d{4}-\d{2}-\d{2}$/.test(a) || !/^\d{4}-\d{2}-\d{2}$/.test(b)) return null;
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Days on study treatment (see the module note). @example treatmentDays({ TRTSDT: '2020-01-01', TRTEDT: '2020-01-31' }) // => 31 */
export function treatmentDays(s: Pick<GenericAdslRecord, 'TRTSDT' | 'TRTEDT'> & { TRTDURD?: number | null }): number | null {
  if (s.TRTDURD !== null && s.TRTDURD !== undefined) return s.TRTDURD;
  const d = daysBetween(s.TRTSDT, s.TRTEDT);
  return d === null || d < 0 ? null : d + 1;
}

interface ExposureParameter {
  parameter: string;
  label: string;
  value: (s: GenericAdslRecord) => number | null;
  /**
   * Shown in the closed report only: its values (or which subjects have one) reveal the arm. Such a
   * parameter is arm-specific (the active product of one arm; placebo gives none or 0), so it has no Total:
   * pooling MMF doses with placebo zeros, or repeating the one arm with cells, describes no dose given.
   */
  closedOnly?: boolean;
}

const Parameters: readonly ExposureParameter[] = [
  { parameter: 'TRTDUR', label: 'Duration of study treatment (days)', value: treatmentDays },
  { parameter: 'ORALDURD', label: 'Days with oral study drug (active or placebo tablets)', value: (s) => s.ORALDURD ?? null },
  { parameter: 'ORALCOMP', label: 'Oral treatment adherence (% of planned days)', value: (s) => s.ORALCOMP ?? null },
  { parameter: 'CELLDOSE', label: 'UC-MSC dose delivered (10^6 cells/kg)', value: (s) => s.CELLDOSE ?? null, closedOnly: true },
  { parameter: 'ORALDOSE', label: 'Cumulative oral dose (g; placebo tablets 0)', value: (s) => s.ORALDOSE ?? null, closedOnly: true },
  { parameter: 'CUMDOSE', label: 'Cumulative dose (study units)', value: (s) => s.CUMDOSE ?? null },
  { parameter: 'AVGDD', label: 'Average daily dose (study units)', value: (s) => s.AVGDD ?? null },
];

/** Parameters that must not appear in the open report. */
const ClosedOnlyParameters: ReadonlySet<string> = new Set(Parameters.filter((p) => p.closedOnly).map((p) => p.parameter));

/** ARD records of the exposure table. */
export function computeExposure(input: AdamInput): ArdRecord[] {
  const adsl = input.adam.adsl;
  const g = populationGroups(adsl, input.arms, 'actual', (s) => s.SAFFL === 'Y');
  const key = { analysis: EXPOSURE_ANALYSIS, population: POP };
  const out: ArdRecord[] = headerNRecords({ ...key, parameter: 'SUBJECTS' }, g.groups, populationTraces(adsl, input.arms, g.groups, SafetySet));
  // Infusion given (double dummy: UC-MSC or placebo infusion), when ADSL carries INFUSFL. Labels shown in the
  // open report name no arm (the blinding filter drops any record whose text does).
  if (adsl.some((s) => s.INFUSFL === 'Y' || s.INFUSFL === 'N')) {
    out.push(ard({ ...key, parameter: 'INFUSFL', statistic: 'label', value: 'Study infusion given (active or placebo)' }));
    const infusion = new Map(adsl.map((s) => [s.USUBJID, { reason: `ADSL INFUSFL = ${s.INFUSFL ?? 'empty'}` }]));
    out.push(...countSubjectSet(new Set(adsl.filter((s) => s.INFUSFL === 'Y').map((s) => s.USUBJID)), g.groups, { ...key, parameter: 'INFUSFL', category: 'Y' }, infusion, infusion));
  }
  for (const p of Parameters) {
    const values = new Map(adsl.map((s) => [s.USUBJID, p.value(s)]));
    if (p.parameter !== 'TRTDUR' && ![...values.values()].some((v) => v !== null)) continue;
    out.push(ard({ ...key, parameter: p.parameter, statistic: 'label', value: p.label }));
    const summary = summarizeContinuous(values, g.groups, { ...key, parameter: p.parameter });
    out.push(...(p.closedOnly ? summary.filter((r) => r.group !== TOTAL) : summary));
  }
  return out;
}

/** Report section: exposure table. */
export function exposureSections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  const own = ard.filter((r) => r.analysis === EXPOSURE_ANALYSIS);
  if (own.length === 0) return [];
  const shown = distinctValues(own, { statistic: 'label' }, 'parameter').filter((p) => ctx.blinding === 'closed' || !ClosedOnlyParameters.has(p));
  const rows: TableRow[] = shown.flatMap((parameter): TableRow[] => parameter === 'INFUSFL' ? [
    { type: 'stat', label: String(findRecord(own, { parameter, statistic: 'label' })?.value ?? parameter), parameter, category: 'Y', kind: 'n-pct' },
  ] : [
    { type: 'heading', label: String(findRecord(own, { parameter, statistic: 'label' })?.value ?? parameter) },
    { type: 'stat', label: 'n', parameter, kind: 'n', indent: 1 },
    { type: 'stat', label: 'Mean (SD)', parameter, kind: 'mean-sd', decimals: 1, indent: 1 },
    { type: 'stat', label: 'Median (Q1–Q3)', parameter, kind: 'median-iqr', decimals: 1, indent: 1 },
    { type: 'stat', label: 'Min–max', parameter, kind: 'min-max', decimals: 1, indent: 1 },
  ]);
  const table = buildTable(
    {
      id: 'exposure',
      title: 'Exposure to study treatment',
      analysis: EXPOSURE_ANALYSIS,
      population: POP,
      populationLabel: 'Safety set, by actual treatment',
      units: 'as stated with each parameter; infusion given: subjects n (%)',
      method: 'Descriptive statistics; quartiles by SAS QNTLDEF=5',
      headerNParameter: 'SUBJECTS',
      columns: groupColumns(ctx.arms.map((a) => a.label), ctx.blinding),
      rows,
      footnotes: [
        'Duration = last − first date of study treatment + 1 (ADSL TRTEDT, TRTSDT), or ADSL TRTDURD when present.',
        ...(own.some((r) => r.parameter === 'ORALCOMP')
          ? ['Oral adherence = days with oral study drug (EX records taken daily) within the planned period ÷ days of that period × 100, the period running from the first oral dose to the earliest of end of study, the data cut and the planned treatment length (primary visit target day); at most 100 %. Oral treatment still ongoing (EX record without EXENDTC) is taken up to the earlier of end of study and the data cut. EX carries no returned-tablet counts.']
          : []),
        ...(ctx.blinding === 'closed' && own.some((r) => r.parameter === 'CELLDOSE')
          ? [
            'UC-MSC dose: sum of EX doses in 10^6 cells/kg (planned 2); cumulative oral dose: daily dose × days of each oral EX record (MMF 2 g/day planned; placebo tablets 0).',
            `${TOTAL}: not given (–) for the UC-MSC dose and the cumulative oral dose: each is the active product of one arm, so a pooled summary would mix active doses with placebo (none or 0).`,
          ]
          : []),
      ],
      stubHeader: 'Parameter',
    },
    own,
  );
  return [{ id: 'exposure', title: 'Exposure', blocks: [{ kind: 'table', table }] }];
}

export const exposureAnalysis: Analysis = {
  id: 'exposure',
  needs: ['adsl'],
  run: (input) => computeExposure(input),
  sections: exposureSections,
};
