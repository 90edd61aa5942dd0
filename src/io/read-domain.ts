/**
 * Generic reader of one SDTM domain file driven by its declarative spec (src/cdisc/specs): streams the
 * CSV, maps columns by name (case-insensitive, trimmed), converts each cell by the variable's type,
 * checks controlled terms, arm codes, subject membership in DM and the domain key, and keeps columns
 * outside the spec verbatim in `extra`. Every problem becomes a located issue; records with problems
 * are still returned (a lock with any fatal issue must not be used for derivation).
 *
 * Cell conventions: an empty cell (or, for typed variables, an all-blank cell) is missing → null; text is
 * kept verbatim (leading blanks are data); numbers, dates and results use src/io/decimal.ts,
 * iso-datetime.ts and qualified-result.ts. When a value cannot be parsed the field is null (text: the
 * cell as read) and a fatal issue names file, line, column and value.
 */
import type { AnyDomainSpec, VariableSpec } from '../cdisc/specs/types.ts';
import type { DataIssue, IssueSeverity } from './data-issue.ts';
import { readCsvFile } from './csv-stream.ts';
import { parseDecimal, parseInteger } from './decimal.ts';
import { parseIsoDateTime } from './iso-datetime.ts';
import { parseQualifiedResult } from './qualified-result.ts';
import { ParseFailure } from './parse-failure.ts';
import { messages } from './messages.ts';
import { KeyIndex, fingerprint } from './key-index.ts';
import type { IssueSink, RecordRules } from './record-rules.ts';

export type Profile = 'ln-trial' | 'generic';

/** Shared state while reading a data lock. */
export interface DomainReadContext {
  profile: Profile;
  /** USUBJIDs of DM, or null while reading DM itself (or when DM is unusable). */
  subjects: ReadonlySet<string> | null;
  /** Allowed ARMCD / ACTARMCD values, or null when arms are not checked. */
  arms: { planned: ReadonlySet<string>; actual: ReadonlySet<string> } | null;
  issues: DataIssue[];
  /** Record-level rules per domain (src/io/record-rules.ts), applied to every row read; none when absent. */
  rules?: RecordRules;
}

export interface ReadDomainOptions {
  /** Keep the records in the result (default true). `remit check` only validates and passes false. */
  keepRecords?: boolean;
}

export interface DomainReadResult {
  /** The typed records (empty when `keepRecords` is false). */
  records: Record<string, unknown>[];
  /** Header names (trimmed, upper-cased), or null when the file had no usable header. */
  header: string[] | null;
  /** Distinct USUBJID values seen. */
  subjectIds: Set<string>;
  rows: number;
  subjects: number;
  /** Columns required by the plan that the file lacks (reported fatal only under profile ln-trial). */
  missingPlanColumns: string[];
  /** Columns required by SDTM core that the file lacks (always fatal). */
  missingCoreColumns: string[];
  /** True when the file itself is damaged (encoding, CSV structure, header): some records may be unread. */
  damaged: boolean;
}

type Converter = (raw: string, line: number) => unknown;

interface ColumnPlan {
  name: string;
  index: number;
  convert: Converter;
  absent: unknown;
}

/** Empty, or only blanks (fast path: most cells are non-empty and start with a non-blank). */
function isBlank(raw: string): boolean {
  return raw === '' || (raw.charCodeAt(0) <= 32 && raw.trim() === '');
}
const EMPTY_RESULT = Object.freeze({ text: '', value: null, qualifier: null, nonNumeric: null });
/** Shared `extra` of every record of a file without columns outside its spec (never mutated). */
const NO_EXTRA: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Distinct cells remembered per column. SDTM columns repeat a few values across many rows (test codes,
 * units, visits, dates, USUBJID); sharing one string or one parsed value per distinct cell cut the heap of
 * a read lock by about half and most of the garbage-collection time (bench/pipeline.ts). Beyond this many
 * distinct values a column (free text, say) is converted cell by cell as before.
 */
const MEMO_LIMIT = 1 << 16;

/** `f` with its results remembered for up to MEMO_LIMIT distinct inputs (f must be pure). */
function memoized<T>(f: (raw: string) => T): (raw: string) => T {
  const seen = new Map<string, T>();
  return (raw) => {
    let v = seen.get(raw);
    if (v === undefined && !seen.has(raw)) {
      v = f(raw);
      if (seen.size < MEMO_LIMIT) seen.set(raw, v);
    }
    return v as T;
  };
}
const identity = (raw: string): string => raw;
/** A parsed date, frozen: one object is shared by every row with the same text. */
const parseSharedDate = (raw: string): ReturnType<typeof parseIsoDateTime> => {
  const d = parseIsoDateTime(raw);
  return d instanceof ParseFailure ? d : Object.freeze(d);
};
/** A parsed lab result, frozen: one object is shared by every row with the same text. */
const parseSharedResult = (raw: string): ReturnType<typeof parseQualifiedResult> => {
  const r = parseQualifiedResult(raw);
  Object.freeze(r.result);
  return r;
};

/** Read one domain file; see the module comment for the conventions. */
export async function readDomain(spec: AnyDomainSpec, path: string, ctx: DomainReadContext, options: ReadDomainOptions = {}): Promise<DomainReadResult> {
  const keep = options.keepRecords ?? true;
  const file = spec.file;
  const issues = ctx.issues;
  const push = (severity: IssueSeverity, line: number | null, column: string | null, value: string | null, message: string): void => {
    issues.push({ severity, file, line, column, value, message });
  };
  const report: IssueSink = push;
  const rules = ctx.rules?.[spec.domain] ?? [];
  const records: Record<string, unknown>[] = [];
  const subjects = new Set<string>();
  const missingPlanColumns: string[] = [];
  const missingCoreColumns: string[] = [];
  let columns: ColumnPlan[] = [];
  let extras: { name: string; index: number }[] = [];
  let keyParts: KeyPart[] | null = null;
  const keyIndex = new KeyIndex();
  const fp = new Uint32Array(2);
  const candidates: { line: number; first: number }[] = [];

  const onHeader = (header: readonly string[]): void => {
    const position = new Map(header.map((n, i) => [n, i]));
    columns = Object.entries(spec.variables).map(([name, v]) => {
      const index = position.get(name) ?? -1;
      if (index < 0) reportMissingColumn(name, v);
      return { name, index, convert: converterFor(name, v), absent: absentValue(v) };
    });
    extras = header.map((name, index) => ({ name, index })).filter((c) => !(c.name in spec.variables));
    keyParts = planKey(position);
  };

  const reportMissingColumn = (name: string, v: VariableSpec): void => {
    if (v.requirement === 'core') {
      missingCoreColumns.push(name);
      push('fatal', 1, name, null, messages.missingCoreColumn(name, spec.code));
    } else if (v.requirement === 'plan') {
      missingPlanColumns.push(name);
      if (ctx.profile === 'ln-trial') push('fatal', 1, name, null, messages.missingPlanColumn(name));
    }
  };

  const planKey = (position: Map<string, number>): typeof keyParts => {
    const absent = spec.key.filter((k) => !position.has(k) && !(spec.keyMayBeAbsent ?? []).includes(k));
    if (absent.length > 0) {
      push('warning', 1, absent[0], null, messages.keyCheckSkipped(spec.code, absent));
      return null;
    }
    return spec.key.map((name) => {
      const t = spec.variables[name]?.type;
      return { name, index: position.get(name) ?? -1, numeric: t === 'integer' || t === 'number' };
    });
  };

  const converterFor = (name: string, v: VariableSpec): Converter => {
    switch (v.type) {
      case 'text':
        return textConverter(name, v);
      case 'integer':
      case 'number': {
        const parse = v.type === 'integer' ? parseInteger : parseDecimal;
        const range = v.range;
        return (raw, line) => {
          if (isBlank(raw)) return null;
          const x = parse(raw);
          if (x instanceof ParseFailure) { push('fatal', line, name, raw, x.message); return null; }
          if (range !== undefined && (x < range.min || x > range.max)) push('fatal', line, name, raw, messages.outOfRange(raw, range));
          return x;
        };
      }
      case 'isodate': {
        // Parsed dates are shared between rows with the same text (frozen; read-only in src/cdisc/values.ts).
        const parse = memoized(parseSharedDate);
        return (raw, line) => {
          if (isBlank(raw)) return null;
          const d = parse(raw);
          if (d instanceof ParseFailure) { push('fatal', line, name, raw, d.message); return null; }
          return d;
        };
      }
      case 'result': {
        const parse = memoized(parseSharedResult);
        return (raw, line) => {
          const r = parse(raw);
          if (r.warning !== null) push('warning', line, name, raw, r.warning);
          return r.result;
        };
      }
    }
  };

  const textConverter = (name: string, v: Extract<VariableSpec, { type: 'text' }>): Converter => {
    const terms = v.terms;
    const termSet = terms === undefined ? null : new Set(terms.values);
    const armSet = v.armTerms === undefined || ctx.arms === null ? null : v.armTerms === 'planned' ? ctx.arms.planned : ctx.arms.actual;
    const intern = memoized(identity);
    return (rawCell, line) => {
      const raw = intern(rawCell);
      if (raw === '' || (v.nonEmpty && isBlank(raw))) {
        if (v.nonEmpty) push('fatal', line, name, raw, messages.emptyRequired(name));
        return v.nonEmpty ? raw : null;
      }
      if (termSet !== null && terms !== undefined && !termSet.has(raw)) push(terms.severity, line, name, raw, messages.notInTerms(raw, terms));
      if (armSet !== null && !armSet.has(raw)) push('fatal', line, name, raw, messages.armNotAllowed(raw, name, [...armSet]));
      return raw;
    };
  };

  const checkKey = (fields: readonly string[], line: number): void => {
    if (keyParts === null) return;
    fingerprint(keyTexts(keyParts, fields), fp);
    const first = keyIndex.insert(fp[0], fp[1], line);
    if (first !== 0) candidates.push({ line, first });
  };

  const onRow = (fields: string[], line: number): void => {
    const rec: Record<string, unknown> = {};
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k];
      rec[c.name] = c.index < 0 ? c.absent : c.convert(fields[c.index], line);
    }
    let extra = NO_EXTRA;
    if (extras.length > 0) {
      const e: Record<string, string> = {};
      for (let k = 0; k < extras.length; k++) e[extras[k].name] = fields[extras[k].index];
      extra = e;
    }
    rec.extra = extra;
    rec.source = { file, line };
    const usubjid = rec.USUBJID as string;
    if (usubjid !== '') subjects.add(usubjid);
    if (ctx.subjects !== null && usubjid !== '' && !ctx.subjects.has(usubjid)) push('fatal', line, 'USUBJID', usubjid, messages.subjectNotInDm(usubjid));
    checkKey(fields, line);
    for (let k = 0; k < rules.length; k++) rules[k](rec, line, report);
    if (keep) records.push(rec);
  };

  const csv = await readCsvFile(path, file, onHeader, onRow);
  for (const i of csv.issues) issues.push(i);
  if (candidates.length > 0 && keyParts !== null) {
    for (const d of await confirmDuplicates(path, file, keyParts, candidates)) push('fatal', d.line, null, d.key, messages.duplicateKey(spec.key, d.first));
  }
  return { records, header: csv.header, subjectIds: subjects, rows: csv.rows, subjects: subjects.size, missingPlanColumns, missingCoreColumns, damaged: csv.issues.length > 0 };
}

/** Value of a field whose column is absent from the file. */
function absentValue(v: VariableSpec): unknown {
  if (v.type === 'result') return EMPTY_RESULT;
  if (v.type === 'text' && v.nonEmpty) return '';
  return null;
}

interface KeyPart {
  name: string;
  /** Column index in the file, -1 when the column is absent (compared as empty). */
  index: number;
  /** Numeric variables compare by value (`1` = `1.0`). */
  numeric: boolean;
}

/** Key column texts of a row: cells verbatim, numeric cells by their value when they parse. */
function keyTexts(parts: readonly KeyPart[], fields: readonly string[]): string[] {
  const out: string[] = new Array(parts.length);
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    const raw = p.index < 0 ? '' : fields[p.index];
    if (p.numeric && raw !== '') {
      const x = parseDecimal(raw);
      out[k] = x instanceof ParseFailure ? raw : String(x);
    } else out[k] = raw;
  }
  return out;
}

/**
 * Second pass over the file for fingerprint matches only: compares the exact key texts of each
 * candidate pair and returns the true duplicates (see src/io/key-index.ts).
 */
async function confirmDuplicates(path: string, file: string, parts: readonly KeyPart[], candidates: readonly { line: number; first: number }[]): Promise<{ line: number; first: number; key: string }[]> {
  const wanted = new Set<number>();
  for (const c of candidates) { wanted.add(c.line); wanted.add(c.first); }
  const texts = new Map<number, string>();
  await readCsvFile(path, file, () => {}, (fields, line) => {
    if (wanted.has(line)) texts.set(line, keyTexts(parts, fields).join(' | '));
  });
  return candidates.filter((c) => texts.get(c.line) === texts.get(c.first) && texts.has(c.line)).map((c) => ({ ...c, key: texts.get(c.line) as string }));
}
