import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/core/errors.ts';
import { findArmLeaks } from '../../src/report/blinding.ts';
import { escapeCssString, escapeHtml } from '../../src/report/escape.ts';
import { ROUNDING_RULES } from '../../src/report/format.ts';
import { CONTENT_SECURITY_POLICY, inlineSvg, pageHtml, renderReportHtml } from '../../src/report/html.ts';
import type { BuiltTable } from '../../src/report/tables.ts';
import { ARM_IDS, demoPage } from './demo-report.ts';

const closedInjected = renderReportHtml(demoPage('closed', true));

test('escapeHtml: the five HTML-special characters', () => {
  assert.is(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('escapeCssString: quotes, backslashes and < cannot end the string or the style element', () => {
  assert.is(escapeCssString('a"b\\c</style>'), 'a\\22 b\\5c c\\3c \\2f style\\3e ');
  assert.is(escapeCssString('Data cut-off 2021-06-01'), 'Data cut-off 2021-06-01');
});

test('page: the exact CSP meta is present', async () => {
  const html = await closedInjected;
  assert.match(html, `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
  assert.is(CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'");
});

test('page: no external URL anywhere (no http:, https:, protocol-relative //)', async () => {
  for (const html of [await closedInjected, await renderReportHtml(demoPage('open'))]) {
    assert.not.match(html, /https?:/i);
    assert.not.match(html, '//');
    assert.not.match(html, /@import|url\(\s*['"]?[a-z]/i);
  }
});

test('page: injected <script> and "onload= in AE terms, table labels, chart labels and spec JSON stay escaped', async () => {
  const html = await closedInjected;
  assert.not.match(html, /<script/i);
  // every onload= is preceded by an escaped quote, never by a real one
  const raw = [...html.matchAll(/onload=/g)].filter((m) => !html.slice(0, m.index).endsWith('&quot;'));
  assert.equal(raw, []);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  // the spec JSON (inside <pre>) carries the escaped JSON string of the injected AE term
  assert.ok(html.includes('&quot;term&quot;: &quot;Rash &lt;script&gt;alert(1)&lt;/script&gt; \\&quot;onload=alert(2) x=\\&quot;&quot;'));
});

test('page: one chart per chart block with its spec in <details>, inline SVG without xmlns', async () => {
  const html = await closedInjected;
  const charts = (html.match(/<figure class="chart"/g) ?? []).length;
  const specs = (html.match(/<details class="spec"><summary>Chart specification<\/summary><pre>/g) ?? []).length;
  assert.is(charts, 7); // 6 vega charts + CONSORT
  assert.is(specs, 6);
  assert.is((html.match(/<svg/g) ?? []).length, 7);
  assert.not.match(html, 'xmlns');
});

test('page: TOC, banner, data cut, print CSS (page breaks, repeated headers, margin-box banner) and rounding appendix', async () => {
  const html = await closedInjected;
  assert.match(html, '<nav class="toc"');
  assert.match(html, '<a href="#baseline">Baseline characteristics</a>');
  assert.match(html, 'CLOSED REPORT');
  assert.match(html, 'Data cut-off 2021-06-01 · snapshot demo-001');
  assert.match(html, '@media print');
  assert.match(html, 'section.report-section{break-before:page');
  assert.match(html, 'thead{display:table-header-group}');
  assert.match(html, 'tr{break-inside:avoid}');
  assert.match(html, '@top-left{content:"CLOSED REPORT');
  assert.match(html, 'svg{max-width:100%');
  for (const rule of ROUNDING_RULES) assert.ok(html.includes(escapeHtml(rule)), rule);
});

test('page: deterministic (render twice → identical bytes)', async () => {
  const a = await renderReportHtml(demoPage('closed', true));
  assert.is(a, await closedInjected);
});

test('open page: built from pooled records only, no arm label or code anywhere', async () => {
  const html = await renderReportHtml(demoPage('open'));
  assert.match(html, 'OPEN REPORT');
  assert.equal(findArmLeaks(html, ARM_IDS), []);
  // the closed page, by construction, names the arms
  assert.ok(findArmLeaks(await closedInjected, ARM_IDS).length > 0);
});

test('inlineSvg: prefixes ids and their references, drops xmlns', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1"><clipPath id="clip1"></clipPath><g clip-path="url(#clip1)"></g></svg>';
  assert.is(inlineSvg(svg, 'km'), '<svg width="1"><clipPath id="km-clip1"></clipPath><g clip-path="url(#km-clip1)"></g></svg>');
});

test('pageHtml: invalid blinding, data cut, ids and missing SVGs throw InputError', () => {
  const page = demoPage('closed');
  const arg = (fn: () => unknown, argument: string) =>
    assert.throws(fn, (e: unknown) => e instanceof InputError && (e as InputError).argument === argument, argument);
  arg(() => pageHtml({ ...page, blinding: 'coded' as 'open' }, new Map()), 'blinding');
  arg(() => pageHtml({ ...page, dataCut: '01/06/2021' }, new Map()), 'dataCut');
  arg(() => pageHtml({ ...page, sections: [{ id: 'Bad id', title: 't', blocks: [] }] }, new Map()), 'sections[0].id');
  arg(() => pageHtml({ ...page, sections: [page.sections[0], page.sections[0]] }, new Map()), 'sections[1].id');
  arg(() => pageHtml(page, new Map()), 'svgs');
});

test('pageHtml: an open page with a subject-traced table is refused (subject-level data never reaches the open report)', () => {
  const table = { id: 't', title: 'T', population: 'SAF', visit: null, units: null, method: null, stubHeader: '', header: [{ label: 'Total', n: null }], footnotes: [] };
  const traced = { ...table, rows: [{ label: 'Any TEAE', indent: 0, heading: false, cells: ['1 (50.0 %)'], traces: [{ counted: [{ id: 'S1', reason: 'Nausea (Grade 1)' }] }] }] };
  const page = (blinding: 'open' | 'closed', t: typeof table & { rows: unknown[] }) =>
    pageHtml({ title: 'R', blinding, dataCut: '2021-06-01', sections: [{ id: 's', title: 'S', blocks: [{ kind: 'table', table: t as typeof traced }] }] }, new Map());
  assert.throws(() => page('open', traced), (e: unknown) => e instanceof InputError && e.argument === 'sections[0].blocks[0]' && /subject-level/.test(e.message));
  assert.ok(page('closed', traced).includes('<details class="trace">'));
  assert.not.ok(page('open', { ...table, rows: [{ ...traced.rows[0], traces: undefined }] }).includes('S1'));
  // A traced header N is subject-level data too.
  const header: BuiltTable = { ...table, header: [{ label: 'Total', n: 'N = 1', trace: { counted: [{ id: 'S1', reason: 'SAFFL = Y' }] } }], rows: [] };
  const headerPage = (blinding: 'open' | 'closed') => pageHtml({ title: 'R', blinding, dataCut: '2021-06-01', sections: [{ id: 's', title: 'S', blocks: [{ kind: 'table', table: header }] }] }, new Map());
  assert.throws(() => headerPage('open'), (e: unknown) => e instanceof InputError && e.argument === 'sections[0].blocks[0]' && /subject-level/.test(e.message));
  assert.ok(headerPage('closed').includes('<details class="trace big-n"><summary>N = 1</summary>'));
});

test('pageHtml: a header-N list is shown once per section; a later table of the section refers to it, another section shows it again', () => {
  const trace = { counted: [{ id: 'S1', reason: 'SAFFL = Y' }, { id: 'S2', reason: 'SAFFL = Y' }] };
  const table = (id: string) => ({ id, title: id, population: 'SAF', visit: null, units: null, method: null, stubHeader: '', header: [{ label: 'Arm A', n: 'N = 2', trace }], rows: [], footnotes: [] });
  const section = (id: string, tables: string[]) => ({ id, title: id, blocks: tables.map((t) => ({ kind: 'table' as const, table: table(t) })) });
  const html = pageHtml({ title: 'R', blinding: 'closed', dataCut: '2021-06-01', sections: [section('one', ['t-one-a', 't-one-b']), section('two', ['t-two'])] }, new Map());
  assert.is(html.split('<i>S1</i>').length - 1, 2, 'once in each section');
  assert.ok(html.includes('as the N of “Arm A” in the table <a href="#table-t-one-a">“t-one-a”</a> above.'));
});

test.run();
