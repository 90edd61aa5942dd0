/**
 * The open report never contains subject-level data (issue 10 item 2): the committed open sample report
 * contains no USUBJID (every USUBJID and SUBJID of data/sample/dm.csv, read with the tiny test CSV reader,
 * and the trial's ID pattern) and no subject trace; and the run-time gate works end to end: a USUBJID that
 * reaches the open report (here planted as an AE term, which the pooled AE table shows) stops the run with
 * an internal error and nothing is written.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { capture } from '../helpers/output-folder.ts';
import { readCsvRows, writeCsvRows } from '../helpers/tiny-csv.ts';
import { tempDir } from '../helpers/temp-dir.ts';

test('reports/sample/report-open.html: no USUBJID or SUBJID of data/sample, no ID pattern, no trace', () => {
  const html = readFileSync('reports/sample/report-open.html', 'utf8');
  const dm = readCsvRows('data/sample/dm.csv');
  assert.is(dm.length, 230);
  const found = dm.flatMap((s) => [s.USUBJID, s.SUBJID]).filter((id) => html.includes(id));
  assert.equal(found, [], 'subject identifiers in the open report');
  assert.not.match(html, /NCT03580291-\d/);
  assert.not.match(html, /<details class="trace/);
  // The closed report of the same run does carry them (so the scan above is not vacuous): every randomised
  // subject appears in some trace (the disposition table's header N lists all 230).
  const closed = readFileSync('reports/sample/report.html', 'utf8');
  assert.is(dm.filter((s) => closed.includes(s.USUBJID)).length, 230);
});

test('remit run: a USUBJID reaching the open report is a run-time error and nothing is written', async () => {
  const root = tempDir('remit-subject-leak-');
  const data = join(root, 'data');
  const out = join(root, 'out');
  assert.is(await main(['simulate', '--subjects', '16', '--seed', '11', '--out', data], capture()), 0);
  const id = readCsvRows(join(data, 'dm.csv'))[0].USUBJID;
  // Every AE coded to that subject's USUBJID: at least one is a TEAE of the safety set, shown pooled in the open report.
  const ae = readCsvRows(join(data, 'ae.csv'));
  writeCsvRows(join(data, 'ae.csv'), ae.map((r) => ({ ...r, AEDECOD: id })));
  const io = capture();
  assert.is(await main(['run', '--data', data, '--plan', 'analyses/plan.json', '--out', out], io), 3);
  assert.match(io.errLines.join('\n'), /subject identifier occurrence/);
  assert.match(io.errLines.join('\n'), new RegExp(id));
  assert.not.ok(existsSync(out), 'nothing written');
});

test.run();
