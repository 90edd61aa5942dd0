/**
 * `remit derive --data DIR --plan FILE --out DIR [--profile ln-trial|generic]`: read and validate the
 * SDTM data lock and the analysis plan, derive the ADaM datasets (src/adam/derive-adam.ts) and write
 * `<out>/adam/*.csv` plus `<out>/data-issues.csv` (reading and derivation issues). `<out>` is replaced
 * as a whole, atomically (src/pipeline/atomic-output.ts), like the output folder of `remit run`. Exit 1
 * with a one-line reason on a plan error (including a plan arm without subjects: src/plan/plan-data-references.ts)
 * or a fatal data problem; nothing is written then.
 */
import { basename, join } from 'node:path';
import type { Command } from '../io.ts';
import { CommandOptions } from '../args.ts';
import { ExitCode, UsageError } from '../../core/errors.ts';
import { writeOutputFolder } from '../../pipeline/atomic-output.ts';
import { loadPlanFile } from '../../plan/load-plan.ts';
import { planArms } from '../../plan/plan.ts';
import { checkPlanArms } from '../../plan/plan-data-references.ts';
import { readDataLock, type Profile } from '../../io/read-data-lock.ts';
import { issuesToCsv } from '../../io/data-issue.ts';
import { adamToCsv, deriveAdam } from '../../adam/derive-adam.ts';

export const deriveCommand: Command = async (args, io) => {
  const o = new CommandOptions('derive', args, ['data', 'plan', 'out', 'profile', 'force']);
  o.noArguments();
  const data = o.required('data');
  const planPath = o.required('plan');
  const out = o.required('out');
  o.outputApartFrom(out, { data, plan: planPath });
  o.refuseToClobber(out, ['adam']);
  const profile = (o.string('profile') ?? 'ln-trial') as Profile;
  if (profile !== 'ln-trial' && profile !== 'generic') throw new UsageError(`remit derive: --profile must be ln-trial or generic, got "${profile}"`);
  const { plan, text: planText } = loadPlanFile(planPath);
  // Under the generic profile arm codes are not checked at reading (a foreign study may spell screen
  // failures 'Scrnfail'); ADSL still sets ITTFL only for the plan's arms.
  const read = await readDataLock(data, profile === 'ln-trial' ? { profile, arms: planArms(plan) } : { profile });
  const fatal = read.issues.filter((i) => i.severity === 'fatal');
  if (fatal.length > 0) {
    io.err(`remit derive: ${fatal.length} fatal data problem${fatal.length === 1 ? '' : 's'} in ${data}; nothing derived (run remit check --data ${data} for the listing)`);
    for (const f of fatal.slice(0, 10)) io.err(`  ${f.file}${f.line !== null ? `:${f.line}` : ''}${f.column !== null ? `:${f.column}` : ''}: ${f.message}`);
    return ExitCode.invalid;
  }
  const derived = deriveAdam(read.lock, plan);
  // The plan's arms shape ADSL (ITTFL, TRT01P): an arm without subjects is a PlanError here as in `remit run`
  // (src/plan/plan-data-references.ts). The endpoint, strata and laboratory parameters are read by the
  // analyses, not by the derivation, so `remit run` checks them.
  checkPlanArms(plan, { file: basename(planPath), text: planText }, derived.datasets.adsl);
  const csv = adamToCsv(derived.datasets);
  const files = new Map<string, string | Uint8Array>(Object.entries(csv).map(([k, v]) => [`adam/${k}.csv`, v]));
  files.set('data-issues.csv', issuesToCsv([...read.issues, ...derived.issues]));
  writeOutputFolder(out, files);
  const d = derived.datasets;
  io.out(`derived ${d.adsl.length} subjects (response definition ${plan.response.definition}): adsl ${d.adsl.length}, adlb ${d.adlb.length}, adqs ${d.adqs.length}, adrs ${d.adrs.length}, adtte ${d.adtte.length}, adae ${d.adae.length} records → ${join(out, 'adam')}`);
  const warnings = read.issues.length + derived.issues.length;
  if (warnings > 0) io.out(`${warnings} data warning${warnings === 1 ? '' : 's'} listed in ${join(out, 'data-issues.csv')}`);
  return ExitCode.ok;
};
