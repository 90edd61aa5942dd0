/**
 * Times fitMMRM on a simulated trial of 230 subjects × 6 visits (1:1, baseline covariate, AR-like
 * within-subject errors, ~10 % monotone dropout and ~3 % intermittent missing; fixed-seed PRNG),
 * unstructured covariance, REML, Satterthwaite df: one warm-up fit, then the median of 5 runs (wall and
 * process CPU time).
 * Run by hand: node --import tsx bench/mmrm.ts  (target ≤ 0.1 s, design.md "Performance targets").
 */
import { performance } from 'node:perf_hooks';
import { fitMMRM, type MmrmRow } from '../src/stats/mmrm.ts';
import { emitBenchRow } from './result.ts';

/** mulberry32: small deterministic PRNG (public domain). */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function simulateTrial(nSubjects: number, nVisits: number, seed: number): MmrmRow[] {
  const u = mulberry32(seed);
  const norm = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  const rows: MmrmRow[] = [];
  for (let s = 0; s < nSubjects; s++) {
    const arm = s % 2 === 0 ? 'MMF' : 'MSC';
    const base = 2 + norm();
    const dropAt = u() < 0.1 ? 1 + Math.floor(u() * (nVisits - 1)) : nVisits;
    let e = 0;
    for (let v = 0; v < nVisits; v++) {
      e = 0.6 * e + 0.8 * norm();
      const y = -0.3 * base - 0.1 * v + (arm === 'MSC' ? -0.05 * v : 0) + e;
      const missing = v >= dropAt || u() < 0.03;
      rows.push({ subject: `S${String(s).padStart(3, '0')}`, visit: `Week ${4 * (v + 1)}`, arm, y: missing ? null : y, covariates: { base } });
    }
  }
  return rows;
}

const rows = simulateTrial(230, 6, 20210601);
const options = { covariance: 'unstructured' as const, df: 'satterthwaite' as const, armOrder: ['MMF', 'MSC'] };
const warm = fitMMRM(rows, options);
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  fitMMRM(rows, options);
  const c1 = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpu.push((c1.user + c1.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const last = warm.contrasts[warm.contrasts.length - 1];
console.log(`fitMMRM 230 × 6, UN, REML, Satterthwaite: ${warm.nObservations} obs, converged ${warm.converged} in ${warm.iterations} iterations`);
console.log(`  ${last.visit}: MSC − MMF ${last.estimate.toFixed(4)} (SE ${last.se.toFixed(4)}, df ${last.df.toFixed(1)})`);
console.log(`median of 5 runs: ${times[2].toFixed(1)} ms wall (min ${times[0].toFixed(1)}, max ${times[4].toFixed(1)}); ${cpu[2].toFixed(1)} ms CPU`);
emitBenchRow({ benchmark: 'MMRM fit (UN, REML, Satterthwaite)', size: `230 subjects × 6 visits (${warm.nObservations} obs)`, wallMs: times[2], cpuMs: cpu[2], peakRssMb: null, note: `median of 5 warm runs; ${warm.iterations} iterations` });
// CPU time is quoted too because wall time on a shared 2-core machine includes time waiting for a core.
