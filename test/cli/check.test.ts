import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.ts';
import { readDataLock } from '../../src/io/read-data-lock.ts';
import { sortIssues } from '../../src/io/data-issue.ts';
import { badRoot, corpus, corpusFolders, goodDir, isPlanFault, issueRow, locatedIssue } from '../helpers/bad-corpus.ts';
import { capture } from '../helpers/output-folder.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const pilot = fileURLToPath(new URL('../../../shared/data/cdiscpilot01/sdtm/', import.meta.url));

/** Snapshot of a folder (names, sizes, mtimes) to prove `check` wrote nothing. */
function snapshot(dir: string): string {
  return readdirSync(dir).sort().map((n) => { const s = statSync(join(dir, n)); return `${n}:${s.size}:${s.mtimeMs}`; }).join('|');
}

test('bad corpus: every fixture folder has an expectation (and vice versa); at least 40 faults', () => {
  const dirs = corpusFolders();
  assert.equal(dirs, Object.keys(corpus).sort());
  assert.ok(dirs.length >= 40, `${dirs.length} faults`);
});

test('good fixture: check exits 0 with no issues', async () => {
  const io = capture();
  assert.is(await main(['check', '--data', goodDir], io), 0);
  assert.equal(io.errLines, []);
  assert.is(io.outLines.at(-1), 'ok: no fatal problems, 0 warnings');
});

for (const [name, expected] of Object.entries(corpus)) {
  const dir = join(badRoot, name);
  if (isPlanFault(expected)) {
    test(`bad corpus ${name}: check --plan exits 1 naming plan.json:${expected.plan.line}:${expected.plan.column}`, async () => {
      const before = snapshot(goodDir);
      const io = capture();
      assert.is(await main(['check', '--data', goodDir, '--plan', join(dir, 'plan.json')], io), 1);
      assert.is(io.errLines.length, 1);
      const prefix = `remit: plan.json:${expected.plan.line}:${expected.plan.column}: `;
      assert.ok(io.errLines[0].startsWith(prefix), io.errLines[0]);
      const rest = io.errLines[0].slice(prefix.length);
      if (typeof expected.plan.message === 'string') assert.is(rest, expected.plan.message);
      else assert.match(rest, expected.plan.message);
      assert.equal(io.outLines, []);
      assert.is(snapshot(goodDir), before);
    });
    continue;
  }
  const fatal = expected.filter((e) => e[0] === 'fatal');
  const warnings = expected.filter((e) => e[0] === 'warning');
  const what = fatal.length > 0 ? `one fatal issue ${locatedIssue(fatal[0])}` : `${warnings.length} warning(s)`;
  test(`bad corpus ${name}: ${what}; check exits ${fatal.length > 0 ? 1 : 0}, lists it with its location and writes nothing`, async () => {
    assert.is(fatal.length <= 1, true, 'a corpus folder has at most one fatal fault');
    const r = await readDataLock(dir);
    assert.equal(sortIssues(r.issues).map(issueRow), expected);
    const before = snapshot(dir);
    const cwdHadListing = existsSync('data-issues.csv');
    const io = capture();
    assert.is(await main(['check', '--data', dir], io), fatal.length > 0 ? 1 : 0);
    if (fatal.length > 0) {
      assert.match(io.errLines[0], /^remit check: .*1 fatal problem/);
      assert.is(io.errLines[1], `  ${locatedIssue(fatal[0])}`);
    } else {
      assert.equal(io.errLines, []);
      assert.is(io.outLines.at(-1), `ok: no fatal problems, ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (rerun with --out FILE for the full listing)`);
    }
    const listed = io.outLines.filter((l) => l.startsWith('warning '));
    assert.equal(listed, warnings.map((w) => `warning ${locatedIssue(w)}`));
    assert.is(snapshot(dir), before);
    assert.is(existsSync('data-issues.csv'), cwdHadListing);
  });
}

test('check --out writes the sorted listing atomically', async () => {
  const out = tempDir('remit-check-');
  const file = join(out, 'data-issues.csv');
  const io = capture();
  assert.is(await main(['check', '--data', join(badRoot, 'latin1-bytes'), '--out', file], io), 1);
  assert.is(readFileSync(file, 'utf8'), 'severity,file,line,column,value,message\n' +
    'fatal,ae.csv,2,,,invalid UTF-8 byte 0xC8 at byte offset 139 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)\n');
  assert.equal(readdirSync(out), ['data-issues.csv']);
});

test('check: usage errors exit 2', async () => {
  assert.is(await main(['check'], capture()), 2);
  assert.is(await main(['check', '--data', 'x', '--profile', 'sas'], capture()), 2);
  assert.is(await main(['check', '--data', 'x', '--bogus', '1'], capture()), 2);
});

/** The per-domain table lines of `check` output (after the heading, before the warning listing). */
function tableLines(stdout: readonly string[]): string[] {
  return stdout.slice(1).filter((l) => !l.startsWith('warning ') && !l.startsWith('... and ') && !l.startsWith('ok: '));
}

test('check --plan: a valid plan gives its arms; with --arms too it is a usage error; a missing plan file exits 1', async () => {
  let io = capture();
  assert.is(await main(['check', '--data', goodDir, '--plan', 'analyses/plan.json'], io), 0);
  assert.is(io.outLines.at(-1), 'ok: no fatal problems, 0 warnings');
  // the plan's arms replace the default: with arms B/C, every ARMCD of the good fixture is unknown
  io = capture();
  assert.is(await main(['check', '--data', goodDir, '--arms', 'B,C'], io), 1);
  assert.match(io.errLines[1], /^  dm\.csv:2:ACTARMCD: "MSC" is not an allowed ACTARMCD \(allowed: B, C,/);
  assert.is(await main(['check', '--data', goodDir, '--plan', 'analyses/plan.json', '--arms', 'MSC,MMF'], capture()), 2);
  io = capture();
  assert.is(await main(['check', '--data', goodDir, '--plan', join(badRoot, 'no-such-plan.json')], io), 1);
  assert.is(io.errLines[0], `remit: no-such-plan.json: (root): cannot read the plan file ${join(badRoot, 'no-such-plan.json')} (no such file)`);
});

const pilotCounts: Record<string, number> = { dm: 306, suppdm: 1197, ds: 596, ex: 591, ae: 1191, lb: 59580, vs: 29643, sv: 3559 };

if (!existsSync(pilot)) {
  test.skip('CDISC pilot: ../shared/data/cdiscpilot01/sdtm is absent; pilot check not run', () => {});
} else {
  test('CDISC pilot, profile ln-trial: exit 1 naming the missing plan domains and columns; row counts as in the README', async () => {
    const io = capture();
    assert.is(await main(['check', '--data', pilot], io), 1);
    assert.match(io.errLines[0], /^remit check: 2 domains and 3 columns required by the lupus-nephritis plan are missing; \d+ fatal problems/);
    const rows = Object.fromEntries(tableLines(io.outLines).map((l) => l.split(/\s+/)).map((c) => [c[0], c[2]]));
    for (const [d, n] of Object.entries(pilotCounts)) assert.is(rows[d], String(n), d);
    assert.is(rows.qs, '-');
    assert.is(rows.cm, '-');
    assert.ok(io.outLines.find((l) => l.startsWith('sv '))?.endsWith('not part of the input contract (ignored)'));
  });

  test('CDISC pilot, profile generic: exit 0 (LBORRES "N" results are warnings)', async () => {
    const io = capture();
    assert.is(await main(['check', '--data', pilot, '--profile', 'generic'], io), 0);
    assert.equal(io.errLines, []);
    assert.is(io.outLines.at(-1), 'ok: no fatal problems, 874 warnings (rerun with --out FILE for the full listing)');
    const rows = Object.fromEntries(tableLines(io.outLines).map((l) => l.split(/\s+/)).map((c) => [c[0], c[2]]));
    for (const [d, n] of Object.entries(pilotCounts)) assert.is(rows[d], String(n), d);
    // the first 20 warnings (sorted by file, line) are listed with their location, then a count of the rest
    const listed = io.outLines.filter((l) => l.startsWith('warning '));
    assert.is(listed.length, 20);
    assert.match(listed[0], /^warning lb\.csv:\d+:LBORRES: "N" is not a number/);
    assert.ok(io.outLines.includes('... and 854 more warnings'));
  });
}

test.run();
