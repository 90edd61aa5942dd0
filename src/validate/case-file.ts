/**
 * Reference case files (../shared/reference/README.md "Case format"): a JSON array of cases
 * `{ id, section, method, inputs, expected, tolerance, source, notes? }`. Any file of this shape can be
 * validated (`remit validate --cases FILE`), e.g. test/references/mmrm/satterthwaite-r.json.
 *
 * A file that is not a JSON array is a fatal DataError (file, line, column). A malformed case inside a
 * valid file is not fatal: it is returned with its problem and reported as a failed case, so no case is
 * ever dropped silently.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError } from '../core/errors.ts';
import { sha256 } from '../pipeline/hash.ts';
import { positionAt } from '../plan/json-position.ts';

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

/**
 * Offset of the first JSON syntax error (RFC 8259 grammar), to locate it: V8's messages give no position for
 * an unexpected token ("Unexpected token 'w', … is not valid JSON"). Only called on text JSON.parse rejected.
 */
function syntaxErrorOffset(text: string): number {
  let i = 0;
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) throw i;
    i++;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) throw i;
      i += text[i] === '\\' ? 2 : 1;
    }
    expect('"');
  };
  const members = (close: string, member: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      ws();
      if (text[i] !== ',') return expect(close);
      i++;
      ws();
    }
  };
  const value = (): void => {
    ws();
    if (text[i] === '{') return members('}', () => (string(), ws(), expect(':'), value()));
    if (text[i] === '[') return members(']', value);
    if (text[i] === '"') return string();
    literal.lastIndex = i;
    if (!literal.test(text)) throw i;
    i = literal.lastIndex;
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return at as number;
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\s+/g, ' ') : String(e);
    const { line, column } = positionAt(text, syntaxErrorOffset(text));
    throw new DataError({ file, line, column: String(column) }, `not valid JSON (${message}); expected a JSON array of reference cases`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why `entry` is not a runnable case, or null when it is one. */
export function caseProblem(entry: unknown): string | null {
  if (!isObject(entry)) return 'expected an object with id, section, method, inputs, expected, tolerance, source';
  const missing: string[] = [];
  for (const k of ['id', 'method', 'source'] as const) if (typeof entry[k] !== 'string' || entry[k] === '') missing.push(`${k} (non-empty string)`);
  if (entry.section !== undefined && typeof entry.section !== 'string') missing.push('section (string)');
  for (const k of ['inputs', 'expected', 'tolerance'] as const) if (!isObject(entry[k])) missing.push(`${k} (object)`);
  if (missing.length > 0) return `missing or invalid: ${missing.join(', ')}`;
  const expected = entry.expected as Record<string, unknown>;
  if (Object.keys(expected).length === 0) return '"expected" is empty: the case would check nothing';
  const tolerance = entry.tolerance as Record<string, unknown>;
  for (const [k, v] of Object.entries(tolerance)) {
    if (k === 'note') continue;
    if (typeof v !== 'number' || !(v >= 0)) return `tolerance.${k} must be a non-negative number, got ${JSON.stringify(v)}`;
  }
  return null;
}

/** Parse the text of one case file. @throws DataError when the text is not a JSON array. */
export function parseCaseFile(text: string, path: string): CaseFile {
  const name = basename(path);
  const parsed = parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, name); // a UTF-8 BOM is accepted
  if (!Array.isArray(parsed)) throw new DataError({ file: name, line: 1, column: '1' }, 'expected a JSON array of reference cases');
  const seen = new Set<string>();
  const cases = parsed.map((entry: unknown, index): LoadedCase => {
    let problem = caseProblem(entry);
    const rawId = isObject(entry) && typeof entry.id === 'string' && entry.id !== '' ? entry.id : null;
    const id = rawId ?? `${name}[${index}]`;
    if (problem === null && seen.has(id)) problem = `duplicate case id "${id}" in ${name} (ids must be unique so every result traces to one case)`;
    seen.add(id);
    const c = problem === null ? ({ section: '', ...(entry as object) } as ReferenceCase) : null;
    return { index, id, case: c, problem };
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
