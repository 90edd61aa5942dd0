/**
 * Loads reference cases from shared/reference/*.json (see its README). Tests read the files directly so
 * new cases are picked up without code changes. The folder defaults to `../shared/reference` relative to
 * the repository root; set REMIT_REFERENCE_DIR to use another.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReferenceCase } from '../../src/validate/case-file.ts';

/** The case format is defined once, in src/validate/case-file.ts (`remit validate` reads the same files). */
export type { ReferenceCase };

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function referenceDir(): string {
  return process.env.REMIT_REFERENCE_DIR ?? join(repoRoot, '..', 'shared', 'reference');
}

/** All cases of one reference file, e.g. `loadReferenceCases('A_riskdiff_ci.json')`. */
export function loadReferenceCases(file: string): ReferenceCase[] {
  const text = readFileSync(join(referenceDir(), file), 'utf8');
  return JSON.parse(text) as ReferenceCase[];
}

/** Cases of one file whose `method` is one of `methods`. Throws if none match (a silent empty loop would assert nothing). */
export function casesFor(file: string, ...methods: string[]): ReferenceCase[] {
  const cases = loadReferenceCases(file).filter((c) => methods.includes(c.method));
  if (cases.length === 0) throw new Error(`no reference cases for ${methods.join(', ')} in ${file}`);
  return cases;
}
