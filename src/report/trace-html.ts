/**
 * A traced count in a closed-report table (issue 10 item 2): the cell's text is the `<summary>` of a native
 * `<details>` element (no script: works offline, under the CSP `script-src 'none'`, and in print), and
 * opening it lists the subjects behind the count with the rule that put each there, exactly as the analysis
 * recorded them in the ARD (ArdRecord `subjects`); nothing is recomputed here.
 *
 * Layout of the body: "Counted" (the subjects in n) then, when the analysis traced the denominator,
 * "Not counted" (the rest of N, e.g. the non-responders). Within each, subjects sharing a reason are grouped
 * under it (reasons in code-unit order, subjects in the ARD's USUBJID order), so a rule shared by many
 * subjects ("NR-CRITERIA: failed: ALB < 30") is printed once; subject-specific values (a responder's lab
 * values) follow the subject's USUBJID (`<i>`) on its own line. A list shown elsewhere in the table, or in an
 * earlier table of the same report section, is referred to, not repeated (`TraceReference`). A header N
 * ("N = 113") uses the same element with its own titles (`TracedNumber` "header"): the subjects in N, then
 * the randomised subjects of the arm not in it. Every text goes through `escapeHtml`.
 */
import type { CountTrace, TraceSubject } from '../core/ard.ts';
import { escapeHtml } from './escape.ts';

interface ReasonGroup {
  reason: string;
  subjects: TraceSubject[];
}

/** Subjects grouped by identical reason, groups in code-unit order of the reason, subjects in given order. */
function groupByReason(subjects: readonly TraceSubject[]): ReasonGroup[] {
  const groups = new Map<string, TraceSubject[]>();
  for (const s of subjects) {
    const list = groups.get(s.reason);
    if (list) list.push(s);
    else groups.set(s.reason, [s]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, list]) => ({ reason, subjects: list }));
}

/** A USUBJID, in `<i>` so that CSS keeps it on one line (Chromium breaks "NCT03580291-02-0030" after a hyphen). */
function idHtml(id: string): string {
  return `<i>${escapeHtml(id)}</i>`;
}

function groupHtml(g: ReasonGroup): string {
  const head = `<b>${escapeHtml(g.reason)}</b> (${g.subjects.length})`;
  if (g.subjects.every((s) => s.values === undefined)) {
    return `<li>${head}: ${g.subjects.map((s) => idHtml(s.id)).join(', ')}</li>`;
  }
  const lines = g.subjects.map((s) => (s.values === undefined ? idHtml(s.id) : `${idHtml(s.id)}: ${escapeHtml(s.values)}`));
  return `<li>${head}<br>${lines.join('<br>')}</li>`;
}

function listHtml(cls: string, title: string, subjects: readonly TraceSubject[]): string {
  const body = subjects.length === 0 ? '<p class="trace-none">None.</p>' : `<ul>${groupByReason(subjects).map(groupHtml).join('')}</ul>`;
  return `<div class="${cls}"><p class="trace-head">${escapeHtml(title)} (${subjects.length})</p>${body}</div>`;
}

/** The titles of the two lists of a trace panel. */
interface TraceTitles {
  counted: string;
  notCounted: string;
}

/**
 * The titles of the lists: a count's (the subjects counted, the rest of its denominator) or a header N's
 * (src/tables/population-trace.ts: the column's subjects, the arm's randomised subjects left out).
 */
const Titles: Readonly<Record<TracedNumber, TraceTitles>> = {
  count: { counted: 'Counted', notCounted: 'In the denominator, not counted' },
  header: { counted: 'In N', notCounted: 'Randomised, not in N' },
};

/** What a traced number is: a table cell's count, or a column's header N ("N = 113"). */
export type TracedNumber = 'count' | 'header';

/**
 * A list shown elsewhere that a cell refers to instead of repeating it (./table-html.ts): the same column's
 * cell in an earlier row, the cells of the columns to its left together, the same column's header N, or a
 * header N of an earlier table of the same report section (linked by the table's element id).
 */
export type TraceReference =
  | { kind: 'row'; label: string }
  | { kind: 'columns'; labels: readonly string[] }
  | { kind: 'header' }
  | { kind: 'table'; tableId: string; title: string; column: string };

/** "1 subject", "2 subjects". */
const subjectCount = (n: number): string => `${n} subject${n === 1 ? '' : 's'}`;

/** The subjects of both lists, as a reference counts them: "116 subjects", or for a header N "114 subjects in N and 2 randomised not in N". */
function listedText(t: CountTrace, what: TracedNumber): string {
  const others = t.notCounted?.length ?? 0;
  if (what === 'count') return subjectCount(t.counted.length + others);
  return others === 0 ? `${subjectCount(t.counted.length)} in N` : `${subjectCount(t.counted.length)} in N and ${others} randomised not in N`;
}

function referenceHtml(trace: CountTrace, ref: TraceReference, what: TracedNumber): string {
  switch (ref.kind) {
    case 'row':
      return `<p class="trace-same">The same ${listedText(trace, what)}, for the same reasons, as in the row “${escapeHtml(ref.label)}” of this column.</p>`;
    case 'header':
      return `<p class="trace-same">The same ${listedText(trace, what)}, for the same reasons, as the N of this column (in its header).</p>`;
    case 'table':
      return `<p class="trace-same">The same ${listedText(trace, what)}, for the same reasons, as the N of “${escapeHtml(ref.column)}” in the table <a href="#${escapeHtml(ref.tableId)}">“${escapeHtml(ref.title)}”</a> above.</p>`;
    case 'columns': {
      const names = ref.labels.map((l) => `“${escapeHtml(l)}”`).join(' and ');
      const k = trace.notCounted?.length ?? 0;
      const others = k === 0 ? '' : what === 'header' ? `, and the ${k} randomised not in N they list` : `, and the ${k} not counted they list`;
      return `<p class="trace-same">The ${subjectCount(trace.counted.length)} of the columns ${names} together, for the same reasons${others}.</p>`;
    }
  }
}

/**
 * The content of a traced table cell: `<details class="trace">` whose summary is the formatted cell text.
 * With a `reference` (a row above, the columns to the left, the header N, or a header N of an earlier table,
 * showing exactly these subjects) the body refers to it instead of repeating the list; `what` says whether
 * the number is a count or a header N (the lists' titles). The summary is reached and toggled by keyboard
 * (Tab, Enter or Space: native `<details>`); the body is a focusable region so that a long list scrolls by
 * keyboard too.
 * @example traceCellHtml('1 (50.0 %)', { counted: [{ id: 'S1', reason: 'CR' }] })
 *   // => '<details class="trace"><summary>1 (50.0 %)</summary><div class="trace-body" tabindex="0" role="region" aria-label="Subjects behind 1 (50.0 %)">…S1…</div></details>'
 */
export function traceCellHtml(text: string, trace: CountTrace, reference?: TraceReference, what: TracedNumber = 'count'): string {
  const parts: string[] = [];
  if (reference !== undefined) parts.push(referenceHtml(trace, reference, what));
  else {
    parts.push(listHtml('trace-counted', Titles[what].counted, trace.counted));
    if (trace.notCounted !== undefined) parts.push(listHtml('trace-not-counted', Titles[what].notCounted, trace.notCounted));
  }
  const label = escapeHtml(`Subjects behind ${text}`);
  // A header N keeps the header's small N style (.big-n) on the block that replaces its <span>.
  return `<details class="${what === 'header' ? 'trace big-n' : 'trace'}"><summary>${escapeHtml(text)}</summary><div class="trace-body" tabindex="0" role="region" aria-label="${label}">${parts.join('')}</div></details>`;
}
