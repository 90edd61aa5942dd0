/**
 * HTML rendering of a built table (`buildTable`): a real `<table>` with `<caption>`, a `<thead>` that the
 * print CSS repeats on every page, row headers (`<th scope="row">`) for screen readers, and the table's
 * population, visit, units, method and footnotes underneath. Every text goes through `escapeHtml`. A cell
 * or header N with a subject trace (closed report) opens to its subjects (./trace-html.ts).
 */
import { escapeHtml } from './escape.ts';
import type { BuiltHeaderCell, BuiltRow, BuiltTable } from './tables.ts';
import { bySubjectId, type CountTrace } from '../core/ard.ts';
import { traceCellHtml, type TraceReference } from './trace-html.ts';

/**
 * The header-N lists already shown in full in a report section, keyed by the trace (its JSON), so a later
 * table of the section refers to the first instead of printing the same population again (the same 113
 * subjects of an arm head every safety table). One map per section: html.ts makes it.
 */
export type ShownHeaderTraces = Map<string, Extract<TraceReference, { kind: 'table' }>>;

const MAX_INDENT = 4;

function metaLine(t: BuiltTable): string {
  // An empty population (tables that are not about subjects, e.g. validation.html) shows no "Population:".
  const parts = t.population === '' ? [] : [`Population: ${t.population}`];
  if (t.visit !== null) parts.push(`Visit: ${t.visit}`);
  if (t.units !== null) parts.push(`Units: ${t.units}`);
  return parts.map(escapeHtml).join(' · ');
}

/**
 * Whether `trace` lists exactly the subjects of `parts` together, each with the same reason (a Total column
 * against its arm columns): the counted lists joined, and the not-counted lists joined (all absent, or all present).
 */
function isUnion(trace: CountTrace, parts: readonly CountTrace[]): boolean {
  const joined = (lists: (readonly { id: string }[])[]) => JSON.stringify(lists.flat().sort(bySubjectId));
  if (JSON.stringify(trace.counted) !== joined(parts.map((p) => p.counted))) return false;
  if (trace.notCounted === undefined) return parts.every((p) => p.notCounted === undefined);
  return parts.every((p) => p.notCounted !== undefined) && JSON.stringify(trace.notCounted) === joined(parts.map((p) => p.notCounted ?? []));
}

/** The reference of a header N: the header Ns to its left together, or the same list in an earlier table of the section. */
function headerReference(t: BuiltTable, i: number, shown: ShownHeaderTraces): TraceReference | undefined {
  const trace = t.header[i].trace!;
  if (trace.counted.length + (trace.notCounted?.length ?? 0) === 0) return undefined; // "None." is shorter
  const left = t.header.slice(0, i).filter((h): h is BuiltHeaderCell & { trace: CountTrace } => h.trace !== undefined);
  if (left.length >= 2 && isUnion(trace, left.map((h) => h.trace))) return { kind: 'columns', labels: left.map((h) => h.label) };
  const key = JSON.stringify(trace);
  const first = shown.get(key);
  if (first !== undefined) return first;
  shown.set(key, { kind: 'table', tableId: `table-${t.id}`, title: t.title, column: t.header[i].label });
  return undefined;
}

function headerRow(t: BuiltTable, shown: ShownHeaderTraces): string {
  const cells = t.header.map((h, i) => {
    if (h.n !== null && h.trace !== undefined) {
      // The N as a traced count: a block-level <details> under the label (a <span> may not hold it).
      const n = traceCellHtml(h.n, h.trace, headerReference(t, i, shown), 'header');
      return `<th scope="col" class="traced">${escapeHtml(h.label)}${n}</th>`;
    }
    const n = h.n === null ? '' : `<br><span class="big-n">${escapeHtml(h.n)}</span>`;
    return `<th scope="col">${escapeHtml(h.label)}${n}</th>`;
  });
  return `<tr><th scope="col" class="stub">${escapeHtml(t.stubHeader)}</th>${cells.join('')}</tr>`;
}

/**
 * A traced list already shown nearby is referred to rather than repeated (the closed report would
 * otherwise carry the same lists several times):
 * - a cell whose trace equals that of a cell above it in the same column (e.g. the unstratified and exact
 *   rows of the primary table count the same subjects as the primary row) names that row, and one equal
 *   to its column's header N (the "Randomised" row of the disposition table) names the header;
 * - a cell that counts exactly the subjects of two or more traced cells to its left together (a Total
 *   column; checked here against the ARD lists, subject by subject with their reasons) names those columns.
 * `seen` maps column + trace to the first such reference; only rows whose label is unique in the table are
 * referred to (a "Grade 2" under several preferred terms would be ambiguous).
 */
function traceReference(r: BuiltRow, i: number, columns: readonly string[], seen: Map<string, TraceReference>, unique: ReadonlySet<string>): TraceReference | undefined {
  const trace = r.traces![i]!;
  if (trace.counted.length + (trace.notCounted?.length ?? 0) === 0) return undefined; // "None." is shorter
  const key = `${i}\u0000${JSON.stringify(trace)}`;
  const first = seen.get(key);
  if (first !== undefined) return first;
  if (unique.has(r.label)) seen.set(key, { kind: 'row', label: r.label });
  const left = (r.traces ?? []).slice(0, i).map((t, j) => ({ t, label: columns[j] })).filter((x): x is { t: CountTrace; label: string } => x.t !== null);
  return left.length >= 2 && isUnion(trace, left.map((x) => x.t)) ? { kind: 'columns', labels: left.map((x) => x.label) } : undefined;
}

function bodyRow(r: BuiltRow, columns: readonly string[], seen: Map<string, TraceReference>, unique: ReadonlySet<string>): string {
  const indent = `indent-${Math.min(Math.max(0, Math.trunc(r.indent)), MAX_INDENT)}`;
  const cls = r.heading ? `${indent} row-heading` : indent;
  const cells = r.cells
    .map((c, i) => {
      const trace = r.traces?.[i] ?? null;
      if (trace === null) return `<td>${escapeHtml(c)}</td>`;
      return `<td class="traced">${traceCellHtml(c, trace, traceReference(r, i, columns, seen, unique))}</td>`;
    })
    .join('');
  return `<tr><th scope="row" class="${cls}">${escapeHtml(r.label)}</th>${cells}</tr>`;
}

/**
 * The HTML of one table, as a `<figure class="report-table">` with its notes. `shown`: the header-N lists
 * already shown in the report section (updated; a fresh map when the table stands alone).
 */
export function renderTableHtml(t: BuiltTable, shown: ShownHeaderTraces = new Map()): string {
  const seen = new Map<string, TraceReference>();
  t.header.forEach((h, i) => {
    if (h.trace !== undefined) seen.set(`${i}\u0000${JSON.stringify(h.trace)}`, { kind: 'header' });
  });
  const columns = t.header.map((h) => h.label);
  const labelCount = new Map<string, number>();
  for (const r of t.rows) labelCount.set(r.label, (labelCount.get(r.label) ?? 0) + 1);
  const unique = new Set([...labelCount].filter(([, n]) => n === 1).map(([l]) => l));
  const notes: string[] = [];
  if (t.method !== null) notes.push(`<p class="table-method">Method: ${escapeHtml(t.method)}</p>`);
  if (t.footnotes.length > 0) {
    notes.push(`<ul class="footnotes">${t.footnotes.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`);
  }
  return [
    `<figure class="report-table" id="table-${escapeHtml(t.id)}">`,
    `<table>`,
    `<caption><span class="table-title">${escapeHtml(t.title)}</span><span class="table-meta">${metaLine(t)}</span></caption>`,
    `<thead>${headerRow(t, shown)}</thead>`,
    `<tbody>${t.rows.map((r) => bodyRow(r, columns, seen, unique)).join('')}</tbody>`,
    `</table>`,
    ...notes,
    `</figure>`,
  ].join('\n');
}
