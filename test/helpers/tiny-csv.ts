/**
 * A deliberately tiny RFC 4180 reader for tests that must check outputs WITHOUT the code under test
 * (src/io): quoted fields with "" escapes, commas and line breaks inside quotes, CRLF or LF, a BOM.
 * Returns one object per data row keyed by the header; every value is the raw string. `writeCsvRows` writes
 * such rows back (to plant a value in a test input).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function readCsvRows(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1 || r[0] !== '').map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Write rows back (header = keys of the first row; a field is quoted when it holds , " CR or LF). */
export function writeCsvRows(path: string, rows: readonly Record<string, string>[]): void {
  const header = Object.keys(rows[0]);
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  writeFileSync(path, [header, ...rows.map((r) => header.map((h) => r[h]))].map((r) => r.map(cell).join(',')).join('\n') + '\n');
}
