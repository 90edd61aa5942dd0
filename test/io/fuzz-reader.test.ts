/**
 * Property (fuzz) test of ingestion: the valid CSVs of test/fixtures/good/ are mutated at random
 * (bytes deleted, inserted, duplicated or replaced; quotes, separators, CR/LF, byte-order marks, NUL and
 * random Unicode inserted; truncation; lines swapped) and the whole lock is read as `remit check` reads
 * it (`readDataLock`). The reader must only ever return a result (with well-formed, located issues) or
 * throw one of the typed errors of src/core/errors.ts — never another exception, never hang. A second
 * property reads the mutated file with tiny chunk sizes: the result must not depend on where the chunks
 * break (multi-byte characters, BOMs and CRLF split across chunks).
 *
 * Deterministic: fixed seed and run count (fast-check prints the seed and the shrunk counterexample on
 * failure; rerun with that seed to reproduce).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataLock } from '../../src/io/read-data-lock.ts';
import { readCsvFile } from '../../src/io/csv-stream.ts';
import { RemitError } from '../../src/core/errors.ts';
import type { DataIssue } from '../../src/io/data-issue.ts';

const good = fileURLToPath(new URL('../fixtures/good/', import.meta.url));
const files = readdirSync(good).filter((f) => f.endsWith('.csv')).sort();
const original = new Map(files.map((f) => [f, readFileSync(join(good, f))]));
const work = mkdtempSync(join(tmpdir(), 'remit-fuzz-'));
cpSync(good, work, { recursive: true });

const SEED = 20190709;
const RUNS = 300;
/** Per-run limit: a read of nine tiny files takes milliseconds; anything near this is a hang. */
const TIMEOUT_MS = 2000;

// ---- mutations (plain data, so fast-check prints a readable counterexample) --------------------------

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'swapLines'; a: number; b: number };

const utf8 = (s: string): number[] => [...Buffer.from(s, 'utf8')];
/** Byte sequences that matter to a CSV reader. */
const special = fc.constantFrom(
  utf8('"'), utf8('""'), utf8(','), utf8(';'), utf8('\t'), utf8('\r'), utf8('\n'), utf8('\r\n'), utf8('\n\n'),
  [0xef, 0xbb, 0xbf], // UTF-8 BOM
  [0xff, 0xfe], [0xfe, 0xff], // UTF-16 BOMs
  [0x00], [0xc8], [0x93], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], // NUL, Latin-1, CP1252, truncated and invalid UTF-8
  utf8('1,234.5'), utf8('2019-02-30'), utf8('<0.05'), utf8('ND'), utf8('-1'), utf8(' '), utf8('\u00a0'),
);
const inserted = fc.oneof(
  special,
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => [...b]),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).map(utf8),
);
const position = fc.nat({ max: 4096 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: inserted }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat({ max: 12 }), b: fc.nat({ max: 12 }) }),
);

function swapLines(buf: Buffer, a: number, b: number): Buffer {
  const lines = buf.toString('latin1').split('\n'); // latin1: one char per byte, so bytes survive the round trip
  const i = a % lines.length, j = b % lines.length;
  [lines[i], lines[j]] = [lines[j], lines[i]];
  return Buffer.from(lines.join('\n'), 'latin1');
}

function apply(buf: Buffer, m: Mutation): Buffer {
  const at = buf.length === 0 ? 0 : ('at' in m ? m.at : 0) % (buf.length + 1);
  switch (m.kind) {
    case 'delete':
      return Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.length)]);
    case 'insert':
      return Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)]);
    case 'duplicate':
      return Buffer.concat([buf.subarray(0, at + m.length), buf.subarray(at)]);
    case 'replace': {
      const out = Buffer.from(buf);
      if (at < out.length) out[at] = m.byte;
      return out;
    }
    case 'truncate':
      return buf.subarray(0, at);
    case 'swapLines':
      return swapLines(buf, m.a, m.b);
  }
}

const fault = fc.record({ file: fc.constantFrom(...files), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) });

function mutated(f: { file: string; mutations: Mutation[] }): Buffer {
  return f.mutations.reduce(apply, original.get(f.file) as Buffer);
}

// ---- what a result must look like ---------------------------------------------------------------------

/** Every issue is located and worded: known severity, a contract file name, a line within the file. */
function checkIssue(i: DataIssue, lineCount: Map<string, number>): void {
  assert.ok(i.severity === 'fatal' || i.severity === 'warning', `severity ${String(i.severity)}`);
  assert.ok(lineCount.has(i.file), `issue names file ${i.file}`);
  if (i.line !== null) {
    assert.ok(Number.isInteger(i.line) && i.line >= 1 && i.line <= (lineCount.get(i.file) as number), `${i.file} line ${i.line} within the file`);
  }
  assert.ok(typeof i.message === 'string' && i.message.length > 0 && !i.message.includes('undefined'), `message "${i.message}"`);
}

/** Physical lines of a file (CRLF, LF, lone CR each end one), at least 1. */
function physicalLines(b: Buffer): number {
  return b.toString('latin1').split(/\r\n|\r|\n/).length;
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS); });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

// ---- properties ---------------------------------------------------------------------------------------

test(`fuzz: readDataLock on a mutated lock returns located issues or throws a typed error (${RUNS} runs, seed ${SEED})`, async () => {
  const started = performance.now();
  let withFatal = 0;
  await fc.assert(
    fc.asyncProperty(fault, async (f) => {
      const bytes = mutated(f);
      writeFileSync(join(work, f.file), bytes);
      try {
        const r = await withTimeout(readDataLock(work, { keepRecords: true }), 'readDataLock');
        const lines = new Map(files.map((n) => [n, n === f.file ? physicalLines(bytes) : physicalLines(original.get(n) as Buffer)]));
        for (const i of r.issues) checkIssue(i, lines);
        if (r.issues.some((i) => i.severity === 'fatal')) withFatal++;
        // records of an undamaged domain keep their source line
        for (const rec of r.lock.dm) assert.ok(rec.source.line >= 2, 'DM record line');
      } catch (e) {
        if (!(e instanceof RemitError)) throw e; // an untyped exception is a reader bug
      } finally {
        writeFileSync(join(work, f.file), original.get(f.file) as Buffer);
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  const ms = performance.now() - started;
  // The mutations must actually exercise the error paths, not only harmless edits.
  assert.ok(withFatal > RUNS / 4, `${withFatal} of ${RUNS} mutated locks had a fatal issue`);
  console.log(`    fuzz: ${RUNS} mutated locks read in ${ms.toFixed(0)} ms (${withFatal} with a fatal issue)`);
});

test('fuzz: readCsvFile gives the same header, rows and issues whatever the chunk size (100 runs)', async () => {
  const path = join(work, 'chunked.csv');
  await fc.assert(
    fc.asyncProperty(fault, fc.integer({ min: 1, max: 17 }), async (f, chunkSize) => {
      writeFileSync(path, mutated(f));
      const read = async (size?: number) => {
        const rows: [string[], number][] = [];
        let header: readonly string[] | null = null;
        const r = await withTimeout(readCsvFile(path, f.file, (h) => { header = h; }, (fields, line) => rows.push([fields, line]), size === undefined ? {} : { chunkSize: size }), 'readCsvFile');
        return { header, rows, result: r };
      };
      const whole = await read();
      const chunked = await read(chunkSize);
      assert.equal(chunked, whole);
    }),
    { seed: SEED + 1, numRuns: 100 },
  );
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
