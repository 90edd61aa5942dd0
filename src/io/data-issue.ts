/**
 * Data issues: every problem found while reading a data lock, with its location (design.md "Outputs":
 * data-issues.csv = severity, file, line, column, value, message). `fatal` issues stop a run (exit 1);
 * `warning` issues are listed and the run goes on. Nothing is dropped silently: a record with a fatal
 * problem is still counted and listed.
 */
import { toCsv } from './csv-write.ts';

export type IssueSeverity = 'fatal' | 'warning';

/** One located problem. `line` is the 1-based physical line of the record's start (1 = header). */
export interface DataIssue {
  severity: IssueSeverity;
  /** File name relative to the data folder, e.g. `lb.csv`. */
  file: string;
  line: number | null;
  /** Upper-cased column name, or null when the problem concerns the file or the whole record. */
  column: string | null;
  /** The offending cell text as read, or null. */
  value: string | null;
  message: string;
}

/** Columns of data-issues.csv, in order. */
export const DataIssueColumns = ['severity', 'file', 'line', 'column', 'value', 'message'] as const;

/**
 * Deterministic order for listings: file, then line (file-level issues without a line first), then
 * column (null first), then message; code-unit string comparison, not locale-dependent.
 */
export function compareIssues(a: DataIssue, b: DataIssue): number {
  return cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || cmp(a.column ?? '', b.column ?? '') || cmp(a.message, b.message) || cmp(a.value ?? '', b.value ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Issues sorted by {@link compareIssues} (a new array), each distinct issue once: the same problem found
 * by two stages (e.g. a lab unit outside the conversion table, found at ingestion and again by the ADLB
 * derivation) has identical fields and is listed once.
 */
export function sortIssues(issues: readonly DataIssue[]): DataIssue[] {
  const sorted = [...issues].sort(compareIssues);
  return sorted.filter((x, i) => i === 0 || !sameIssue(sorted[i - 1], x));
}

function sameIssue(a: DataIssue, b: DataIssue): boolean {
  return a.severity === b.severity && compareIssues(a, b) === 0;
}

/** data-issues.csv text (RFC 4180, LF, header first), sorted by {@link compareIssues}. */
export function issuesToCsv(issues: readonly DataIssue[]): string {
  return toCsv(DataIssueColumns, sortIssues(issues).map((i) => ({ ...i })));
}

/** `file:line:column: message` for one issue (the format of DataError and of the CLI's stderr lines). */
export function formatIssue(issue: DataIssue): string {
  let s = issue.file;
  if (issue.line !== null) s += `:${issue.line}`;
  if (issue.column !== null) s += `:${issue.column}`;
  return `${s}: ${issue.message}`;
}
