/**
 * Ingestion benchmark (run by hand: `node --import tsx bench/ingest.ts [--rows N] [--runs K]`).
 *
 * Writes a deterministic LB file of N rows (default 1,000,000) plus a minimal DM into bench/out/ingest/,
 * then measures, each in its own child process (so peak RSS is that step's own) and K times (median):
 *   (a) csv-parse alone: `createReadStream(file).pipe(parse())`, records counted, nothing else;
 *   (b) remit check path: readDataLock(profile generic, keepRecords false): streaming read, type
 *       conversion, controlled terms, subject-in-DM and duplicate-key checks, records not kept;
 *   (c) remit run path: the same with keepRecords true (all typed LB records held in memory).
 * Reported per step: wall time of the step inside the child (Node start-up excluded), MB/s over the
 * LB file size, peak RSS (process.resourceUsage().maxRSS). Target (design.md): (b) ≥ 50 % of (a).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { emitBenchRow, median } from './result.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'out', 'ingest');

/** mulberry32: small seeded PRNG (deterministic data, no Math.random). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tests = [
  ['PROT', '24-hour urine protein', 'URINE', 'g/24h'], ['CREAT', 'Serum creatinine', 'SERUM', 'umol/L'],
  ['ALB', 'Serum albumin', 'SERUM', 'g/L'], ['C3', 'Complement C3', 'SERUM', 'g/L'], ['C4', 'Complement C4', 'SERUM', 'g/L'],
  ['DSDNA', 'Anti-dsDNA antibodies', 'SERUM', 'IU/mL'], ['HGB', 'Haemoglobin', 'BLOOD', 'g/L'], ['WBC', 'White blood cells', 'BLOOD', '10^9/L'],
  ['PLAT', 'Platelets', 'BLOOD', '10^9/L'], ['ALT', 'Alanine aminotransferase', 'SERUM', 'U/L'],
] as const;

async function writeData(rows: number): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const perSubject = 100; // 10 tests x 10 visits
  const subjects = Math.ceil(rows / perSubject);
  const id = (s: number) => `LN-${String(1 + (s % 20)).padStart(3, '0')}-${String(s + 1).padStart(6, '0')}`;
  const dm = createWriteStream(join(outDir, 'dm.csv'));
  dm.write('STUDYID,USUBJID,SITEID,ARMCD,ARM,ACTARMCD,SEX,AGE,RFSTDTC,RFICDTC\n');
  for (let s = 0; s < subjects; s++) dm.write(`BENCH,${id(s)},${1 + (s % 20)},${s % 2 ? 'MSC' : 'MMF'},${s % 2 ? 'UC-MSC' : 'MMF'},${s % 2 ? 'MSC' : 'MMF'},${s % 5 ? 'F' : 'M'},${20 + (s % 40)},2019-03-15,2019-03-01\n`);
  dm.end();
  await once(dm, 'finish');
  const rnd = prng(20190315);
  const lb = createWriteStream(join(outDir, 'lb.csv'));
  lb.write('STUDYID,DOMAIN,USUBJID,LBSEQ,LBTESTCD,LBTEST,LBCAT,LBSPEC,LBORRES,LBORRESU,LBSTRESC,LBSTRESN,LBSTRESU,VISITNUM,VISIT,LBDTC\n');
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const s = Math.floor(i / perSubject), k = i % perSubject, t = tests[k % 10], visit = Math.floor(k / 10);
    const x = rnd();
    const res = x < 0.01 ? '<0.05' : x < 0.015 ? 'ND' : (x * 100).toFixed(2);
    const stresn = res === 'ND' || res.startsWith('<') ? '' : res;
    const month = 3 + Math.floor(visit / 2), day = 1 + ((visit * 13) % 28);
    buf += `BENCH,LB,${id(s)},${k + 1},${t[0]},${t[1]},CHEMISTRY,${t[2]},${res},${t[3]},${res},${stresn},${t[3]},${visit},WEEK ${visit * 4},2019-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T08:${String(k % 60).padStart(2, '0')}\n`;
    if (buf.length > 1 << 20) { if (!lb.write(buf)) await once(lb, 'drain'); buf = ''; }
  }
  lb.write(buf);
  lb.end();
  await once(lb, 'finish');
}

interface StepResult { step: string; ms: number; cpuMs: number; records: number; issues: number; maxRssMb: number }

async function child(step: string): Promise<void> {
  const lbFile = join(outDir, 'lb.csv');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let records = 0, issues = 0;
  if (step === 'csv-parse') {
    const { parse } = await import('csv-parse');
    for await (const _ of createReadStream(lbFile).pipe(parse())) records++;
    records--; // header
  } else {
    const { readDataLock } = await import('../src/io/read-data-lock.ts');
    const r = await readDataLock(outDir, { profile: 'generic', keepRecords: step === 'remit-keep' });
    records = r.domains.find((d) => d.domain === 'lb')?.rows ?? -1;
    issues = r.issues.length;
    if (step === 'remit-keep' && r.lock.lb.length !== records) throw new Error('records not kept');
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const res: StepResult = { step, ms, cpuMs: (cpu.user + cpu.system) / 1000, records, issues, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(res) + '\n');
}

const StepLabels: Record<string, string> = {
  'csv-parse': 'csv-parse alone (ceiling)',
  'remit-check': 'remit check (typed, validated, not kept)',
  'remit-keep': 'remit run reader (typed records kept)',
};


async function mainBench(): Promise<void> {
  const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
  const rows = arg('rows', 1_000_000), runs = arg('runs', 3);
  const lbFile = join(outDir, 'lb.csv');
  const marker = join(outDir, `rows-${rows}`);
  if (!existsSync(marker)) {
    // The marker names the size of the lb.csv that is there now: drop any other size's marker first.
    if (existsSync(outDir)) for (const f of readdirSync(outDir)) if (f.startsWith('rows-')) rmSync(join(outDir, f));
    const t = performance.now();
    await writeData(rows);
    createWriteStream(marker).end();
    console.log(`wrote ${rows} LB rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const mb = statSync(lbFile).size / 1e6;
  console.log(`LB file: ${rows} rows, ${mb.toFixed(1)} MB; ${runs} runs per step, medians; node ${process.version}`);
  const results: Record<string, StepResult[]> = {};
  for (let r = 0; r < runs; r++) {
    for (const step of ['csv-parse', 'remit-check', 'remit-keep']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', step], { encoding: 'utf8', maxBuffer: 1 << 20 });
      (results[step] ??= []).push(JSON.parse(out.trim().split('\n').at(-1) as string) as StepResult);
    }
  }
  // Wall time is what users see; CPU time (user + system) is also shown because on a shared machine it
  // is far less sensitive to other processes. Ratios are throughput relative to csv-parse alone.
  const base = median(results['csv-parse'].map((x) => x.ms));
  const baseCpu = median(results['csv-parse'].map((x) => x.cpuMs));
  for (const [step, rs] of Object.entries(results)) {
    const ms = median(rs.map((x) => x.ms));
    const cpuMs = median(rs.map((x) => x.cpuMs));
    console.log(`${step.padEnd(12)} wall ${(ms / 1000).toFixed(2).padStart(6)} s ${(mb / (ms / 1000)).toFixed(1).padStart(6)} MB/s (${((100 * base) / ms).toFixed(0).padStart(3)} % of csv-parse)  ` +
      `cpu ${(cpuMs / 1000).toFixed(2).padStart(6)} s ${(mb / (cpuMs / 1000)).toFixed(1).padStart(6)} MB/s (${((100 * baseCpu) / cpuMs).toFixed(0).padStart(3)} %)  ` +
      `peak RSS ${median(rs.map((x) => x.maxRssMb)).toFixed(0).padStart(5)} MB  records ${rs[0].records}, issues ${rs[0].issues}; wall runs: ${rs.map((x) => (x.ms / 1000).toFixed(2)).join(', ')} s`);
    emitBenchRow({
      benchmark: `ingestion: ${StepLabels[step] ?? step}`,
      size: `${rows.toLocaleString('en-US')} LB rows (${mb.toFixed(0)} MB)`,
      wallMs: ms, cpuMs, peakRssMb: median(rs.map((x) => x.maxRssMb)),
      note: `${(mb / (ms / 1000)).toFixed(1)} MB/s = ${((100 * base) / ms).toFixed(0)} % of csv-parse (CPU: ${((100 * baseCpu) / cpuMs).toFixed(0)} %); Node start-up excluded`,
    });
  }
}

const ci = process.argv.indexOf('--child');
if (ci > 0) await child(process.argv[ci + 1]);
else await mainBench();
