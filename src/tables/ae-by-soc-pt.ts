/**
 * Adverse events by MedDRA system organ class (AEBODSYS) and preferred term (AEDECOD): number (%) of
 * subjects with ≥ 1 event, a subject counted once per preferred term and once per SOC however many events
 * (FDA/ICH E3 incidence tables; tern `count_occurrences`). Order: SOCs by descending number of subjects in
 * the Total column, ties in code-unit (alphabetical) order of the name; the same rule for the terms within a
 * SOC. ARD: parameter "ANY" (any event, category null), "AEBODSYS" (category = SOC), "AEDECOD" (category =
 * PT; a pooled record statistic "soc" names its SOC; a PT coded under two SOCs, which MedDRA primary-SOC
 * coding does not produce, is counted over both and shown under the first).
 */
import { ard, type ArdRecord } from '../core/ard.ts';
import { countSubjectSet, describeSubjects, recordsBySubject } from './count-subjects.ts';
import { TOTAL, type SubjectGroup } from './population-groups.ts';

/** The ADAE variables read. */
export interface SocPtEvent {
  USUBJID: string;
  AEBODSYS: string;
  AEDECOD: string;
}

export interface PtNode {
  term: string;
  /** Subjects with the term in the Total column. */
  total: number;
}

export interface SocNode {
  soc: string;
  total: number;
  terms: PtNode[];
}

/** Descending count, then code-unit order of the name (locale-independent). */
export function compareFrequency(a: { name: string; total: number }, b: { name: string; total: number }): number {
  return b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function totalOf(ids: ReadonlySet<string>, total: ReadonlySet<string>): number {
  let n = 0;
  for (const id of ids) if (total.has(id)) n++;
  return n;
}

/**
 * Incidence by SOC and PT. `events` should already be restricted to the events to count (e.g. TRTEMFL = 'Y');
 * subjects outside the groups are ignored.
 */
export function aeBySocPt<E extends SocPtEvent>(
  events: readonly E[],
  groups: readonly SubjectGroup[],
  key: { analysis: string; population: string; method?: string | null },
  describe?: (qualifying: readonly E[]) => string,
): { order: SocNode[]; records: ArdRecord[] } {
  const total = groups.find((g) => g.label === TOTAL)?.subjects ?? new Set(groups.flatMap((g) => [...g.subjects]));
  const any = new Set<string>();
  const bySoc = new Map<string, Set<string>>();
  const byPt = new Map<string, Set<string>>();
  const ptsOfSoc = new Map<string, Set<string>>();
  for (const e of events) {
    any.add(e.USUBJID);
    (bySoc.get(e.AEBODSYS) ?? bySoc.set(e.AEBODSYS, new Set()).get(e.AEBODSYS)!).add(e.USUBJID);
    (byPt.get(e.AEDECOD) ?? byPt.set(e.AEDECOD, new Set()).get(e.AEDECOD)!).add(e.USUBJID);
    (ptsOfSoc.get(e.AEBODSYS) ?? ptsOfSoc.set(e.AEBODSYS, new Set()).get(e.AEBODSYS)!).add(e.AEDECOD);
  }
  const order: SocNode[] = [...bySoc.entries()]
    .map(([soc, ids]) => ({
      soc,
      total: totalOf(ids, total),
      terms: [...ptsOfSoc.get(soc)!]
        .map((term) => ({ term, total: totalOf(byPt.get(term)!, total) }))
        .sort((a, b) => compareFrequency({ name: a.term, total: a.total }, { name: b.term, total: b.total })),
    }))
    .sort((a, b) => compareFrequency({ name: a.soc, total: a.total }, { name: b.soc, total: b.total }));
  // With `describe`, each count is traced to its subjects and their qualifying events of the row.
  const reasons = (predicate: (e: E) => boolean) => (describe === undefined ? undefined : describeSubjects(recordsBySubject(events, predicate), describe));
  const records: ArdRecord[] = [...countSubjectSet(any, groups, { ...key, parameter: 'ANY', category: null }, reasons(() => true))];
  const donePt = new Set<string>();
  for (const s of order) {
    records.push(...countSubjectSet(bySoc.get(s.soc)!, groups, { ...key, parameter: 'AEBODSYS', category: s.soc }, reasons((e) => e.AEBODSYS === s.soc)));
    for (const t of s.terms) {
      if (donePt.has(t.term)) continue;
      donePt.add(t.term);
      records.push(ard({ ...key, parameter: 'AEDECOD', category: t.term, statistic: 'soc', value: s.soc }));
      records.push(...countSubjectSet(byPt.get(t.term)!, groups, { ...key, parameter: 'AEDECOD', category: t.term }, reasons((e) => e.AEDECOD === t.term)));
    }
  }
  return { order, records };
}
