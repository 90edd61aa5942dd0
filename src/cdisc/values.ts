/**
 * Value types produced by ingestion (src/io) and consumed by the derivations (src/adam).
 * Parsers live in src/io; these are the shared shapes.
 */

/** Precision of an ISO 8601 value as written in the source (no imputation at ingestion). */
export type DatePrecision = 'year' | 'month' | 'day' | 'minute' | 'second';

/**
 * An ISO 8601 date or date-time kept with its precision, e.g. `2019-03` → { year: 2019, month: 3,
 * day: null, precision: 'month' }. `text` is the original string. Times are local clock times of the
 * source (SDTM has no time zone); remit never converts them to a JS Date. Read-only: ingestion shares one
 * object among all records with the same text (src/io/read-domain.ts).
 */
export interface IsoDateTime {
  readonly text: string;
  readonly precision: DatePrecision;
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  readonly hour: number | null;
  readonly minute: number | null;
  readonly second: number | null;
}

/** Comparison qualifier on a lab result: `<0.05` has qualifier '<'. */
export type ResultQualifier = '<' | '<=' | '>' | '>=';

/**
 * A lab result as text plus its parsed number, keeping any qualifier (documented rule in src/io):
 * - `12.5`   → value 12.5, qualifier null, nonNumeric null
 * - `<0.05`  → value 0.05, qualifier '<' (the limit itself; derivations decide how to use it)
 * - `ND`, `NEG`, `POS`, `TRACE` → value null, nonNumeric 'ND' | … (never turned into a number)
 * Read-only: ingestion shares one object among all records with the same text (src/io/read-domain.ts).
 */
export interface QualifiedResult {
  readonly text: string;
  readonly value: number | null;
  readonly qualifier: ResultQualifier | null;
  readonly nonNumeric: string | null;
}

/** Where a record came from: file name (as given) and 1-based line of the record's first line. */
export interface SourceRef {
  file: string;
  line: number;
}
