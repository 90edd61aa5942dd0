/**
 * Reference case files (../shared/reference/README.md "Case format"): a JSON array of cases
 * `{ id, section, method, inputs, expected, tolerance, source, notes? }`. Any file of this shape can be
 * validated (`remit validate --cases FILE`), e.g. test/references/mmrm/satterthwaite-r.json.
 *
 * A file that is not a JSON array is a fatal DataError (file, line, column; for a syntax error also what was
 * expected there, src/core/json-position.ts). A malformed case inside a valid file is not fatal: it is
 * returned with its problem and reported as a failed case located at the line and column where it starts,
 * so no case is ever dropped silently.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError } from '../core/errors.ts';
import { sha256 } from '../pipeline/hash.ts';
import { parseJsonText, topLevelElementPositions, type TextPosition } from '../core/json-position.ts';
import { isObject } from './compare.ts';

export interface ReferenceCase<I = Record<string, unknown>, E = Record<string, unknown>> {
  id: string;
  section: string;
  method: string;
  inputs: I;
  expected: E;
  /** `abs`, `rel`, field-specific `<field>_abs` / `<field>_rel`, and a free-text `note`. */
  tolerance: { abs?: number; rel?: number; note?: string; [field: string]: unknown };
  source: string;
  notes?: string;
}

/** One entry of a case file: the case, or why it cannot be run. */
export interface LoadedCase {
  /** 0-based position in the file's array. */
  index: number;
  /** The case id, or `<file>[index]` when the entry has no usable id. */
  id: string;
  /** Where the entry starts, `<file>:<line>:<column>` (1-based), for messages about a case that cannot run. Computed on demand. */
  locate(): string;
  case: ReferenceCase | null;
  problem: string | null;
}

export interface CaseFile {
  /** File name shown in the results (the base name; the SHA-256 pins the content). */
  name: string;
  path: string;
  sha256: string;
  cases: LoadedCase[];
}


/** Deepest nesting of `expected` in a case (the shared cases nest 3 levels: rows of a table, a matrix). */
const MAX_EXPECTED_DEPTH = 32;

/** True when `v` nests objects or arrays more than `max` levels deep (iterative: the value may come from a hostile file). */
function nestedDeeperThan(v: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[v, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [x, depth] = next;
    if (x === null || typeof x !== 'object') continue;
    if (depth >= max) return true;
    for (const y of Object.values(x)) pending.push([y, depth + 1]);
  }
  return false;
}

/** Why `entry` is not a runnable case, or null when it is one. */
function caseProblem(entry: unknown): string | null {
  if (!isObject(entry)) return 'expected an object with id, section, method, inputs, expected, tolerance, source';
  const missing: string[] = [];
  for (const k of ['id', 'method', 'source'] as const) if (typeof entry[k] !== 'string' || entry[k] === '') missing.push(`${k} (non-empty string)`);
  for (const k of ['section', 'notes'] as const) if (entry[k] !== undefined && typeof entry[k] !== 'string') missing.push(`${k} (string)`);
  for (const k of ['inputs', 'expected', 'tolerance'] as const) if (!isObject(entry[k])) missing.push(`${k} (object)`);
  if (missing.length > 0) return `missing or invalid: ${missing.join(', ')}`;
  const expected = entry.expected as Record<string, unknown>;
  if (Object.keys(expected).length === 0) return '"expected" is empty: the case would check nothing';
  if (nestedDeeperThan(expected, MAX_EXPECTED_DEPTH)) return `"expected" nests more than ${MAX_EXPECTED_DEPTH} levels deep`;
  const tolerance = entry.tolerance as Record<string, unknown>;
  for (const [k, v] of Object.entries(tolerance)) {
    if (k === 'note') continue;
    if (typeof v !== 'number' || !(v >= 0)) return `tolerance.${k} must be a non-negative number, got ${JSON.stringify(v)}`;
  }
  return null;
}

/** Parse the text of one case file. @throws DataError (file, line, column) when the text is not a JSON array. */
export function parseCaseFile(text: string, path: string): CaseFile {
  const name = basename(path);
  const json = parseJsonText(text); // a UTF-8 BOM is accepted
  if (!json.ok) {
    const { line, column, message } = json.error;
    throw new DataError({ file: name, line, column: String(column) }, `not valid JSON: ${message}; a case file is a JSON array of reference cases`);
  }
  const parsed = json.value;
  if (!Array.isArray(parsed)) throw new DataError({ file: name, line: 1, column: '1' }, 'expected a JSON array of reference cases');
  let items: TextPosition[] | undefined; // where each entry starts, scanned only when a message needs one
  const locate = (index: number) => {
    items ??= topLevelElementPositions(text);
    const { line, column } = items[index];
    return `${name}:${line}:${column}`;
  };
  const seen = new Set<string>();
  const cases = parsed.map((entry: unknown, index): LoadedCase => {
    let problem = caseProblem(entry);
    const rawId = isObject(entry) && typeof entry.id === 'string' && entry.id !== '' ? entry.id : null;
    const id = rawId ?? `${name}[${index}]`;
    if (problem === null && seen.has(id)) problem = `duplicate case id "${id}" in ${name} (ids must be unique so every result traces to one case)`;
    seen.add(id);
    const c = problem === null ? ({ section: '', ...(entry as object) } as ReferenceCase) : null;
    return { index, id, locate: () => locate(index), case: c, problem };
  });
  return { name, path, sha256: sha256(text), cases };
}

/** Read and parse one case file. @throws DataError when it cannot be read or is not a JSON array. */
export function readCaseFile(path: string): CaseFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DataError({ file: path, line: null, column: null }, code === 'ENOENT' ? 'case file not found' : `cannot read the case file (${code ?? String(e)})`);
  }
  return parseCaseFile(text, path);
}
