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

/** Serialise rows to CSV text with the given column order (header first, trailing newline). */
export function toCsv(columns: readonly string[], rows: Iterable<Readonly<Record<string, CsvCell>>>): string {
  const parts: string[] = [columns.map(csvField).join(',') + '\n'];
  for (const row of rows) parts.push(columns.map((c) => csvField(row[c])).join(',') + '\n');
  return parts.join('');
}
