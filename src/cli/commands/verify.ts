/**
 * `remit verify DIR`: re-runs the pipeline from DIR/manifest.json (same data folder, plan, analyses and
 * blinding), compares the SHA-256 of every input and output with the manifest, and lists any difference.
 * Exit 0 when everything reproduces; exit 1 otherwise. Nothing is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandOptions } from '../args.ts';
import type { Command } from '../io.ts';
import { DataError, UsageError } from '../../core/errors.ts';
import { parseJsonText } from '../../core/json-position.ts';
import { sha256 } from '../../pipeline/hash.ts';
import type { Manifest } from '../../pipeline/manifest.ts';
import { runAdamFolder, runTrial } from '../../../analyses/run-all.ts';

/** `{file, sha256}` entries (inputs and outputs of a manifest). */
function isHashList(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && typeof x.file === 'string' && typeof x.sha256 === 'string');
}

/** Key path of the first part of a manifest that verify needs and that is missing or of the wrong type, or null. */
function manifestShapeProblem(m: unknown): string | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return '(root): must be an object';
  const { command, plan, inputs, outputs } = m as Record<string, unknown>;
  if (typeof command !== 'object' || command === null) return 'command: must be an object';
  const c = command as Record<string, unknown>;
  if (c.source !== 'sdtm' && c.source !== 'adam') return 'command.source: must be "sdtm" or "adam"';
  if (typeof c.data !== 'string') return 'command.data: must be a string';
  if (typeof c.plan !== 'string') return 'command.plan: must be a string';
  if (c.only !== null && !(Array.isArray(c.only) && c.only.every((x) => typeof x === 'string'))) return 'command.only: must be null or a list of analysis ids';
  if (c.blinding !== 'closed' && c.blinding !== 'open' && c.blinding !== 'both') return 'command.blinding: must be "closed", "open" or "both"';
  if (typeof plan !== 'object' || plan === null || typeof (plan as Record<string, unknown>).sha256 !== 'string') return 'plan.sha256: must be a string';
  if (!isHashList(inputs)) return 'inputs: must be a list of {file, sha256}';
  if (!isHashList(outputs)) return 'outputs: must be a list of {file, sha256}';
  return null;
}

/** The manifest of output folder `dir` (DataError naming the file when it is unreadable or not a manifest, and the line and column when it is not JSON). */
function readManifest(dir: string): Manifest {
  const manifestPath = join(dir, 'manifest.json');
  const where = { file: manifestPath, line: null, column: null };
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch (e) {
    throw new DataError(where, `cannot read the manifest: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new DataError({ file: manifestPath, line, column: String(column) }, `not valid JSON: ${message}`);
  }
  const manifest = parsed.value;
  const problem = manifestShapeProblem(manifest);
  if (problem !== null) throw new DataError(where, `not a remit manifest: ${problem}`);
  return manifest as Manifest;
}

export const verifyCommand: Command = async (args, io) => {
  new CommandOptions('verify', args, []);
  const dir = args.positional[0];
  if (dir === undefined) throw new UsageError('remit verify: give the output folder, e.g. remit verify reports/sample');
  if (args.positional.length > 1) throw new UsageError(`remit verify: unexpected argument "${args.positional[1]}" (give one output folder)`);
  const manifest = readManifest(dir);
  const rerun0 = manifest.command.source === 'adam' ? runAdamFolder : runTrial;
  const result = await rerun0({ dataDir: manifest.command.data, planFile: manifest.command.plan, only: manifest.command.only, blinding: manifest.command.blinding as 'closed' | 'open' | 'both' });
  const rerun = JSON.parse(String(result.files.get('manifest.json'))) as Manifest;
  const problems: string[] = [];
  const expectedInputs = new Map(manifest.inputs.map((i) => [i.file, i.sha256]));
  for (const i of rerun.inputs) {
    const was = expectedInputs.get(i.file);
    if (was === undefined) problems.push(`input ${i.file}: not in the manifest`);
    else if (was !== i.sha256) problems.push(`input ${i.file}: SHA-256 differs (manifest ${was.slice(0, 12)}…, now ${i.sha256.slice(0, 12)}…)`);
    expectedInputs.delete(i.file);
  }
  for (const f of expectedInputs.keys()) problems.push(`input ${f}: missing now`);
  if (manifest.plan.sha256 !== rerun.plan.sha256) problems.push(`plan ${manifest.plan.file}: SHA-256 differs`);
  for (const o of manifest.outputs) {
    const now = result.files.get(o.file);
    if (now === undefined) problems.push(`output ${o.file}: not produced by the re-run`);
    else if (sha256(now) !== o.sha256) problems.push(`output ${o.file}: SHA-256 differs`);
    let onDisk: string | null = null;
    try {
      onDisk = sha256(readFileSync(join(dir, o.file)));
    } catch {
      problems.push(`output ${o.file}: missing in ${dir}`);
    }
    if (onDisk !== null && onDisk !== o.sha256) problems.push(`output ${o.file}: the file in ${dir} differs from its manifest hash`);
  }
  if (problems.length > 0) {
    io.err(`remit verify: ${problems.length} difference${problems.length === 1 ? '' : 's'}: ${problems[0]}`);
    for (const p of problems.slice(1)) io.err(`  ${p}`);
    return 1;
  }
  io.out(`remit verify: ${manifest.outputs.length} outputs reproduce byte for byte (run id ${rerun.runId})`);
  return 0;
};
