/**
 * Tables from Analysis Results Data: a small declarative model in the spirit of rtables/tern
 * (`basic_table() |> split_cols_by(ARM) |> analyze(...)`; style.md §7): the layout is declared first
 * (columns = groups, rows = parameter / category / statistic kind), then filled from ARD records only,
 * so every number shown traces to one record (design.md "Analysis Results Data").
 *
 * Cell kinds and the ARD statistics they read:
 * | kind          | statistics                  | shown as                |
 * |---------------|-----------------------------|-------------------------|
 * | `n`           | n                           | "12"                    |
 * | `n-pct`       | n, pct (proportion 0–1), N  | "12 (10.4 %)", "62/105 (59.0 %)" |
 * | `mean-sd`     | mean, sd                    | "12.3 (4.56)"           |
 * | `median-iqr`  | median, q1, q3              | "12.0 (8.0–15.5)"       |
 * | `min-max`     | min, max                    | "1.0–30.0"              |
 * | `estimate-ci` | estimate, lower, upper      | "-5.2 (-14.1, 3.7)"     |
 * | `p-value`     | pValue                      | "0.012", "< 0.001"      |
 * | `value`       | the row's `statistic`       | number with decimals, or the string as is |
 *
 * `scale` multiplies numeric estimates for display (100 shows a risk difference in percentage points).
 * A record that is absent or has a null value is shown as "–" and the table gets the footnote MISSING_FOOTNOTE;
 * a composite cell with no value at all is a single "–" (./format.ts).
 *
 * Denominators: an `n-pct` cell whose denominator is not its column's header N shows it, "n/N (x.x %)", and
 * the table gets DENOMINATOR_FOOTNOTE (a percentage of an unseen denominator under "N = 113" would be read as
 * a percentage of 113). The denominator is the "N" record at the cell's key, or at the cell's key with
 * category and visit null (an analysis recording each group's N once, e.g. an observed-cases analysis);
 * without one the percentage must be of the header N, and a `pct` that is not n / header N is an error.
 * Two records matching one cell is an error (the ARD is ambiguous).
 *
 * Traceability: a count cell (kinds `n`, `n-pct`) whose `n` record carries a subject trace (ArdRecord
 * `subjects`) keeps it in `BuiltRow.traces`, and a header N whose "N" record carries one (the population:
 * src/tables/population-trace.ts) keeps it in `BuiltHeaderCell.trace`, so the closed report can open the
 * number to its subjects. The trace is passed through as the analysis made it, never recomputed here; a
 * trace that does not list as many subjects as its number is an error, and so is a body-cell trace whose
 * counted and not-counted subjects do not add up to the cell's "N" record, where it has one and the trace
 * lists the subjects not counted.
 */
import type { ArdRecord, CountTrace } from '../core/ard.ts';
import { InputError } from '../core/errors.ts';
import {
  MISSING,
  formatCount,
  formatCountOfPercent,
  formatCountPercent,
  formatEstimateCi,
  formatMeanSd,
  formatMedianQuartiles,
  formatNumber,
  formatPValue,
  formatRange,
} from './format.ts';

export type CellKind = 'n' | 'n-pct' | 'mean-sd' | 'median-iqr' | 'min-max' | 'estimate-ci' | 'p-value' | 'value';

/** One column: an ARD group ("MSC", "MMF", "Total", a contrast "MSC - MMF"). */
export interface TableColumn {
  group: string;
  /** Header text; defaults to the group. */
  label?: string;
  /** Show "N = xx" from the header-N record (default true; false for contrast / p-value columns). */
  showN?: boolean;
  /** Cell kind for this column, overriding the row's (e.g. a contrast column of `estimate-ci`). */
  kind?: CellKind;
}

/** A row of statistics; it reads records with the table's analysis and population unless overridden. */
export interface TableStatRow {
  type: 'stat';
  label: string;
  parameter: string;
  category?: string | null;
  /** Defaults to the table visit. */
  visit?: string | null;
  kind: CellKind;
  /** Decimals for means, medians, estimates (per-parameter precision). Default 1. */
  decimals?: number;
  /** Display multiplier for estimate-ci / value / mean kinds (e.g. 100 for percentage points). Default 1. */
  scale?: number;
  /** ARD statistic read by kind `value`. */
  statistic?: string;
  analysis?: string;
  /** Indentation level (0 = flush). */
  indent?: number;
}

/** A label-only row (a parameter name above its statistics, a SOC above its PTs). */
export interface TableHeadingRow {
  type: 'heading';
  label: string;
  indent?: number;
}

export type TableRow = TableStatRow | TableHeadingRow;

/** The declared table. Every table carries title, population, N per group, visit, units, method, footnotes. */
export interface TableSpec {
  id: string;
  title: string;
  analysis: string;
  /** ARD population code ("FAS", "SAF"). */
  population: string;
  /** Population shown to the reader; defaults to the code. */
  populationLabel?: string;
  visit?: string | null;
  units?: string | null;
  method?: string | null;
  /** ARD parameter whose statistic "N" (category null, visit null) gives the header N of each group. */
  headerNParameter: string;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  footnotes?: readonly string[];
  /** Header of the row-label column. Default "". */
  stubHeader?: string;
}

export interface BuiltHeaderCell {
  label: string;
  /** "N = 115", or null when the column shows no N. */
  n: string | null;
  /** The subjects behind the N (from the ARD), when traced; absent otherwise. */
  trace?: CountTrace;
}

export interface BuiltRow {
  label: string;
  indent: number;
  heading: boolean;
  cells: string[];
  /** Per cell, the subjects behind its count (from the ARD), or null; absent when no cell is traced. */
  traces?: (CountTrace | null)[];
}

/** A table filled from the ARD, every cell already formatted: the input of `renderTableHtml`. */
export interface BuiltTable {
  id: string;
  title: string;
  population: string;
  visit: string | null;
  units: string | null;
  method: string | null;
  stubHeader: string;
  header: BuiltHeaderCell[];
  rows: BuiltRow[];
  footnotes: string[];
}

/** Footnote added to any table with a traced count (closed report). */
export const TRACE_FOOTNOTE = 'Each count opens (click it) to list the subjects behind it and the rule that counted each.';

/** Footnote added to any table whose header N is traced (closed report). */
export const HEADER_TRACE_FOOTNOTE = 'Each column’s N opens (click it) to list its subjects and the randomised subjects of the arm who are not in it, with the reason.';

/** Footnote added to any table with a count shown over its own denominator ("n/N (%)"). */
export const DENOMINATOR_FOOTNOTE = 'n/N (%): a count whose denominator is not the N of its column is shown with that denominator N; the percentage is of N.';

/** Footnote added to any table showing MISSING. */
export const MISSING_FOOTNOTE = `${MISSING} Not available: no value in the analysis results data (not estimable or not computed).`;

interface CellKey {
  analysis: string;
  population: string;
  parameter: string;
  category: string | null;
  visit: string | null;
  group: string;
}

/** Index of ARD records by every dimension, for exact lookup. */
class ArdIndex {
  private readonly map = new Map<string, ArdRecord[]>();
  constructor(records: readonly ArdRecord[]) {
    for (const r of records) {
      const k = ArdIndex.key(r.analysis, r.population, r.parameter, r.category, r.visit, r.group, r.statistic);
      const list = this.map.get(k);
      if (list) list.push(r);
      else this.map.set(k, [r]);
    }
  }
  static key(...parts: (string | null)[]): string {
    return JSON.stringify(parts);
  }
  /** The one matching record, or null when absent. */
  record(c: CellKey, statistic: string): ArdRecord | null {
    const found = this.map.get(ArdIndex.key(c.analysis, c.population, c.parameter, c.category, c.visit, c.group, statistic));
    if (!found) return null;
    if (found.length > 1) {
      throw new InputError('records', `${found.length} ARD records match one cell: ${JSON.stringify({ ...c, statistic })}`);
    }
    return found[0];
  }
  /** The value of the one matching record; null when absent or null. */
  value(c: CellKey, statistic: string): number | string | null {
    return this.record(c, statistic)?.value ?? null;
  }
  number(c: CellKey, statistic: string): number | null {
    const v = this.value(c, statistic);
    if (v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError('records', `statistic "${statistic}" must be a finite number, got ${JSON.stringify(v)} for ${JSON.stringify(c)}`);
    }
    return v;
  }
}

function scaled(x: number | null, scale: number): number | null {
  return x === null ? null : x * scale;
}

interface FormattedCell {
  text: string;
  /** Some value the cell needed was absent (shown as MISSING). */
  missing: boolean;
  /** The count is shown over its own denominator ("n/N (%)"). */
  ownDenominator: boolean;
}

/** Format one cell; `columnN` is the column's header N (null when the column shows none). */
function formatCell(ix: ArdIndex, c: CellKey, row: TableStatRow, kind: CellKind, columnN: number | null): FormattedCell {
  let missing = false;
  const num = (stat: string): number | null => {
    const v = ix.number(c, stat);
    if (v === null) missing = true;
    return v;
  };
  if (kind === 'n-pct') return countPercentCell(ix, c, row, num, columnN);
  const text = cellText(ix, c, row, kind, num);
  return { text, missing: missing || text === MISSING, ownDenominator: false };
}

/** |a − b| within floating-point noise of a proportion times a count. */
function sameCount(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * The denominator of an n-pct cell when it differs from the column's N, else null (see the module note).
 * @throws InputError when no "N" record gives the denominator and `pct` is not n / column N.
 */
function ownDenominator(ix: ArdIndex, c: CellKey, row: TableStatRow, n: number, pct: number | null, columnN: number | null): number | null {
  const denominator = ix.number(c, 'N') ?? ix.number({ ...c, category: null, visit: null }, 'N');
  if (denominator !== null) return denominator === columnN ? null : denominator;
  if (columnN !== null && pct !== null && !sameCount(pct * columnN, n)) {
    throw new InputError('records', `row "${row.label}", group "${c.group}": pct ${pct} is not n / N = ${n} / ${columnN} and no "N" record gives its denominator`);
  }
  return null;
}

function countPercentCell(ix: ArdIndex, c: CellKey, row: TableStatRow, num: (stat: string) => number | null, columnN: number | null): FormattedCell {
  const n = num('n');
  if (n === null) return { text: MISSING, missing: true, ownDenominator: false };
  const pct = num('pct');
  const denominator = ownDenominator(ix, c, row, n, pct, columnN);
  const text = denominator === null ? formatCountPercent(n, pct) : formatCountOfPercent(n, denominator, pct);
  return { text, missing: pct === null, ownDenominator: denominator !== null };
}

function cellText(ix: ArdIndex, c: CellKey, row: TableStatRow, kind: Exclude<CellKind, 'n-pct'>, num: (stat: string) => number | null): string {
  const d = row.decimals ?? 1;
  const s = row.scale ?? 1;
  switch (kind) {
    case 'n': {
      const n = num('n');
      return n === null ? MISSING : formatCount(n);
    }
    case 'mean-sd':
      return formatMeanSd(scaled(num('mean'), s), scaled(num('sd'), s), d);
    case 'median-iqr':
      return formatMedianQuartiles(scaled(num('median'), s), scaled(num('q1'), s), scaled(num('q3'), s), d);
    case 'min-max':
      return formatRange(scaled(num('min'), s), scaled(num('max'), s), d);
    case 'estimate-ci':
      return formatEstimateCi(scaled(num('estimate'), s), scaled(num('lower'), s), scaled(num('upper'), s), d);
    case 'p-value': {
      const p = num('pValue');
      return p === null ? MISSING : formatPValue(p);
    }
    case 'value': {
      if (!row.statistic) throw new InputError('rows', `row "${row.label}" of kind "value" needs a statistic`);
      const v = ix.value(c, row.statistic);
      if (v === null) return MISSING;
      return typeof v === 'string' ? v : formatNumber(v * s, d);
    }
    default:
      throw new InputError('rows', `unknown cell kind ${JSON.stringify(kind)} in row "${row.label}"`);
  }
}

/** The header N of a column with its subject trace, or null when the column shows none. */
function headerN(ix: ArdIndex, spec: TableSpec, col: TableColumn): { n: number; trace: CountTrace | undefined } | null {
  if (col.showN === false) return null;
  const key: CellKey = {
    analysis: spec.analysis,
    population: spec.population,
    parameter: spec.headerNParameter,
    category: null,
    visit: null,
    group: col.group,
  };
  const n = ix.number(key, 'N');
  if (n === null) {
    throw new InputError('records', `no header N (statistic "N", parameter "${spec.headerNParameter}") for group "${col.group}" in table "${spec.id}"`);
  }
  const trace = ix.record(key, 'N')?.subjects;
  if (trace !== undefined && trace.counted.length !== n) {
    throw new InputError('records', `the header N of group "${col.group}" in table "${spec.id}" is ${n} but its trace lists ${trace.counted.length} subjects`);
  }
  return { n, trace };
}

/**
 * The subject trace of a count cell, checked against its numbers (see the module note): the counted
 * subjects are as many as n, and where the cell has an "N" record and the trace lists the subjects not
 * counted, counted + not counted are N. Null when the cell's n record carries no trace.
 * @throws InputError naming the table, row and column when the trace disagrees with n or N.
 */
function cellTrace(ix: ArdIndex, spec: TableSpec, c: CellKey, row: TableStatRow): CountTrace | null {
  const record = ix.record(c, 'n');
  const trace = record?.subjects;
  if (record === null || trace === undefined) return null;
  const where = `row "${row.label}", group "${c.group}" in table "${spec.id}"`;
  if (typeof record.value === 'number' && trace.counted.length !== record.value) {
    throw new InputError('records', `the count n = ${record.value} of ${where} has a trace listing ${trace.counted.length} subjects`);
  }
  const denominator = ix.number(c, 'N') ?? ix.number({ ...c, category: null, visit: null }, 'N');
  if (denominator !== null && trace.notCounted !== undefined && trace.counted.length + trace.notCounted.length !== denominator) {
    throw new InputError(
      'records',
      `the trace of ${where} lists ${trace.counted.length} counted + ${trace.notCounted.length} not counted subjects, but its N is ${denominator}`,
    );
  }
  return trace;
}

function headerCell(col: TableColumn, h: { n: number; trace: CountTrace | undefined } | null): BuiltHeaderCell {
  const label = col.label ?? col.group;
  if (h === null) return { label, n: null };
  const n = `N = ${formatCount(h.n)}`;
  return h.trace === undefined ? { label, n } : { label, n, trace: h.trace };
}

function validateSpec(spec: TableSpec): void {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.id)) throw new InputError('spec.id', `must be lower-case kebab-case, got ${JSON.stringify(spec.id)}`);
  if (spec.title.trim() === '') throw new InputError('spec.title', 'must not be empty');
  if (spec.columns.length === 0) throw new InputError('spec.columns', 'a table needs at least one column');
}

/**
 * Fill a declared table from ARD records.
 * @throws InputError for an invalid spec, a missing header N, an ambiguous cell (two records), a
 *   non-numeric value where a number is needed, a percentage of a denominator that is neither the
 *   column's N nor given by an "N" record, or a subject trace that disagrees with its n or N.
 */
export function buildTable(spec: TableSpec, records: readonly ArdRecord[]): BuiltTable {
  validateSpec(spec);
  const ix = new ArdIndex(records);
  const heads = spec.columns.map((col) => headerN(ix, spec, col));
  const columnN = heads.map((h) => h?.n ?? null);
  const header: BuiltHeaderCell[] = spec.columns.map((col, i) => headerCell(col, heads[i]));
  let anyMissing = false;
  let anyOwnDenominator = false;
  let anyTrace = false;
  const rows: BuiltRow[] = spec.rows.map((row) => {
    if (row.type === 'heading') return { label: row.label, indent: row.indent ?? 0, heading: true, cells: spec.columns.map(() => '') };
    const traces: (CountTrace | null)[] = [];
    const cells = spec.columns.map((col, i) => {
      const key: CellKey = {
        analysis: row.analysis ?? spec.analysis,
        population: spec.population,
        parameter: row.parameter,
        category: row.category ?? null,
        visit: row.visit !== undefined ? row.visit : (spec.visit ?? null),
        group: col.group,
      };
      const kind = col.kind ?? row.kind;
      const cell = formatCell(ix, key, row, kind, columnN[i]);
      if (cell.missing) anyMissing = true;
      if (cell.ownDenominator) anyOwnDenominator = true;
      traces.push(kind === 'n' || kind === 'n-pct' ? cellTrace(ix, spec, key, row) : null);
      return cell.text;
    });
    const built: BuiltRow = { label: row.label, indent: row.indent ?? 0, heading: false, cells };
    if (!traces.some((t) => t !== null)) return built;
    anyTrace = true;
    return { ...built, traces };
  });
  const footnotes = [...(spec.footnotes ?? [])];
  if (anyOwnDenominator) footnotes.push(DENOMINATOR_FOOTNOTE);
  if (anyTrace) footnotes.push(TRACE_FOOTNOTE);
  if (header.some((h) => h.trace !== undefined)) footnotes.push(HEADER_TRACE_FOOTNOTE);
  if (anyMissing) footnotes.push(MISSING_FOOTNOTE);
  return {
    id: spec.id,
    title: spec.title,
    population: spec.populationLabel ?? spec.population,
    visit: spec.visit ?? null,
    units: spec.units ?? null,
    method: spec.method ?? null,
    stubHeader: spec.stubHeader ?? '',
    header,
    rows,
    footnotes,
  };
}
