/**
 * The report page: one self-contained HTML file (design.md "Outputs"): inline CSS, inline SVG charts
 * rendered server-side, no script, no external URL of any kind, and a Content-Security-Policy that forbids
 * every fetch (`default-src 'none'`) and every script (`script-src 'none'`), so even an injected
 * `<script>` could not run or phone home. Section model: `{ id, title, blocks }` with blocks of kind
 * table | chart | consort | text | details. A table of contents and an appendix with the rounding rules
 * (format.ts ROUNDING_RULES) are added automatically. Every data string goes through `escapeHtml`.
 *
 * Each chart is followed by its Vega-Lite spec as escaped JSON in
 * `<details><summary>Chart specification</summary><pre>…</pre></details>` (inert text, not executable).
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../core/errors.ts';
import { consortSvg } from './charts/consort.ts';
import type { ConsortFlow } from './charts/consort.ts';
import { escapeHtml } from './escape.ts';
import { ROUNDING_RULES } from './format.ts';
import { pageCss } from './page-css.ts';
import { renderSvg } from './render-svg.ts';
import { renderTableHtml, type ShownHeaderTraces } from './table-html.ts';
import type { BuiltTable } from './tables.ts';

/** The exact CSP of every report. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'";

export interface TableBlock {
  kind: 'table';
  table: BuiltTable;
}
export interface ChartBlock {
  kind: 'chart';
  /** Unique in the page, kebab-case; prefixes the SVG's internal ids. */
  id: string;
  title: string;
  spec: TopLevelSpec;
  caption?: string;
}
export interface ConsortBlock {
  kind: 'consort';
  id: string;
  title: string;
  flow: ConsortFlow;
  caption?: string;
}
export interface TextBlock {
  kind: 'text';
  paragraphs: readonly string[];
}
export interface DetailsBlock {
  kind: 'details';
  summary: string;
  paragraphs?: readonly string[];
  /** Shown in a `<pre>` (e.g. a listing or JSON). */
  preformatted?: string;
}
export interface ListBlock {
  kind: 'list';
  items: readonly string[];
}
export type ReportBlock = TableBlock | ChartBlock | ConsortBlock | TextBlock | DetailsBlock | ListBlock;

export interface ReportSection {
  /** Kebab-case, unique in the page (the TOC links to it). */
  id: string;
  title: string;
  blocks: readonly ReportBlock[];
}

export interface ReportPage {
  title: string;
  subtitle?: string;
  /** closed = by arm (DSMB closed session); open = pooled only. */
  blinding: 'open' | 'closed';
  /** Data cut-off date, ISO 8601 (YYYY-MM-DD). */
  dataCut: string;
  snapshotId?: string;
  /** e.g. "remit 0.1.0 · Node 20.19 · vega 6.4.0 · vega-lite 6.5.0". */
  programVersions?: string;
  sections: readonly ReportSection[];
}

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

/** The open report never shows subject-level data: a table carrying subject traces is a programming error. */
function assertNoTraces(sections: readonly ReportSection[]): void {
  sections.forEach((s, i) =>
    s.blocks.forEach((b, j) => {
      if (b.kind === 'table' && (b.table.rows.some((r) => r.traces?.some((t) => t !== null)) || b.table.header.some((h) => h.trace !== undefined))) {
        throw new InputError(`sections[${i}].blocks[${j}]`, `table "${b.table.id}" carries subject-level traces, which the open report must not contain (build it from openRecords)`);
      }
    }),
  );
}

function assertId(id: string, argument: string, seen: Set<string>): void {
  if (!ID_PATTERN.test(id)) throw new InputError(argument, `must be lower-case kebab-case starting with a letter, got ${JSON.stringify(id)}`);
  if (seen.has(id)) throw new InputError(argument, `duplicate id ${JSON.stringify(id)}`);
  seen.add(id);
}

function validatePage(page: ReportPage): void {
  if (page.blinding !== 'open' && page.blinding !== 'closed') throw new InputError('blinding', `expected "open" or "closed", got ${JSON.stringify(page.blinding)}`);
  if (page.blinding === 'open') assertNoTraces(page.sections);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(page.dataCut)) throw new InputError('dataCut', `expected YYYY-MM-DD, got ${JSON.stringify(page.dataCut)}`);
  const sectionIds = new Set<string>(['appendix-rounding']);
  const blockIds = new Set<string>();
  page.sections.forEach((s, i) => {
    assertId(s.id, `sections[${i}].id`, sectionIds);
    s.blocks.forEach((b, j) => {
      if (b.kind === 'chart' || b.kind === 'consort') assertId(b.id, `sections[${i}].blocks[${j}].id`, blockIds);
    });
  });
}

/**
 * Make a standalone vega SVG fit for inlining: drop the xmlns declarations (HTML parsers put inline `<svg>`
 * in the SVG namespace; the declarations are the only "http:" in vega's output) and prefix internal ids
 * (clip paths, gradients) with the chart id so several charts can share one document. Vega escapes
 * & < > in text nodes but leaves quotes; they are escaped too, so no data quote appears unescaped.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
  if (!ID_PATTERN.test(idPrefix)) throw new InputError('idPrefix', `must be kebab-case, got ${JSON.stringify(idPrefix)}`);
  return svg
    .replace(/^<svg([^>]*)>/, (_, attrs: string) => `<svg${attrs.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')}>`)
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${idPrefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${idPrefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${idPrefix}-${id}"`)
    .replace(/>([^<]+)</g, (_, text: string) => `>${text.replace(/"/g, '&quot;').replace(/'/g, '&#39;')}<`);
}

function bannerText(page: ReportPage): string {
  return page.blinding === 'closed'
    ? 'CLOSED REPORT · DSMB closed session only · contains data by treatment arm'
    : 'OPEN REPORT · pooled data only';
}

function dataCutText(page: ReportPage): string {
  return `Data cut-off ${page.dataCut}${page.snapshotId ? ` · snapshot ${page.snapshotId}` : ''}`;
}

function specDetails(spec: TopLevelSpec): string {
  return `<details class="spec"><summary>Chart specification</summary><pre>${escapeHtml(JSON.stringify(spec, null, 2))}</pre></details>`;
}

function paragraphs(ps: readonly string[]): string {
  return ps.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
}

function blockHtml(b: ReportBlock, svgs: ReadonlyMap<string, string>, shown: ShownHeaderTraces): string {
  switch (b.kind) {
    case 'table':
      return renderTableHtml(b.table, shown);
    case 'chart': {
      const svg = svgs.get(b.id);
      if (svg === undefined) throw new InputError('svgs', `no rendered SVG for chart ${JSON.stringify(b.id)}`);
      const caption = b.caption ? `<p class="chart-caption">${escapeHtml(b.caption)}</p>` : '';
      return `<figure class="chart" id="chart-${b.id}"><figcaption class="chart-title">${escapeHtml(b.title)}</figcaption><div class="chart-svg" role="img" aria-label="${escapeHtml(b.title)}">${inlineSvg(svg, b.id)}</div>${caption}${specDetails(b.spec)}</figure>`;
    }
    case 'consort': {
      const caption = b.caption ? `<p class="chart-caption">${escapeHtml(b.caption)}</p>` : '';
      return `<figure class="chart" id="chart-${b.id}"><figcaption class="chart-title">${escapeHtml(b.title)}</figcaption><div class="chart-svg">${consortSvg(b.flow)}</div>${caption}</figure>`;
    }
    case 'text':
      return paragraphs(b.paragraphs);
    case 'list':
      return `<ul class="rules">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'details': {
      const pre = b.preformatted !== undefined ? `<pre>${escapeHtml(b.preformatted)}</pre>` : '';
      return `<details><summary>${escapeHtml(b.summary)}</summary>${paragraphs(b.paragraphs ?? [])}${pre}</details>`;
    }
    default:
      throw new InputError('blocks', `unknown block kind ${JSON.stringify((b as { kind: unknown }).kind)}`);
  }
}

function appendix(): ReportSection {
  return {
    id: 'appendix-rounding',
    title: 'Appendix: rounding and display conventions',
    blocks: [{ kind: 'list', items: ROUNDING_RULES }],
  };
}

function sectionHtml(s: ReportSection, svgs: ReadonlyMap<string, string>): string {
  // A header-N subject list is shown in full once per section; later tables of the section refer to it.
  const shown: ShownHeaderTraces = new Map();
  return `<section class="report-section" id="${s.id}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => blockHtml(b, svgs, shown)).join('\n')}\n</section>`;
}

function tocHtml(sections: readonly ReportSection[]): string {
  const items = sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  return `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${items}</ol></nav>`;
}

/** What frames a page's sections: title, banner (also in every printed page's margin boxes), meta lines. */
export interface PageFrame {
  title: string;
  subtitle?: string;
  /** Left banner text (the report's OPEN / CLOSED line). */
  bannerText: string;
  /** Right banner text (the report's data cut line). */
  bannerDetail: string;
  /** Banner colour and body class: the report's blinding; other pages (validation) use 'open'. */
  tone: 'open' | 'closed';
  meta: readonly string[];
}

/**
 * One self-contained page (CSP meta, inline CSS, banner, title, table of contents, sections): the report's
 * page and `remit validate`'s validation.html share it. Section ids must be unique kebab-case (the caller checks).
 */
export function framedPageHtml(frame: PageFrame, sections: readonly ReportSection[], svgs: ReadonlyMap<string, string>): string {
  const body = sections.map((s) => sectionHtml(s, svgs)).join('\n');
  const css = pageCss({ bannerText: frame.bannerText, dataCutText: frame.bannerDetail, blinding: frame.tone });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(frame.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    `<body class="report-${frame.tone}">`,
    `<header class="banner banner-${frame.tone}"><span class="blinding">${escapeHtml(frame.bannerText)}</span><span class="data-cut">${escapeHtml(frame.bannerDetail)}</span></header>`,
    '<main>',
    `<h1>${escapeHtml(frame.title)}</h1>`,
    frame.subtitle ? `<p class="subtitle">${escapeHtml(frame.subtitle)}</p>` : '',
    ...frame.meta.map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
    tocHtml(sections),
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Assemble the page from sections and already-rendered chart SVGs (keyed by chart id). Synchronous and pure.
 * @throws InputError for an invalid blinding, data cut, id, or a chart without SVG.
 */
export function pageHtml(page: ReportPage, svgs: ReadonlyMap<string, string>): string {
  validatePage(page);
  const meta = [dataCutText(page), page.programVersions ? `Programs: ${page.programVersions}` : ''].filter((x) => x !== '');
  const frame: PageFrame = { title: page.title, subtitle: page.subtitle, bannerText: bannerText(page), bannerDetail: dataCutText(page), tone: page.blinding, meta };
  return framedPageHtml(frame, [...page.sections, appendix()], svgs);
}

/**
 * Render every chart of the page (sequentially, deterministic) and assemble the HTML.
 * Vega/vega-lite warnings are appended to `warnings` when given.
 */
export async function renderReportHtml(page: ReportPage, options: { warnings?: string[] } = {}): Promise<string> {
  validatePage(page);
  const svgs = new Map<string, string>();
  for (const section of page.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'chart') svgs.set(block.id, await renderSvg(block.spec, { warnings: options.warnings }));
    }
  }
  return pageHtml(page, svgs);
}
