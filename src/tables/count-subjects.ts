/**
 * Subject counts for DSMB tables: a subject with one or more qualifying records is counted ONCE per row
 * (the incidence convention of ICH E3 §12.2 and FDA safety tables: "number (%) of subjects with ≥ 1 event"),
 * never the number of records. Every group gets its `n` and `pct` record, also when n = 0, so the report
 * shows "0 (0.0 %)" rather than a blank. `pct` is a proportion in [0, 1] of the group's N (null when N = 0).
 */
import { ard, type ArdRecord } from '../core/ard.ts';
import { proportion, type SubjectGroup } from './population-groups.ts';

/** The fixed dimensions of the records one table row produces. */
export interface RowKey {
  analysis: string;
  population: string;
  parameter: string;
  category?: string | null;
  visit?: string | null;
  method?: string | null;
}

/** The header-N records (statistic "N", category and visit null) of every group. */
export function headerNRecords(key: Omit<RowKey, 'category' | 'visit'>, groups: readonly SubjectGroup[]): ArdRecord[] {
  return groups.map((g) => ard({ ...key, category: null, visit: null, group: g.label, statistic: 'N', value: g.subjects.size }));
}

/** n and pct records of every group for the subjects in `subjects` (those outside a group are ignored). */
export function countSubjectSet(subjects: ReadonlySet<string>, groups: readonly SubjectGroup[], key: RowKey): ArdRecord[] {
  const out: ArdRecord[] = [];
  for (const g of groups) {
    let n = 0;
    for (const id of g.subjects) if (subjects.has(id)) n++;
    out.push(ard({ ...key, group: g.label, statistic: 'n', value: n }));
    out.push(ard({ ...key, group: g.label, statistic: 'pct', value: proportion(n, g.subjects.size) }));
  }
  return out;
}

/** USUBJIDs with at least one record satisfying `predicate`. */
export function subjectsWith<R extends { USUBJID: string }>(records: readonly R[], predicate: (r: R) => boolean): Set<string> {
  const s = new Set<string>();
  for (const r of records) if (predicate(r)) s.add(r.USUBJID);
  return s;
}

/**
 * Number (%) of subjects of each group with ≥ 1 record satisfying `predicate`, each subject counted once.
 * @example countSubjects(adae, groups, (r) => r.AESER === 'Y', { analysis: 'safety-overview', population: 'SAF', parameter: 'SERIOUS' })
 */
export function countSubjects<R extends { USUBJID: string }>(records: readonly R[], groups: readonly SubjectGroup[], predicate: (r: R) => boolean, key: RowKey): ArdRecord[] {
  return countSubjectSet(subjectsWith(records, predicate), groups, key);
}
