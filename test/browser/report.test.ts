/**
 * Browser test: the demo report (synthetic ARD, every chart kind, hostile strings planted) opened from
 * file:// in Debian's chromium. Fails (does not skip) when /usr/bin/chromium is missing.
 * Screenshots: test/artifacts/report-closed.png, report-open.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReportHtml } from '../../src/report/html.ts';
import { demoPage } from '../report/demo-report.ts';
import { ARTIFACTS_DIR, CHROMIUM_PATH, openInChromium, requireChromium } from './chromium.ts';

interface SvgInfo {
  figures: number;
  svgs: { id: string; children: number; width: number; height: number }[];
  overflowing: string[];
}

/** Runs in the page (a string, since the Node type check has no DOM library). */
const INSPECT_CHARTS = `(() => {
  const figures = [...document.querySelectorAll('figure.chart')];
  const svgs = figures.map((f) => {
    const svg = f.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : null;
    return { id: f.id, children: svg ? svg.querySelectorAll('*').length : 0, width: box ? box.width : 0, height: box ? box.height : 0 };
  });
  // a chart wider than its container would be clipped in print
  const overflowing = figures
    .filter((f) => { const svg = f.querySelector('svg'); return svg && svg.getBoundingClientRect().width > f.getBoundingClientRect().width + 1; })
    .map((f) => f.id);
  return { figures: figures.length, svgs, overflowing };
})()`;

async function inspectCharts(page: import('playwright-core').Page): Promise<SvgInfo> {
  return (await page.evaluate(INSPECT_CHARTS)) as SvgInfo;
}

async function writePage(name: string, blinding: 'open' | 'closed'): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, name);
  writeFileSync(path, await renderReportHtml(demoPage(blinding, true)));
  return path;
}

test('chromium is installed (CI installs the apt package "chromium")', () => {
  requireChromium();
  assert.ok(CHROMIUM_PATH);
});

for (const blinding of ['closed', 'open'] as const) {
  test(`${blinding} demo report: no console errors, no network, every chart has a non-empty <svg>, injected script does not run`, async () => {
    const path = await writePage(`report-${blinding}.html`, blinding);
    const visit = await openInChromium(path, { screenshot: `report-${blinding}.png`, inspect: inspectCharts });
    assert.equal(visit.consoleErrors, [], 'console errors');
    assert.equal(visit.pageErrors, [], 'page errors');
    assert.equal(visit.externalRequests, [], 'network requests other than the file itself');
    assert.equal(visit.requests, [visit.url]);
    assert.equal(visit.dialogs, [], 'an injected script ran');
    const info = visit.inspected as SvgInfo;
    assert.ok(info.figures >= (blinding === 'closed' ? 7 : 5), `figures: ${info.figures}`);
    for (const s of info.svgs) {
      assert.ok(s.children > 5 && s.width > 50 && s.height > 50, `chart ${s.id} is empty: ${JSON.stringify(s)}`);
    }
    assert.equal(info.overflowing, [], 'charts wider than their container');
  });
}

test('harness control: it does see dialogs and network requests when a page has them', async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, 'control.html');
  writeFileSync(path, '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"><script>alert("ran")</script></body></html>');
  const visit = await openInChromium(path);
  assert.equal(visit.dialogs, ['ran']);
  assert.ok(visit.externalRequests.includes('http://127.0.0.1:9/x.png'), JSON.stringify(visit.requests));
});

test.run();
