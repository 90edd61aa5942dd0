/**
 * `remit simulate --subjects N --seed S --out DIR [--force]`: write a synthetic SDTM data lock of the
 * lupus-nephritis trial with known truth (src/simulate). N from 2 to 100000 (default 230, the trial's
 * size); seed a non-negative integer (default 20180709). A non-empty DIR is replaced only with
 * --force; the write is atomic (temporary sibling folder, then rename).
 */
import type { Command } from '../io.ts';
import { CommandOptions } from '../args.ts';
import { UsageError } from '../../core/errors.ts';
import { DefaultSeed, MaxSubjects } from '../../simulate/options.ts';
import { writeSimulation } from '../../simulate/write.ts';
import { recoverOutputFolder } from '../../pipeline/atomic-output.ts';

export const simulateCommand: Command = async (args, io) => {
  const opts = new CommandOptions('simulate', args, ['subjects', 'seed', 'out', 'force']);
  opts.noArguments();
  const subjects = opts.integer('subjects', 230);
  if (subjects < 2 || subjects > MaxSubjects) throw new UsageError(`remit simulate: --subjects must be from 2 to ${MaxSubjects}, got ${subjects}`);
  const seed = opts.integer('seed', DefaultSeed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`remit simulate: --seed must be a non-negative integer up to ${Number.MAX_SAFE_INTEGER}, got ${seed}`);
  const out = opts.required('out');
  recoverOutputFolder(out); // a data lock left aside by a killed earlier write counts as existing
  opts.refuseToClobber(out, []);
  const summary = writeSimulation(out, { subjects, seed });
  const counts = Object.entries(summary.rows).map(([d, n]) => `${d} ${n}`).join(', ');
  io.out(`remit simulate: wrote ${subjects} subjects (seed ${seed}) to ${out}: ${counts}; truth/subjects.csv, truth/parameters.json, README.md`);
  return 0;
};

