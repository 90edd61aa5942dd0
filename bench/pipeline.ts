/**
 * Whole-pipeline benchmark (issue 9): `remit run` on simulated data locks of 230, 2,300 and 23,000
 * subjects (1×, 10×, 100× the trial; `remit simulate`, seed 1), each in a fresh Node process so that
 * wall time includes Node start-up and tsx, and peak RSS is the run's own.
 *
 *   node --import tsx bench/pipeline.ts [--sizes 230,2300,23000] [--runs 3]
 *
 * Data and outputs go to bench/out/pipeline/ (gitignored); a simulated lock is reused across invocations.
 * The 23,000-subject run gets a larger V8 heap (HEAP_MB below): its derived datasets alone are ~3 GB.
 *
 * Scaling (figures in README "Performance"): 2,300 → 23,000 subjects costs ~17× the time for 10× the data (19× before QS/LB were released early).
 * Per phase (node --expose-gc, .tmp-style phase script, 2026-11-26): read 7 → 78 s (11×), derive 3.8 → 72 s,
 * longitudinal 2.6 → 69 s, CSV writing 2.2 → 88 s before the index sort / byte buffer. CPU profiles put the
 * excess in V8's garbage collector, not in remit's code: with 2–6 GB of live records every young-generation
 * collection takes ~10 ms instead of ~1 ms (--trace-gc-nvp: the time is outside root and parallel
 * scavenging), and 16 MB semi-spaces mean thousands of them. `--max-semi-space-size=64` cut derive and CSV
 * by 10–25 % at 6,900 subjects. The two truly quadratic analyses (tipping-point grid, exact test) are bounded.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitBenchRow, median } from './result.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'bench', 'out', 'pipeline');
const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const sizes = arg('sizes', '230,2300,23000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
/** V8 heap for runs above 5,000 subjects (MB); the default (~4.3 GB here) suffices below. */
const HEAP_MB = 12288;

function folderMb(dir: string): number {
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).reduce((s, f) => s + statSync(join(dir, f)).size, 0) / 1e6;
}

function simulate(n: number): string {
  const dir = join(outDir, `data-${n}`);
  const marker = join(outDir, `data-${n}.done`);
  if (!existsSync(marker)) {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'simulate', '--subjects', String(n), '--seed', '1', '--out', dir], { cwd: root, stdio: 'inherit' });
    writeFileSync(marker, '');
  }
  return dir;
}

interface ChildResult { code: number; cpuMs: number; maxRssMb: number }

function runOnce(data: string, n: number): { wallMs: number } & ChildResult {
  const heap = n > 5000 ? [`--max-old-space-size=${HEAP_MB}`] : [];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [...heap, '--import', 'tsx', join(root, 'bench/child-run.ts'), 'run', '--data', data, '--plan', join(root, 'analyses/plan.json'), '--out', join(outDir, `report-${n}`)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = performance.now() - t0;
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@child '));
  if (r.status !== 0 || line === undefined) throw new Error(`remit run on ${n} subjects failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  return { wallMs, ...(JSON.parse(line.slice(8)) as ChildResult) };
}

mkdirSync(outDir, { recursive: true });
for (const n of sizes) {
  const data = simulate(n);
  const k = n > 5000 ? 1 : runs;
  const rs = Array.from({ length: k }, () => runOnce(data, n));
  const mb = folderMb(data);
  const row = {
    benchmark: 'pipeline: remit run (read, derive, analyse, 2 reports)',
    size: `${n.toLocaleString('en-US')} subjects (${mb.toFixed(0)} MB SDTM)`,
    wallMs: median(rs.map((r) => r.wallMs)),
    cpuMs: median(rs.map((r) => r.cpuMs)),
    peakRssMb: median(rs.map((r) => r.maxRssMb)),
    note: `${k === 1 ? '1 run' : `median of ${k}`}; Node start-up included${n > 5000 ? `; --max-old-space-size=${HEAP_MB}` : ''}`,
  };
  console.log(`${row.size}: wall ${(row.wallMs / 1000).toFixed(1)} s, cpu ${(row.cpuMs / 1000).toFixed(1)} s, peak RSS ${row.peakRssMb.toFixed(0)} MB (runs: ${rs.map((r) => (r.wallMs / 1000).toFixed(1)).join(', ')} s)`);
  emitBenchRow(row);
}
