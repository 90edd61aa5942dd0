/**
 * `remit run --data DIR | --adam DIR --plan FILE --out DIR [--only A,B] [--blinding closed|open|both] [--force]` and
 * `npm run report` (the same on data/sample/ with analyses/plan.json into reports/sample/).
 * Everything is computed in memory first; the output folder is replaced atomically only on success.
 */
import { CommandOptions } from '../args.ts';
import type { Command, CliIo } from '../io.ts';
import { UsageError } from '../../core/errors.ts';
import { recoverOutputFolder, writeOutputFolder } from '../../pipeline/atomic-output.ts';
import { runAdamFolder, runTrial, type RunOptions } from '../../../analyses/run-all.ts';

/** `--only A,B` as a list of analysis ids; an empty id (`--only ,`, `--only ""`, `A,,B`) is a usage error, not "all". */
function onlyOption(v: string | undefined): string[] | null {
  if (v === undefined) return null;
  const ids = v.split(',').map((s) => s.trim());
  if (ids.some((id) => id === '')) throw new UsageError(`remit run: --only must be a comma-separated list of analysis ids, got "${v}" (leave --only out to run every analysis)`);
  return ids;
}

function blindingOption(v: string | undefined): RunOptions['blinding'] {
  if (v === undefined) return 'both';
  if (v === 'closed' || v === 'open' || v === 'both') return v;
  throw new UsageError(`remit run: --blinding must be closed, open or both, got "${v}"`);
}

async function runAndWrite(io: CliIo, options: RunOptions, out: string, source: 'sdtm' | 'adam' = 'sdtm'): Promise<number> {
  const started = process.hrtime.bigint();
  // Restore the previous output first if an earlier run was killed mid-swap, so it is in place even if this run fails.
  recoverOutputFolder(out);
  const run = source === 'adam' ? runAdamFolder : runTrial;
  const result = await run({ ...options, progress: io.isTty ? (m) => io.err(`… ${m}`) : undefined });
  writeOutputFolder(out, result.files);
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const warnings = result.issues.filter((i) => i.severity === 'warning').length;
  io.out(`remit run: ${result.files.size} files written to ${out} (run id ${result.runId}; ${result.ard.length} ARD records; ${warnings} data warnings; ${ms} ms)`);
  return 0;
}

export const runCommand: Command = async (args, io) => {
  const o = new CommandOptions('run', args, ['data', 'adam', 'plan', 'out', 'only', 'blinding', 'force']);
  o.noArguments();
  const only = o.string('only');
  const data = o.string('data');
  const adam = o.string('adam');
  if ((data === undefined) === (adam === undefined)) throw new UsageError('remit run: give exactly one of --data DIR (SDTM data lock) or --adam DIR (ADaM folder)');
  const planFile = o.required('plan');
  const out = o.required('out');
  o.outputApartFrom(out, { data, adam, plan: planFile });
  o.refuseToClobber(out, ['manifest.json']);
  return runAndWrite(
    io,
    {
      dataDir: (data ?? adam) as string,
      planFile,
      only: onlyOption(only),
      blinding: blindingOption(o.string('blinding')),
    },
    out,
    adam !== undefined ? 'adam' : 'sdtm',
  );
};

/** `npm run report`: the full pipeline on the committed sample. */
export const reportSampleCommand: Command = async (args, io) => {
  new CommandOptions('report-sample', args, []).noArguments();
  return runAndWrite(io, { dataDir: 'data/sample', planFile: 'analyses/plan.json', blinding: 'both' }, 'reports/sample');
};
