/**
 * Read and validate a whole SDTM data lock folder (design.md "Input contract"): one CSV per domain,
 * lower-case file names. DM is read first; every other domain is checked against DM's subjects.
 *
 * Profiles:
 * - `ln-trial` (default): all nine contract domains and every column the lupus-nephritis plan uses are
 *   required (missing → fatal, message "required by the lupus-nephritis plan; not applicable to this data
 *   lock"); ARMCD/ACTARMCD must be one of `arms` (default MSC, MMF) or a standard CDISC code.
 * - `generic`: only SDTM core (DM file, core columns); arm codes are checked only when `arms` is given.
 *
 * Every domain file is read through its spec (src/io/read-domain.ts) and the record rules of
 * src/io/record-rules.ts (visits before consent, randomized twice, lab plausibility). A domain other
 * than DM with a header but no records is a warning (DM without records is fatal).
 *
 * Files and folders in DIR that are not contract domains (e.g. `sv.csv`, `truth/`) are listed as
 * "not part of the input contract (ignored)" in the domain table, never fatal. An entry with a contract
 * name that is not a regular file (a folder, FIFO, socket or device) is a fatal issue of that file
 * ("not a regular file (a FIFO, socket or device)") and is not opened: reading a FIFO blocks forever.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SdtmDataLock, SdtmDomainName } from '../cdisc/sdtm.ts';
import { SdtmDomainNames } from '../cdisc/sdtm.ts';
import { DomainSpecs } from '../cdisc/specs/index.ts';
import { StandardActualArmCodes, StandardArmCodes } from '../cdisc/specs/terms.ts';
import { InputError } from '../core/errors.ts';
import type { DataIssue } from './data-issue.ts';
import { readCsvFile } from './csv-stream.ts';
import { messages } from './messages.ts';
import { readDomain, type DomainReadContext, type Profile } from './read-domain.ts';
import { lockRecordRules } from './record-rules.ts';

export type { Profile } from './read-domain.ts';

export interface ReadDataLockOptions {
  /** Default `ln-trial`. */
  profile?: Profile;
  /** Allowed ARMCD values (plan arms). Default ['MMF', 'MSC'] (the arms of analyses/plan.json, control first, as `planArms` lists them) under `ln-trial`; unchecked under `generic` unless given. */
  arms?: readonly string[];
  /** Keep the typed records (default true); false validates only (records arrays stay empty). */
  keepRecords?: boolean;
}

/** One line of the per-domain table printed by `remit check`. */
export interface DomainSummary {
  /** Lower-case domain name, or the file's base name for files outside the contract. */
  domain: string;
  file: string;
  status: 'read' | 'missing' | 'ignored';
  /** Data rows (header excluded); null when the file is absent or not a CSV. */
  rows: number | null;
  /** Distinct USUBJID; null for absent or ignored files. */
  subjects: number | null;
  fatal: number;
  warnings: number;
  note: string;
}

export interface DataLockReadResult {
  lock: SdtmDataLock;
  /** Every issue, unsorted (use sortIssues / issuesToCsv for listings). */
  issues: DataIssue[];
  domains: DomainSummary[];
  /** Contract domains the plan needs that are absent (upper-case codes). */
  missingPlanDomains: string[];
  /** Columns the plan needs that are absent, as `DOMAIN.COLUMN`. */
  missingPlanColumns: string[];
  profile: Profile;
}

const DefaultArms = ['MMF', 'MSC'] as const;

function armSets(profile: Profile, arms: readonly string[] | undefined): DomainReadContext['arms'] {
  const given = arms ?? (profile === 'ln-trial' ? DefaultArms : undefined);
  if (given === undefined) return null;
  return { planned: new Set([...given, ...StandardArmCodes]), actual: new Set([...given, ...StandardActualArmCodes]) };
}

/**
 * Read every contract domain of `dir` and validate it.
 * @throws InputError (`dir`) when `dir` is not a readable folder, or `options.profile` is unknown.
 */
export async function readDataLock(dir: string, options: ReadDataLockOptions = {}): Promise<DataLockReadResult> {
  const profile = options.profile ?? 'ln-trial';
  if (profile !== 'ln-trial' && profile !== 'generic') throw new InputError('profile', `must be "ln-trial" or "generic", got "${String(profile)}"`);
  if (options.arms !== undefined && (options.arms.length === 0 || options.arms.some((a) => a === ''))) throw new InputError('arms', 'must be a non-empty list of non-empty arm codes');
  const entries = listFolder(dir);
  const ctx: DomainReadContext = { profile, subjects: null, arms: armSets(profile, options.arms), issues: [], rules: lockRecordRules(profile) };
  const lock = emptyLock();
  const domains: DomainSummary[] = [];
  const missingPlanDomains: string[] = [];
  const missingPlanColumns: string[] = [];

  for (const name of SdtmDomainNames) {
    const spec = DomainSpecs[name];
    const notRegular = entries.notRegular.get(spec.file);
    if (notRegular !== undefined) {
      lock.missingDomains.push(name);
      ctx.issues.push({ severity: 'fatal', file: spec.file, line: null, column: null, value: null, message: messages.notRegularFile(NotRegularKinds[notRegular]) });
      domains.push({ domain: name, file: spec.file, status: 'missing', rows: null, subjects: null, fatal: 1, warnings: 0, note: messages.notRegularFile(NotRegularKinds[notRegular]) });
      continue;
    }
    if (!entries.files.has(spec.file)) {
      lock.missingDomains.push(name);
      const required = name === 'dm' || profile === 'ln-trial';
      if (name !== 'dm' && profile === 'ln-trial') missingPlanDomains.push(spec.code);
      if (required) ctx.issues.push({ severity: 'fatal', file: spec.file, line: null, column: null, value: null, message: name === 'dm' ? messages.missingDmFile() : messages.missingPlanFile(spec.code) });
      domains.push({ domain: name, file: spec.file, status: 'missing', rows: null, subjects: null, fatal: required ? 1 : 0, warnings: 0, note: required ? 'missing (required)' : 'absent (not required by the generic profile)' });
      continue;
    }
    const before = ctx.issues.length;
    const r = await readDomain(spec, join(dir, spec.file), ctx, { keepRecords: options.keepRecords ?? true });
    (lock as unknown as Record<SdtmDomainName, unknown[]>)[name] = r.records;
    for (const c of r.missingPlanColumns) missingPlanColumns.push(`${spec.code}.${c}`);
    if (name === 'dm') {
      if (r.rows === 0 && r.header !== null) {
        ctx.issues.push({ severity: 'fatal', file: spec.file, line: null, column: null, value: null, message: messages.noSubjects() });
      }
      // Without a usable DM (bad header, no records, a damaged file whose rest was not read) membership
      // is unknown: not checked, to avoid a cascade of "not in DM" issues behind the one fatal DM problem.
      ctx.subjects = r.header !== null && r.rows > 0 && !r.damaged ? r.subjectIds : null;
    } else if (r.rows === 0 && r.header !== null) {
      ctx.issues.push({ severity: 'warning', file: spec.file, line: null, column: null, value: null, message: messages.noRecords(spec.code) });
    }
    const own = ctx.issues.slice(before);
    domains.push({
      domain: name, file: spec.file, status: 'read', rows: r.rows, subjects: r.subjects,
      fatal: own.filter((i) => i.severity === 'fatal').length, warnings: own.filter((i) => i.severity === 'warning').length,
      note: profile === 'generic' && r.missingPlanColumns.length > 0 ? `plan columns absent (not checked): ${r.missingPlanColumns.join(', ')}` : '',
    });
  }
  if (profile === 'generic') missingPlanColumns.length = 0;
  for (const s of await ignoredEntries(dir, entries)) domains.push(s);
  return { lock, issues: ctx.issues, domains, missingPlanDomains, missingPlanColumns, profile };
}

function emptyLock(): SdtmDataLock {
  return { dm: [], suppdm: [], ds: [], ex: [], vs: [], lb: [], qs: [], ae: [], cm: [], missingDomains: [] };
}

/** What an entry named like a contract file is, when it is not one that can be read as a file. */
type NotRegular = 'folder' | 'other';
const NotRegularKinds: Readonly<Record<NotRegular, string>> = { folder: 'a folder', other: 'a FIFO, socket or device' };

/**
 * The folder's entries: contract file names to read, contract names that are not regular files (a fatal
 * issue each), and everything else (listed as ignored).
 */
function listFolder(dir: string): { files: Set<string>; notRegular: Map<string, NotRegular>; others: string[] } {
  let names: string[];
  try {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st === undefined) throw new InputError('dir', `data folder ${dir} does not exist`);
    if (!st.isDirectory()) throw new InputError('dir', `${dir} is not a folder`);
    names = readdirSync(dir).sort();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('dir', `cannot read data folder ${dir}: ${(e as Error).message}`);
  }
  const contract = new Set(SdtmDomainNames.map((d) => DomainSpecs[d].file));
  const files = new Set<string>();
  const notRegular = new Map<string, NotRegular>();
  const others: string[] = [];
  for (const n of names) {
    if (!contract.has(n)) {
      others.push(n);
      continue;
    }
    // Only a regular file is read. One whose kind cannot be told (a broken symbolic link, no permission)
    // is read too, so that the failure to open it is reported as a fatal issue of that file.
    const kind = entryKind(join(dir, n));
    if (kind === 'file' || kind === null) files.add(n);
    else notRegular.set(n, kind);
  }
  return { files, notRegular, others };
}

/** What is at `path` (following symbolic links): null when it cannot be told (broken link, no permission). */
function entryKind(path: string): 'file' | NotRegular | null {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st === undefined ? null : st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

/** Table lines for entries outside the contract; CSV files get their row count. */
async function ignoredEntries(dir: string, entries: { others: string[] }): Promise<DomainSummary[]> {
  const out: DomainSummary[] = [];
  const contract = new Set(SdtmDomainNames.map((d) => DomainSpecs[d].file));
  for (const name of entries.others) {
    const path = join(dir, name);
    const kind = entryKind(path);
    const isDir = kind === 'folder';
    let rows: number | null = null;
    if (kind === 'file' && name.toLowerCase().endsWith('.csv')) {
      const r = await readCsvFile(path, name, () => {}, () => {});
      rows = r.issues.length === 0 ? r.rows : null;
    }
    const note = contract.has(name.toLowerCase()) ? messages.lowerCaseFileName(name.toLowerCase()) : messages.notInContract();
    out.push({ domain: isDir ? name : name.replace(/\.[^.]*$/, '').toLowerCase(), file: isDir ? `${name}/` : name, status: 'ignored', rows, subjects: null, fatal: 0, warnings: 0, note });
  }
  return out;
}
