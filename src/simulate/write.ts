/**
 * Writer of a simulated data lock: `dm.csv … cm.csv`, `truth/subjects.csv`, `truth/parameters.json`
 * and a `README.md` describing the files and the deliberate mess (with this run's counts).
 *
 * Streaming: subjects are generated one at a time and appended to buffered files, so memory stays
 * flat for 100,000 subjects. Atomic (src/pipeline/atomic-output.ts): everything goes to a temporary
 * sibling folder which then replaces `outDir` (the caller decides whether replacing a non-empty folder
 * is allowed).
 * CSV text via src/io/csv-write.ts (RFC 4180, LF, deterministic).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFolderAtomically } from '../pipeline/atomic-output.ts';
import { toCsv } from '../io/csv-write.ts';
import { DomainColumns, SimDomains, TruthColumns, type Row, type SimDomain } from './columns.ts';
import { resolveOptions, type ResolvedOptions, type SimulationOptions } from './options.ts';
import { generateSubjects } from './simulate-trial.ts';
import { trueParameters } from './parameters.ts';
import { sampleReadme } from './readme.ts';
import type { Role } from './roles.ts';
import type { TruthRow } from './truth.ts';

export interface WriteSummary {
  outDir: string;
  subjects: number;
  /** Data rows per file (header excluded). */
  rows: Record<SimDomain, number>;
}

const FlushBytes = 1 << 20;

/** Append-only buffered CSV file. */
class CsvFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  constructor(path: string, private readonly columns: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.push(toCsv(columns, []));
  }
  /** Append one subject's rows (one flat string per call keeps the garbage collector idle). */
  addAll(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const text = toCsv(this.columns, rows);
    this.push(text.slice(text.indexOf('\n') + 1));
    this.rows += rows.length;
  }
  private push(s: string): void {
    this.buffer.push(s);
    this.size += s.length;
    if (this.size >= FlushBytes) this.flush();
  }
  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Simulate and write a data lock into `outDir`, replacing it atomically if it exists.
 * @throws InputError for invalid options; OutputError when the folder cannot be written.
 */
export function writeSimulation(outDir: string, options: SimulationOptions): WriteSummary {
  const o = resolveOptions(options);
  const rows = replaceFolderAtomically(outDir, (dir) => writeLockInto(dir, o));
  return { outDir, subjects: o.subjects, rows };
}

/** Stream the simulated subjects into the empty folder `dir`; rows per domain file. */
function writeLockInto(dir: string, o: ResolvedOptions): Record<SimDomain, number> {
  const files = new Map<SimDomain, CsvFile>();
  try {
    mkdirSync(join(dir, 'truth'));
    for (const d of SimDomains) files.set(d, new CsvFile(join(dir, `${d}.csv`), DomainColumns[d]));
    const truth: TruthRow[] = [];
    const roles = new Map<Role, number>();
    for (const s of generateSubjects(o)) {
      for (const d of SimDomains) {
        (files.get(d) as CsvFile).addAll(s.rows[d]);
      }
      truth.push(s.truth);
      if (s.role !== null) roles.set(s.role, (roles.get(s.role) ?? 0) + 1);
    }
    const rows = {} as Record<SimDomain, number>;
    for (const d of SimDomains) {
      const f = files.get(d) as CsvFile;
      f.close();
      rows[d] = f.rows;
    }
    files.clear();
    writeFileSync(join(dir, 'truth', 'subjects.csv'), toCsv(TruthColumns, truth as unknown as Row[]));
    writeFileSync(join(dir, 'truth', 'parameters.json'), JSON.stringify(trueParameters(o), null, 2) + '\n');
    writeFileSync(join(dir, 'README.md'), sampleReadme(o, rows, roles, truth));
    return rows;
  } finally {
    for (const f of files.values()) {
      try {
        f.close();
      } catch {
        // already closed or never opened
      }
    }
  }
}
