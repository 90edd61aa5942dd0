/**
 * `remit check --data DIR [--plan FILE | --arms A,B,...] [--profile ln-trial|generic] [--out FILE]`
 *
 * With `--plan`, the plan file is validated first (a PlanError naming file:line:column and key path
 * exits 1) and its arms are the allowed ARMCD values. Warnings are listed on stdout after the table
 * (the first 20, each as `warning file:line:column: message`).
 *
 * Validates an SDTM data lock (src/io/read-data-lock.ts) without keeping the records, prints the
 * per-domain table (domain, file, rows, subjects, fatal, warnings, note) on stdout, and exits 0 when
 * there is no fatal issue, 1 otherwise with a one-line summary first on stderr followed by the first
 * fatal issues. The full issue listing (data-issues.csv: severity, file, line, column, value, message,
 * sorted) is written only to `--out FILE` (atomically), so `check` never writes into the data folder.
 */
import { CommandOptions, isWithin } from '../args.ts';
import type { Command, CliIo } from '../io.ts';
import { ExitCode, UsageError } from '../../core/errors.ts';
import { writeFileAtomically } from '../../pipeline/atomic-output.ts';
import { readDataLock, type DataLockReadResult, type DomainSummary, type Profile } from '../../io/read-data-lock.ts';
import { formatIssue, issuesToCsv, sortIssues } from '../../io/data-issue.ts';
import { loadPlanFile } from '../../plan/load-plan.ts';
import { planArms } from '../../plan/plan.ts';

/** How many fatal issues are echoed on stderr after the summary line (and warnings on stdout after the table). */
const SHOWN_ON_STDERR = 20;

function parseProfile(value: string | undefined): Profile {
  if (value === undefined) return 'ln-trial';
  if (value === 'ln-trial' || value === 'generic') return value;
  throw new UsageError(`remit check: --profile must be ln-trial or generic, got "${value}"`);
}

function parseArms(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const arms = value.split(',').map((a) => a.trim());
  if (arms.some((a) => a === '')) throw new UsageError(`remit check: --arms must be a comma-separated list of arm codes, got "${value}"`);
  return arms;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The one-line summary: what is missing for the plan, then the fatal and warning counts. */
export function summaryLine(r: DataLockReadResult, out: string | undefined): string {
  const fatal = r.issues.filter((i) => i.severity === 'fatal').length;
  const warnings = r.issues.length - fatal;
  const where = out === undefined ? 'rerun with --out FILE for the full listing' : `see ${out}`;
  if (fatal === 0) return `ok: no fatal problems, ${plural(warnings, 'warning')}${warnings > 0 ? ` (${where})` : ''}`;
  const parts: string[] = [];
  const d = r.missingPlanDomains.length, c = r.missingPlanColumns.length;
  if (d + c > 0) {
    const what = [d > 0 ? plural(d, 'domain') : '', c > 0 ? plural(c, 'column') : ''].filter((x) => x !== '').join(' and ');
    parts.push(`${what} required by the lupus-nephritis plan ${d + c === 1 ? 'is' : 'are'} missing`);
  }
  parts.push(`${plural(fatal, 'fatal problem')} and ${plural(warnings, 'warning')} in all: ${where}`);
  return parts.join('; ');
}

/** Fixed-width text table of the per-domain summary (deterministic, no locale formatting). */
export function domainTable(rows: readonly DomainSummary[]): string[] {
  const head = ['domain', 'file', 'rows', 'subjects', 'fatal', 'warnings', 'note'];
  const cells = rows.map((r) => [r.domain, r.file, r.rows === null ? '-' : String(r.rows), r.subjects === null ? '-' : String(r.subjects), String(r.fatal), String(r.warnings), r.note]);
  const widths = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const numeric = [false, false, true, true, true, true, false];
  const line = (c: string[]): string => c.map((x, k) => (k === c.length - 1 ? x : numeric[k] ? x.padStart(widths[k]) : x.padEnd(widths[k]))).join('  ').trimEnd();
  return [line(head), ...cells.map(line)];
}

function report(r: DataLockReadResult, out: string | undefined, io: CliIo): number {
  const fatal = sortIssues(r.issues.filter((i) => i.severity === 'fatal'));
  if (fatal.length > 0) {
    io.err(`remit check: ${summaryLine(r, out)}`);
    for (const i of fatal.slice(0, SHOWN_ON_STDERR)) io.err(`  ${formatIssue(i)}`);
    if (fatal.length > SHOWN_ON_STDERR) io.err(`  ... and ${fatal.length - SHOWN_ON_STDERR} more fatal problems`);
  }
  for (const l of domainTable(r.domains)) io.out(l);
  const warnings = sortIssues(r.issues.filter((i) => i.severity === 'warning'));
  for (const i of warnings.slice(0, SHOWN_ON_STDERR)) io.out(`warning ${formatIssue(i)}`);
  if (warnings.length > SHOWN_ON_STDERR) io.out(`... and ${warnings.length - SHOWN_ON_STDERR} more warnings`);
  if (fatal.length === 0) io.out(summaryLine(r, out));
  return fatal.length === 0 ? ExitCode.ok : ExitCode.invalid;
}

/** `remit check` entry point (see module comment). */
export const checkCommand: Command = async (args, io) => {
  const opts = new CommandOptions('check', args, ['data', 'plan', 'profile', 'arms', 'out']);
  opts.noArguments();
  const dir = opts.required('data');
  const profile = parseProfile(opts.string('profile'));
  const planFile = opts.string('plan');
  if (planFile !== undefined && opts.string('arms') !== undefined) throw new UsageError('remit check: give --plan FILE or --arms A,B, not both (the plan names the arms)');
  const arms = planFile !== undefined ? planArms(loadPlanFile(planFile).plan) : parseArms(opts.string('arms'));
  const out = opts.string('out');
  if (out !== undefined && (isWithin(out, dir) || (planFile !== undefined && isWithin(planFile, out)))) {
    throw new UsageError(`remit check: --out ${out} would overwrite an input or write into the data folder ${dir}; give a file elsewhere`);
  }
  const r = await readDataLock(dir, { profile, arms, keepRecords: false });
  if (out !== undefined) writeFileAtomically(out, issuesToCsv(r.issues));
  return report(r, out, io);
};
