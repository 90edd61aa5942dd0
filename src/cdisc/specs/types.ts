/**
 * Declarative domain specs: the single source of truth for ingestion (src/io reads any domain through
 * one generic reader driven by these objects). Each spec lists every variable of the typed record in
 * src/cdisc/sdtm.ts with its value type, whether the column must be present, and controlled terms.
 * The mapped type {@link VariablesOf} makes the compiler check that a spec has exactly the record's
 * fields and that each field's value type matches (a `string` field needs a non-empty text variable,
 * `number | null` an integer/number, `IsoDateTime | null` an isodate, `QualifiedResult` a result).
 */
import type { IsoDateTime, QualifiedResult } from '../values.ts';
import type { SdtmDomainName } from '../sdtm.ts';

/**
 * When a column must be present in the file:
 * - `core`: generic SDTM core for this pipeline (missing → fatal under every profile);
 * - `plan`: required only by the lupus-nephritis analysis plan (missing → fatal under profile `ln-trial`,
 *   not checked under `generic`, where the field is then null);
 * - `optional`: read when present, null when absent.
 */
export type ColumnRequirement = 'core' | 'plan' | 'optional';

/** A controlled-terms list (exact, case-sensitive match of the cell text). */
export interface ControlledTerms {
  /** Codelist name used in messages, e.g. "SEX (CDISC CT C66731)". */
  codelist: string;
  values: readonly string[];
  /** `fatal` for terms the derivations branch on; `warning` for sponsor-extensible lists. */
  severity: 'fatal' | 'warning';
}

interface VariableBase {
  requirement: ColumnRequirement;
}

/** Text kept verbatim. `nonEmpty`: an empty cell is fatal (the record field is a non-null string). */
export interface TextVariable extends VariableBase {
  type: 'text';
  nonEmpty: boolean;
  terms?: ControlledTerms;
  /** Terms supplied by the caller (allowed arm codes), checked fatal when the caller gives them. */
  armTerms?: 'planned' | 'actual';
}

/** Number with '.' as decimal separator (src/io/decimal.ts); `integer` also rejects fractions. */
export interface NumberVariable extends VariableBase {
  type: 'integer' | 'number';
  /** Allowed closed range, e.g. CTCAE grade 1–5 (`max: Infinity` for a lower bound only); outside is fatal. */
  range?: { min: number; max: number; meaning: string };
}

/** ISO 8601 (partial) date or date-time kept with its precision (src/io/iso-datetime.ts). */
export interface DateVariable extends VariableBase {
  type: 'isodate';
}

/** Lab result with qualifiers (src/io/qualified-result.ts). */
export interface ResultVariable extends VariableBase {
  type: 'result';
}

export type VariableSpec = TextVariable | NumberVariable | DateVariable | ResultVariable;
export type VariableType = VariableSpec['type'];

/** The variable spec a record field of type T needs. */
export type SpecFor<T> = [T] extends [string]
  ? TextVariable & { nonEmpty: true }
  : [T] extends [string | null]
    ? TextVariable & { nonEmpty: false }
    : [T] extends [number | null]
      ? NumberVariable
      : [T] extends [IsoDateTime | null]
        ? DateVariable
        : [T] extends [QualifiedResult]
          ? ResultVariable
          : never;

/** Spec of every field of record R except the bookkeeping fields `extra` and `source`. */
export type VariablesOf<R> = { readonly [K in Exclude<keyof R, 'extra' | 'source'>]: SpecFor<R[K]> };

/** One domain: its file, variables, and the key that must be unique. */
export interface DomainSpec<R> {
  domain: SdtmDomainName;
  /** Upper-case domain code, e.g. `LB`. */
  code: string;
  /** Lower-case file name in the data folder, e.g. `lb.csv`. */
  file: string;
  /** Columns in record order (the record's fields). */
  variables: VariablesOf<R>;
  /**
   * Columns whose combined values must be unique (duplicate → fatal). May name columns outside the spec
   * (e.g. VSPOS), read from `extra`. Values compared: the cell text, numbers by their parsed value.
   */
  key: readonly string[];
  /** Key columns that may be absent from the file (then compared as empty); otherwise the check is skipped with a warning. */
  keyMayBeAbsent?: readonly string[];
  /** Why this key (stated in the report appendix). */
  keyRationale: string;
}

/** A spec with the record type erased, for the generic reader. */
export interface AnyDomainSpec {
  domain: SdtmDomainName;
  code: string;
  file: string;
  variables: Readonly<Record<string, VariableSpec>>;
  key: readonly string[];
  keyMayBeAbsent?: readonly string[];
  keyRationale: string;
}
