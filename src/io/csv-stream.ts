/**
 * Streaming CSV reading over csv-parse (https://csv.js.org/parse/, v6): the file is read in chunks from
 * `fs.createReadStream` and never held as one string. Conventions (design.md input contract):
 * - UTF-8, a leading BOM is removed (`bom: true`); invalid UTF-8 is a fatal issue at its physical line.
 * - Comma separator, `"` quotes with `""` escapes; fields may contain commas, quotes and line breaks.
 * - Record delimiters CRLF or LF (both accepted, even mixed); blank lines are skipped (but counted).
 * - The first record is the header. Names are trimmed and upper-cased for matching; an empty or
 *   duplicate name is fatal. Cell values are passed on verbatim (never trimmed: leading blanks can be data).
 * - Line numbers are 1-based *physical* lines of a record's first line, counting CRLF, LF and a lone CR
 *   each as one line break (csv-parse's own `info.lines` counts CRLF inside quotes twice, so the reader
 *   counts line breaks inside fields itself).
 * - A row with a different number of fields from the header is a fatal issue and is counted but not
 *   passed on; csv-parse errors (unterminated quote, stray quote) become fatal issues with file and line,
 *   and reading of that file stops there.
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import type { DataIssue } from './data-issue.ts';
import { Utf8StreamChecker } from './utf8-check.ts';

/** Called once with the header names (trimmed, upper-cased) when the header is valid. */
export type CsvHeaderHandler = (names: readonly string[]) => void;
/** Called for every data row whose field count matches the header; `line` is its first physical line. */
export type CsvRowHandler = (fields: string[], line: number) => void;

export interface CsvReadResult {
  /** Header names (trimmed, upper-cased), or null when the file has no usable header. */
  header: string[] | null;
  /** Data rows read (excluding the header), including ragged rows. */
  rows: number;
  /** Fatal issues (CSV structure, encoding, header). */
  issues: DataIssue[];
}

export interface CsvReadOptions {
  /** Read chunk size in bytes (default 64 KiB). */
  chunkSize?: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const BLANK = /^\s*$/;

function countLineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    const m = f.match(LINE_BREAK);
    n += m === null ? 0 : m.length;
  }
  return n;
}

function fatal(file: string, line: number | null, column: string | null, message: string, value: string | null = null): DataIssue {
  return { severity: 'fatal', file, line, column, value, message };
}

/** Header checks: trimmed upper-cased names, none empty, none duplicated. */
function checkHeader(file: string, raw: readonly string[], line: number, issues: DataIssue[]): string[] | null {
  const names = raw.map((n) => n.trim().toUpperCase());
  const seen = new Map<string, number>();
  let ok = true;
  names.forEach((name, i) => {
    if (name === '') {
      issues.push(fatal(file, line, null, `column ${i + 1} of the header has an empty name`));
      ok = false;
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push(fatal(file, line, name, `duplicate column name ${name} (columns ${first + 1} and ${i + 1}, after trimming and upper-casing)`, raw[i]));
      ok = false;
    } else seen.set(name, i);
  });
  return ok ? names : null;
}

/** Message for a csv-parse error, without location. */
function csvErrorMessage(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field: the quote opened in this record is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'invalid CSV: a closing quote must be followed by a comma or the end of the line';
    case 'INVALID_OPENING_QUOTE':
      return 'invalid CSV: a quote inside an unquoted field (quote the whole field and double the inner quotes)';
    default:
      return `invalid CSV (${err.code})`;
  }
}

/** 1-based physical line of the byte at `offset` (counts LF, CRLF and lone CR as line breaks). */
function lineOfOffset(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    let line = 1, pos = 0, prevCr = false;
    while (pos < offset) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, offset - pos), pos);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        if (b === 0x0a) { if (!prevCr) line++; prevCr = false; }
        else if (b === 0x0d) { line++; prevCr = true; }
        else prevCr = false;
      }
      pos += n;
    }
    return line;
  } finally {
    closeSync(fd);
  }
}

/**
 * Stream one CSV file, calling `onHeader` once and `onRow` for each well-formed data row.
 * Never throws for bad content: structural problems are returned as fatal issues. File-system errors
 * (file unreadable) are thrown as the Node error.
 */
export async function readCsvFile(path: string, file: string, onHeader: CsvHeaderHandler, onRow: CsvRowHandler, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const issues: DataIssue[] = [];
  let header: string[] | null = null;
  let headerSeen = false;
  let width = 0;
  let rows = 0;
  let lineEnd = 0; // physical line on which the previous record (or blank line) ended

  const onRecord = (record: string[]): void => {
    const start = lineEnd + 1;
    lineEnd = start + countLineBreaks(record);
    if (record.length === 1 && BLANK.test(record[0])) return; // blank line
    if (!headerSeen) {
      headerSeen = true;
      width = record.length;
      header = checkHeader(file, record, start, issues);
      if (header !== null) onHeader(header);
      return;
    }
    rows++;
    if (record.length !== width) {
      issues.push(fatal(file, start, null, `row has ${record.length} fields but the header has ${width}`));
    } else if (header !== null) onRow(record, start);
  };

  // No `info`/`on_record`: csv-parse builds an info object per record for those (~50 % slower), and its
  // line count is off for CRLF inside quotes. Blank lines arrive as [''] and are counted here.
  const parser = parse({ bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
  const utf8 = new Utf8StreamChecker();
  const badOffsets: number[] = [];
  let parseError: CsvError | null = null;
  parser.on('data', onRecord);
  const done = new Promise<void>((resolve) => {
    parser.on('error', (e: CsvError) => { if (parseError === null) parseError = e; resolve(); });
    parser.on('end', () => resolve());
  });
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 16 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (parseError !== null) break;
      if (badOffsets.length < 10) badOffsets.push(...utf8.push(chunk, 10 - badOffsets.length));
      if (!parser.write(chunk)) await Promise.race([done, new Promise<void>((r) => parser.once('drain', () => r()))]);
    }
  } finally {
    stream.destroy();
  }
  if (parseError === null) {
    badOffsets.push(...utf8.end());
    parser.end();
  }
  await done;
  const err = parseError as CsvError | null;
  if (err !== null) issues.push(fatal(file, lineEnd + 1, null, `${csvErrorMessage(err)}; the rest of the file was not read`));
  const badLines = new Set<number>();
  for (const off of badOffsets.slice(0, 10)) {
    const line = lineOfOffset(path, off);
    if (badLines.has(line)) continue; // first invalid byte of each line only
    badLines.add(line);
    const byte = byteAt(path, off).toString(16).toUpperCase().padStart(2, '0');
    issues.push(fatal(file, line, null, `invalid UTF-8 byte 0x${byte} at byte offset ${off} (files must be UTF-8; was it saved as Latin-1/Windows-1252?)`));
  }
  if (!headerSeen && err === null) issues.push(fatal(file, null, null, 'file is empty (no header row)'));
  return { header, rows, issues };
}

function byteAt(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, offset);
    return b[0];
  } finally {
    closeSync(fd);
  }
}
