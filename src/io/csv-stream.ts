/**
 * Streaming CSV reading over csv-parse (https://csv.js.org/parse/, v6): the file is read in chunks from
 * `fs.createReadStream` and never held as one string. Conventions (design.md input contract):
 * - UTF-8, a leading BOM is removed (`bom: true`); invalid UTF-8 is a fatal issue at its physical line.
 *   A UTF-16/UTF-32 file (by its byte-order mark, or UTF-16 without one) is fatal and not read at all; a
 *   NUL byte is fatal at its line; a BOM after the start of the file is fatal at the record that holds
 *   it, and that record is not passed on (src/io/byte-scan.ts).
 * - Comma separator, `"` quotes with `""` escapes; fields may contain commas, quotes and line breaks.
 * - Record delimiters CRLF or LF (both accepted, even mixed); blank lines are skipped (but counted).
 * - The first record is the header. Names are trimmed and upper-cased for matching; an empty or
 *   duplicate name is fatal, and so is a header that is one column containing `;`, a tab or `|` (another
 *   separator) or a name containing a line break (CR-only line endings). Cell values are passed on
 *   verbatim (never trimmed: leading blanks can be data).
 * - Line numbers are 1-based *physical* lines of a record's first line, counting CRLF, LF and a lone CR
 *   each as one line break (csv-parse's own `info.lines` counts CRLF inside quotes twice, so the reader
 *   counts line breaks inside fields itself).
 * - A row with a different number of fields from the header is a fatal issue and is counted but not
 *   passed on (not reported when the header itself is unusable: that one issue says it all); so is a
 *   row that repeats the header (two exports concatenated). csv-parse errors (unterminated quote, stray
 *   quote) become fatal issues with file and line, and parsing of that file stops there; the byte-level
 *   checks (UTF-8, NUL, inner BOM) still cover the whole file, so what is reported never depends on
 *   the read chunk size (property-tested in test/io/fuzz-reader.test.ts).
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import type { DataIssue } from './data-issue.ts';
import { Utf8StreamChecker } from './utf8-check.ts';
import { ByteScanner, foreignEncoding, readFileHead } from './byte-scan.ts';

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

/** Other separators recognised in a one-column header, with their names for the message. */
const OTHER_SEPARATORS: readonly [string, string][] = [[';', 'semicolon'], ['\t', 'tab'], ['|', 'pipe']];

/** The separator a one-column header seems to use instead of ',', or null (the most frequent one wins). */
function otherSeparator(raw: readonly string[]): [string, string] | null {
  if (raw.length !== 1) return null;
  let best: [string, string] | null = null, bestCount = 0;
  for (const sep of OTHER_SEPARATORS) {
    const n = raw[0].split(sep[0]).length - 1;
    if (n > bestCount) { best = sep; bestCount = n; }
  }
  return best;
}

/** Why a header cannot be used as a whole (wrong separator, line endings), or null. */
function headerShapeProblem(raw: readonly string[]): string | null {
  const sep = otherSeparator(raw);
  if (sep !== null) {
    const shown = sep[0] === '\t' ? 'a tab' : `'${sep[0]}'`;
    return `the header is one column containing ${shown}: the file seems to be ${sep[1]}-separated (expected ',' as the separator)`;
  }
  const broken = raw.find((n) => n.includes('\r') || n.includes('\n'));
  if (broken === undefined) return null;
  const crOnly = !broken.includes('\n');
  return `header name ${JSON.stringify(broken.length > 40 ? broken.slice(0, 40) + '…' : broken)} contains a line break${crOnly ? ': the file seems to use CR-only line endings (expected CRLF or LF)' : ''}`;
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

/** True when a data row repeats the header (compared like header names: trimmed, case-insensitive). */
function repeatsHeader(record: readonly string[], rawHeader: readonly string[], header: readonly string[]): boolean {
  // Cheap rejection first: almost every data row differs from the header in its first cell's length.
  if (record[0].length !== rawHeader[0].length) return false;
  for (let i = 0; i < record.length; i++) if (record[i].trim().toUpperCase() !== header[i]) return false;
  return true;
}

/** Index of the first field containing U+FEFF (a byte-order mark), or -1. */
function bomField(record: readonly string[]): number {
  for (let i = 0; i < record.length; i++) if (record[i].indexOf('\uFEFF') >= 0) return i;
  return -1;
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
 * Never throws for bad content: structural problems are returned as fatal issues, and so is a file that
 * cannot be opened (permission denied, a broken symbolic link).
 */
export async function readCsvFile(path: string, file: string, onHeader: CsvHeaderHandler, onRow: CsvRowHandler, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const issues: DataIssue[] = [];
  let head: Buffer;
  try {
    head = readFileHead(path, 4);
  } catch (e) {
    issues.push(fatal(file, null, null, `cannot open the file: ${openFailure(e)}; the file was not read`));
    return { header: null, rows: 0, issues };
  }
  const encoding = foreignEncoding(head);
  if (encoding !== null) {
    issues.push(fatal(file, 1, null, `file is encoded as ${encoding}; files must be UTF-8 (convert it, e.g. with iconv -t UTF-8); the file was not read`));
    return { header: null, rows: 0, issues };
  }
  let header: string[] | null = null;
  let headerSeen = false;
  let width = 0;
  let rows = 0;
  let lineEnd = 0; // physical line on which the previous record (or blank line) ended

  let rawHeader: string[] = [];
  let abandoned = false; // set when the header shows the file cannot be read as this CSV dialect
  const bytes = new ByteScanner();

  /** A record holding a byte-order mark (only looked for once the byte scan has seen one). */
  const innerBom = (record: readonly string[], start: number): boolean => {
    if (!bytes.innerBom) return false;
    const k = bomField(record);
    if (k < 0) return false;
    const column = header !== null && k < width ? header[k] : rawHeader.length > k ? rawHeader[k].trim().toUpperCase() || null : null;
    issues.push(fatal(file, start, column, 'byte-order mark (U+FEFF) inside the file: a BOM is allowed only as its first bytes (was another file appended here?)'));
    return true;
  };

  const onRecord = (record: string[]): void => {
    const start = lineEnd + 1;
    lineEnd = start + countLineBreaks(record);
    if (record.length === 1 && BLANK.test(record[0])) return; // blank line
    if (!headerSeen) {
      headerSeen = true;
      width = record.length;
      rawHeader = record;
      if (innerBom(record, start)) return;
      const shape = headerShapeProblem(record);
      if (shape !== null) {
        // Wrong separator or line endings: every later record would be noise (quotes in the wrong
        // places, ragged rows), so the file is not read further.
        issues.push(fatal(file, start, null, shape));
        abandoned = true;
        return;
      }
      header = checkHeader(file, record, start, issues);
      if (header !== null) onHeader(header);
      return;
    }
    if (abandoned) return;
    rows++;
    if (header === null) return; // the header issue already makes the file unusable
    if (innerBom(record, start)) return;
    if (record.length !== width) {
      issues.push(fatal(file, start, null, `row has ${record.length} fields but the header has ${width}`));
    } else if (repeatsHeader(record, rawHeader, header)) {
      issues.push(fatal(file, start, null, 'this row repeats the header (were two files concatenated?)'));
    } else onRow(record, start);
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
      // The byte checks cover the whole file even after parsing stopped, so what they report does not
      // depend on where the read chunks happen to break.
      bytes.push(chunk);
      if (badOffsets.length < 10) badOffsets.push(...utf8.push(chunk, 10 - badOffsets.length));
      if (parseError !== null || abandoned) continue;
      if (!parser.write(chunk)) await Promise.race([done, new Promise<void>((r) => parser.once('drain', () => r()))]);
    }
  } finally {
    stream.destroy();
  }
  badOffsets.push(...utf8.end());
  if (abandoned) parser.destroy();
  else {
    if (parseError === null) parser.end();
    await done;
  }
  const err = abandoned ? null : (parseError as CsvError | null);
  if (err !== null) issues.push(fatal(file, lineEnd + 1, null, `${csvErrorMessage(err)}; the rest of the file was not read`));
  issues.push(...invalidUtf8Issues(path, file, badOffsets.slice(0, 10)));
  if (bytes.firstNul !== null) {
    issues.push(fatal(file, lineOfOffset(path, bytes.firstNul), null, `NUL byte (0x00) at byte offset ${bytes.firstNul}: a CSV file never contains one (is this a binary file, or UTF-16 text?)`));
  }
  if (!headerSeen && err === null) issues.push(fatal(file, null, null, 'file is empty (no header row)'));
  return { header, rows, issues };
}

/** Why a file could not be opened, in words. */
function openFailure(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
  if (code === 'ENOENT') return 'no such file (a broken symbolic link?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return e instanceof Error ? e.message : String(e);
}

/** One fatal issue per line for the first invalid UTF-8 byte on it. */
function invalidUtf8Issues(path: string, file: string, offsets: readonly number[]): DataIssue[] {
  const out: DataIssue[] = [];
  const badLines = new Set<number>();
  for (const off of offsets) {
    const line = lineOfOffset(path, off);
    if (badLines.has(line)) continue; // first invalid byte of each line only
    badLines.add(line);
    const byte = byteAt(path, off).toString(16).toUpperCase().padStart(2, '0');
    out.push(fatal(file, line, null, `invalid UTF-8 byte 0x${byte} at byte offset ${off} (files must be UTF-8; was it saved as Latin-1/Windows-1252?)`));
  }
  return out;
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
