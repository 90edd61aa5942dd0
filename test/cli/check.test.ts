import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { readDataLock } from '../../src/io/read-data-lock.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const pilot = fileURLToPath(new URL('../../../shared/data/cdiscpilot01/sdtm/', import.meta.url));

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [], stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), isTty: false };
}

/** Snapshot of a folder (names, sizes, mtimes) to prove `check` wrote nothing. */
function snapshot(dir: string): string {
  return readdirSync(dir).sort().map((n) => { const s = statSync(join(dir, n)); return `${n}:${s.size}:${s.mtimeMs}`; }).join('|');
}

type Expected = [file: string, line: number | null, column: string | null, message: string];
const PLAN = 'required by the lupus-nephritis plan; not applicable to this data lock';
const ISO = '(expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss)';

/** Each bad fixture (see test/fixtures/bad/README.md) and its one fatal issue. */
const faults: Record<string, Expected> = {
  'missing-dm': ['dm.csv', null, null, 'missing file: DM is required (it defines the subjects)'],
  'missing-plan-domain': ['qs.csv', null, null, `missing file: QS is ${PLAN}`],
  'missing-core-column': ['lb.csv', 1, 'LBTESTCD', 'missing required column LBTESTCD (SDTM core for LB)'],
  'missing-plan-column': ['ae.csv', 1, 'AETOXGR', `missing column AETOXGR: ${PLAN}`],
  'duplicate-header': ['dm.csv', 1, 'SEX', 'duplicate column name SEX (columns 17 and 18, after trimming and upper-casing)'],
  'ragged-row': ['lb.csv', 5, null, 'row has 15 fields but the header has 16'],
  'unterminated-quote': ['ae.csv', 3, null, 'unterminated quoted field: the quote opened in this record is never closed; the rest of the file was not read'],
  'stray-quote': ['cm.csv', 4, null, 'invalid CSV: a quote inside an unquoted field (quote the whole field and double the inner quotes); the rest of the file was not read'],
  'comma-decimal': ['vs.csv', 4, 'VSSTRESN', `"61,2" is not a number (expected a decimal with '.' as separator)`],
  'impossible-date': ['ex.csv', 3, 'EXSTDTC', '"2019-02-30" is not a valid date (February 2019 has 28 days)'],
  'month-13': ['qs.csv', 6, 'QSDTC', '"2019-13-02" is not a valid date (month 13 is out of range 01-12)'],
  'non-iso-date': ['ds.csv', 7, 'DSSTDTC', `"20/09/2019" is not an ISO 8601 date ${ISO}`],
  'duplicate-dm-subject': ['dm.csv', 5, null, 'duplicate record: same USUBJID as line 2'],
  'subject-not-in-dm': ['lb.csv', 8, 'USUBJID', 'subject LN-009-0009 is not in DM'],
  'unknown-armcd': ['dm.csv', 3, 'ARMCD', '"PBO" is not an allowed ARMCD (allowed: MSC, MMF, SCRNFAIL, NOTASSGN)'],
  'duplicate-lb-key': ['lb.csv', 9, null, 'duplicate record: same USUBJID, LBTESTCD, LBSPEC, VISITNUM, LBDTC as line 5'],
  'aetoxgr-7': ['ae.csv', 3, 'AETOXGR', '"7" is out of range 1-5 (CTCAE grade)'],
  'sex-x': ['dm.csv', 4, 'SEX', '"X" is not in SEX (CDISC CT C66731): M, F, U, UNDIFFERENTIATED'],
  'empty-required-value': ['ae.csv', 3, 'AEDECOD', 'required value AEDECOD is empty'],
  'empty-file': ['cm.csv', null, null, 'file is empty (no header row)'],
  'header-only-dm': ['dm.csv', null, null, 'DM has a header but no records: a data lock needs at least one subject'],
  // byte offset and line computed from the fixture bytes independently (python: data.index(b'\xc8'))
  'latin1-bytes': ['ae.csv', 2, null, 'invalid UTF-8 byte 0xC8 at byte offset 139 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)'],
};

test('bad corpus: every fixture folder has an expectation (and vice versa)', () => {
  const dirs = readdirSync(join(fixtures, 'bad')).filter((n) => statSync(join(fixtures, 'bad', n)).isDirectory()).sort();
  assert.equal(dirs, Object.keys(faults).sort());
  assert.ok(dirs.length >= 15);
});

test('good fixture: check exits 0 with no issues', async () => {
  const io = capture();
  assert.is(await main(['check', '--data', join(fixtures, 'good')], io), 0);
  assert.equal(io.stderr, []);
  assert.is(io.stdout.at(-1), 'ok: no fatal problems, 0 warnings');
});

for (const [name, [file, line, column, message]] of Object.entries(faults)) {
  test(`bad corpus ${name}: exactly one fatal issue ${file}:${line ?? ''}:${column ?? ''}; check exits 1 and writes nothing`, async () => {
    const dir = join(fixtures, 'bad', name);
    const r = await readDataLock(dir);
    const fatal = r.issues.filter((i) => i.severity === 'fatal').map((i) => [i.file, i.line, i.column, i.message]);
    assert.equal(fatal, [[file, line, column, message]]);
    const before = snapshot(dir);
    const cwdHadListing = existsSync('data-issues.csv');
    const io = capture();
    assert.is(await main(['check', '--data', dir], io), 1);
    assert.match(io.stderr[0], /^remit check: .*1 fatal problem/);
    assert.is(io.stderr[1], `  ${file}${line === null ? '' : `:${line}`}${column === null ? '' : `:${column}`}: ${message}`);
    assert.is(snapshot(dir), before);
    assert.is(existsSync('data-issues.csv'), cwdHadListing);
  });
}

test('check --out writes the sorted listing atomically', async () => {
  const out = mkdtempSync(join(tmpdir(), 'remit-check-'));
  const file = join(out, 'data-issues.csv');
  const io = capture();
  assert.is(await main(['check', '--data', join(fixtures, 'bad', 'latin1-bytes'), '--out', file], io), 1);
  assert.is(readFileSync(file, 'utf8'), 'severity,file,line,column,value,message\n' +
    'fatal,ae.csv,2,,,invalid UTF-8 byte 0xC8 at byte offset 139 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)\n');
  assert.equal(readdirSync(out), ['data-issues.csv']);
  rmSync(out, { recursive: true, force: true });
});

test('check: usage errors exit 2', async () => {
  assert.is(await main(['check'], capture()), 2);
  assert.is(await main(['check', '--data', 'x', '--profile', 'sas'], capture()), 2);
  assert.is(await main(['check', '--data', 'x', '--bogus', '1'], capture()), 2);
});

const pilotCounts: Record<string, number> = { dm: 306, suppdm: 1197, ds: 596, ex: 591, ae: 1191, lb: 59580, vs: 29643, sv: 3559 };

if (!existsSync(pilot)) {
  test.skip('CDISC pilot: ../shared/data/cdiscpilot01/sdtm is absent; pilot check not run', () => {});
} else {
  test('CDISC pilot, profile ln-trial: exit 1 naming the missing plan domains and columns; row counts as in the README', async () => {
    const io = capture();
    assert.is(await main(['check', '--data', pilot], io), 1);
    assert.match(io.stderr[0], /^remit check: 2 domains and 3 columns required by the lupus-nephritis plan are missing; \d+ fatal problems/);
    const rows = Object.fromEntries(io.stdout.slice(1).map((l) => l.split(/\s+/)).map((c) => [c[0], c[2]]));
    for (const [d, n] of Object.entries(pilotCounts)) assert.is(rows[d], String(n), d);
    assert.is(rows.qs, '-');
    assert.is(rows.cm, '-');
    assert.ok(io.stdout.find((l) => l.startsWith('sv '))?.endsWith('not part of the input contract (ignored)'));
  });

  test('CDISC pilot, profile generic: exit 0 (LBORRES "N" results are warnings)', async () => {
    const io = capture();
    assert.is(await main(['check', '--data', pilot, '--profile', 'generic'], io), 0);
    assert.equal(io.stderr, []);
    assert.is(io.stdout.at(-1), 'ok: no fatal problems, 874 warnings (rerun with --out FILE for the full listing)');
    const rows = Object.fromEntries(io.stdout.slice(1, -1).map((l) => l.split(/\s+/)).map((c) => [c[0], c[2]]));
    for (const [d, n] of Object.entries(pilotCounts)) assert.is(rows[d], String(n), d);
  });
}

test.run();
