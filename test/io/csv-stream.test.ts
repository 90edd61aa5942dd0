import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../../src/io/csv-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'remit-csv-'));

async function read(content: string | Buffer, chunkSize?: number) {
  const path = join(dir, 'x.csv');
  writeFileSync(path, content);
  let header: readonly string[] = [];
  const rows: { fields: string[]; line: number }[] = [];
  const r = await readCsvFile(path, 'x.csv', (h) => { header = h; }, (fields, line) => rows.push({ fields, line }), chunkSize === undefined ? {} : { chunkSize });
  return { header, rows, result: r };
}

test('readCsvFile: BOM removed, header trimmed and upper-cased, CRLF', async () => {
  const { header, rows, result } = await read('\uFEFF usubjid ,Lbtestcd\r\nS1,ALB\r\nS2,CREAT\r\n');
  assert.equal(header, ['USUBJID', 'LBTESTCD']);
  assert.equal(rows, [{ fields: ['S1', 'ALB'], line: 2 }, { fields: ['S2', 'CREAT'], line: 3 }]);
  assert.is(result.rows, 2);
  assert.equal(result.issues, []);
});

test('readCsvFile: quoted commas, doubled quotes and line breaks; physical start lines', async () => {
  // line 1 header; record 1 spans lines 2-4 (two CRLF inside quotes); record 2 on line 5; blank line 6; record 3 on line 7
  const text = 'A,B\r\n"x, y","line1\r\nline2\r\nline3"\r\n"say ""hi""",2\r\n\r\nlast,3\r\n';
  const { rows, result } = await read(text);
  assert.equal(rows.map((r) => r.line), [2, 5, 7]);
  assert.equal(rows[0].fields, ['x, y', 'line1\r\nline2\r\nline3']);
  assert.equal(rows[1].fields, ['say "hi"', '2']);
  assert.is(result.rows, 3);
});

test('readCsvFile: LF line ends, no final newline, values never trimmed', async () => {
  const { rows } = await read('A,B\n  lead,"multi\nline"\nz,  9');
  assert.equal(rows, [{ fields: ['  lead', 'multi\nline'], line: 2 }, { fields: ['z', '  9'], line: 4 }]);
});

test('readCsvFile: line numbers stay right across small chunks', async () => {
  const body = Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? `r${i},"a\nb"` : `r${i},v`)).join('\n');
  const { rows } = await read('K,V\n' + body + '\n', 64);
  let line = 2;
  for (let i = 0; i < 200; i++) {
    assert.is(rows[i].line, line, `row ${i}`);
    line += i % 7 === 0 ? 2 : 1;
  }
});

test('readCsvFile: ragged row is a located fatal issue and other rows go on', async () => {
  const { rows, result } = await read('A,B\n1,2\n3\n4,5\n');
  assert.equal(rows.map((r) => r.line), [2, 4]);
  assert.is(result.rows, 3);
  assert.equal(result.issues, [{ severity: 'fatal', file: 'x.csv', line: 3, column: null, value: null, message: 'row has 1 fields but the header has 2' }]);
});

test('readCsvFile: unterminated quote reports the record start line', async () => {
  const { result } = await read('A,B\n1,2\n3,"open\nstill open\n');
  assert.equal(result.issues.map((i) => [i.line, i.message]), [[3, 'unterminated quoted field: the quote opened in this record is never closed; the rest of the file was not read']]);
});

test('readCsvFile: duplicate header name (after trim/upper-case) is fatal', async () => {
  const { result } = await read('A,b, B \n1,2,3\n');
  assert.equal(result.header, null);
  assert.equal(result.issues.map((i) => [i.line, i.column, i.message]), [[1, 'B', 'duplicate column name B (columns 2 and 3, after trimming and upper-casing)']]);
});

test('readCsvFile: empty file and invalid UTF-8', async () => {
  assert.equal((await read('')).result.issues.map((i) => i.message), ['file is empty (no header row)']);
  // "A,B\n" is bytes 0-3, "ok,1\n" 4-8, "M" 9, so 0xFC is at byte offset 10, on physical line 3
  const latin1 = Buffer.concat([Buffer.from('A,B\nok,1\nM'), Buffer.from([0xfc]), Buffer.from('ller,2\n')]);
  const { result } = await read(latin1);
  assert.equal(result.issues.map((i) => [i.line, i.message]), [[3, 'invalid UTF-8 byte 0xFC at byte offset 10 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)']]);
});

test('readCsvFile: UTF-16 (with or without BOM) is fatal on line 1 and the file is not read', async () => {
  const text = 'A,B\n1,2\n';
  const le = await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  assert.equal(le.rows, []);
  assert.equal(le.result.issues.map((i) => [i.line, i.message]), [[1, 'file is encoded as UTF-16 LE (byte-order mark FF FE); files must be UTF-8 (convert it, e.g. with iconv -t UTF-8); the file was not read']]);
  const noBom = await read(Buffer.from(text, 'utf16le'));
  assert.match(noBom.result.issues[0].message, /^file is encoded as UTF-16 LE without a byte-order mark/);
  const be = Buffer.from(text, 'utf16le').swap16();
  assert.match((await read(be)).result.issues[0].message, /^file is encoded as UTF-16 BE without a byte-order mark/);
  // a one-character UTF-8 file is not mistaken for UTF-16
  assert.equal((await read('A')).result.issues, []);
});

test('readCsvFile: a NUL byte is fatal at its line; a BOM after the start is fatal at its record and column, even split across chunks', async () => {
  const nul = await read(Buffer.from('A,B\n1,2\n3,\u00004\n'));
  assert.equal(nul.result.issues.map((i) => [i.line, i.message]), [[3, 'NUL byte (0x00) at byte offset 10: a CSV file never contains one (is this a binary file, or UTF-16 text?)']]);
  // the second BOM is bytes 11-13: 12- and 13-byte chunks split it across two chunks
  for (const chunkSize of [undefined, 12, 13, 1]) {
    const { rows, result } = await read('\uFEFFA,B\n1,2\n\uFEFF3,4\n5,6\n', chunkSize);
    assert.equal(rows.map((r) => r.line), [2, 4], String(chunkSize));
    assert.equal(result.issues.map((i) => [i.line, i.column, i.message]), [[3, 'A', 'byte-order mark (U+FEFF) inside the file: a BOM is allowed only as its first bytes (was another file appended here?)']]);
  }
});

test('readCsvFile: another separator or CR-only line endings: one fatal issue on line 1, nothing else read', async () => {
  const semi = await read('A;B;C\n1;"x, y";3\n4;5\n');
  assert.equal(semi.result.issues.map((i) => [i.line, i.message]), [[1, "the header is one column containing ';': the file seems to be semicolon-separated (expected ',' as the separator)"]]);
  assert.is(semi.result.rows, 0);
  const cr = await read('A,B\r1,2\r3,4\r');
  assert.equal(cr.result.issues.map((i) => [i.line, i.message]), [[1, 'header name "B\\r1" contains a line break: the file seems to use CR-only line endings (expected CRLF or LF)']]);
});

test('readCsvFile: a repeated header row is fatal and not passed on', async () => {
  const { rows, result } = await read('A,B\n1,2\na, B\n3,4\n');
  assert.equal(rows.map((r) => r.line), [2, 4]);
  assert.equal(result.issues.map((i) => [i.line, i.message]), [[3, 'this row repeats the header (were two files concatenated?)']]);
});

// Counterexample found by test/io/fuzz-reader.test.ts: invalid UTF-8 after a CSV error was reported with
// large read chunks but not with small ones (reading stopped at the error). The byte checks now always
// cover the whole file.
test('readCsvFile: invalid UTF-8 after a CSV error is reported whatever the chunk size', async () => {
  const bytes = Buffer.concat([Buffer.from('A,B\n"x"y,1\nok,'), Buffer.from([0xc8]), Buffer.from('\n')]);
  const expected = [
    [2, 'invalid CSV: a closing quote must be followed by a comma or the end of the line; the rest of the file was not read'],
    [3, 'invalid UTF-8 byte 0xC8 at byte offset 14 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)'],
  ];
  for (const chunkSize of [undefined, 4, 1]) assert.equal((await read(bytes, chunkSize)).result.issues.map((i) => [i.line, i.message]), expected, String(chunkSize));
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
