/**
 * Subject disposition by randomised arm and Total (domain.md §7.2; CONSORT 2010 flow, Schulz et al. BMJ 2010)
 * and the data of the CONSORT flow figure (src/report/charts/consort.ts).
 *
 * Rows (population: randomised = ADSL ITTFL = 'Y', by planned arm; denominators = randomised N per arm):
 * - RANDOMIZED; TREATED (TRTSDT present, or SAFFL = 'Y' when the data have no TRTSDT);
 * - COMPLETED: EOSSTT = 'COMPLETED' (when the data have no EOSSTT, ADaMIG 1.0 DCDECOD = 'COMPLETED');
 *   for this trial the study ends at the primary visit, so completion = completed week 24;
 * - DISCONTINUED (EOSSTT = 'DISCONTINUED', or a DCDECOD other than COMPLETED) with one row per reason
 *   (DCSREAS, else DCDECOD), reasons by descending Total count then alphabetically;
 * - ONGOING (EOSSTT = 'ONGOING' or no status): shown when any;
 * - analysis sets ITT, FAS, PP, SAF: number of subjects with the flag 'Y' (value null, shown "–", when the
 *   data do not carry the flag, e.g. FASFL/PPROTFL in the CDISC pilot).
 * Subjects in ADSL but not randomised (ITTFL ≠ 'Y'): pooled record NOT_RANDOMIZED (group null).
 *
 * ARD: analysis "disposition", population "ITT"; header N parameter "RANDOMIZED" (statistic "N"), traced to
 * the randomised subjects of each arm (closed report), as is the "Randomised" row, which the report then
 * refers to the header.
 */
import type { ArdRecord } from '../src/core/ard.ts';
import { ard } from '../src/core/ard.ts';
import type { GenericAdslRecord } from '../src/adam/read-adam.ts';
import type { ConsortBox, ConsortFlow } from '../src/report/charts/consort.ts';
import type { ReportSection } from '../src/report/html.ts';
import { buildTable, type TableRow } from '../src/report/tables.ts';
import type { AdamInput } from '../src/tables/adam-input.ts';
import { distinctValues, findNumber } from '../src/tables/ard-lookup.ts';
import { countSubjectSet, headerNRecords, type SubjectReasons } from '../src/tables/count-subjects.ts';
import { compareFrequency } from '../src/tables/ae-by-soc-pt.ts';
import { populationGroups, TOTAL } from '../src/tables/population-groups.ts';
import { notDosedReason, populationTraces, RandomisedSet } from '../src/tables/population-trace.ts';
import { groupColumns } from '../src/tables/table-columns.ts';
import type { Analysis, SectionContext } from './framework.ts';

export const DISPOSITION_ANALYSIS = 'disposition';
const POP = 'ITT';

type Status = 'COMPLETED' | 'DISCONTINUED' | 'ONGOING';

/** End-of-study status and reason of a subject (see the module note). */
export function endOfStudy(s: GenericAdslRecord): { status: Status; reason: string | null } {
  const eos = s.EOSSTT?.trim().toUpperCase() ?? null;
  if (eos === 'COMPLETED') return { status: 'COMPLETED', reason: null };
  if (eos === 'DISCONTINUED') return { status: 'DISCONTINUED', reason: s.DCSREAS ?? s.DCDECOD ?? 'Reason not recorded' };
  if (eos !== null) return { status: 'ONGOING', reason: null };
  const dc = s.DCDECOD?.trim().toUpperCase() ?? null;
  if (dc === null || dc === '') return { status: 'ONGOING', reason: null };
  if (dc === 'COMPLETED') return { status: 'COMPLETED', reason: null };
  return { status: 'DISCONTINUED', reason: s.DCSREAS ?? s.DCDECOD ?? null };
}

const Sets = [
  { code: 'ITT', flag: 'ITTFL', label: 'Intention-to-treat set (ITT)' },
  { code: 'FAS', flag: 'FASFL', label: 'Full analysis set (FAS)' },
  { code: 'PP', flag: 'PPROTFL', label: 'Per-protocol set (PP)' },
  { code: 'SAF', flag: 'SAFFL', label: 'Safety set (SAF)' },
] as const;

const ids = (rows: readonly GenericAdslRecord[], p: (s: GenericAdslRecord) => boolean) => new Set(rows.filter(p).map((s) => s.USUBJID));

/** The rule that put each subject in a count, with its date (closed-report traceability; stripped from the open report). */
function reasonsBy(rows: readonly GenericAdslRecord[], reason: (s: GenericAdslRecord) => string, values: (s: GenericAdslRecord) => string | null): SubjectReasons {
  return new Map(rows.map((s) => {
    const v = values(s);
    return [s.USUBJID, v === null ? { reason: reason(s) } : { reason: reason(s), values: v }];
  }));
}
const dated = (label: string, d: string | null | undefined) => (d ? `${label} ${d}` : null);

/** ARD records of the disposition table and CONSORT flow. */
export function computeDisposition(input: AdamInput): ArdRecord[] {
  const adsl = input.adam.adsl;
  const g = populationGroups(adsl, input.arms, 'planned', (s) => s.ITTFL === 'Y');
  const key = { analysis: DISPOSITION_ANALYSIS, population: POP };
  const hasTrtsdt = adsl.some((s) => s.TRTSDT !== null);
  const status = new Map(adsl.map((s) => [s.USUBJID, endOfStudy(s)]));
  const out: ArdRecord[] = [
    ...headerNRecords({ ...key, parameter: 'RANDOMIZED' }, g.groups, populationTraces(adsl, input.arms, g.groups, RandomisedSet)),
    ard({ ...key, parameter: 'ADSL_SUBJECTS', statistic: 'n', value: adsl.length }),
    ard({ ...key, parameter: 'NOT_RANDOMIZED', statistic: 'n', value: adsl.filter((s) => s.ITTFL !== 'Y').length }),
    ard({ ...key, parameter: 'ARM_UNASSIGNED', statistic: 'n', value: g.unassigned }),
    // Traced by the header N's rule, so the row's list is the header's (the report refers to it).
    ...countSubjectSet(ids(adsl, () => true), g.groups, { ...key, parameter: 'RANDOMIZED' }, reasonsBy(adsl, (s) => `ITTFL = ${s.ITTFL ?? 'empty'}`, () => null)),
    ...countSubjectSet(
      ids(adsl, (s) => (hasTrtsdt ? s.TRTSDT !== null : s.SAFFL === 'Y')),
      g.groups,
      { ...key, parameter: 'TREATED', method: hasTrtsdt ? 'TRTSDT present' : 'SAFFL = Y' },
      reasonsBy(adsl, () => (hasTrtsdt ? 'First dose of study treatment (ADSL TRTSDT)' : 'In the safety set (SAFFL = Y)'), (s) => dated('TRTSDT', s.TRTSDT)),
    ),
  ];
  const endReasons = reasonsBy(adsl, (s) => {
    const e = status.get(s.USUBJID)!;
    return e.status === 'DISCONTINUED' ? `Discontinued: ${e.reason ?? 'reason not recorded'}` : e.status === 'COMPLETED' ? 'Completed' : 'No end-of-study status';
  }, (s) => dated('EOSDT', s.EOSDT));
  for (const st of ['COMPLETED', 'DISCONTINUED', 'ONGOING'] as const) {
    out.push(...countSubjectSet(ids(adsl, (s) => status.get(s.USUBJID)!.status === st), g.groups, { ...key, parameter: st }, endReasons));
  }
  const reasons = new Map<string, Set<string>>();
  for (const s of adsl) {
    const e = status.get(s.USUBJID)!;
    if (e.status !== 'DISCONTINUED' || !g.armOf.has(s.USUBJID)) continue;
    const r = e.reason ?? 'Reason not recorded';
    (reasons.get(r) ?? reasons.set(r, new Set()).get(r)!).add(s.USUBJID);
  }
  const ordered = [...reasons].map(([name, set]) => ({ name, total: set.size, set })).sort(compareFrequency);
  for (const r of ordered) out.push(...countSubjectSet(r.set, g.groups, { ...key, parameter: 'DCSREAS', category: r.name }, endReasons));
  for (const set of Sets) {
    const present = adsl.some((s) => s[set.flag] !== null && s[set.flag] !== undefined);
    // The randomised subjects left out of a set are listed with the flag (and "not dosed" where so); the
    // trial's per-protocol rule is stated with the primary analysis's PP header N.
    const others = set.code === 'ITT' ? undefined : reasonsBy(adsl, (s) => notDosedReason(set.flag, s), () => null);
    if (present) out.push(...countSubjectSet(ids(adsl, (s) => s[set.flag] === 'Y'), g.groups, { ...key, parameter: 'ANALYSIS_SET', category: set.code }, reasonsBy(adsl, () => `${set.flag} = Y`, () => null), others));
    else for (const grp of g.groups) out.push(ard({ ...key, parameter: 'ANALYSIS_SET', category: set.code, group: grp.label, statistic: 'n', value: null }), ard({ ...key, parameter: 'ANALYSIS_SET', category: set.code, group: grp.label, statistic: 'pct', value: null }));
  }
  return out;
}

function tableRows(own: readonly ArdRecord[]): TableRow[] {
  const stat = (label: string, parameter: string, category: string | null = null, indent = 0): TableRow => ({ type: 'stat', label, parameter, category, kind: 'n-pct', indent });
  const rows: TableRow[] = [stat('Randomised', 'RANDOMIZED'), stat('Treated (received study treatment)', 'TREATED'), stat('Completed the study', 'COMPLETED'), stat('Discontinued the study', 'DISCONTINUED')];
  for (const r of distinctValues(own, { parameter: 'DCSREAS', group: TOTAL, statistic: 'n' }, 'category')) rows.push(stat(r, 'DCSREAS', r, 1));
  if ((findNumber(own, { parameter: 'ONGOING', group: TOTAL, statistic: 'n' }) ?? 0) > 0) rows.push(stat('Ongoing / status not recorded', 'ONGOING'));
  rows.push({ type: 'heading', label: 'Analysis sets' });
  for (const s of Sets) rows.push(stat(s.label, 'ANALYSIS_SET', s.code, 1));
  return rows;
}

function count(own: readonly ArdRecord[], parameter: string, group: string, category: string | null = null): string {
  const v = findNumber(own, { parameter, group, category, statistic: 'n' });
  return v === null ? '–' : String(v);
}

/** CONSORT flow from the disposition records (pooled box first, then one column per group shown). */
export function consortFlow(own: readonly ArdRecord[], groups: readonly string[]): ConsortFlow {
  const reasons = distinctValues(own, { parameter: 'DCSREAS', group: TOTAL, statistic: 'n' }, 'category');
  const box = (g: string): ConsortBox[] => [{ lines: [`${g === TOTAL ? 'All arms' : g}: allocated (n = ${count(own, 'RANDOMIZED', g)})`, `Received study treatment (n = ${count(own, 'TREATED', g)})`] }];
  const notRand = findNumber(own, { parameter: 'NOT_RANDOMIZED', group: null, statistic: 'n' }) ?? 0;
  const first: ConsortBox = {
    lines: [`Randomised (n = ${count(own, 'RANDOMIZED', TOTAL)})`],
    ...(notRand > 0 ? { exclusion: [`In ADSL, not randomised (n = ${notRand})`] } : {}),
  };
  return {
    title: 'CONSORT flow of subjects',
    stages: [
      { boxes: [first] },
      { boxes: groups.flatMap(box) },
      {
        boxes: groups.map((g) => ({
          lines: [`Discontinued (n = ${count(own, 'DISCONTINUED', g)})`, ...reasons.filter((r) => (findNumber(own, { parameter: 'DCSREAS', category: r, group: g, statistic: 'n' }) ?? 0) > 0).map((r) => `${r} (n = ${count(own, 'DCSREAS', g, r)})`)],
        })),
      },
      { boxes: groups.map((g) => ({ lines: [`Completed (n = ${count(own, 'COMPLETED', g)})`, ...Sets.map((s) => `${s.code}: n = ${count(own, 'ANALYSIS_SET', g, s.code)}`)] })) },
    ],
  };
}

/**
 * Where the per-protocol rule is stated. This generic summary reads ADSL only, so it lists a subject left
 * out of the PP set by the flag; the trial's rule (analyses/common/analysis-sets.ts `perProtocolSet`) needs
 * SUPPDM and ADRS and is applied, with each subject's reason, to the PP header N of the analyses by PP.
 */
export const PP_RULE_FOOTNOTE = 'Per-protocol set: in the FAS, no protocol deviation excluding from the PP set and a primary-visit renal response decided on data.';
/** Closed report: where the reason of each subject left out of the PP set is listed. */
export const PP_REASON_FOOTNOTE = 'Its excluded subjects show only PPROTFL = N here; the reason for each is listed under the column N of the primary analysis table, PP.';

/** The data carry PPROTFL and the plan analyses the primary endpoint in the PP set (whose header N lists the reasons). */
function perProtocolAnalysed(plan: SectionContext['plan'], own: readonly ArdRecord[]): boolean {
  return plan.primary.populations.includes('PP') && own.some((r) => r.parameter === 'ANALYSIS_SET' && r.category === 'PP' && r.statistic === 'n' && r.value !== null);
}

/** Report section: CONSORT figure and disposition table. */
export function dispositionSections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[] {
  const own = ard.filter((r) => r.analysis === DISPOSITION_ANALYSIS);
  if (own.length === 0) return [];
  const columns = groupColumns(ctx.arms.map((a) => a.label), ctx.blinding);
  const flowGroups = ctx.blinding === 'closed' && ctx.arms.length <= 4 ? ctx.arms.map((a) => a.label) : [TOTAL];
  const table = buildTable(
    {
      id: 'disposition',
      title: 'Subject disposition and analysis sets',
      analysis: DISPOSITION_ANALYSIS,
      population: POP,
      populationLabel: 'Randomised subjects, by randomised arm',
      units: 'n (%) of randomised subjects',
      method: 'Counts',
      headerNParameter: 'RANDOMIZED',
      columns,
      rows: tableRows(own),
      footnotes: [
        'Completion and discontinuation from ADSL EOSSTT/DCSREAS (end of study = the primary visit for this trial).',
        'Analysis-set rows show "–" when the data carry no flag for that set.',
        ...(perProtocolAnalysed(ctx.plan, own) ? [ctx.blinding === 'closed' ? `${PP_RULE_FOOTNOTE} ${PP_REASON_FOOTNOTE}` : PP_RULE_FOOTNOTE] : []),
      ],
      stubHeader: 'Disposition',
    },
    own,
  );
  return [{ id: 'disposition', title: 'Disposition', blocks: [{ kind: 'consort', id: 'consort-flow', title: 'Participant flow (CONSORT)', flow: consortFlow(own, flowGroups) }, { kind: 'table', table }] }];
}

export const dispositionAnalysis: Analysis = {
  id: 'disposition',
  needs: ['adsl'],
  run: (input) => computeDisposition(input),
  sections: dispositionSections,
};
