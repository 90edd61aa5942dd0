/**
 * The report's inline stylesheet (screen + print). No web fonts (generic system stack), no url(), no
 * imports. Print rules (CSS Paged Media / Fragmentation): A4 pages; the OPEN/CLOSED banner, the data cut
 * and page numbers in the page-margin boxes of EVERY page (`@page @top-left` etc., Chromium ≥ 131);
 * each section starts a new page; charts are never split or clipped (max-width 100 %); table rows do
 * not split and table headers repeat on each page (`thead { display: table-header-group }`).
 * Traced counts (closed report, ./trace-html.ts): on screen a closed `<details>` looks like the number with a
 * dotted underline and opens to a scrolling panel; in print a closed one is just the number and an opened one
 * prints its whole list (no height limit), so the reviewer chooses what goes on paper.
 * An opened panel never changes the column widths: its negative right margin cancels its width, so its
 * outer width, the width a table cell's content asks for (CSS 2.1 §17.5.2 automatic table layout), is 0;
 * it lies over the empty lower part of the cells to its right (the row grows to its height), and in the last
 * column it is shifted left to end at the cell's right edge. The opened count is marked by a bar, not bold
 * (bold text is wider and would widen the column). A traced header N ("N = 113", th.traced) is the same
 * element under the column label, its summary without padding so that the header stays as narrow as before.
 */
import { escapeCssString } from './escape.ts';
import { FONT_STACK } from './charts/theme.ts';

export interface PageCssOptions {
  /** Text of the banner in every printed page's top-left margin box. */
  bannerText: string;
  /** Text of the top-right margin box (data cut line). */
  dataCutText: string;
  blinding: 'open' | 'closed';
}

const SCREEN_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:${FONT_STACK};font-size:14px;line-height:1.45;color:#111;background:#fff}
.banner{position:sticky;top:0;z-index:10;display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 24px;padding:6px 20px;color:#fff;font-weight:700;letter-spacing:.02em;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.banner-closed{background:#8b0000}
.banner-open{background:#1f4e79}
.banner .data-cut{font-weight:400}
main{max-width:1120px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:24px;margin:12px 0 4px}
h2{font-size:19px;margin:0 0 12px;padding-top:8px;border-bottom:1px solid #ccc}
.subtitle,.meta{color:#333;margin:2px 0}
nav.toc ol{padding-left:22px}
nav.toc a{color:#0b4f8a}
section.report-section{margin-top:36px}
figure{margin:18px 0 26px}
.chart-title{font-weight:700;margin-bottom:6px}
.chart-svg svg{display:block;max-width:100%;height:auto}
.chart-caption{font-size:12px;color:#333;margin:6px 0 0}
details.spec{margin-top:6px;font-size:12px}
details.spec pre{max-height:320px;overflow:auto;background:#f6f6f6;border:1px solid #ddd;padding:8px;font-size:11px;white-space:pre-wrap;word-break:break-word}
figure.report-table{overflow-x:auto}
table{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums}
caption{text-align:left;caption-side:top;padding-bottom:6px}
.table-title{display:block;font-weight:700;font-size:14px}
.table-meta{display:block;color:#444;font-size:12px}
th,td{padding:3px 12px;border-bottom:1px solid #e2e2e2;vertical-align:top}
thead th{border-bottom:2px solid #333;border-top:2px solid #333;text-align:center;vertical-align:bottom;white-space:nowrap}
thead th.stub{text-align:left}
tbody th{text-align:left;font-weight:400;min-width:12em}
td{text-align:center;white-space:nowrap}
th.row-heading{font-weight:700}
.indent-1{padding-left:26px}.indent-2{padding-left:40px}.indent-3{padding-left:54px}.indent-4{padding-left:68px}
.big-n{font-weight:400;font-size:12px}
.table-method{font-size:12px;margin:6px 0 0}
ul.footnotes{font-size:12px;color:#333;margin:4px 0 0;padding-left:18px}
ul.rules{padding-left:20px}
`;

/** Traced counts (closed report only: the open report has none, ./trace-html.ts). */
const TRACE_SCREEN_CSS = `
td.traced{padding:0}
details.trace>summary{display:block;padding:3px 12px;cursor:pointer;list-style:none;text-decoration:underline dotted #777;text-underline-offset:3px}
details.trace>summary::-webkit-details-marker{display:none}
details.trace>summary:hover,details.trace>summary:focus-visible{background:#eef4fb}
details.trace[open]>summary{background:#eef4fb;box-shadow:inset 0 -2px 0 #0b4f8a}
.trace-body{position:relative;z-index:1;width:30em;max-height:26em;overflow:auto;white-space:normal;text-align:left;font-size:11px;line-height:1.35;margin:2px calc(6px - 30em) 6px 6px;padding:4px 8px;border:1px solid #c9d6e3;background:#fbfcfe;box-shadow:0 2px 6px rgba(0,0,0,.15)}
.traced:last-child .trace-body{left:calc(100% - 30em - 12px)}
th.traced details.trace>summary{padding:0}
.trace-body:focus-visible{outline:2px solid #0b4f8a}
.trace-body ul{margin:2px 0 6px;padding-left:16px}
.trace-body li{margin:1px 0;overflow-wrap:anywhere}
.trace-body i{font-style:normal;white-space:nowrap}
.trace-head{font-weight:700;margin:4px 0 2px}
.trace-none{margin:2px 0 6px;color:#555}
.trace-same{margin:4px 0}
`;

const TRACE_PRINT_CSS = `
@media print{
 details.trace>summary{text-decoration:none;padding:2px 8px}
 details.trace[open]>summary{background:none;box-shadow:none}
 .trace-body{width:24em;margin-right:calc(6px - 24em);max-height:none;overflow:visible;border-color:#999;background:#fff;box-shadow:none;font-size:8pt}
 .traced:last-child .trace-body{left:calc(100% - 24em - 12px)}
 tr:has(details.trace[open]){break-inside:auto}
}`;

function printCss(o: PageCssOptions): string {
  const colour = o.blinding === 'closed' ? '#8b0000' : '#1f4e79';
  return `
@page{size:A4;margin:18mm 12mm 16mm 12mm;
 @top-left{content:"${escapeCssString(o.bannerText)}";color:${colour};font-weight:700;font-size:9pt;font-family:${FONT_STACK}}
 @top-right{content:"${escapeCssString(o.dataCutText)}";font-size:9pt;font-family:${FONT_STACK}}
 @bottom-right{content:"Page " counter(page) " of " counter(pages);font-size:9pt;font-family:${FONT_STACK}}}
@media print{
 body{font-size:10pt}
 .banner{position:static}
 main{max-width:none;padding:0}
 section.report-section{break-before:page;margin-top:0}
 h2,caption,.chart-title{break-after:avoid}
 figure.chart{break-inside:avoid}
 figure.report-table{overflow:visible}
 tr{break-inside:avoid}
 thead{display:table-header-group}
 tfoot{display:table-footer-group}
 svg{max-width:100%!important;height:auto!important}
 details.spec{display:none}
 nav.toc a{color:inherit;text-decoration:none}
}`;
}

/** The complete stylesheet for one report. */
export function pageCss(o: PageCssOptions): string {
  return SCREEN_CSS + printCss(o) + (o.blinding === 'closed' ? TRACE_SCREEN_CSS + TRACE_PRINT_CSS : '');
}
