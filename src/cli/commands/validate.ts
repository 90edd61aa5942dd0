/**
 * `remit validate [--cases FILE ...] [--reference DIR] --out DIR`: every reference case (the *.json files
 * of DIR, default ../shared/reference relative to the working directory, plus any --cases file) through
 * the public statistics API; writes DIR/validation.json and DIR/validation.html atomically (the folder is
 * replaced). Exit 0 when no case fails (documented known deviations do not fail), 1 when any case fails
 * (the outputs are still written so the failure can be read) or a case file cannot be read (nothing written).
 */
import { CommandOptions, type ParsedArgs } from '../args.ts';
import type { Command } from '../io.ts';
import { DataError, ExitCode, UsageError } from '../../core/errors.ts';
import { writeOutputFolder } from '../../pipeline/atomic-output.ts';
import { DEFAULT_REFERENCE_DIR, loadCaseFiles, runValidation, validationToJson } from '../../validate/run-validation.ts';
import { validationHtml } from '../../validate/validation-html.ts';

/** `--cases A B C`: the option's value and the positional words after it (the parser keeps one value per option). */
function caseFileArguments(o: CommandOptions, args: ParsedArgs): string[] {
  const first = o.string('cases');
  if (first === undefined) {
    if (args.positional.length > 0) throw new UsageError(`remit validate: unexpected argument "${args.positional[0]}" (case files go after --cases)`);
    return [];
  }
  return [first, ...args.positional];
}

export const validateCommand: Command = async (args, io) => {
  const started = process.hrtime.bigint();
  const o = new CommandOptions('validate', args, ['cases', 'reference', 'out', 'force']);
  const out = o.required('out');
  const referenceDir = o.string('reference') ?? DEFAULT_REFERENCE_DIR;
  const cases = caseFileArguments(o, args);
  // The output folder is replaced as a whole: never over the reference cases, nor over foreign files.
  o.outputApartFrom(out, { reference: referenceDir, ...Object.fromEntries(cases.map((c, i) => [`cases ${i + 1}`, c])) });
  o.refuseToClobber(out, ['validation.json']);
  const files = loadCaseFiles({ referenceDir, cases });
  const result = runValidation(files);
  if (result.totals.cases === 0) throw new DataError({ file: referenceDir, line: null, column: null }, 'no reference cases found (no *.json case file with a case, and no --cases file)');
  await writeOutputFolder(out, new Map([['validation.json', validationToJson(result)], ['validation.html', validationHtml(result)]]));
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const t = result.totals;
  for (const f of result.caseFiles) {
    const cases = result.cases.filter((c) => c.file === f.file);
    const count = (s: string) => cases.filter((c) => c.status === s).length;
    io.out(`  ${f.file}: ${f.cases} cases, ${count('pass')} pass, ${count('known-deviation')} known deviation, ${count('fail')} fail`);
  }
  io.out(`remit validate: ${t.cases} cases in ${result.caseFiles.length} files, ${t.pass} pass, ${t.knownDeviation} known deviation, ${t.fail} fail (${t.checks} values checked; validation run id ${result.runId}; ${ms} ms); written to ${out}`);
  if (result.verdict === 'pass') return ExitCode.ok;
  const failed = result.cases.filter((c) => c.status === 'fail');
  const first = failed[0];
  const why = first.problems[0] ?? (() => {
    const k = first.checks.find((x) => x.status === 'fail')!;
    return `${k.field}: expected ${k.expected}, observed ${k.observed === undefined ? 'nothing' : String(k.observed)} (${k.note})`;
  })();
  io.err(`remit validate: FAIL: ${failed.length} ${failed.length === 1 ? 'case fails' : 'cases fail'}; first: ${first.file} ${first.id}: ${why} (see ${out}/validation.html)`);
  return ExitCode.invalid;
};
