/**
 * Browser acceptance (issue 10 item 2): in the closed sample report (reports/sample/report.html, opened from
 * file:// in Debian's chromium), opening a count lists exactly the subjects the count contains, with the
 * rule that put each there. The expected sets are computed here, independently of the code under test, from
 * the ADaM CSVs the same run wrote (reports/sample/adam/adsl.csv, adrs.csv, adae.csv) with a tiny RFC 4180
 * parser (test/helpers/tiny-csv.ts): FAS responders / non-responders per arm at week 24 (ADRS TOTREM,
 * reason = RSNREAS), and safety-set subjects with any TEAE, a serious TEAE, a TEAE of grade ≥ 3 and the most frequent preferred term (with
 * the worst grade named in the reason). Also: every count of the traced tables opens, print media shows an
 * opened list in full, opening a count (by keyboard) leaves the table's column widths as they were, on screen
 * and in print, and the open report has no trace element (<details class="trace…">).
 * Header N (the column's population): the analysis set's subjects of the arm in ADSL (ITTFL, FASFL, PPROTFL by
 * planned arm, SAFFL by actual arm) and the randomised subjects of the arm left out, with the reason (PP: the
 * trial's rule, recomputed from ADSL PPEXCL and the ADRS RENALRSP call at week 24); time to remission: the
 * FAS subjects with an ADTTE record of the first parameter; Total and later tables of a section refer to the
 * lists shown (also the lab, SLE-score and SRI tables). Baseline categories (SEX, LNCLASS) and the infusion
 * count: the subjects of ADSL with that value. SRI responders at the first SRI visit (analyses/plan.json):
 * the FAS subjects of the arm with ADQS SRI<threshold> AVALC = Y, and the rest of the arm's FAS with the
 * ADQS RSNDTL of their call (or no record).
 * Screenshots: test/artifacts/trace-primary.png, trace-safety.png, trace-print.png, trace-header-n.png.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readCsvRows } from '../helpers/tiny-csv.ts';
import { ARTIFACTS_DIR, openInChromium } from './chromium.ts';

const DIR = 'reports/sample';
const VISIT = 'Week 24';

const adsl = readCsvRows(join(DIR, 'adam/adsl.csv'));
const adrs = readCsvRows(join(DIR, 'adam/adrs.csv'));
const adae = readCsvRows(join(DIR, 'adam/adae.csv'));
const adtte = readCsvRows(join(DIR, 'adam/adtte.csv'));
const adqs = readCsvRows(join(DIR, 'adam/adqs.csv'));
const planSri = (JSON.parse(readFileSync('analyses/plan.json', 'utf8')) as { secondary: { sri: { visits: string[]; threshold: number } } }).secondary.sri;
/** The lab parameters of the plan, each with its by-visit table in its own report section. */
const labParams = (JSON.parse(readFileSync('analyses/plan.json', 'utf8')) as { longitudinal: { params: string[] } }).longitudinal.params;
const armLabel = new Map(adsl.map((s) => [s.ARMCD, s.ARM]));
const arms = [...new Set(adsl.map((s) => s.ARM))].sort();
const ID = /NCT03580291-\d{2}-\d{4}/;
const ID_ONLY = /^NCT03580291-\d{2}-\d{4}$/;
const sorted = (xs: Iterable<string>) => [...xs].sort();

// ── expected sets, from the CSVs ─────────────────────────────────────────────────────────────────────
/** FAS subjects of an arm (planned arm, ADSL FASFL) with their week-24 TOTREM call. */
function primaryExpected(arm: string): { responders: string[]; nonResponders: string[]; reason: Map<string, string> } {
  const fas = adsl.filter((s) => s.FASFL === 'Y' && s.ARM === arm).map((s) => s.USUBJID);
  const call = new Map(adrs.filter((r) => r.PARAMCD === 'TOTREM' && r.AVISIT === VISIT && r.ANL01FL === 'Y').map((r) => [r.USUBJID, r]));
  const reason = new Map(fas.map((id) => [id, call.get(id)?.RSNREAS ?? 'NR-MISSING']));
  return {
    responders: sorted(fas.filter((id) => call.get(id)?.AVALC === 'Y')),
    nonResponders: sorted(fas.filter((id) => call.get(id)?.AVALC !== 'Y')),
    reason,
  };
}

/** Safety-set subjects of an arm (actual arm ACTARMCD) with ≥ 1 TEAE satisfying `pred`. */
function safetyExpected(arm: string, pred: (e: Record<string, string>) => boolean): string[] {
  const saf = new Set(adsl.filter((s) => s.SAFFL === 'Y' && armLabel.get(s.ACTARMCD) === arm).map((s) => s.USUBJID));
  return sorted(new Set(adae.filter((e) => e.TRTEMFL === 'Y' && saf.has(e.USUBJID) && pred(e)).map((e) => e.USUBJID)));
}

/**
 * Who makes up a column's N, from ADSL: the analysis set's subjects of the arm (planned arm, or actual arm
 * for the safety set) and the randomised subjects of the arm (planned) who are not among them.
 */
function populationExpected(flag: 'ITTFL' | 'FASFL' | 'PPROTFL' | 'SAFFL', arm: string): { inN: string[]; leftOut: string[] } {
  const armOf = (s: Record<string, string>) => (flag === 'SAFFL' ? armLabel.get(s.ACTARMCD) : s.ARM);
  const inN = adsl.filter((s) => s[flag] === 'Y' && armOf(s) === arm).map((s) => s.USUBJID);
  const leftOut = adsl.filter((s) => s.ITTFL === 'Y' && s.ARM === arm && !inN.includes(s.USUBJID)).map((s) => s.USUBJID);
  return { inN: sorted(inN), leftOut: sorted(leftOut) };
}

/** Why a randomised subject is not in the PP set, by the trial's rule (src/adam/adsl.ts derivePprotfl), from the CSVs. */
function ppReason(id: string): string {
  const s = adsl.find((x) => x.USUBJID === id)!;
  if (s.FASFL !== 'Y') return 'PPROTFL = N: not in the FAS (FASFL = N: not dosed, no ADSL TRTSDT)';
  if (s.PPEXCL === 'Y') return 'PPROTFL = N: protocol deviation excluding from the PP set (SUPPDM PPEXCL = Y)';
  const call = adrs.find((r) => r.USUBJID === id && r.PARAMCD === 'RENALRSP' && r.AVISIT === VISIT);
  return call === undefined ? `PPROTFL = N: no RENALRSP record at ${VISIT}` : `PPROTFL = N: ${VISIT} response not decided on data (ADRS RENALRSP ${call.RSNREAS})`;
}

/** FAS subjects of an arm at the first SRI visit: responders (ADQS SRI AVALC = Y) and the others with the reason shown for them. */
function sriExpected(arm: string): { responders: string[]; others: Map<string, string> } {
  const param = `SRI${planSri.threshold}`;
  const visit = planSri.visits[0];
  const call = new Map(adqs.filter((r) => r.PARAMCD === param && r.AVISIT === visit && r.ANL01FL === 'Y').map((r) => [r.USUBJID, r]));
  const fas = adsl.filter((s) => s.FASFL === 'Y' && s.ARM === arm).map((s) => s.USUBJID);
  const others = new Map<string, string>();
  for (const id of fas) {
    const r = call.get(id);
    if (r?.AVALC === 'Y') continue;
    others.set(id, r === undefined ? `no ${param} record at ${visit}: non-responder` : r.RSNDTL === '' ? `${param} = ${r.AVALC}` : `${param} = ${r.AVALC}: ${r.RSNDTL}`);
  }
  return { responders: sorted(fas.filter((id) => call.get(id)?.AVALC === 'Y')), others };
}

const teae = adae.filter((e) => e.TRTEMFL === 'Y');
const ptCounts = new Map<string, Set<string>>();
for (const e of teae) (ptCounts.get(e.AEDECOD) ?? ptCounts.set(e.AEDECOD, new Set()).get(e.AEDECOD)!).add(e.USUBJID);
const topPt = [...ptCounts].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0][0];

// ── reading the page ─────────────────────────────────────────────────────────────────────────────────
interface Group {
  reason: string;
  ids: string[];
  text: string;
}

interface OpenedCell {
  summary: string;
  /** Each reason group of "Counted" / "Not counted": the reason (<b>), the listed USUBJIDs (<i>), the whole text. */
  counted: Group[];
  notCounted: Group[] | null;
  /** The text of a reference to a list shown elsewhere in the table ("… of the columns … together"), or null. */
  reference: string | null;
  /** The element id a reference links to (a header N shown in an earlier table of the section), or null. */
  link: string | null;
  bodyVisible: boolean;
}

/** The header N of a column: pass as `row` to `openCell`. */
const HEADER_N = '\u0000header N';

/**
 * Click the count in `row` (row-header text, exact; HEADER_N for the column's header N) × `column`
 * (column-header text before its N) of table `tableId`, then read the opened list. Runs in the page as a
 * string (the Node type check has no DOM lib).
 */
async function openCell(page: Page, tableId: string, row: string, column: string): Promise<OpenedCell> {
  const locate = `(() => {
    const table = document.querySelector(${JSON.stringify(`#table-${tableId} table`)});
    if (!table) throw new Error('no table ${tableId}');
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.childNodes[0] ? th.childNodes[0].textContent.trim() : '');
    const col = heads.indexOf(${JSON.stringify(column)});
    if (${JSON.stringify(row === HEADER_N)}) return table.querySelectorAll('thead th')[col];
    const tr = [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th').textContent.trim() === ${JSON.stringify(row)});
    if (col < 1 || !tr) throw new Error('no cell ' + ${JSON.stringify(`${row} × ${column}`)} + ' in ' + JSON.stringify(heads));
    return tr.children[col];
  })()`;
  await page.evaluate(`${locate}.querySelector('details.trace > summary').click()`);
  return (await page.evaluate(`(() => {
    const d = ${locate}.querySelector('details.trace');
    const groups = (sel) => { const box = d.querySelector(sel); return box ? [...box.querySelectorAll('li')].map((li) => ({ reason: li.querySelector('b').textContent, ids: [...li.querySelectorAll('i')].map((i) => i.textContent), text: li.textContent })) : null; };
    const ref = d.querySelector('.trace-same');
    const a = ref ? ref.querySelector('a') : null;
    return { summary: d.querySelector('summary').textContent, counted: groups('.trace-counted') || [], notCounted: groups('.trace-not-counted'), reference: ref ? ref.textContent : null, link: a ? a.getAttribute('href').slice(1) : null, bodyVisible: d.open && d.querySelector('.trace-body').getBoundingClientRect().height > 0 };
  })()`)) as OpenedCell;
}

/** The subject IDs listed in some groups, and the reason of each; every ID has the trial's USUBJID form. */
function idsOf(groups: readonly Group[]): { ids: string[]; reason: Map<string, string> } {
  const reason = new Map<string, string>();
  const ids: string[] = [];
  for (const g of groups) {
    assert.is((g.text.match(new RegExp(ID.source, 'g')) ?? []).length, g.ids.length, `every ID of "${g.reason}" is a listed subject`);
    for (const id of g.ids) {
      assert.match(id, ID_ONLY);
      ids.push(id);
      reason.set(id, g.reason);
    }
  }
  return { ids: ids.sort(), reason };
}

const countOf = (summary: string) => Number(/^(?:N = )?(\d+)/.exec(summary)?.[1]);

async function screenshotOf(page: Page, selector: string, file: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.locator(selector).screenshot({ path: join(ARTIFACTS_DIR, file) });
}

// ── tests ────────────────────────────────────────────────────────────────────────────────────────────
test('the sample has two arms, FAS responders and non-responders, and TEAEs to trace', () => {
  assert.equal(arms, ['MMF', 'UC-MSC']);
  for (const arm of arms) {
    const p = primaryExpected(arm);
    assert.ok(p.responders.length > 10 && p.nonResponders.length > 10, `${arm}: ${p.responders.length} / ${p.nonResponders.length}`);
  }
  assert.ok(teae.length > 100);
});

test('closed report: the primary FAS counts open to exactly the responders and non-responders of ADRS, with their RSNREAS', async () => {
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => {
      const out: Record<string, OpenedCell> = {};
      for (const arm of arms) out[arm] = await openCell(page, 'primary-table-fas', 'Primary: stratified Miettinen–Nurminen (CMH weights)', arm);
      await screenshotOf(page, '#table-primary-table-fas', 'trace-primary.png');
      return out;
    },
  });
  assert.equal(visit.consoleErrors, []);
  assert.equal(visit.externalRequests, []);
  const cells = visit.inspected as Record<string, OpenedCell>;
  for (const arm of arms) {
    const exp = primaryExpected(arm);
    const cell = cells[arm];
    assert.ok(cell.bodyVisible, `${arm}: the list is shown when opened`);
    assert.is(countOf(cell.summary), exp.responders.length, `${arm}: the count shown`);
    const counted = idsOf(cell.counted);
    assert.equal(counted.ids, exp.responders, `${arm}: responders listed = ADRS TOTREM responders`);
    assert.ok(cell.notCounted !== null, `${arm}: the non-responders are listed`);
    const nonResp = idsOf(cell.notCounted ?? []);
    assert.equal(nonResp.ids, exp.nonResponders, `${arm}: non-responders listed = FAS minus responders`);
    // The rule of each subject: the reason group starts with the ADRS reason code (RSNREAS).
    for (const [id, shown] of [...counted.reason, ...nonResp.reason]) {
      assert.ok(shown === exp.reason.get(id) || shown.startsWith(`${exp.reason.get(id)}:`), `${id}: shown "${shown}", ADRS RSNREAS ${exp.reason.get(id)}`);
    }
    // A responder's line names the values the call was made on.
    assert.ok(cell.counted.every((g) => /UP24 /.test(g.text)), `${arm}: every responder group shows lab values`);
    assert.ok(cell.notCounted!.some((g) => g.reason.startsWith('NR-CRITERIA: failed: ')), `${arm}: failed criteria are named`);
  }
});

test('closed report: safety counts open to exactly the subjects with the qualifying TEAEs of ADAE', async () => {
  const rows = [
    { table: 'safety-overview', row: 'Any TEAE', pred: () => true },
    { table: 'safety-overview', row: 'Serious TEAE', pred: (e: Record<string, string>) => e.AESER === 'Y' },
    { table: 'safety-overview', row: 'TEAE of CTCAE v4.0 grade ≥ 3', pred: (e: Record<string, string>) => Number(e.ATOXGR) >= 3 },
    { table: 'safety-teae-soc-pt', row: topPt, pred: (e: Record<string, string>) => e.AEDECOD === topPt },
  ];
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => {
      const out: OpenedCell[] = [];
      for (const r of rows) for (const col of [...arms, 'Total']) out.push(await openCell(page, r.table, r.row, col));
      await screenshotOf(page, '#table-safety-overview', 'trace-safety.png');
      return out;
    },
  });
  assert.equal(visit.consoleErrors, []);
  const cells = visit.inspected as OpenedCell[];
  let k = 0;
  for (const r of rows) {
    const shown = new Map<string, string[]>();
    for (const col of [...arms, 'Total']) {
      const cell = cells[k++];
      const expected = col === 'Total' ? sorted(arms.flatMap((a) => safetyExpected(a, r.pred))) : safetyExpected(col, r.pred);
      let got = idsOf(cell.counted);
      if (col === 'Total' && cell.reference !== null) {
        // The Total list is not repeated: the page says it is the arm columns' subjects together.
        assert.ok(arms.every((a) => cell.reference!.includes(`“${a}”`)) && cell.reference.includes('together'), cell.reference);
        got = { ids: sorted(arms.flatMap((a) => shown.get(a)!)), reason: got.reason };
      }
      shown.set(col, got.ids);
      assert.equal(got.ids, expected, `${r.row} × ${col}`);
      assert.is(countOf(cell.summary), expected.length, `${r.row} × ${col}: the count shown`);
      assert.ok(expected.length > 0 || cell.counted.length === 0);
      if (r.table === 'safety-teae-soc-pt' && cell.reference === null) {
        // The reason names the term with the subject's worst grade of it.
        for (const id of got.ids) {
          const worst = Math.max(...teae.filter((e) => e.USUBJID === id && e.AEDECOD === topPt).map((e) => Number(e.ATOXGR)));
          assert.is(got.reason.get(id), `${topPt} (Grade ${worst})`, id);
        }
      }
    }
  }
});

test('closed report: every count of the primary, secondary-remission and safety count tables opens; print shows opened lists whole', async () => {
  const tables = ['primary-table-fas', 'primary-table-pp', 'remission-secondary-table', 'sle-closed-sri', 'safety-overview', 'safety-teae-soc-pt', 'safety-teae-grade', 'safety-teae-common', 'safety-lab-shift-hgb'];
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => {
      const untraced = await page.evaluate(`(() => {
        const ids = ${JSON.stringify(tables)};
        const out = {};
        for (const id of ids) {
          const cells = [...document.querySelectorAll('#table-' + id + ' tbody td')].filter((td) => /^\\d+(\\/\\d+)? \\(/.test(td.textContent.trim()) || /^\\d+$/.test(td.textContent.trim()));
          out[id] = { counts: cells.length, untraced: cells.filter((td) => !td.querySelector('details.trace')).map((td) => td.textContent.trim()) };
        }
        return out;
      })()`);
      await page.evaluate(`document.querySelector('#table-remission-secondary-table details.trace > summary').click()`);
      await page.emulateMedia({ media: 'print' });
      const print = await page.evaluate(`(() => {
        const all = [...document.querySelectorAll('#table-remission-secondary-table details.trace')];
        const open = all.filter((d) => d.open);
        const body = open[0].querySelector('.trace-body');
        const closedHeights = all.filter((d) => !d.open).map((d) => d.getBoundingClientRect().height);
        return { open: open.length, maxHeight: getComputedStyle(body).maxHeight, clipped: body.scrollHeight > body.clientHeight + 1, tallestClosed: Math.max(...closedHeights) };
      })()`);
      await screenshotOf(page, '#table-remission-secondary-table', 'trace-print.png');
      return { untraced, print };
    },
  });
  const { untraced, print } = visit.inspected as { untraced: Record<string, { counts: number; untraced: string[] }>; print: { open: number; maxHeight: string; clipped: boolean; tallestClosed: number } };
  for (const id of tables) {
    assert.ok(untraced[id].counts > 0, `${id}: has counts`);
    assert.equal(untraced[id].untraced, [], `${id}: counts that do not open`);
  }
  assert.is(print.open, 1);
  assert.is(print.maxHeight, 'none', 'print: no height limit on an opened list');
  assert.not.ok(print.clipped, 'print: the opened list is not clipped');
  assert.ok(print.tallestClosed < 40, `print: a closed count stays one line high (${print.tallestClosed}px)`);
});

test('closed report: each column\'s N opens to exactly the subjects of its analysis set and arm in ADSL, and the randomised subjects of the arm left out, with the rule', async () => {
  const cells = [
    { table: 'disposition', flag: 'ITTFL' as const },
    { table: 'baseline-characteristics', flag: 'FASFL' as const },
    { table: 'primary-table-fas', flag: 'FASFL' as const },
    { table: 'primary-table-pp', flag: 'PPROTFL' as const },
    { table: 'ttr-summary-closed', flag: 'FASFL' as const },
    ...labParams.map((p) => ({ table: `long-closed-${p.toLowerCase()}-desc`, flag: 'FASFL' as const })),
    { table: 'sle-closed-sledai-desc', flag: 'FASFL' as const },
    { table: 'exposure', flag: 'SAFFL' as const },
    { table: 'safety-overview', flag: 'SAFFL' as const },
  ].flatMap((c) => arms.map((arm) => ({ ...c, arm })));
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => {
      const out: OpenedCell[] = [];
      for (const c of cells) out.push(await openCell(page, c.table, HEADER_N, c.arm));
      await screenshotOf(page, '#table-primary-table-pp', 'trace-header-n.png');
      return out;
    },
  });
  assert.equal(visit.consoleErrors, []);
  const opened = visit.inspected as OpenedCell[];
  cells.forEach((c, k) => {
    const cell = opened[k];
    const where = `${c.table} × ${c.arm}`;
    const exp = populationExpected(c.flag, c.arm);
    assert.ok(cell.bodyVisible && cell.reference === null, `${where}: the list is shown when opened`);
    assert.is(cell.summary, `N = ${exp.inN.length}`, `${where}: the N shown`);
    const inN = idsOf(cell.counted);
    assert.equal(inN.ids, exp.inN, `${where}: the subjects in N`);
    if (c.table.startsWith('ttr-')) {
      // Time to remission counts the FAS subjects with an ADTTE record of the table's first parameter (TTPRCR).
      const tte = new Set(adtte.filter((r) => r.PARAMCD === 'TTPRCR').map((r) => r.USUBJID));
      assert.ok(exp.inN.every((id) => tte.has(id)), `${where}: every FAS subject of the arm has an ADTTE TTPRCR record`);
    }
    assert.ok([...inN.reason.values()].every((r) => r === `${c.flag} = Y`), `${where}: reason ${c.flag} = Y`);
    if (c.flag === 'ITTFL') {
      assert.is(cell.notCounted, null, `${where}: nobody randomised is left out of the randomised set`);
      return;
    }
    const left = idsOf(cell.notCounted ?? []);
    assert.equal(left.ids, exp.leftOut, `${where}: the randomised subjects of the arm not in N`);
    for (const [id, reason] of left.reason) {
      const s = adsl.find((x) => x.USUBJID === id)!;
      const expected = c.flag === 'PPROTFL' ? ppReason(id) : s.TRTSDT === '' ? `${c.flag} = N: not dosed, no ADSL TRTSDT` : `${c.flag} = ${s[c.flag]}`;
      assert.is(reason, expected, `${where}: ${id}`);
    }
  });
  // The sample has subjects left out of each set but ITT: the lists are not trivially empty.
  assert.ok(arms.every((a) => populationExpected('PPROTFL', a).leftOut.length > 5 && populationExpected('FASFL', a).leftOut.length > 0));
});

test('closed report: a Total N, and a later table of a section, refer to the lists shown instead of repeating them; every by-arm N of the traced tables opens', async () => {
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => ({
      total: await openCell(page, 'safety-overview', HEADER_N, 'Total'),
      later: await openCell(page, 'safety-teae-grade', HEADER_N, arms[0]),
      first: await openCell(page, 'safety-teae-soc-pt', HEADER_N, arms[0]),
      sleLater: [await openCell(page, 'sle-closed-bilagtot-desc', HEADER_N, arms[1]), await openCell(page, 'sle-closed-sri', HEADER_N, arms[1])],
      traced: await page.evaluate(`(() => {
        const out = {};
        for (const f of document.querySelectorAll('figure.report-table')) {
          const ns = [...f.querySelectorAll('thead th')].filter((th) => /N = \\d+/.test(th.textContent));
          if (ns.length > 0) out[f.id] = ns.map((th) => th.querySelector(':scope > details.trace.big-n > summary') !== null);
        }
        return out;
      })()`),
    }),
  });
  const r = visit.inspected as { total: OpenedCell; later: OpenedCell; first: OpenedCell; sleLater: OpenedCell[]; traced: Record<string, boolean[]> };
  for (const cell of r.sleLater) {
    assert.is(cell.link, 'table-sle-closed-sledai-desc', 'a later SLE table links the section\'s first table');
    assert.is(countOf(cell.summary), populationExpected('FASFL', arms[1]).inN.length);
  }
  assert.ok(r.total.reference !== null && arms.every((a) => r.total.reference!.includes(`“${a}”`)) && r.total.reference.includes('together'), r.total.reference ?? 'no reference');
  assert.is(countOf(r.total.summary), arms.reduce((n, a) => n + populationExpected('SAFFL', a).inN.length, 0));
  assert.is(r.later.link, 'table-safety-teae-soc-pt', 'the later table links the first table of its section');
  assert.ok(r.later.reference?.includes(`the N of “${arms[0]}” in the table`), r.later.reference ?? '');
  assert.equal(idsOf(r.first.counted).ids, populationExpected('SAFFL', arms[0]).inN, 'the list referred to is the same population');
  const tracedTables = ['disposition', 'baseline-characteristics', 'primary-table-fas', 'primary-table-pp', 'subgroup-table', 'remission-secondary-table', 'ttr-summary-closed', ...labParams.map((p) => `long-closed-${p.toLowerCase()}-desc`), 'sle-closed-sledai-desc', 'sle-closed-bilagtot-desc', 'sle-closed-phga-desc', 'sle-closed-haqdi-desc', 'sle-closed-sri', 'exposure', 'safety-overview', 'safety-teae-soc-pt', 'safety-teae-grade', 'safety-teae-common', 'safety-lab-shift-hgb'];
  for (const id of tracedTables) {
    assert.ok(r.traced[`table-${id}`]?.length > 0 && r.traced[`table-${id}`].every(Boolean), `${id}: every header N opens (${JSON.stringify(r.traced[`table-${id}`])})`);
  }
});

test('closed report: the SRI responders of the first SRI visit open to exactly the FAS subjects with ADQS SRI AVALC = Y, and the rest of the arm\'s FAS with their call\'s RSNDTL', async () => {
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    // The first row so labelled is the first SRI visit's.
    inspect: async (page) => {
      const out: OpenedCell[] = [];
      for (const arm of arms) out.push(await openCell(page, 'sle-closed-sri', 'Responders, n (%)', arm));
      return out;
    },
  });
  assert.equal(visit.consoleErrors, []);
  const opened = visit.inspected as OpenedCell[];
  arms.forEach((arm, k) => {
    const exp = sriExpected(arm);
    const cell = opened[k];
    assert.ok(cell.bodyVisible && cell.reference === null, `${arm}: the list is shown when opened`);
    assert.is(countOf(cell.summary), exp.responders.length, `${arm}: the count shown`);
    const counted = idsOf(cell.counted);
    assert.equal(counted.ids, exp.responders, `${arm}: responders`);
    assert.ok([...counted.reason.values()].every((r) => r === `SRI${planSri.threshold} = Y`), `${arm}: responder reason`);
    const others = idsOf(cell.notCounted ?? []);
    assert.equal(others.ids, sorted(exp.others.keys()), `${arm}: non-responders = the arm's FAS minus the responders`);
    for (const [id, reason] of others.reason) assert.is(reason, exp.others.get(id), `${arm}: ${id}`);
    assert.ok(exp.responders.length > 10 && exp.others.size > 10, `${arm}: ${exp.responders.length} / ${exp.others.size}`);
  });
});

test('closed report: baseline categories and the infusion count open to exactly the subjects of ADSL with that value', async () => {
  const lnClasses = sorted(new Set(adsl.filter((s) => s.FASFL === 'Y').map((s) => s.LNCLASS)));
  const cells = [
    ...arms.flatMap((arm) => [{ table: 'baseline-characteristics', row: 'F', arm, variable: 'SEX', value: 'F' }, { table: 'baseline-characteristics', row: 'M', arm, variable: 'SEX', value: 'M' }]),
    ...lnClasses.flatMap((value) => arms.map((arm) => ({ table: 'baseline-characteristics', row: value, arm, variable: 'LNCLASS', value }))),
    ...arms.map((arm) => ({ table: 'exposure', row: 'Study infusion given (active or placebo)', arm, variable: 'INFUSFL', value: 'Y' })),
  ];
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => {
      const out: OpenedCell[] = [];
      for (const c of cells) out.push(await openCell(page, c.table, c.row, c.arm));
      out.push(await openCell(page, 'baseline-characteristics', 'F', 'Total'));
      return out;
    },
  });
  assert.equal(visit.consoleErrors, []);
  const opened = visit.inspected as OpenedCell[];
  cells.forEach((c, k) => {
    const cell = opened[k];
    const where = `${c.table}: ${c.variable} ${c.value} × ${c.arm}`;
    const column = c.table === 'exposure' ? adsl.filter((s) => s.SAFFL === 'Y' && armLabel.get(s.ACTARMCD) === c.arm) : adsl.filter((s) => s.FASFL === 'Y' && s.ARM === c.arm);
    const expected = sorted(column.filter((s) => s[c.variable] === c.value).map((s) => s.USUBJID));
    const got = idsOf(cell.counted);
    assert.equal(got.ids, expected, where);
    assert.is(countOf(cell.summary), expected.length, `${where}: the count shown`);
    assert.ok([...got.reason.values()].every((r) => r === `ADSL ${c.variable} = ${c.value}`), `${where}: the rule`);
    if (c.table === 'exposure') {
      // The infusion count's denominator: the rest of the column, with their INFUSFL.
      const others = idsOf(cell.notCounted ?? []);
      assert.equal(others.ids, sorted(column.filter((s) => s.INFUSFL !== 'Y').map((s) => s.USUBJID)), `${where}: not infused`);
    }
  });
  const total = opened[cells.length];
  assert.ok(total.reference !== null && total.reference.includes('together'), 'the Total of a category refers to the arms');
  assert.ok(lnClasses.length >= 3, `LN classes in the sample: ${lnClasses.join(', ')}`);
});

interface LayoutCheck {
  cell: string;
  opened: boolean;
  screenBefore: number[];
  screenAfter: number[];
  printClosed: number[];
  printOpen: number[];
  /** The opened panel's box against its figure's (left, right), screen. */
  panel: { left: number; right: number };
  figure: { left: number; right: number };
  panelFocusable: boolean;
}

test('closed report: opening a count or a header N (by keyboard) never changes the column widths of its table, on screen or in print; the panel stays inside its figure', async () => {
  const cells = [
    { table: 'primary-table-fas', row: 'Observed cases (no imputation of missing status)', column: arms[1] },
    { table: 'safety-overview', row: 'Serious TEAE', column: 'Total' },
    { table: 'safety-teae-soc-pt', row: topPt, column: arms[0] },
    { table: 'primary-table-pp', row: HEADER_N, column: arms[0] },
    { table: 'exposure', row: HEADER_N, column: 'Total' },
  ];
  const visit = await openInChromium(join(DIR, 'report.html'), {
    viewport: { width: 1400, height: 1000 },
    inspect: async (page) => {
      const out: LayoutCheck[] = [];
      for (const [k, c] of cells.entries()) {
        const widths = `[...document.querySelectorAll(${JSON.stringify(`#table-${c.table} thead th`)})].map((th) => th.getBoundingClientRect().width)`;
        const details = `document.querySelector('[data-layout-check="${k}"]').parentElement`;
        await page.evaluate(`(() => {
          const table = document.querySelector(${JSON.stringify(`#table-${c.table} table`)});
          const heads = [...table.querySelectorAll('thead th')].map((th) => th.childNodes[0] ? th.childNodes[0].textContent.trim() : '');
          const col = heads.indexOf(${JSON.stringify(c.column)});
          const tr = [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th').textContent.trim() === ${JSON.stringify(c.row)});
          const cell = ${JSON.stringify(c.row === HEADER_N)} ? table.querySelectorAll('thead th')[col] : tr.children[col];
          cell.querySelector('details.trace > summary').setAttribute('data-layout-check', '${k}');
        })()`);
        const screenBefore = (await page.evaluate(widths)) as number[];
        await page.focus(`[data-layout-check="${k}"]`);
        await page.keyboard.press('Enter');
        const opened = (await page.evaluate(`${details}.open`)) as boolean;
        const screenAfter = (await page.evaluate(widths)) as number[];
        const boxes = (await page.evaluate(`(() => {
          const d = ${details};
          const b = d.querySelector('.trace-body').getBoundingClientRect();
          const f = d.closest('figure').getBoundingClientRect();
          return { panel: { left: b.left, right: b.right }, figure: { left: f.left, right: f.right }, panelFocusable: d.querySelector('.trace-body').tabIndex === 0 };
        })()`)) as Pick<LayoutCheck, 'panel' | 'figure' | 'panelFocusable'>;
        await page.emulateMedia({ media: 'print' });
        const printOpen = (await page.evaluate(widths)) as number[];
        await page.evaluate(`${details}.open = false`);
        const printClosed = (await page.evaluate(widths)) as number[];
        await page.emulateMedia({ media: 'screen' });
        out.push({ cell: `${c.table}: ${c.row} × ${c.column}`, opened, screenBefore, screenAfter, printClosed, printOpen, ...boxes });
      }
      return out;
    },
  });
  assert.equal(visit.consoleErrors, []);
  const near = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 0.5);
  for (const r of visit.inspected as LayoutCheck[]) {
    assert.ok(r.opened, `${r.cell}: Enter on the focused count opens it`);
    assert.ok(r.panelFocusable, `${r.cell}: the list is a keyboard-focusable region (scrolls by keyboard)`);
    assert.ok(near(r.screenBefore, r.screenAfter), `${r.cell}: screen column widths ${JSON.stringify(r.screenBefore)} → ${JSON.stringify(r.screenAfter)}`);
    assert.ok(near(r.printClosed, r.printOpen), `${r.cell}: print column widths ${JSON.stringify(r.printClosed)} (closed) vs ${JSON.stringify(r.printOpen)} (open)`);
    assert.ok(r.panel.left >= r.figure.left - 0.5 && r.panel.right <= r.figure.right + 0.5, `${r.cell}: panel ${JSON.stringify(r.panel)} inside figure ${JSON.stringify(r.figure)}`);
  }
});

test('open report: no trace element, no USUBJID', () => {
  const html = readFileSync(join(DIR, 'report-open.html'), 'utf8');
  assert.not.ok(html.includes('<details class="trace'), 'no traced count or header N');
  assert.not.match(html, ID, 'a USUBJID in the open report');
});

test.run();
