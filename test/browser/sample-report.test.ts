/**
 * Browser acceptance (issue 7): the committed reference reports (reports/sample/, kept current by
 * test/e2e/run-pipeline.test.ts) open from file:// in Debian's chromium with zero console errors, zero
 * network requests and a non-empty SVG in every chart; and an AE term `<script>alert(1)</script>` that
 * goes through the whole pipeline is shown escaped and never executes.
 * Screenshots: test/artifacts/sample-closed.png, sample-open.png, xss-closed.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { openInChromium } from './chromium.ts';
import { tempDir } from '../helpers/temp-dir.ts';

interface ChartInfo {
  figures: number;
  empty: string[];
  bodyText: string;
}

const INSPECT = async (page: import('playwright-core').Page): Promise<ChartInfo> =>
  (await page.evaluate(`(() => {
    const figures = [...document.querySelectorAll('figure.chart')];
    const empty = figures.filter((f) => { const s = f.querySelector('svg'); return !s || s.querySelectorAll('*').length < 5 || s.getBoundingClientRect().width < 50; }).map((f) => f.id);
    return { figures: figures.length, empty, bodyText: document.body.innerText };
  })()`)) as ChartInfo;

for (const [file, shot, minCharts] of [['report.html', 'sample-closed.png', 20], ['report-open.html', 'sample-open.png', 1]] as const) {
  test(`reports/sample/${file}: no console errors, no network requests, every chart drawn`, async () => {
    const visit = await openInChromium(`reports/sample/${file}`, { screenshot: shot, inspect: INSPECT, viewport: { width: 1200, height: 1000 } });
    assert.equal(visit.consoleErrors, []);
    assert.equal(visit.pageErrors, []);
    assert.equal(visit.externalRequests, []);
    assert.equal(visit.dialogs, []);
    const info = visit.inspected as ChartInfo;
    assert.ok(info.figures >= minCharts, `${info.figures} charts`);
    assert.equal(info.empty, [], 'charts without a drawn SVG');
  });
}

test('an AE term <script>alert(1)</script> is shown escaped through the whole pipeline and never runs', async () => {
  const root = tempDir('remit-xss-');
  const data = join(root, 'data');
  const out = join(root, 'out');
  const io: CliIo = { out: () => undefined, err: () => undefined, isTty: false };
  assert.is(await main(['simulate', '--subjects', '16', '--seed', '11', '--out', data], io), 0);
  const lines = readFileSync(join(data, 'ae.csv'), 'utf8').split('\n');
  const header = lines[0].split(',');
  const at = header.indexOf('AEDECOD');
  const cells = lines[1].split(',');
  cells[at] = '<script>alert(1)</script>';
  lines[1] = cells.join(',');
  writeFileSync(join(data, 'ae.csv'), lines.join('\n'));
  assert.is(await main(['run', '--data', data, '--plan', 'analyses/plan.json', '--out', out], io), 0);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the term appears escaped in the HTML');
  assert.not.ok(html.includes('<script>alert(1)</script>'), 'never as markup');
  const visit = await openInChromium(join(out, 'report.html'), { screenshot: 'xss-closed.png', inspect: INSPECT });
  assert.equal(visit.dialogs, [], 'the script ran');
  assert.equal(visit.consoleErrors, []);
  assert.ok((visit.inspected as ChartInfo).bodyText.includes('<script>alert(1)</script>'), 'the term is visible as text');
});

test.run();
