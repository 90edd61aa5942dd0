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

/** Rows per chunk of `toCsvBytes` (a few MB of text each). */
const ROWS_PER_CHUNK = 16384;

/**
 * Serialise rows to UTF-8 CSV bytes, the same bytes as `toCsv`, built chunk by chunk. Datasets of a pooled
 * programme (23,000 subjects: ADLB of ~0.5 GB) exceed what one JavaScript string may hold (2^29 − 24
 * UTF-16 code units in V8), so datasets are never held as one string.
 */
export function toCsvBytes(columns: readonly string[], rows: Iterable<Readonly<Record<string, CsvCell>>>): Buffer {
  const chunks: Buffer[] = [];
  let lines: string[] = [columns.map(csvField).join(',') + '\n'];
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(row[c])).join(',') + '\n');
    if (lines.length >= ROWS_PER_CHUNK) {
      chunks.push(Buffer.from(lines.join(''), 'utf8'));
      lines = [];
    }
  }
  chunks.push(Buffer.from(lines.join(''), 'utf8'));
  return Buffer.concat(chunks);
}

/** Serialise rows to CSV text with the given column order (header first, trailing newline). */
export function toCsv(columns: readonly string[], rows: Iterable<Readonly<Record<string, CsvCell>>>): string {
  const parts: string[] = [columns.map(csvField).join(',') + '\n'];
  for (const row of rows) parts.push(columns.map((c) => csvField(row[c])).join(',') + '\n');
  return parts.join('');
}
