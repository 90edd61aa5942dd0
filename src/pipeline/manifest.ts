/**
 * manifest.json (design.md "Outputs"): what went in (SHA-256 and row count of every input file, SHA-256 of
 * the plan), what came out (SHA-256 of every output), and with what (remit, Node and dependency versions,
 * data cut date). Deterministic: keys sorted, no wall-clock time. `remit verify` re-runs from it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from './hash.ts';

export interface ManifestInput {
  file: string;
  sha256: string;
  rows: number | null;
}

export interface Manifest {
  remit: string;
  runId: string;
  dataCutDate: string;
  /** How the run was made: `source` 'sdtm' (--data, full pipeline) or 'adam' (--adam, generic summaries). */
  command: { source: 'sdtm' | 'adam'; data: string; plan: string; only: string[] | null; blinding: string };
  plan: { file: string; sha256: string };
  inputs: readonly ManifestInput[];
  outputs: { file: string; sha256: string }[];
  software: { node: string; dependencies: Record<string, string> };
}

const packageJsonPath = fileURLToPath(new URL('../../package.json', import.meta.url));

/** remit's version and the pinned dependency versions from package.json. */
export function softwareVersions(): { remit: string; dependencies: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string; dependencies: Record<string, string> };
  const deps: Record<string, string> = {};
  for (const k of Object.keys(pkg.dependencies).sort()) deps[k] = pkg.dependencies[k];
  return { remit: pkg.version, dependencies: deps };
}

/**
 * Run id: the first 12 hex digits of SHA-256 over remit's version, the plan hash and the input hashes,
 * so the same inputs give the same id on every machine and any changed input gives a new one.
 */
export function computeRunId(remitVersion: string, planSha: string, inputs: readonly ManifestInput[]): string {
  const basis = [remitVersion, planSha, ...inputs.map((i) => `${i.file}:${i.sha256}`)].join('\n');
  return sha256(basis).slice(0, 12);
}

/** Serialise a manifest with stable formatting (2-space JSON, trailing newline). */
export function manifestToJson(m: Manifest): string {
  return JSON.stringify(m, null, 2) + '\n';
}
