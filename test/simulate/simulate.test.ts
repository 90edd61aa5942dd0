/**
 * remit simulate: determinism (byte-identical files for a seed, and equal to the committed
 * data/sample/), realism of the 230-subject sample, structure against design.md's input contract,
 * the deliberate edge cases' truths (worked out from the CN24H rules), and the CLI contract.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { writeSimulation } from '../../src/simulate/write.ts';
import { simulateTrial } from '../../src/simulate/simulate-trial.ts';
import { main } from '../../src/cli/main.ts';
import { InputError } from '../../src/core/errors.ts';
import { capture } from '../helpers/output-folder.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sampleDir = join(root, 'data', 'sample');
const work = mkdtempSync(join(tmpdir(), 'remit-sim-'));

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

type Rec = Record<string, string>;
const cache = new Map<string, Rec[]>();
function readCsv(dir: string, file: string): Rec[] {
  const key = join(dir, file);
  let rows = cache.get(key);
  if (rows === undefined) {
    rows = parse(readFileSync(key), { columns: true, skip_empty_lines: true }) as Rec[];
    cache.set(key, rows);
  }
  return rows;
}
let sim230: ReturnType<typeof simulateTrial> | null = null;
/** The 230-subject, seed-20180709 simulation in memory (computed once). */
function sample(): ReturnType<typeof simulateTrial> {
  sim230 ??= simulateTrial({ subjects: 230, seed: 20180709 });
  return sim230;
}
function header(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8').split('\n', 1)[0].split(',');
}

const Files = ['dm.csv', 'suppdm.csv', 'ds.csv', 'ex.csv', 'vs.csv', 'lb.csv', 'qs.csv', 'ae.csv', 'cm.csv', 'truth/subjects.csv', 'truth/parameters.json', 'README.md'];

test('same seed ⇒ byte-identical files, equal to the committed data/sample/', () => {
  const a = join(work, 'a');
  const b = join(work, 'b');
  writeSimulation(a, { subjects: 230, seed: 20180709 });
  writeSimulation(b, { subjects: 230, seed: 20180709 });
  const ha = hashes(a);
  assert.equal([...ha.keys()].sort(), [...Files].sort());
  assert.equal(ha, hashes(b));
  const hs = hashes(sampleDir);
  for (const [file, h] of ha) {
    assert.is(hs.get(file), h, `data/sample/${file} differs from a fresh run: regenerate it with remit simulate --subjects 230 --seed 20180709 --out data/sample --force`);
  }
});

test('the in-memory simulateTrial gives the same rows as the streaming writer', () => {
  const sim = sample();
  assert.is(sim.tables.lb.length, readCsv(sampleDir, 'lb.csv').length);
  assert.is(sim.tables.qs.length, readCsv(sampleDir, 'qs.csv').length);
  assert.equal(sim.truth.map((t) => `${t.USUBJID} ${t.RESP12} ${t.RESP24}`), readCsv(sampleDir, 'truth/subjects.csv').map((t) => `${t.USUBJID} ${t.RESP12} ${t.RESP24}`));
});

test('different seed ⇒ different data', () => {
  const x = join(work, 'x');
  const y = join(work, 'y');
  writeSimulation(x, { subjects: 40, seed: 1 });
  writeSimulation(y, { subjects: 40, seed: 2 });
  const hx = hashes(x);
  const hy = hashes(y);
  for (const f of ['dm.csv', 'lb.csv', 'qs.csv', 'truth/subjects.csv']) assert.is.not(hx.get(f), hy.get(f), f);
});

test('N = 2 works; bad options throw InputError naming the option', () => {
  const d = join(work, 'two');
  const s = writeSimulation(d, { subjects: 2, seed: 5 });
  assert.is(s.rows.dm, 2);
  assert.is(readCsv(d, 'truth/subjects.csv').length, 2);
  assert.ok(s.rows.lb > 0 && s.rows.qs > 0);
  for (const [opts, arg] of [[{ subjects: 1 }, 'subjects'], [{ subjects: 100001 }, 'subjects'], [{ subjects: 10, seed: -1 }, 'seed'], [{ subjects: 10, pMscRemission: 1.5 }, 'pMscRemission']] as const) {
    assert.throws(() => simulateTrial(opts), (e: unknown) => e instanceof InputError && e.argument === arg);
  }
});

test('sample realism: week-24 remission 0.45–0.75 per arm, dropout 4–14 %, baseline UP24 > 1.0 for all', () => {
  const truth = readCsv(sampleDir, 'truth/subjects.csv');
  assert.is(truth.length, 230);
  for (const arm of ['MSC', 'MMF']) {
    const t = truth.filter((r) => r.ARMCD === arm);
    const rate = t.filter((r) => r.RESP24 !== 'NR').length / t.length;
    assert.ok(rate >= 0.45 && rate <= 0.75, `${arm} week-24 remission ${rate}`);
    assert.ok(t.length >= 105 && t.length <= 125, `${arm} n = ${t.length}`);
  }
  const eos = readCsv(sampleDir, 'ds.csv').filter((r) => r.DSCAT === 'DISPOSITION EVENT');
  assert.is(eos.length, 230);
  const dropout = eos.filter((r) => r.DSDECOD !== 'COMPLETED').length / 230;
  assert.ok(dropout >= 0.04 && dropout <= 0.14, `dropout ${dropout}`);
  const blProt = new Map<string, number>();
  for (const r of readCsv(sampleDir, 'lb.csv')) if (r.LBTESTCD === 'PROT' && r.VISITNUM === '1') blProt.set(r.USUBJID, Number(r.LBORRES));
  assert.is(blProt.size, 230);
  for (const [u, v] of blProt) assert.ok(v > 1.0, `${u} baseline UP24 ${v}`);
  const dm = readCsv(sampleDir, 'dm.csv');
  const ages = dm.map((r) => Number(r.AGE));
  assert.ok(Math.min(...ages) >= 18 && Math.max(...ages) <= 60);
  const meanAge = ages.reduce((a, b) => a + b, 0) / ages.length;
  assert.ok(meanAge > 30 && meanAge < 36, `mean age ${meanAge}`);
  const female = dm.filter((r) => r.SEX === 'F').length / dm.length;
  assert.ok(female > 0.78 && female < 0.92, `female ${female}`);
  const deaths = dm.filter((r) => r.DTHFL === 'Y').length;
  assert.ok(deaths >= 1 && deaths <= 3);
  const notTreated = dm.filter((r) => r.ACTARMCD === 'NOTTRT').length;
  assert.ok(notTreated >= 2 && notTreated <= 3);
  const rescues = readCsv(sampleDir, 'cm.csv').filter((r) => r.CMCAT === 'RESCUE THERAPY').length;
  assert.ok(rescues >= 3 && rescues <= 6);
  assert.ok(new Set(dm.map((r) => r.SITEID)).size === 10);
});

/** design.md "Input contract": required variables per domain. */
const Required: Record<string, string[]> = {
  'dm.csv': ['STUDYID', 'USUBJID', 'SITEID', 'ARMCD', 'ARM', 'ACTARMCD', 'RFSTDTC', 'RFICDTC', 'AGE', 'SEX'],
  'suppdm.csv': ['USUBJID', 'QNAM', 'QVAL'],
  'ds.csv': ['USUBJID', 'DSDECOD', 'DSSTDTC', 'EPOCH'],
  'ex.csv': ['USUBJID', 'EXTRT', 'EXDOSE', 'EXDOSU', 'EXSTDTC', 'EXENDTC'],
  'vs.csv': ['USUBJID', 'VSTESTCD', 'VSSTRESN', 'VSSTRESU', 'VISITNUM', 'VSDTC'],
  'lb.csv': ['USUBJID', 'LBTESTCD', 'LBSPEC', 'LBORRES', 'LBORRESU', 'LBSTRESN', 'LBSTRESU', 'VISITNUM', 'VISIT', 'LBDTC'],
  'qs.csv': ['USUBJID', 'QSCAT', 'QSTESTCD', 'QSSTRESC', 'QSSTRESN', 'VISITNUM', 'QSDTC'],
  'ae.csv': ['USUBJID', 'AEDECOD', 'AEBODSYS', 'AESTDTC', 'AEENDTC', 'AESER', 'AEREL', 'AETOXGR'],
  'cm.csv': ['USUBJID', 'CMDECOD', 'CMCAT', 'CMSTDTC'],
};

test('structure: required columns of design.md, every USUBJID in DM, rows sorted by USUBJID, unique keys', () => {
  const dmIds = new Set(readCsv(sampleDir, 'dm.csv').map((r) => r.USUBJID));
  assert.is(dmIds.size, 230);
  for (const [file, cols] of Object.entries(Required)) {
    const h = header(sampleDir, file);
    for (const c of cols) assert.ok(h.includes(c), `${file} lacks ${c}`);
    const rows = readCsv(sampleDir, file);
    for (let i = 0; i < rows.length; i++) {
      assert.ok(dmIds.has(rows[i].USUBJID), `${file} row ${i + 2}: ${rows[i].USUBJID} not in DM`);
      if (i > 0) assert.ok(rows[i - 1].USUBJID <= rows[i].USUBJID, `${file} row ${i + 2} out of USUBJID order`);
    }
  }
  for (const r of readCsv(sampleDir, 'dm.csv')) assert.match(r.USUBJID, /^NCT03580291-(0[1-9]|10)-\d{4}$/);
  const key = (file: string, cols: string[]): void => {
    const seen = new Set<string>();
    for (const r of readCsv(sampleDir, file)) {
      const k = cols.map((c) => r[c]).join('|');
      assert.not.ok(seen.has(k), `${file}: duplicate key ${k}`);
      seen.add(k);
    }
  };
  key('lb.csv', ['USUBJID', 'LBTESTCD', 'LBSPEC', 'VISITNUM', 'LBDTC']);
  key('qs.csv', ['USUBJID', 'QSCAT', 'QSTESTCD', 'VISITNUM', 'QSDTC']);
  key('suppdm.csv', ['USUBJID', 'QNAM']);
  key('lb.csv', ['USUBJID', 'LBSEQ']);
  for (const r of readCsv(sampleDir, 'lb.csv')) {
    assert.match(r.LBDTC, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    if (r.LBORRESU === 'mg/dL') {
      assert.is(r.LBTESTCD, 'CREAT');
      assert.is(r.USUBJID.slice(12, 14), '07');
      assert.ok(Math.abs(Number(r.LBORRES) * 88.4 - Number(r.LBSTRESN)) < 1e-9, 'mg/dL × 88.4 = LBSTRESN');
    }
  }
  for (const r of readCsv(sampleDir, 'ae.csv')) assert.match(r.AESTDTC, /^\d{4}(-\d{2}(-\d{2})?)?$/);
});

test('truth agrees with the latent state for every subject without a special role', () => {
  const sim = sample();
  let clean = 0;
  for (const t of sim.truth) {
    const l = sim.latent.get(t.USUBJID);
    if (l === undefined || l.role !== null) continue;
    clean++;
    assert.is(t.RESP12, l.latent.states[2], `${t.USUBJID} week 12`);
    assert.is(t.RESP24, l.latent.states[5], `${t.USUBJID} week 24`);
  }
  assert.ok(clean > 150);
});

test('deliberate edge cases get the truth the rules imply', () => {
  const sim = sample();
  const byRole = new Map<string, typeof sim.truth>();
  for (const t of sim.truth) {
    const r = sim.latent.get(t.USUBJID)?.role;
    if (r) byRole.set(r, [...(byRole.get(r) ?? []), t]);
  }
  const one = (role: string) => {
    const ts = byRole.get(role);
    assert.ok(ts !== undefined && ts.length >= 1, `no subject with role ${role}`);
    return (ts as typeof sim.truth)[0];
  };
  // '<0.05' / '<0.5' with CR-level albumin and stable creatinine: UP24 < 0.5 holds → CR.
  assert.is(one('protBelow005Week24').RESP24, 'CR');
  assert.is(one('protBelow005Week12').RESP12, 'CR');
  assert.is(one('protBelow05Week24').RESP24, 'CR');
  // UP24 0.30 with ALB 32.5: gap case → PR. UP24 exactly 0.50 → PR. ALB exactly 35 → CR. ALB exactly 30 → PR.
  assert.is(one('albuminGapWeek24').RESP24, 'PR');
  assert.is(one('protExactly05Week24').RESP24, 'PR');
  assert.is(one('albExactly35Week24').RESP24, 'CR');
  assert.is(one('albExactly30Week24').RESP24, 'PR');
  // 2.40 → 1.20 is a reduction of exactly 50 %, not > 50 %.
  assert.is(one('reductionExactly50Week24').REASON24, 'NR-CRITERIA');
  // The later of two equidistant albumins is CR-level.
  assert.is(one('albTieWeek24').RESP24, 'CR');
  // Rescue before week 24 → NR even though the labs meet PR/CR; rescue after → response stands.
  assert.is(one('rescueMidResponder').REASON24, 'NR-RESCUE');
  assert.ok(one('rescueAfterWeek24').REASON24 !== 'NR-RESCUE');
  assert.is(one('rescueEarly').REASON12, 'NR-RESCUE');
  for (const t of byRole.get('death') ?? []) assert.is(t.REASON24, 'NR-DEATH');
  for (const t of byRole.get('discLoe') ?? []) assert.is(t.REASON24, 'NR-DISC-LOE');
  for (const t of byRole.get('notDosed') ?? []) assert.equal([t.FASFL, t.SAFFL, t.PPROTFL, t.RESP24], ['N', 'N', 'N', 'NR']);
  for (const t of byRole.get('ppExcluded') ?? []) assert.is(t.PPROTFL, 'N');
  // Early-termination labs inside the week-24 window, DS two days later: data used, in PP.
  const et = one('discAeWeek24');
  assert.ok(et.REASON24 !== 'NR-MISSING');
  assert.is(et.PPROTFL, 'Y');
  assert.is(one('missedWeek12').REASON12, 'NR-MISSING');
  assert.is(one('missingAlbWeek24').REASON24, 'NR-MISSING');
});

test('parameters.json: seed, n, probabilities and equal arms give a zero difference', () => {
  const p = JSON.parse(readFileSync(join(sampleDir, 'truth', 'parameters.json'), 'utf8'));
  assert.is(p.seed, 20180709);
  assert.is(p.subjects, 230);
  assert.is(p.arms.MSC.remissionWeek24, 0.6);
  assert.is(p.arms.MMF.remissionWeek12, 0.35);
  assert.is(p.armDifferenceLogUpcrRatioWeek24, 0);
  const m = p.arms.MSC.meanLogUpcrRatio;
  assert.equal(Object.keys(m), ['Week 4', 'Week 8', 'Week 12', 'Week 16', 'Week 20', 'Week 24']);
  for (let i = 1; i < 6; i++) assert.ok(m[Object.keys(m)[i]] < m[Object.keys(m)[i - 1]], 'proteinuria falls over time');
});

test('CLI: writes, refuses a non-empty folder without --force (exit 2), rejects bad N (exit 2)', async () => {
  const dir = join(work, 'cli');
  mkdirSync(dir);
  writeFileSync(join(dir, 'keep.txt'), 'x');
  let io = capture();
  assert.is(await main(['simulate', '--subjects', '3', '--seed', '9', '--out', dir], io), 2);
  assert.match(io.errLines.join('\n'), /not empty; use --force/);
  assert.is(readFileSync(join(dir, 'keep.txt'), 'utf8'), 'x');
  io = capture();
  assert.is(await main(['simulate', '--subjects', '3', '--seed', '9', '--out', dir, '--force'], io), 0);
  assert.is(readCsv(dir, 'dm.csv').length, 3);
  assert.equal(readdirSync(dir).filter((f) => f === 'keep.txt'), []);
  for (const bad of [['--subjects', '1'], ['--subjects', '100001'], ['--subjects', 'x'], ['--seed', '-3'], ['--bogus', '1']]) {
    io = capture();
    assert.is(await main(['simulate', ...bad, '--out', join(work, 'never')], io), 2, bad.join(' '));
  }
  io = capture();
  assert.is(await main(['simulate', '--subjects', '3'], io), 2, 'missing --out');
  // No temporary folders left behind.
  assert.equal(readdirSync(work).filter((f) => f.includes('.tmp-') || f.includes('.old-')), []);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
