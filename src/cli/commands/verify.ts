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
import { sha256 } from '../../pipeline/hash.ts';
import type { Manifest } from '../../pipeline/manifest.ts';
import { runAdamFolder, runTrial } from '../../../analyses/run-all.ts';

export const verifyCommand: Command = async (args, io) => {
  new CommandOptions('verify', args, []);
  const dir = args.positional[0];
  if (dir === undefined) throw new UsageError('remit verify: give the output folder, e.g. remit verify reports/sample');
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (e) {
    throw new DataError({ file: manifestPath, line: null, column: null }, `cannot read the manifest: ${e instanceof Error ? e.message : String(e)}`);
  }
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
