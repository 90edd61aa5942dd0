/**
 * A demo DSMB report built from SYNTHETIC ARD records and synthetic chart data (numbers invented for layout
 * testing; they are not trial results). Used by the report tests and by the browser test. With
 * `inject: true` hostile strings (`<script>alert(1)</script>`, `"onload=`) are planted in an AE term, a
 * table label, a chart label and therefore in the spec JSON.
 */
import type { ArdRecord } from '../../src/core/ard.ts';
import { ard } from '../../src/core/ard.ts';
import { openRecords } from '../../src/report/blinding.ts';
import type { ArmIdentifiers } from '../../src/report/blinding.ts';
import { aeDotPlotSpec } from '../../src/report/charts/ae-dot-plot.ts';
import { barChartSpec } from '../../src/report/charts/bar.ts';
import type { ConsortFlow } from '../../src/report/charts/consort.ts';
import { cumulativeIncidenceSpec } from '../../src/report/charts/cumulative-incidence.ts';
import type { ArmCurve, AtRiskCount } from '../../src/report/charts/cumulative-incidence.ts';
import { forestPlotSpec } from '../../src/report/charts/forest.ts';
import { meanByVisitSpec } from '../../src/report/charts/mean-by-visit.ts';
import type { VisitEstimate } from '../../src/report/charts/mean-by-visit.ts';
import { tippingPointSpec } from '../../src/report/charts/tipping-point.ts';
import type { TippingCell } from '../../src/report/charts/tipping-point.ts';
import type { ReportPage, ReportSection } from '../../src/report/html.ts';
import { buildTable } from '../../src/report/tables.ts';
import type { TableSpec } from '../../src/report/tables.ts';

export const XSS = '<script>alert(1)</script>';
export const ATTR_XSS = '"onload=alert(2) x="';

export const ARMS = { experimental: 'UC-MSC', control: 'MMF' } as const;
export const ARM_IDS: ArmIdentifiers = { armLabels: ['UC-MSC', 'MMF'], armCodes: ['MSC', 'MMF'] };
const ARM_LIST = [ARMS.experimental, ARMS.control];

/** Synthetic baseline + safety ARD, by arm and Total. */
export function demoArd(inject = false): ArdRecord[] {
  const r: ArdRecord[] = [];
  const groups: [string, number][] = [[ARMS.experimental, 115], [ARMS.control, 115], ['Total', 230]];
  for (const [group, N] of groups) {
    const base = { analysis: 'baseline-demographics', population: 'FAS', group };
    r.push(ard({ ...base, parameter: 'SUBJECTS', statistic: 'N', value: N }));
    const age = group === 'Total' ? 34.21 : group === ARMS.control ? 34.9 : 33.52;
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'mean', value: age }));
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'sd', value: 9.8765 }));
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'median', value: 33 }));
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'q1', value: 26.5 }));
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'q3', value: 41.25 }));
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'min', value: 18 }));
    r.push(ard({ ...base, parameter: 'AGE', statistic: 'max', value: 64 }));
    const female = group === 'Total' ? 198 : group === ARMS.control ? 100 : 98;
    r.push(ard({ ...base, parameter: 'SEX', category: 'F', statistic: 'n', value: female }));
    r.push(ard({ ...base, parameter: 'SEX', category: 'F', statistic: 'pct', value: female / N }));
    r.push(ard({ ...base, parameter: 'SEX', category: 'M', statistic: 'n', value: N - female }));
    r.push(ard({ ...base, parameter: 'SEX', category: 'M', statistic: 'pct', value: (N - female) / N }));
    // LN class VI: nobody (zero count must show "0 (0.0 %)").
    r.push(ard({ ...base, parameter: 'LNCLASS', category: 'VI', statistic: 'n', value: 0 }));
    r.push(ard({ ...base, parameter: 'LNCLASS', category: 'VI', statistic: 'pct', value: 0 }));
    // eGFR median not available for the control arm (shown as "–" with a footnote).
    r.push(ard({ ...base, parameter: 'EGFR', statistic: 'median', value: group === ARMS.control ? null : 88.4 }));
    r.push(ard({ ...base, parameter: 'EGFR', statistic: 'q1', value: 70.25 }));
    r.push(ard({ ...base, parameter: 'EGFR', statistic: 'q3', value: 104.75 }));
    const term = inject ? `Rash ${XSS}` : 'Rash';
    const sbase = { analysis: 'safety-teae', population: 'SAF', group };
    r.push(ard({ ...sbase, parameter: 'SUBJECTS', statistic: 'N', value: N }));
    r.push(ard({ ...sbase, parameter: 'AEDECOD', category: term, statistic: 'n', value: group === 'Total' ? 9 : group === ARMS.control ? 5 : 4 }));
    r.push(ard({ ...sbase, parameter: 'AEDECOD', category: term, statistic: 'pct', value: (group === 'Total' ? 9 : group === ARMS.control ? 5 : 4) / N }));
  }
  // Treatment contrast (closed only).
  r.push(ard({ analysis: 'primary-noninferiority', population: 'FAS', parameter: 'TOTREM', visit: 'Week 24', group: 'UC-MSC - MMF', statistic: 'estimate', value: -0.0522, method: 'miettinen-nurminen' }));
  return r;
}

function baselineTableSpec(arms: readonly string[], inject: boolean): TableSpec {
  return {
    id: 'baseline-demographics',
    title: 'Baseline demographics',
    analysis: 'baseline-demographics',
    population: 'FAS',
    populationLabel: 'Full analysis set (FAS)',
    units: 'Age in years; eGFR in mL/min/1.73 m²',
    method: 'Descriptive statistics; quartiles by SAS definition 5.',
    headerNParameter: 'SUBJECTS',
    stubHeader: 'Characteristic',
    columns: [...arms.map((a) => ({ group: a })), { group: 'Total' }],
    rows: [
      { type: 'heading', label: 'Age (years)' },
      { type: 'stat', label: 'Mean (SD)', parameter: 'AGE', kind: 'mean-sd', decimals: 1, indent: 1 },
      { type: 'stat', label: 'Median (Q1–Q3)', parameter: 'AGE', kind: 'median-iqr', decimals: 1, indent: 1 },
      { type: 'stat', label: 'Min–max', parameter: 'AGE', kind: 'min-max', decimals: 0, indent: 1 },
      { type: 'heading', label: inject ? `Sex ${ATTR_XSS}` : 'Sex, n (%)' },
      { type: 'stat', label: 'Female', parameter: 'SEX', category: 'F', kind: 'n-pct', indent: 1 },
      { type: 'stat', label: 'Male', parameter: 'SEX', category: 'M', kind: 'n-pct', indent: 1 },
      { type: 'stat', label: 'LN class VI, n (%)', parameter: 'LNCLASS', category: 'VI', kind: 'n-pct' },
      { type: 'stat', label: 'eGFR, median (Q1–Q3)', parameter: 'EGFR', kind: 'median-iqr', decimals: 1 },
    ],
    footnotes: ['Percentages use the number of subjects in the column (N) as denominator.'],
  };
}

function aeTableSpec(arms: readonly string[], inject: boolean): TableSpec {
  const term = inject ? `Rash ${XSS}` : 'Rash';
  return {
    id: 'safety-teae',
    title: 'Treatment-emergent adverse events by preferred term',
    analysis: 'safety-teae',
    population: 'SAF',
    method: 'Subjects counted once per preferred term (MedDRA).',
    headerNParameter: 'SUBJECTS',
    stubHeader: 'Preferred term',
    columns: [...arms.map((a) => ({ group: a })), { group: 'Total' }],
    rows: [{ type: 'stat', label: term, parameter: 'AEDECOD', category: term, kind: 'n-pct' }],
  };
}

function curves(arms: readonly string[]): { curves: ArmCurve[]; atRisk: AtRiskCount[] } {
  const out: ArmCurve[] = [];
  const atRisk: AtRiskCount[] = [];
  arms.forEach((arm, a) => {
    const points = [{ time: 0, estimate: 0, lower: 0, upper: 0 }];
    let f = 0;
    for (let t = 2; t <= 24; t += 2) {
      f = Math.min(0.95, f + (0.045 - a * 0.006) * (1 - t / 60));
      points.push({ time: t, estimate: f, lower: Math.max(0, f - 0.07), upper: Math.min(1, f + 0.07) });
    }
    out.push({ arm, points, censorTimes: [5, 11, 17, 23] });
    for (const t of [0, 4, 8, 12, 16, 20, 24]) atRisk.push({ arm, time: t, n: Math.round(115 * (arms.length === 1 ? 2 : 1) * (1 - t / 40)) });
  });
  return { curves: out, atRisk };
}

function visitMeans(arms: readonly string[]): VisitEstimate[] {
  const visits: [string, number][] = [['Baseline', 0], ['Week 4', 4], ['Week 12', 12], ['Week 24', 24]];
  return arms.flatMap((arm, a) =>
    visits.map(([visit, visitNumber], v) => {
      const mean = 3.2 * Math.exp(-0.35 * v) * (1 + 0.12 * a);
      return { visit, visitNumber, arm, mean, lower: mean * 0.78, upper: mean * 1.28 };
    }),
  );
}

function tippingCells(): TippingCell[] {
  const cells: TippingCell[] = [];
  for (let x = 0; x <= 12; x++) {
    for (let y = 0; y <= 10; y++) {
      const lower = -0.2 + 0.011 * y - 0.009 * x + 0.06;
      cells.push({ x, y, lowerBound: lower, nonInferior: lower > -0.15 });
    }
  }
  return cells;
}

function consortFlow(arms: readonly string[]): ConsortFlow {
  const byArm = arms.length > 1;
  return {
    title: 'Participant flow',
    stages: [
      { boxes: [{ lines: ['Assessed for eligibility (n = 262)'], exclusion: ['Excluded (n = 32)', 'Not meeting inclusion criteria (n = 25)', 'Declined to participate (n = 7)'] }] },
      { boxes: [{ lines: ['Randomised (n = 230)', 'Stratified by LN class'] }] },
      {
        boxes: byArm
          ? arms.map((a) => ({ lines: [`Allocated to ${a} (n = 115)`, 'Received allocated treatment (n = 113)'], exclusion: ['Discontinued (n = 6)', 'Adverse event (n = 3)', 'Withdrew consent (n = 3)'] }))
          : [{ lines: ['Treated (n = 226)'], exclusion: ['Discontinued (n = 12)', 'Adverse event (n = 6)'] }],
      },
      { boxes: (byArm ? arms : ['All']).map(() => ({ lines: ['Completed week 24 (n = ' + (byArm ? 107 : 214) + ')'] })) },
    ],
  };
}

/** The demo page: closed (by arm) or open (pooled, built only from `openRecords`). */
export function demoPage(blinding: 'open' | 'closed', inject = false): ReportPage {
  const closed = blinding === 'closed';
  const records = closed ? demoArd(inject) : openRecords(demoArd(inject), ARM_IDS);
  const cols = closed ? ARM_LIST : [];
  const seriesArms = closed ? ARM_LIST : ['All subjects'];
  const ki = curves(seriesArms);
  const aeTerm = inject ? `Rash ${XSS} ${ATTR_XSS}` : 'Rash';
  const sections: ReportSection[] = [
    {
      id: 'disposition',
      title: 'Disposition',
      blocks: [
        { kind: 'consort', id: 'consort', title: 'CONSORT flow', flow: consortFlow(seriesArms) },
        { kind: 'chart', id: 'enrolment', title: 'Enrolment by site', spec: barChartSpec({ bars: [1, 2, 3, 4, 5].map((s) => ({ category: `Site 0${s}`, value: 60 - s * 8 })), valueTitle: 'Subjects randomised', valueFormat: 'd' }) },
      ],
    },
    {
      id: 'baseline',
      title: 'Baseline characteristics',
      blocks: [{ kind: 'table', table: buildTable(baselineTableSpec(cols, inject), records) }],
    },
    {
      id: 'efficacy',
      title: 'Efficacy',
      blocks: [
        { kind: 'text', paragraphs: ['Synthetic demonstration data; these are not trial results.'] },
        { kind: 'chart', id: 'time-to-remission', title: 'Time to complete remission', spec: cumulativeIncidenceSpec({ arms: seriesArms, ...ki, xTitle: 'Weeks since randomisation', yTitle: 'Cumulative incidence of CR', timeTicks: [0, 4, 8, 12, 16, 20, 24], timeMax: 24 }) },
        { kind: 'chart', id: 'upcr-by-visit', title: 'UPCR by visit', spec: meanByVisitSpec({ arms: seriesArms, points: visitMeans(seriesArms), yTitle: 'UPCR (g/g), geometric mean', geometric: true, xTitle: 'Visit' }) },
        ...(closed
          ? [
              { kind: 'chart' as const, id: 'forest', title: 'Non-inferiority: total remission at week 24', spec: forestPlotSpec({ margin: 0.15, level: 0.95, rows: [
                { label: 'Primary (non-responder imputation)', estimate: -0.0522, lower: -0.1403, upper: 0.0371, group: 'FAS' },
                { label: 'Primary (non-responder imputation)', estimate: -0.0402, lower: -0.1311, upper: 0.0507, group: 'PP' },
                { label: 'Observed case', estimate: -0.031, lower: -0.1255, upper: 0.0635, group: 'FAS' },
                { label: inject ? `Unstratified ${XSS}` : 'Unstratified', estimate: -0.05, lower: -0.139, upper: 0.039, group: 'FAS' },
              ] }) },
              { kind: 'chart' as const, id: 'tipping-point', title: 'Tipping-point analysis', spec: tippingPointSpec({ cells: tippingCells(), margin: 0.15, level: 0.95, xTitle: `Responders imputed among missing, ${ARMS.control}`, yTitle: `Responders imputed among missing, ${ARMS.experimental}` }) },
            ]
          : []),
      ],
    },
    {
      id: 'safety',
      title: 'Safety',
      blocks: [
        { kind: 'table', table: buildTable(aeTableSpec(cols, inject), records) },
        ...(closed
          ? [{ kind: 'chart' as const, id: 'ae-dot', title: 'Most frequent adverse events', spec: aeDotPlotSpec({ arms: ARM_LIST, differenceTitle: `Risk difference ${ARMS.experimental} − ${ARMS.control} (pp, 95 % CI)`, rows: [
              { term: aeTerm, incidence: [{ arm: ARMS.experimental, proportion: 4 / 115 }, { arm: ARMS.control, proportion: 5 / 115 }], difference: { estimate: -1 / 115, lower: -0.06, upper: 0.042 } },
              { term: 'Upper respiratory tract infection', incidence: [{ arm: ARMS.experimental, proportion: 0.21 }, { arm: ARMS.control, proportion: 0.28 }], difference: { estimate: -0.07, lower: -0.18, upper: 0.04 } },
              { term: 'Leukopenia', incidence: [{ arm: ARMS.experimental, proportion: 0.03 }, { arm: ARMS.control, proportion: 0.12 }], difference: { estimate: -0.09, lower: -0.16, upper: -0.02 } },
            ] }) }]
          : [{ kind: 'chart' as const, id: 'ae-grade', title: 'Adverse events by worst grade', spec: barChartSpec({ bars: [1, 2, 3, 4, 5].map((g) => ({ category: `Grade ${g}`, value: [61, 40, 18, 4, 1][g - 1] })), valueTitle: 'Subjects', valueFormat: 'd' }) }]),
      ],
    },
  ];
  return {
    title: 'Synthetic DSMB report (demonstration)',
    subtitle: 'Demonstration data for layout testing',
    blinding,
    dataCut: '2021-06-01',
    snapshotId: 'demo-001',
    programVersions: 'remit 0.1.0',
    sections,
  };
}
