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
 * values) follow the subject's USUBJID (`<i>`) on its own line. A list shown elsewhere in the table is referred to,
 * not repeated (`TraceReference`). Every text goes through `escapeHtml`.
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

/** A list shown elsewhere in the table that a cell refers to instead of repeating it (./table-html.ts). */
export type TraceReference = { kind: 'row'; label: string } | { kind: 'columns'; labels: readonly string[] };

function referenceHtml(trace: CountTrace, ref: TraceReference): string {
  if (ref.kind === 'row') {
    const n = trace.counted.length + (trace.notCounted?.length ?? 0);
    return `<p class="trace-same">The same ${n} subjects, for the same reasons, as in the row “${escapeHtml(ref.label)}” of this column.</p>`;
  }
  const names = ref.labels.map((l) => `“${escapeHtml(l)}”`).join(' and ');
  return `<p class="trace-same">The ${trace.counted.length} subjects of the columns ${names} together, for the same reasons.</p>`;
}

/**
 * The content of a traced table cell: `<details class="trace">` whose summary is the formatted cell text.
 * With a `reference` (a row above, or the columns to the left, showing exactly these subjects) the body
 * refers to it instead of repeating the list. The summary is reached and toggled by keyboard (Tab, Enter or
 * Space: native `<details>`); the body is a focusable region so that a long list scrolls by keyboard too.
 * @example traceCellHtml('1 (50.0 %)', { counted: [{ id: 'S1', reason: 'CR' }] })
 *   // => '<details class="trace"><summary>1 (50.0 %)</summary><div class="trace-body" tabindex="0" role="region" aria-label="Subjects behind 1 (50.0 %)">…S1…</div></details>'
 */
export function traceCellHtml(text: string, trace: CountTrace, reference?: TraceReference): string {
  const parts: string[] = [];
  if (reference !== undefined) parts.push(referenceHtml(trace, reference));
  else {
    parts.push(listHtml('trace-counted', 'Counted', trace.counted));
    if (trace.notCounted !== undefined) parts.push(listHtml('trace-not-counted', 'In the denominator, not counted', trace.notCounted));
  }
  const label = escapeHtml(`Subjects behind ${text}`);
  return `<details class="trace"><summary>${escapeHtml(text)}</summary><div class="trace-body" tabindex="0" role="region" aria-label="${label}">${parts.join('')}</div></details>`;
}
