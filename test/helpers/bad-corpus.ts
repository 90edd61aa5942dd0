/**
 * The bad-input corpus (test/fixtures/bad/, described in its README.md) as one table: for each folder,
 * every issue `readDataLock` must report (severity, file, line, column, exact message; sorted as in
 * data-issues.csv), or for a plan
 * fault the PlanError's line, column and message. Shared by test/cli/check.test.ts (remit check) and
 * test/cli/run-corpus.test.ts (remit run). Byte offsets and lines in the encoding rows were computed from
 * the fixture bytes independently (python: data.index(b'\x93'), data[:i].count(b'\n') + 1).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataIssue, IssueSeverity } from '../../src/io/data-issue.ts';

export const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const badRoot = join(fixtures, 'bad');
export const goodDir = join(fixtures, 'good');

export type ExpectedIssue = [severity: IssueSeverity, file: string, line: number | null, column: string | null, message: string];
/** A plan fault: the folder holds only plan.json, checked against ../good/. `message` follows `plan.json:line:column: `. */
export interface PlanFault {
  plan: { line: number; column: number; message: string | RegExp };
}
export type Expectation = ExpectedIssue[] | PlanFault;

const fatal = (file: string, line: number | null, column: string | null, message: string): ExpectedIssue => ['fatal', file, line, column, message];
const warning = (file: string, line: number | null, column: string | null, message: string): ExpectedIssue => ['warning', file, line, column, message];
const plan = (line: number, column: number, message: string | RegExp): PlanFault => ({ plan: { line, column, message } });

const PLAN = 'required by the lupus-nephritis plan; not applicable to this data lock';
const ISO = '(expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss)';
const UTF8 = 'files must be UTF-8 (convert it, e.g. with iconv -t UTF-8); the file was not read';
const NOT_READ = 'the rest of the file was not read';
const AEREL = 'AEREL (Y/N or a causality term): Y, N, RELATED, NOT RELATED, UNRELATED, DEFINITELY RELATED, PROBABLY RELATED, POSSIBLY RELATED, UNLIKELY RELATED, DEFINITE, PROBABLE, POSSIBLE, UNLIKELY, REMOTE, NONE';

export const corpus: Record<string, Expectation> = {
  // files and columns
  'missing-dm': [fatal('dm.csv', null, null, 'missing file: DM is required (it defines the subjects)')],
  'missing-plan-domain': [fatal('qs.csv', null, null, `missing file: QS is ${PLAN}`)],
  // (listed in data-issues.csv order: file, line, column, then message)
  'missing-core-column': [
    warning('lb.csv', 1, 'LBTESTCD', 'duplicate-record check for LB skipped: key column LBTESTCD is absent'),
    fatal('lb.csv', 1, 'LBTESTCD', 'missing required column LBTESTCD (SDTM core for LB)'),
  ],
  'missing-plan-column': [fatal('ae.csv', 1, 'AETOXGR', `missing column AETOXGR: ${PLAN}`)],
  'empty-file': [fatal('cm.csv', null, null, 'file is empty (no header row)')],
  'header-only-dm': [fatal('dm.csv', null, null, 'DM has a header but no records: a data lock needs at least one subject')],
  'header-only-ae': [warning('ae.csv', null, null, 'AE has a header but no records')],

  // encodings
  'latin1-bytes': [fatal('ae.csv', 2, null, 'invalid UTF-8 byte 0xC8 at byte offset 139 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)')],
  'cp1252-smart-quotes': [fatal('cm.csv', 3, null, 'invalid UTF-8 byte 0x93 at byte offset 172 (files must be UTF-8; was it saved as Latin-1/Windows-1252?)')],
  'utf16le-bom': [fatal('dm.csv', 1, null, `file is encoded as UTF-16 LE (byte-order mark FF FE); ${UTF8}`)],
  'utf16be-bom': [fatal('qs.csv', 1, null, `file is encoded as UTF-16 BE (byte-order mark FE FF); ${UTF8}`)],
  'utf16le-no-bom': [fatal('vs.csv', 1, null, `file is encoded as UTF-16 LE without a byte-order mark (every second byte is 0x00); ${UTF8}`)],
  'nul-byte': [fatal('ex.csv', 3, null, 'NUL byte (0x00) at byte offset 228: a CSV file never contains one (is this a binary file, or UTF-16 text?)')],
  'bom-mid-file': [fatal('lb.csv', 5, 'STUDYID', 'byte-order mark (U+FEFF) inside the file: a BOM is allowed only as its first bytes (was another file appended here?)')],

  // CSV structure
  'semicolon-delimited': [fatal('ds.csv', 1, null, "the header is one column containing ';': the file seems to be semicolon-separated (expected ',' as the separator)")],
  'tab-delimited': [fatal('suppdm.csv', 1, null, "the header is one column containing a tab: the file seems to be tab-separated (expected ',' as the separator)")],
  'cr-line-endings': [fatal('cm.csv', 1, null, 'header name "CMENDTC\\rNCT03580291" contains a line break: the file seems to use CR-only line endings (expected CRLF or LF)')],
  'duplicate-header': [fatal('dm.csv', 1, 'SEX', 'duplicate column name SEX (columns 17 and 18, after trimming and upper-casing)')],
  'empty-header-name': [fatal('lb.csv', 1, null, 'column 6 of the header has an empty name')],
  'ragged-row': [fatal('lb.csv', 5, null, 'row has 15 fields but the header has 16')],
  'ragged-row-long': [fatal('ae.csv', 3, null, 'row has 16 fields but the header has 15')],
  'repeated-header': [fatal('vs.csv', 5, null, 'this row repeats the header (were two files concatenated?)')],
  'unterminated-quote': [fatal('ae.csv', 3, null, `unterminated quoted field: the quote opened in this record is never closed; ${NOT_READ}`)],
  'stray-quote': [fatal('cm.csv', 4, null, `invalid CSV: a quote inside an unquoted field (quote the whole field and double the inner quotes); ${NOT_READ}`)],
  'bad-closing-quote': [fatal('dm.csv', 3, null, `invalid CSV: a closing quote must be followed by a comma or the end of the line; ${NOT_READ}`)],

  // numbers
  'comma-decimal': [fatal('vs.csv', 4, 'VSSTRESN', `"61,2" is not a number (expected a decimal with '.' as separator)`)],
  'thousands-comma': [fatal('ex.csv', 2, 'EXDOSE', `"2,000,000" is not a number (',' as thousands separator is not allowed: write 2000000)`)],
  'thousands-blank': [fatal('ex.csv', 4, 'EXDOSE', '"2 000 000" is not a number (a blank as thousands separator is not allowed: write 2000000)')],
  'lborres-thousands': [warning('lb.csv', 2, 'LBORRES', `"3,200.5" is not a number (',' as thousands separator is not allowed: write 3200.5); kept as non-numeric text`)],
  'age-not-integer': [fatal('dm.csv', 2, 'AGE', '"34.5" is not an integer')],
  'visitnum-text': [fatal('qs.csv', 3, 'VISITNUM', `"V1" is not a number (expected a decimal with '.' as separator)`)],
  'negative-dose': [fatal('ex.csv', 3, 'EXDOSE', '"-1500" is below 0 (a dose cannot be negative)')],
  'aetoxgr-7': [fatal('ae.csv', 3, 'AETOXGR', '"7" is out of range 1-5 (CTCAE grade)')],

  // dates
  'impossible-date': [fatal('ex.csv', 3, 'EXSTDTC', '"2019-02-30" is not a valid date (February 2019 has 28 days)')],
  'date-april-31': [fatal('vs.csv', 2, 'VSDTC', '"2019-04-31" is not a valid date (April 2019 has 30 days)')],
  'date-feb-29-2021': [fatal('ae.csv', 2, 'AEENDTC', '"2021-02-29" is not a valid date (February 2021 has 28 days)')],
  'date-day-00': [fatal('cm.csv', 2, 'CMSTDTC', '"2019-03-00" is not a valid date (day 00 does not exist)')],
  'month-13': [fatal('qs.csv', 6, 'QSDTC', '"2019-13-02" is not a valid date (month 13 is out of range 01-12)')],
  'time-hour-25': [fatal('ex.csv', 2, 'EXSTDTC', '"2019-03-15T25:30" is not a valid date (hour 25 is out of range 00-23)')],
  'non-iso-date': [fatal('ds.csv', 7, 'DSSTDTC', `"20/09/2019" is not an ISO 8601 date ${ISO}`)],
  'date-time-zone': [fatal('lb.csv', 3, 'LBDTC', `"2019-03-15T08:00Z" is not an ISO 8601 date ${ISO}`)],

  // terms and required values
  'sex-x': [fatal('dm.csv', 4, 'SEX', '"X" is not in SEX (CDISC CT C66731): M, F, U, UNDIFFERENTIATED')],
  'aeser-lower-case': [fatal('ae.csv', 3, 'AESER', '"y" is not in NY (CDISC CT C66742, Y/N): Y, N')],
  'aerel-unknown-term': [warning('ae.csv', 2, 'AEREL', `"MAYBE" is not in ${AEREL}`)],
  'empty-required-value': [fatal('ae.csv', 3, 'AEDECOD', 'required value AEDECOD is empty')],
  'unknown-armcd': [fatal('dm.csv', 3, 'ARMCD', '"PBO" is not an allowed ARMCD (allowed: MMF, MSC, SCRNFAIL, NOTASSGN)')],
  'unknown-actarmcd': [fatal('dm.csv', 4, 'ACTARMCD', '"PBO" is not an allowed ACTARMCD (allowed: MMF, MSC, SCRNFAIL, NOTASSGN, NOTTRT)')],

  // keys and subjects
  'duplicate-dm-subject': [fatal('dm.csv', 5, null, 'duplicate record: same USUBJID as line 2')],
  'duplicate-lb-key': [fatal('lb.csv', 9, null, 'duplicate record: same USUBJID, LBTESTCD, LBSPEC, VISITNUM, LBDTC as line 5')],
  'duplicate-vs-key': [fatal('vs.csv', 8, null, 'duplicate record: same USUBJID, VSTESTCD, VISITNUM, VSDTC, VSPOS, VSTPTNUM as line 3')],
  'subject-not-in-dm': [fatal('lb.csv', 8, 'USUBJID', 'subject LN-009-0009 is not in DM')],
  'randomized-twice': [fatal('ds.csv', 8, 'DSDECOD', 'subject LN-001-0001 is randomized twice (DSDECOD RANDOMIZED also on line 2)')],
  'suppdm-randdt-twice': [fatal('suppdm.csv', 11, null, 'duplicate record: same USUBJID, QNAM as line 7')],
  'lab-before-consent': [warning('lb.csv', 2, 'LBDTC', 'LBDTC 2019-02-20T08:00 is before informed consent (DM RFICDTC 2019-03-01, dm.csv line 2)')],
  'qs-before-consent': [warning('qs.csv', 6, 'QSDTC', 'QSDTC 2019-02 is before informed consent (DM RFICDTC 2019-03-18, dm.csv line 4)')],

  // labs (profile ln-trial)
  'unit-not-in-table': [warning('lb.csv', 3, 'LBORRESU', 'unit "mmol/L" is not in the conversion table for CREAT (accepted: umol/L, mg/dL)')],
  'unit-missing': [warning('lb.csv', 2, 'LBORRESU', 'unit missing for PROT (accepted: g/24h, mg/24h)')],
  'negative-lbstresn': [fatal('lb.csv', 4, 'LBSTRESN', '"-0.3" is negative: 24-hour urine protein (PROT) cannot be below 0')],
  'negative-lborres': [fatal('lb.csv', 5, 'LBORRES', '"-2.4" is negative: 24-hour urine protein (PROT) cannot be below 0')],

  // the plan file (checked with ../good/ as data)
  'plan-unknown-key': plan(25, 5, 'primary.margn: unknown key (did you mean "margin"?)'),
  'plan-missing-key': plan(22, 3, 'primary.alphaOneSided: missing required key'),
  'plan-wrong-type': plan(25, 5, 'primary.margin: must be number'),
  'plan-margin-out-of-range': plan(25, 5, 'primary.margin: must be in (0, 1), got 1.5'),
  'plan-window-overlap': plan(10, 58, 'visits[1].window: overlaps the window of Week 4 (2–42)'),
  'plan-unknown-visit': plan(24, 5, 'primary.visit: unknown visit "Week 26" (plan visits: Week 4, Week 8, Week 12, Week 16, Week 20, Week 24)'),
  'plan-arm-twice': plan(7, 31, 'arms.experimental: control arm "MMF" is also listed as experimental'),
  'plan-impossible-cut-date': plan(5, 5, 'study.dataCutDate: "2021-02-30" is not a calendar date'),
  // a trailing comma after line 50's last member: located at the brace, in remit's words (not V8's)
  'plan-invalid-json': plan(51, 3, "(root): not valid JSON: expected a key in double quotes, found '}' (JSON allows no comma before '}': remove the ',' at 50:26)"),
};

export function isPlanFault(e: Expectation): e is PlanFault {
  return !Array.isArray(e);
}

/** The corpus folders on disk, sorted. */
export function corpusFolders(): string[] {
  return readdirSync(badRoot).filter((n) => statSync(join(badRoot, n)).isDirectory()).sort();
}

/** An issue as a row comparable with {@link ExpectedIssue}. */
export function issueRow(i: DataIssue): ExpectedIssue {
  return [i.severity, i.file, i.line, i.column, i.message];
}

/** `file:line:column: message` as the CLI prints it. */
export function located(file: string, line: number | null, column: string | null, message: string): string {
  return `${file}${line === null ? '' : `:${line}`}${column === null ? '' : `:${column}`}: ${message}`;
}

/** An expected issue as the CLI prints it (`file:line:column: message`). */
export function locatedIssue(e: ExpectedIssue): string {
  return located(e[1], e[2], e[3], e[4]);
}
