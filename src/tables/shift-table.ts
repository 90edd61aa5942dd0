/**
 * Shift table: number (%) of subjects by baseline category × worst post-baseline category (e.g. CTCAE grade
 * at baseline → worst grade after baseline; domain.md §7.8; tern `count_abnormal_by_baseline` / the
 * "shift from baseline" tables of ICH E3 §12.4). Each subject of a group is counted in exactly one cell,
 * "Missing" standing for an absent or ungradable value, so the cells of a group add up to its N.
 * ARD category: `"<baseline> -> <worst>"` (see `shiftCategory`).
 */
import type { ArdRecord } from '../core/ard.ts';
import { countSubjectSet, type RowKey } from './count-subjects.ts';
import type { SubjectGroup } from './population-groups.ts';
import { MISSING_LEVEL } from './summarize-categorical.ts';

/** The ARD category of one cell. @example shiftCategory('0', '2') // => "0 -> 2" */
export function shiftCategory(baseline: string, worst: string): string {
  return `${baseline} -> ${worst}`;
}

/** Per-subject baseline and worst post-baseline levels (null = missing). */
export interface SubjectShift {
  baseline: string | null;
  worst: string | null;
  /** The values behind the two levels (e.g. "BL 128 g/L; worst 96 g/L, day 43"), for the closed report's trace. */
  values?: string;
}

/** The trace reason of a cell: "baseline 0 → worst 2" (levels as in the ARD category). */
function shiftReason(baseline: string, worst: string): string {
  return `baseline ${baseline} → worst ${worst}`;
}

/**
 * Worst post-baseline level of each subject from its post-baseline levels (ranked by `levels`, mildest first).
 * Unknown levels and nulls are ignored; a subject with none is absent from the result.
 */
export function worstLevel(levelsSeen: readonly (string | null)[], levels: readonly string[]): string | null {
  let best = -1;
  for (const l of levelsSeen) {
    const r = l === null ? -1 : levels.indexOf(l);
    if (r > best) best = r;
  }
  return best < 0 ? null : levels[best];
}

/**
 * n, pct records (denominator = group N) for every baseline × worst cell, "Missing" included on both sides.
 * With `trace`, each count carries its subjects: reason = the cell (`shiftReason`), values = the shift's
 * `values` when given.
 */
export function shiftTable(shifts: ReadonlyMap<string, SubjectShift>, groups: readonly SubjectGroup[], levels: readonly string[], key: Omit<RowKey, 'category'>, options: { trace?: boolean } = {}): ArdRecord[] {
  const all = [...levels, MISSING_LEVEL];
  const cell = new Map<string, Set<string>>();
  const reasons = new Map<string, { reason: string; values?: string }>();
  for (const g of groups) {
    for (const id of g.subjects) {
      const s = shifts.get(id);
      const b = s?.baseline ?? MISSING_LEVEL;
      const w = s?.worst ?? MISSING_LEVEL;
      const c = shiftCategory(b, w);
      (cell.get(c) ?? cell.set(c, new Set()).get(c)!).add(id);
      reasons.set(id, s?.values === undefined ? { reason: shiftReason(b, w) } : { reason: shiftReason(b, w), values: s.values });
    }
  }
  const out: ArdRecord[] = [];
  for (const b of all) for (const w of all) {
    const c = shiftCategory(b, w);
    out.push(...countSubjectSet(cell.get(c) ?? new Set(), groups, { ...key, category: c }, options.trace ? reasons : undefined));
  }
  return out;
}
