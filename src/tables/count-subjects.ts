/**
 * Subject counts for DSMB tables: a subject with one or more qualifying records is counted ONCE per row
 * (the incidence convention of ICH E3 §12.2 and FDA safety tables: "number (%) of subjects with ≥ 1 event"),
 * never the number of records. Every group gets its `n` and `pct` record, also when n = 0, so the report
 * shows "0 (0.0 %)" rather than a blank. `pct` is a proportion in [0, 1] of the group's N (null when N = 0).
 *
 * Traceability (closed report): given the reason each subject is counted (`SubjectReasons`, e.g. the
 * qualifying adverse events), every `n` record carries the subjects it counts (ArdRecord `subjects`); given
 * the reasons of the others too, also the rest of its group (the denominator) with theirs. A header-N
 * record carries the trace of its population (./population-trace.ts).
 */
import { ard, countTrace, type ArdRecord, type CountTrace, type TraceSubject } from '../core/ard.ts';
import { InputError } from '../core/errors.ts';
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

/**
 * The header-N records (statistic "N", category and visit null) of every group; with `traces` (group label →
 * the population trace, ./population-trace.ts), each carries its group's.
 * @throws InputError when a trace is missing for a group or does not count exactly the group's N.
 */
export function headerNRecords(key: Omit<RowKey, 'category' | 'visit'>, groups: readonly SubjectGroup[], traces?: ReadonlyMap<string, CountTrace>): ArdRecord[] {
  return groups.map((g) => ard({ ...key, category: null, visit: null, group: g.label, statistic: 'N', value: g.subjects.size, subjects: traces === undefined ? undefined : headerTrace(traces, g, key) }));
}

function headerTrace(traces: ReadonlyMap<string, CountTrace>, g: SubjectGroup, key: Omit<RowKey, 'category' | 'visit'>): CountTrace {
  const t = traces.get(g.label);
  if (t === undefined || t.counted.length !== g.subjects.size || t.counted.some((s) => !g.subjects.has(s.id))) {
    throw new InputError('traces', `the population trace of group "${g.label}" does not list its ${g.subjects.size} subjects (${key.analysis}, ${key.parameter})`);
  }
  return t;
}

/**
 * USUBJID → why the subject is counted: the rule or qualifying records (`reason`, shared by the subjects it
 * applies to) and optional subject-specific `values`, as shown in the closed report.
 */
export type SubjectReasons = ReadonlyMap<string, Omit<TraceSubject, 'id'>>;

/**
 * n and pct records of every group for the subjects in `subjects` (those outside a group are ignored).
 * With `reasons`, each `n` record carries the trace of the subjects it counts; with `others` too, the trace
 * also lists the group's subjects not counted, with their reason from `others`.
 * @throws InputError when `reasons` (or `others`) lacks a counted (or not counted) subject.
 */
export function countSubjectSet(subjects: ReadonlySet<string>, groups: readonly SubjectGroup[], key: RowKey, reasons?: SubjectReasons, others?: SubjectReasons): ArdRecord[] {
  const out: ArdRecord[] = [];
  for (const g of groups) {
    const counted: string[] = [];
    const notCounted: string[] = [];
    for (const id of g.subjects) (subjects.has(id) ? counted : notCounted).push(id);
    const n = counted.length;
    const listed = (ids: readonly string[], from: SubjectReasons) => ids.map((id) => ({ id, ...reasonOf(from, id, key) }));
    const trace = reasons === undefined ? undefined : countTrace(listed(counted, reasons), others === undefined ? undefined : listed(notCounted, others));
    out.push(ard({ ...key, group: g.label, statistic: 'n', value: n, subjects: trace }));
    out.push(ard({ ...key, group: g.label, statistic: 'pct', value: proportion(n, g.subjects.size) }));
  }
  return out;
}

function reasonOf(reasons: SubjectReasons, id: string, key: RowKey): Omit<TraceSubject, 'id'> {
  const r = reasons.get(id);
  if (r === undefined) throw new InputError('reasons', `no trace reason for subject ${JSON.stringify(id)} (${key.analysis}, ${key.parameter}${key.category ? `, ${key.category}` : ''})`);
  return r;
}

/** The records satisfying `predicate`, by USUBJID (record order kept). */
export function recordsBySubject<R extends { USUBJID: string }>(records: readonly R[], predicate: (r: R) => boolean): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of records) {
    if (!predicate(r)) continue;
    const list = m.get(r.USUBJID);
    if (list) list.push(r);
    else m.set(r.USUBJID, [r]);
  }
  return m;
}

/** The reason of every subject from its records (`describe` states the rule, e.g. the qualifying AE terms). */
export function describeSubjects<R>(bySubject: ReadonlyMap<string, readonly R[]>, describe: (records: readonly R[]) => string): Map<string, Omit<TraceSubject, 'id'>> {
  return new Map([...bySubject].map(([id, rs]) => [id, { reason: describe(rs) }]));
}

/** USUBJIDs with at least one record satisfying `predicate`. */
export function subjectsWith<R extends { USUBJID: string }>(records: readonly R[], predicate: (r: R) => boolean): Set<string> {
  const s = new Set<string>();
  for (const r of records) if (predicate(r)) s.add(r.USUBJID);
  return s;
}

/**
 * Number (%) of subjects of each group with ≥ 1 record satisfying `predicate`, each subject counted once;
 * with `describe`, each count is traced to its subjects and their qualifying records.
 * @example countSubjects(adae, groups, (r) => r.AESER === 'Y', { analysis: 'safety-overview', population: 'SAF', parameter: 'SERIOUS' })
 */
export function countSubjects<R extends { USUBJID: string }>(
  records: readonly R[],
  groups: readonly SubjectGroup[],
  predicate: (r: R) => boolean,
  key: RowKey,
  describe?: (qualifying: readonly R[]) => string,
): ArdRecord[] {
  if (describe === undefined) return countSubjectSet(subjectsWith(records, predicate), groups, key);
  const bySubject = recordsBySubject(records, predicate);
  return countSubjectSet(new Set(bySubject.keys()), groups, key, describeSubjects(bySubject, describe));
}
