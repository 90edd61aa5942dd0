/**
 * CSV serialisation (RFC 4180): comma separator, LF line ends, a field is quoted only when it contains a
 * comma, a double quote, CR or LF (embedded quotes doubled). Deterministic: same rows ⇒ same bytes.
 * Numbers are written with JavaScript's shortest round-trip representation; null/undefined → empty.
 */

export type CsvCell = string | number | boolean | null | undefined;

/** Quote one field if needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`csvField: cannot write non-finite number ${value}`);
    return String(value);
  }
  const s = typeof value === 'boolean' ? (value ? 'Y' : 'N') : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Characters of CSV text collected before they are encoded into the byte buffer of `toCsvBytes`. */
const CHUNK_CHARS = 1 << 16;

/**
 * A growing UTF-8 byte buffer with few, doubling allocations. Node's Buffers live outside the V8 heap, and
 * V8 answers growth of that external memory with full garbage collections: one Buffer per chunk of text made
 * the collector mark the whole heap (gigabytes of derived records at 23,000 subjects) again and again, time
 * quadratic in the data. Doubling keeps it to a few dozen allocations.
 */
class ByteSink {
  private buf = Buffer.allocUnsafe(1 << 14);
  private len = 0;
  write(text: string): void {
    const need = this.len + 3 * text.length; // UTF-8 needs at most 3 bytes per UTF-16 code unit
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, need));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.len += this.buf.write(text, this.len, 'utf8');
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/**
 * Serialise rows to UTF-8 CSV bytes, the same bytes as `toCsv`. Datasets of a pooled programme (23,000
 * subjects: ADLB of ~0.5 GB) exceed what one JavaScript string may hold (2^29 − 24 UTF-16 code units in V8),
 * so datasets are never held as one string: text is encoded in small chunks that die young.
 */
export function toCsvBytes(columns: readonly string[], rows: Iterable<Readonly<Record<string, CsvCell>>>): Buffer {
  const sink = new ByteSink();
  let text = columns.map(csvField).join(',') + '\n';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++) line += (c === 0 ? '' : ',') + csvField(row[columns[c]]);
    text += line + '\n';
    if (text.length >= CHUNK_CHARS) {
      sink.write(text);
      text = '';
    }
  }
  sink.write(text);
  return sink.bytes();
}

/** Serialise rows to CSV text with the given column order (header first, trailing newline). */
export function toCsv(columns: readonly string[], rows: Iterable<Readonly<Record<string, CsvCell>>>): string {
  return toCsvBytes(columns, rows).toString('utf8');
}
