/**
 * ADaM-level entry point (design.md "Input contract": a folder with `adsl.csv` + BDS/OCCDS datasets skips
 * derivation; this is how the public CDISC pilot in shared/data/cdiscpilot01/adam/ is analysed).
 *
 * Reads `adsl.csv` (required), `adae.csv`, every `adlb*.csv` (adlb, adlbc, adlbh, … concatenated) and every
 * `adqs*.csv` into typed generic records. Streaming CSV (src/io/csv-stream.ts: UTF-8, BOM, CRLF/LF, header
 * names trimmed and upper-cased, located structural issues).
 *
 * The generic record types are STRUCTURAL SUBSETS of our derived ADaM records (src/adam/adsl.ts, adae.ts,
 * adlb.ts, adqs.ts): every required property exists in ours with a compatible type, and the properties ours
 * lack are optional. So an analysis written against the generic types accepts both our derived datasets and
 * an external ADaM folder.
 *
 * Cell conventions: text verbatim (leading blanks kept, e.g. the pilot's right-aligned AVISIT); an empty
 * cell → null; a column absent from the file → null in every record. Numeric variables use the strict
 * decimal rule of src/io/decimal.ts; a cell that is not a number becomes null and a fatal issue (file, line,
 * column, value). Dates stay `YYYY-MM-DD` text (SAS numeric dates are not supported). Aliases (older ADaM
 * names), used only when the standard column is absent: ADSL TRTDURD ← TRTDUR; ADAE ATOXGR ← AETOXGR;
 * BDS ANRLO ← A1LO, ANRHI ← A1HI (analysis range 1).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRef } from '../cdisc/values.ts';
import { DataError, InputError } from '../core/errors.ts';
import { readCsvFile } from '../io/csv-stream.ts';
import type { DataIssue } from '../io/data-issue.ts';
import { parseDecimal } from '../io/decimal.ts';
import { ParseFailure } from '../io/parse-failure.ts';
import type { Plan } from '../plan/plan.ts';
import { planArms } from '../plan/plan.ts';

/** Location and the columns outside the typed ones (verbatim). */
interface Traced {
  source?: SourceRef;
  extra?: Readonly<Record<string, string>>;
}

/** ADSL as read from any ADaM folder (a structural subset of src/adam/adsl.ts AdslRecord). */
export interface GenericAdslRecord extends Traced {
  STUDYID: string | null;
  USUBJID: string;
  SITEID: string | null;
  AGE: number | null;
  AGEU: string | null;
  SEX: string | null;
  RACE: string | null;
  ARMCD: string | null;
  ARM: string | null;
  ACTARMCD: string | null;
  ACTARM: string | null;
  TRT01P: string | null;
  TRT01PN: number | null;
  TRT01A: string | null;
  TRT01AN: number | null;
  RANDDT: string | null;
  TRTSDT: string | null;
  TRTEDT: string | null;
  ITTFL: string | null;
  FASFL: string | null;
  SAFFL: string | null;
  PPROTFL: string | null;
  STRATUM: string | null;
  LNCLASS: string | null;
  WEIGHTBL: number | null;
  HEIGHTBL: number | null;
  EOSSTT: string | null;
  EOSDT: string | null;
  DCSREAS: string | null;
  DTHFL: string | null;
  DTHDT: string | null;
  /** Not in our ADSL (external ADaM only). */
  ETHNIC?: string | null;
  BMIBL?: number | null;
  /** ADaMIG 1.0-era disposition decode (e.g. the CDISC pilot), used when EOSSTT is absent. */
  DCDECOD?: string | null;
  /** Total treatment duration (days). */
  TRTDURD?: number | null;
  /** Cumulative dose and average daily dose, units per the study's define.xml. */
  CUMDOSE?: number | null;
  AVGDD?: number | null;
  /** remit's own exposure variables (src/adam/exposure.ts), when the ADSL carries them. */
  INFUSFL?: string | null;
  CELLDOSE?: number | null;
  ORALDURD?: number | null;
  ORALDOSE?: number | null;
  ORALCOMP?: number | null;
}

/** ADAE as read from any ADaM folder (a structural subset of src/adam/adae.ts AdaeRecord). */
export interface GenericAdaeRecord extends Traced {
  STUDYID: string | null;
  USUBJID: string;
  TRTA: string | null;
  SAFFL: string | null;
  AESEQ: number | null;
  AETERM: string | null;
  AEDECOD: string;
  AEBODSYS: string;
  ASTDT: string | null;
  ASTDY: number | null;
  AENDT: string | null;
  TRTEMFL: string | null;
  /** CTCAE grade as analysed (1–5). */
  ATOXGR: number | null;
  AESER: string | null;
  AEREL: string | null;
  AREL: string | null;
  AEACN: string | null;
  AEOUT: string | null;
  AESDTH: string | null;
  INFFL: string | null;
  /** Severity (MILD / MODERATE / SEVERE); used when no CTCAE grade is present. Not in our ADAE. */
  AESEV?: string | null;
}

/** BDS (ADLB, ADQS) as read from any ADaM folder (a structural subset of our AdlbRecord and AdqsRecord). */
export interface GenericBdsRecord extends Traced {
  STUDYID: string | null;
  USUBJID: string;
  PARAMCD: string;
  PARAM: string;
  AVAL: number | null;
  AVALC: string | null;
  AVISIT: string | null;
  AVISITN: number | null;
  ADT: string | null;
  ADY: number | null;
  ABLFL: string | null;
  ANL01FL: string | null;
  BASE: number | null;
  CHG: number | null;
  /** Unit of AVAL (ours: AVALU; else taken from nothing: see PARAM). */
  AVALU?: string | null;
  /** Reference range in AVAL units (ours: ANRLO/ANRHI; older ADaM: A1LO/A1HI). */
  ANRLO?: number | null;
  ANRHI?: number | null;
  DTYPE?: string | null;
}

/** The datasets of one ADaM folder. */
export interface GenericAdamDatasets {
  adsl: GenericAdslRecord[];
  adae?: GenericAdaeRecord[];
  adlb?: GenericBdsRecord[];
  adqs?: GenericBdsRecord[];
}

export interface ReadAdamResult {
  datasets: GenericAdamDatasets;
  /** Files read, in order. */
  files: string[];
  /** Located problems (fatal: structural or unparsable numbers). */
  issues: DataIssue[];
}

type ColumnType = 'text' | 'number';
interface ColumnSpec {
  type: ColumnType;
  /** Alternative source column names, tried in order when the standard one is absent. */
  aliases?: readonly string[];
  /** Column must be present and non-empty. */
  required?: boolean;
}
type DatasetSpec = Readonly<Record<string, ColumnSpec>>;

const T: ColumnSpec = { type: 'text' };
const N: ColumnSpec = { type: 'number' };
const REQ: ColumnSpec = { type: 'text', required: true };

const AdslSpec: DatasetSpec = {
  STUDYID: T, USUBJID: REQ, SITEID: T, AGE: N, AGEU: T, SEX: T, RACE: T, ARMCD: T, ARM: T, ACTARMCD: T, ACTARM: T,
  TRT01P: T, TRT01PN: N, TRT01A: T, TRT01AN: N, RANDDT: T, TRTSDT: T, TRTEDT: T, ITTFL: T, FASFL: T, SAFFL: T, PPROTFL: T,
  STRATUM: T, LNCLASS: T, WEIGHTBL: N, HEIGHTBL: N, EOSSTT: T, EOSDT: T, DCSREAS: T, DTHFL: T, DTHDT: T,
  ETHNIC: T, BMIBL: N, DCDECOD: T, TRTDURD: { type: 'number', aliases: ['TRTDUR'] }, CUMDOSE: N, AVGDD: N,
  INFUSFL: T, CELLDOSE: N, ORALDURD: N, ORALDOSE: N, ORALCOMP: N,
};
const AdaeSpec: DatasetSpec = {
  STUDYID: T, USUBJID: REQ, TRTA: T, SAFFL: T, AESEQ: N, AETERM: T, AEDECOD: REQ, AEBODSYS: REQ, ASTDT: T, ASTDY: N, AENDT: T,
  TRTEMFL: T, ATOXGR: { type: 'number', aliases: ['AETOXGR'] }, AESER: T, AEREL: T, AREL: T, AEACN: T, AEOUT: T, AESDTH: T, INFFL: T, AESEV: T,
};
const BdsSpec: DatasetSpec = {
  STUDYID: T, USUBJID: REQ, PARAMCD: REQ, PARAM: T, AVAL: N, AVALC: T, AVISIT: T, AVISITN: N, ADT: T, ADY: N, ABLFL: T, ANL01FL: T,
  BASE: N, CHG: N, AVALU: T, ANRLO: { type: 'number', aliases: ['A1LO'] }, ANRHI: { type: 'number', aliases: ['A1HI'] }, DTYPE: T,
};

/** Read one ADaM CSV into records of `spec` (see the module note for cell conventions). */
export async function readAdamFile(path: string, file: string, spec: DatasetSpec, issues: DataIssue[]): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  let plan: { name: string; index: number; spec: ColumnSpec }[] = [];
  let extras: { name: string; index: number }[] = [];
  let missing: string | null = null;
  const onHeader = (names: readonly string[]): void => {
    const pos = new Map(names.map((n, i) => [n, i]));
    const used = new Set<number>();
    plan = Object.entries(spec).map(([name, s]) => {
      const source = [name, ...(s.aliases ?? [])].find((n) => pos.has(n));
      const index = source === undefined ? -1 : pos.get(source)!;
      if (index >= 0) used.add(index);
      if (index < 0 && s.required && missing === null) missing = name;
      return { name, index, spec: s };
    });
    extras = names.map((name, index) => ({ name, index })).filter((c) => !used.has(c.index));
  };
  const onRow = (fields: string[], line: number): void => {
    if (missing !== null) return;
    const rec: Record<string, unknown> = {};
    for (const c of plan) {
      const raw = c.index < 0 ? '' : fields[c.index];
      if (raw === '' || (c.spec.type === 'number' && raw.trim() === '')) {
        if (c.spec.required) issues.push({ severity: 'fatal', file, line, column: c.name, value: raw, message: `${c.name} must not be empty` });
        rec[c.name] = c.spec.required ? raw : null;
        continue;
      }
      if (c.spec.type === 'text') rec[c.name] = raw;
      else {
        const x = parseDecimal(raw.trim());
        if (x instanceof ParseFailure) {
          issues.push({ severity: 'fatal', file, line, column: c.name, value: raw, message: x.message });
          rec[c.name] = null;
        } else rec[c.name] = x;
      }
    }
    const extra: Record<string, string> = {};
    for (const e of extras) extra[e.name] = fields[e.index];
    rec.extra = extra;
    rec.source = { file, line };
    records.push(rec);
  };
  const res = await readCsvFile(path, file, onHeader, onRow);
  if (missing !== null) throw new DataError({ file, line: 1, column: missing }, `required ADaM variable ${missing} is missing from the header`);
  issues.push(...res.issues);
  return records;
}

function matching(names: readonly string[], pattern: RegExp): string[] {
  return names.filter((n) => pattern.test(n)).sort();
}

/**
 * Read a folder of ADaM CSVs. `adsl.csv` is required; `adae.csv`, `adlb*.csv` and `adqs*.csv` are read when
 * present (file names case-insensitive). Datasets absent from the folder are absent from the result.
 * @throws InputError when `dir` is not a folder; DataError when adsl.csv is missing or a required variable
 *   (USUBJID; AEDECOD/AEBODSYS in ADAE; PARAMCD in BDS) is absent from a header.
 * @example const { datasets } = await readAdamFolder('../shared/data/cdiscpilot01/adam'); datasets.adsl.length // => 254
 */
export async function readAdamFolder(dir: string): Promise<ReadAdamResult> {
  if (!existsSync(dir)) throw new InputError('dir', `ADaM folder ${JSON.stringify(dir)} does not exist`);
  if (!statSync(dir).isDirectory()) throw new InputError('dir', `${JSON.stringify(dir)} is a file, not a folder of ADaM CSVs`);
  const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
  const adslName = names.find((n) => n.toLowerCase() === 'adsl.csv');
  if (adslName === undefined) throw new DataError({ file: 'adsl.csv', line: null, column: null }, `no adsl.csv in ${dir}`);
  const issues: DataIssue[] = [];
  const files: string[] = [adslName];
  const datasets: GenericAdamDatasets = {
    adsl: (await readAdamFile(join(dir, adslName), adslName, AdslSpec, issues)) as unknown as GenericAdslRecord[],
  };
  const adae = names.find((n) => n.toLowerCase() === 'adae.csv');
  if (adae !== undefined) {
    files.push(adae);
    datasets.adae = (await readAdamFile(join(dir, adae), adae, AdaeSpec, issues)) as unknown as GenericAdaeRecord[];
  }
  for (const [key, pattern] of [['adlb', /^adlb[a-z0-9]*\.csv$/i], ['adqs', /^adqs[a-z0-9]*\.csv$/i]] as const) {
    const list = matching(names, pattern);
    if (list.length === 0) continue;
    const all: GenericBdsRecord[] = [];
    for (const f of list) {
      files.push(f);
      all.push(...((await readAdamFile(join(dir, f), f, BdsSpec, issues)) as unknown as GenericBdsRecord[]));
    }
    datasets[key] = all;
  }
  return { datasets, files, issues };
}

/**
 * The plan's arms (control first) with their labels from ADSL: a plan code matches ADSL ARMCD (label =
 * TRT01P, else ARM) or, for ADaM without ARMCD, the TRT01P/ARM label itself (then code = label).
 * @throws InputError naming `plan.arms` when an arm of the plan has no subject in ADSL.
 */
export function resolveArms(adsl: readonly Pick<GenericAdslRecord, 'ARMCD' | 'ARM' | 'TRT01P'>[], plan: Plan): { code: string; label: string }[] {
  return planArms(plan).map((code) => {
    const byCode = adsl.find((s) => s.ARMCD === code);
    if (byCode !== undefined) return { code, label: byCode.TRT01P ?? byCode.ARM ?? code };
    if (adsl.some((s) => (s.TRT01P ?? s.ARM) === code)) return { code, label: code };
    const seen = [...new Set(adsl.map((s) => s.ARMCD ?? s.TRT01P ?? s.ARM).filter((x): x is string => x !== null))].sort();
    throw new InputError('plan.arms', `arm ${JSON.stringify(code)} matches no ADSL ARMCD or TRT01P (seen: ${seen.join(', ')})`);
  });
}
