/**
 * Subjects by maximum (worst) grade: each subject is counted once, at the highest grade among its events
 * (CTCAE v4.03 grades 1–5, or severity MILD < MODERATE < SEVERE when the data carry no grade); a subject
 * whose events all lack a grade is counted under "Missing". Counting follows the FDA/ICH E3 convention
 * "subjects by worst grade" (tern `count_occurrences_by_grade`).
 */
import type { ArdRecord } from '../core/ard.ts';
import { countSubjectSet, describeSubjects, recordsBySubject, type RowKey } from './count-subjects.ts';
import type { SubjectGroup } from './population-groups.ts';
import { MISSING_LEVEL } from './summarize-categorical.ts';

/**
 * Worst level per subject: `levels` lists the levels from mildest to worst; `levelOf` returns a level of
 * that list or null (unknown).
 */
export function worstLevelBySubject<R extends { USUBJID: string }>(events: readonly R[], levels: readonly string[], levelOf: (r: R) => string | null): Map<string, string> {
  const rank = new Map(levels.map((l, i) => [l, i]));
  const best = new Map<string, number>();
  for (const e of events) {
    const l = levelOf(e);
    const r = l === null ? -1 : (rank.get(l) ?? -1);
    const prev = best.get(e.USUBJID);
    if (prev === undefined || r > prev) best.set(e.USUBJID, r);
  }
  return new Map([...best].map(([id, r]) => [id, r < 0 ? MISSING_LEVEL : levels[r]]));
}

/**
 * n, pct records per group and level (levels in the order given, then "Missing"). With `describe`, each
 * count is traced to its subjects and the events at their worst level (all their events for "Missing").
 */
export function countByWorstLevel<R extends { USUBJID: string }>(
  events: readonly R[],
  groups: readonly SubjectGroup[],
  levels: readonly string[],
  levelOf: (r: R) => string | null,
  key: Omit<RowKey, 'category'>,
  describe?: (atWorst: readonly R[]) => string,
): ArdRecord[] {
  const worst = worstLevelBySubject(events, levels, levelOf);
  const reasons = describe === undefined
    ? undefined
    : describeSubjects(recordsBySubject(events, (e) => worst.get(e.USUBJID) === MISSING_LEVEL || levelOf(e) === worst.get(e.USUBJID)), describe);
  const out: ArdRecord[] = [];
  for (const level of [...levels, MISSING_LEVEL]) {
    const ids = new Set([...worst].filter(([, l]) => l === level).map(([id]) => id));
    out.push(...countSubjectSet(ids, groups, { ...key, category: level }, reasons));
  }
  return out;
}
