/**
 * Browser test harness: opens a local HTML file from file:// in Debian's chromium (apt package `chromium`,
 * /usr/bin/chromium) driven by playwright-core, with a fresh user-data-dir, and records everything a test
 * needs to judge the page: console errors, uncaught page errors, every network request, dialogs (alert,
 * confirm: an executed injected script shows up here), and a full-page screenshot under test/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** test/artifacts/ (gitignored). */
export const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What happened while the page was open. */
export interface PageVisit {
  url: string;
  consoleErrors: string[];
  pageErrors: string[];
  /** Every request the page made, including the document itself. */
  requests: string[];
  /** Requests other than the document itself (should be empty for a self-contained page). */
  externalRequests: string[];
  /** Messages of alert/confirm/prompt dialogs (dismissed automatically). */
  dialogs: string[];
  screenshotPath: string | null;
  /** Result of the `inspect` callback, if given. */
  inspected: unknown;
}

export interface OpenOptions {
  /** File name under test/artifacts/ for a full-page screenshot; null for none. */
  screenshot?: string | null;
  viewport?: { width: number; height: number };
  /** Runs with the loaded page before it is closed (e.g. count SVG elements). */
  inspect?: (page: Page) => Promise<unknown>;
}

/**
 * Throw a clear error when chromium is not installed (the browser tests must fail, not silently pass).
 */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install it with "apt-get install chromium" (CI installs it) to run the browser tests`);
  }
}

/** Open `htmlPath` from file:// and record console errors, requests, dialogs and a screenshot. */
export async function openInChromium(htmlPath: string, options: OpenOptions = {}): Promise<PageVisit> {
  requireChromium();
  const url = pathToFileURL(resolve(htmlPath)).href;
  const userDataDir = mkdtempSync(join(tmpdir(), 'remit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1200, height: 900 },
    offline: true,
  });
  const visit: PageVisit = { url, consoleErrors: [], pageErrors: [], requests: [], externalRequests: [], dialogs: [], screenshotPath: null, inspected: undefined };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') visit.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => visit.pageErrors.push(String(e)));
    page.on('dialog', (d) => {
      visit.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      visit.requests.push(r.url());
      if (r.url() !== url) visit.externalRequests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    if (options.inspect) visit.inspected = await options.inspect(page);
    if (options.screenshot) {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      visit.screenshotPath = join(ARTIFACTS_DIR, options.screenshot);
      await page.screenshot({ path: visit.screenshotPath, fullPage: true });
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return visit;
}
