/**
 * `npm run bench`: every benchmark of bench/, each in its own process, then one table of the figures
 * (issue 9 item 4). Not part of `npm test`: timings belong in a benchmark, never in a unit test.
 *
 *   npm run bench                         # all: pipeline 230/2,300/23,000 subjects, ingestion 1M LB rows,
 *                                         #      exact unconditional test n = 115/arm, MMRM on 230 × 6
 *   npm run bench -- --quick              # pipeline 230/2,300 and ingestion 200,000 rows (a few minutes less)
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './result.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const quick = process.argv.includes('--quick');
const benches: [string, string[]][] = [
  ['pipeline.ts', quick ? ['--sizes', '230,2300'] : []],
  ['ingest.ts', quick ? ['--rows', '200000', '--runs', '1'] : []],
  ['exact-unconditional.ts', []],
  ['mmrm.ts', []],
];

const rows: BenchRow[] = [];
for (const [file, args] of benches) {
  console.error(`── bench/${file} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('@@bench ')) rows.push(JSON.parse(line.slice(8)) as BenchRow);
    else if (line.trim() !== '') console.error(`   ${line}`);
  }
  if (r.status !== 0) {
    console.error(`bench/${file} failed (exit ${r.status})`);
    process.exitCode = 1;
  }
}

const fmt = (x: number | null, d: number) => (x === null ? '–' : x.toFixed(d));
const table = [
  ['benchmark', 'size', 'wall s', 'CPU s', 'peak RSS MB', 'note'],
  ...rows.map((r) => [r.benchmark, r.size, fmt(r.wallMs / 1000, 3), r.cpuMs === null ? '–' : fmt(r.cpuMs / 1000, 3), fmt(r.peakRssMb, 0), r.note]),
];
const widths = table[0].map((_, j) => Math.max(...table.map((row) => row[j].length)));
console.log(`\nremit benchmarks — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
for (const [i, row] of table.entries()) {
  console.log(`| ${row.map((c, j) => (j >= 2 && j <= 4 ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w, j) => (j >= 2 && j <= 4 ? ` ${'-'.repeat(w - 1)}: ` : ` ${'-'.repeat(w)} `)).join('|')}|`);
}
