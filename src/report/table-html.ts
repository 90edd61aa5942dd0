/**
 * HTML rendering of a built table (`buildTable`): a real `<table>` with `<caption>`, a `<thead>` that the
 * print CSS repeats on every page, row headers (`<th scope="row">`) for screen readers, and the table's
 * population, visit, units, method and footnotes underneath. Every text goes through `escapeHtml`.
 */
import { escapeHtml } from './escape.ts';
import type { BuiltRow, BuiltTable } from './tables.ts';

const MAX_INDENT = 4;

function metaLine(t: BuiltTable): string {
  const parts = [`Population: ${t.population}`];
  if (t.visit !== null) parts.push(`Visit: ${t.visit}`);
  if (t.units !== null) parts.push(`Units: ${t.units}`);
  return parts.map(escapeHtml).join(' · ');
}

function headerRow(t: BuiltTable): string {
  const cells = t.header.map((h) => {
    const n = h.n === null ? '' : `<br><span class="big-n">${escapeHtml(h.n)}</span>`;
    return `<th scope="col">${escapeHtml(h.label)}${n}</th>`;
  });
  return `<tr><th scope="col" class="stub">${escapeHtml(t.stubHeader)}</th>${cells.join('')}</tr>`;
}

function bodyRow(r: BuiltRow): string {
  const indent = `indent-${Math.min(Math.max(0, Math.trunc(r.indent)), MAX_INDENT)}`;
  const cls = r.heading ? `${indent} row-heading` : indent;
  const cells = r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('');
  return `<tr><th scope="row" class="${cls}">${escapeHtml(r.label)}</th>${cells}</tr>`;
}

/** The HTML of one table, as a `<figure class="report-table">` with its notes. */
export function renderTableHtml(t: BuiltTable): string {
  const notes: string[] = [];
  if (t.method !== null) notes.push(`<p class="table-method">Method: ${escapeHtml(t.method)}</p>`);
  if (t.footnotes.length > 0) {
    notes.push(`<ul class="footnotes">${t.footnotes.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`);
  }
  return [
    `<figure class="report-table" id="table-${escapeHtml(t.id)}">`,
    `<table>`,
    `<caption><span class="table-title">${escapeHtml(t.title)}</span><span class="table-meta">${metaLine(t)}</span></caption>`,
    `<thead>${headerRow(t)}</thead>`,
    `<tbody>${t.rows.map(bodyRow).join('')}</tbody>`,
    `</table>`,
    ...notes,
    `</figure>`,
  ].join('\n');
}
