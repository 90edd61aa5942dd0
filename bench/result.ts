/**
 * How a benchmark hands its figures to bench/run.ts: one line `@@bench <json>` per measured row on stdout,
 * next to the benchmark's own human-readable lines. run.ts collects the rows of every benchmark into one table.
 */
export interface BenchRow {
  /** What was measured, e.g. "pipeline (remit run)". */
  benchmark: string;
  /** Problem size, e.g. "230 subjects" or "1,000,000 LB rows (86 MB)". */
  size: string;
  /** Wall time in ms (median when repeated). */
  wallMs: number;
  /** CPU time (user + system) in ms, when measured. */
  cpuMs: number | null;
  /** Peak resident set size in MB, when measured (the process's own maxRSS). */
  peakRssMb: number | null;
  /** Free text: throughput, ratio to a ceiling, iteration counts. */
  note: string;
}

export function emitBenchRow(row: BenchRow): void {
  console.log(`@@bench ${JSON.stringify(row)}`);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
