/**
 * Baseline demographics and disease characteristics by arm and Total (domain.md §7.4; ICH E3 §11.2).
 *
 * Population: the full analysis set (ADSL FASFL = 'Y') by planned arm; the ITT set (ITTFL) when the data have
 * no FASFL (e.g. an external ADaM such as the CDISC pilot). Percentages use the N of the population per arm;
 * subjects without a value are counted in a "Missing" row (categorical) or in `nmiss` (continuous).
 *
 * Variables (each only when present in the data, so the same code runs on any ADaM):
 * - ADSL continuous: AGE, WEIGHTBL, HEIGHTBL, BMIBL; categorical: SEX, RACE, ETHNIC, LNCLASS, STRATUM.
 * - Baseline values (ABLFL = 'Y', the first such record per subject and parameter) of ADLB PARAMCDs PROT
 *   (24-h urine protein), PROTCRT (UPCR), CREAT, EGFR, ALB, C3, C4, DSDNA and ADQS SLEDAI (SLEDAI-2K),
 *   BILAGTOT (BILAG-2004 total); labels with units and decimals as in the by-visit tables
 *   (./common/parameter-display.ts), else PARAM.
 * Continuous: n, mean (SD), median (Q1–Q3) with SAS QNTLDEF=5 quartiles, min–max (src/stats/descriptive.ts).
 *
 * ARD: analysis "baseline-characteristics"; parameter = ADSL variable or PARAMCD; a pooled `label` record
 * (group null) per variable gives the row label and the display order; `type` = "continuous" |
 * "categorical"; header N: parameter "SUBJECTS", statistic "N". Closed-report traces: the header N lists the
 * subjects of the set and the randomised subjects of the arm left out (src/tables/population-trace.ts), every
 * categorical count the subjects with that value ("ADSL SEX = F", "ADSL SEX missing").
 */
import type { ArdRecord } from '../src/core/ard.ts';
import { ard } from '../src/core/ard.ts';
import type { GenericAdslRecord, GenericBdsRecord } from '../src/adam/read-adam.ts';
import type { ReportSection } from '../src/report/html.ts';
import { buildTable, type TableRow } from '../src/report/tables.ts';
import type { AdamInput } from '../src/tables/adam-input.ts';
import { distinctValues, findNumber, findRecord } from '../src/tables/ard-lookup.ts';
import { headerNRecords } from '../src/tables/count-subjects.ts';
import { populationGroups, TOTAL, type PopulationGroups } from '../src/tables/population-groups.ts';
import { FullAnalysisSet, populationTraces, RandomisedSet } from '../src/tables/population-trace.ts';
import { MISSING_LEVEL, summarizeCategorical } from '../src/tables/summarize-categorical.ts';
import { summarizeContinuous } from '../src/tables/summarize-continuous.ts';
import { groupColumns } from '../src/tables/table-columns.ts';
import { LabLabels, valueDecimals } from './common/parameter-display.ts';
import type { Analysis, SectionContext } from './framework.ts';

export const BASELINE_ANALYSIS = 'baseline-characteristics';
const HEADER = 'SUBJECTS';

type NumericAdslVar = 'AGE' | 'WEIGHTBL' | 'HEIGHTBL' | 'BMIBL';
type TextAdslVar = 'SEX' | 'RACE' | 'ETHNIC' | 'LNCLASS' | 'STRATUM';

const ContinuousAdsl: readonly { variable: NumericAdslVar; label: string }[] = [
  { variable: 'AGE', label: 'Age (years)' },
  { variable: 'WEIGHTBL', label: 'Weight (kg)' },
  { variable: 'HEIGHTBL', label: 'Height (cm)' },
  { variable: 'BMIBL', label: 'Body-mass index (kg/m²)' },
];
const CategoricalAdsl: readonly { variable: TextAdslVar; label: string; order?: readonly string[] }[] = [
  { variable: 'SEX', label: 'Sex', order: ['F', 'M'] },
  { variable: 'RACE', label: 'Race' },
  { variable: 'ETHNIC', label: 'Ethnicity' },
  { variable: 'LNCLASS', label: 'Lupus nephritis class (ISN/RPS)' },
  { variable: 'STRATUM', label: 'Randomisation stratum' },
];
/**
 * Baseline BDS parameters, display order. Labels and decimals are those of the by-visit tables
 * (./common/parameter-display.ts), so a parameter reads the same in every table; a parameter without a
 * display label keeps its ADaM PARAM.
 */
const BaselineParams: readonly { dataset: 'adlb' | 'adqs'; paramcd: string }[] = [
  { dataset: 'adlb', paramcd: 'PROT' },
  { dataset: 'adlb', paramcd: 'PROTCRT' },
  { dataset: 'adlb', paramcd: 'CREAT' },
  { dataset: 'adlb', paramcd: 'EGFR' },
  { dataset: 'adlb', paramcd: 'ALB' },
  { dataset: 'adlb', paramcd: 'C3' },
  { dataset: 'adlb', paramcd: 'C4' },
  { dataset: 'adlb', paramcd: 'DSDNA' },
  { dataset: 'adqs', paramcd: 'SLEDAI' },
  { dataset: 'adqs', paramcd: 'BILAGTOT' },
];
const Decimals: Readonly<Record<string, number>> = Object.fromEntries(BaselineParams.map((p) => [p.paramcd, valueDecimals(p.paramcd)]));

/** FAS when the data carry FASFL, else ITT. */
export function baselinePopulation(adsl: readonly GenericAdslRecord[]): 'FAS' | 'ITT' {
  return adsl.some((s) => s.FASFL !== null && s.FASFL !== undefined) ? 'FAS' : 'ITT';
}

function meta(population: string, parameter: string, label: string, type: 'continuous' | 'categorical'): ArdRecord[] {
  return [
    ard({ analysis: BASELINE_ANALYSIS, population, parameter, statistic: 'label', value: label }),
    ard({ analysis: BASELINE_ANALYSIS, population, parameter, statistic: 'type', value: type }),
  ];
}

/** Baseline AVAL per subject for one PARAMCD (first ABLFL = 'Y' record in input order). */
export function baselineValues(records: readonly GenericBdsRecord[], paramcd: string): { values: Map<string, number | null>; label: string | null } {
  const values = new Map<string, number | null>();
  let label: string | null = null;
  for (const r of records) {
    if (r.PARAMCD !== paramcd || r.ABLFL !== 'Y' || values.has(r.USUBJID)) continue;
    values.set(r.USUBJID, r.AVAL);
    label ??= r.PARAM;
  }
  return { values, label };
}

function adslRows(input: AdamInput, pop: string, g: PopulationGroups): ArdRecord[] {
  const out: ArdRecord[] = [];
  const adsl = input.adam.adsl;
  for (const c of ContinuousAdsl) {
    if (!adsl.some((s) => s[c.variable] !== null && s[c.variable] !== undefined)) continue;
    out.push(...meta(pop, c.variable, c.label, 'continuous'));
    out.push(...summarizeContinuous(new Map(adsl.map((s) => [s.USUBJID, s[c.variable] ?? null])), g.groups, { analysis: BASELINE_ANALYSIS, population: pop, parameter: c.variable }));
  }
  for (const c of CategoricalAdsl) {
    if (!adsl.some((s) => s[c.variable] !== null && s[c.variable] !== undefined)) continue;
    out.push(...meta(pop, c.variable, c.label, 'categorical'));
    const values = new Map(adsl.map((s) => [s.USUBJID, s[c.variable] ?? null]));
    out.push(...summarizeCategorical(values, g.groups, { analysis: BASELINE_ANALYSIS, population: pop, parameter: c.variable }, { order: c.order?.filter((l) => [...values.values()].includes(l)), traceAs: `ADSL ${c.variable}` }).records);
  }
  return out;
}

/** ARD records of the baseline table (see the module note). */
export function computeBaseline(input: AdamInput): ArdRecord[] {
  const pop = baselinePopulation(input.adam.adsl);
  const flag = pop === 'FAS' ? 'FASFL' : 'ITTFL';
  const g = populationGroups(input.adam.adsl, input.arms, 'planned', (s) => s[flag] === 'Y');
  const traces = populationTraces(input.adam.adsl, input.arms, g.groups, pop === 'FAS' ? FullAnalysisSet : RandomisedSet);
  const out: ArdRecord[] = [...headerNRecords({ analysis: BASELINE_ANALYSIS, population: pop, parameter: HEADER }, g.groups, traces), ...adslRows(input, pop, g)];
  for (const p of BaselineParams) {
    const records = input.adam[p.dataset];
    if (records === undefined) continue;
    const { values, label } = baselineValues(records, p.paramcd);
    if (label === null && values.size === 0) continue;
    out.push(...meta(pop, p.paramcd, LabLabels[p.paramcd] ?? label ?? p.paramcd, 'continuous'));
    out.push(...summarizeContinuous(values, g.groups, { analysis: BASELINE_ANALYSIS, population: pop, parameter: p.paramcd }));
  }
  return out;
}

function rowsFor(ard: readonly ArdRecord[], pop: string, parameter: string): TableRow[] {
  const label = String(findRecord(ard, { analysis: BASELINE_ANALYSIS, population: pop, parameter, statistic: 'label' })?.value ?? parameter);
  const type = findRecord(ard, { analysis: BASELINE_ANALYSIS, population: pop, parameter, statistic: 'type' })?.value;
  const rows: TableRow[] = [{ type: 'heading', label }];
  if (type === 'continuous') {
    const d = Decimals[parameter] ?? 1;
    rows.push(
      { type: 'stat', label: 'n', parameter, kind: 'n', indent: 1 },
      { type: 'stat', label: 'Mean (SD)', parameter, kind: 'mean-sd', decimals: d, indent: 1 },
      { type: 'stat', label: 'Median (Q1–Q3)', parameter, kind: 'median-iqr', decimals: d, indent: 1 },
      { type: 'stat', label: 'Min–max', parameter, kind: 'min-max', decimals: d, indent: 1 },
    );
    if ((findNumber(ard, { analysis: BASELINE_ANALYSIS, population: pop, parameter, group: TOTAL, statistic: 'nmiss' }) ?? 0) > 0) {
      rows.push({ type: 'stat', label: 'Missing', parameter, kind: 'value', statistic: 'nmiss', decimals: 0, indent: 1 });
    }
    return rows;
  }
  for (const level of distinctValues(ard, { analysis: BASELINE_ANALYSIS, population: pop, parameter, group: TOTAL, statistic: 'n' }, 'category')) {
    if (level === MISSING_LEVEL && (findNumber(ard, { analysis: BASELINE_ANALYSIS, population: pop, parameter, category: level, group: TOTAL, statistic: 'n' }) ?? 0) === 0) continue;
    rows.push({ type: 'stat', label: level, parameter, category: level, kind: 'n-pct', indent: 1 });
  }
  return rows;
}

/** Report section: one table, arms + Total (closed) or Total only (open). */
export function baselineSections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  const own = ard.filter((r) => r.analysis === BASELINE_ANALYSIS);
  const pop = distinctValues(own, { statistic: 'N' }, 'population')[0];
  if (pop === undefined) return [];
  const parameters = distinctValues(own, { population: pop, statistic: 'label' }, 'parameter');
  const table = buildTable(
    {
      id: 'baseline-characteristics',
      title: 'Demographics and baseline disease characteristics',
      analysis: BASELINE_ANALYSIS,
      population: pop,
      populationLabel: pop === 'FAS' ? 'Full analysis set (FAS), by randomised arm' : 'Intention-to-treat set (ITT; no FAS flag in the data), by randomised arm',
      units: 'n (%) of subjects; continuous variables in the units of their label',
      method: 'Descriptive statistics; quartiles by SAS QNTLDEF=5',
      headerNParameter: HEADER,
      columns: groupColumns(ctx.arms.map((a) => a.label), ctx.blinding),
      rows: parameters.flatMap((p) => rowsFor(own, pop, p)),
      footnotes: [
        'Percentages use the number of subjects of the analysis set in the column (N) as denominator; "Missing" counts subjects without a value.',
        'Laboratory and disease-activity values are the baseline records (ABLFL = "Y").',
      ],
      stubHeader: 'Characteristic',
    },
    own,
  );
  return [{ id: 'baseline', title: 'Baseline characteristics', blocks: [{ kind: 'table', table }] }];
}

/** The baseline analysis (needs ADSL; uses ADLB/ADQS when present). */
export const baselineAnalysis: Analysis = {
  id: 'baseline',
  needs: ['adsl'],
  run: (input) => computeBaseline(input),
  sections: baselineSections,
};
