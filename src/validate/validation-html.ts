/**
 * validation.html: the validation run as one self-contained page in the report's look (src/report/html.ts
 * framedPageHtml, table-html.ts, page-css.ts; CSP, no script, every text escaped). Sections: summary by
 * method, failures, known deviations, environment and case files, then one section per case file with
 * a table per case (every checked field: expected, observed, |difference|, tolerance, result).
 * Numbers are shown in full (shortest round-trip decimal), not rounded.
 */
import { framedPageHtml, type ReportBlock, type ReportSection } from '../report/html.ts';
import type { BuiltRow, BuiltTable } from '../report/tables.ts';
import type { Check, CheckStatus, Leaf } from './compare.ts';
import type { CaseResult, MethodSummary, ValidationResult } from './run-validation.ts';
import { describeTolerance } from './tolerance.ts';

const STATUS_TEXT: Readonly<Record<CheckStatus, string>> = { pass: 'pass', fail: 'FAIL', 'known-deviation': 'known deviation' };

export const EXIT_CODE_RULE =
  'Exit code 0 when no case fails, 1 when any case fails. A known deviation (listed in src/validate/known-deviations.ts with its reason and a bound) does not fail the run; a value beyond its bound, any other value outside its tolerance, a malformed case, a method without a runner or a runner error does.';

export const TOLERANCE_RULE =
  'A value passes if it is within abs or within rel × |expected| (the looser, when both are given; exact when neither); null means undefined / not reached and matches only null. A field-specific tolerance of the case (e.g. df_rel) replaces abs/rel for that field; a runner rule (e.g. a statistic the reference software prints rounded) is stated with its reason.';

function leafText(v: Leaf | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : String(v);
}

function toleranceText(k: Check): string {
  if (k.tolerance === null) return 'equal';
  const t = describeTolerance(k.tolerance);
  return k.tolerance.basis === 'case' ? t : `${t} (${k.tolerance.basis})`;
}

function checkRow(label: string, k: Check): BuiltRow {
  const difference = k.difference === null ? '' : Number.isFinite(k.difference) ? k.difference.toExponential(2) : String(k.difference);
  // The tolerance column already says why a value is outside it; other reasons (no value, wrong type) are shown.
  const showNote = k.status === 'fail' && k.note !== null && (!k.note.startsWith('outside tolerance') || k.note.includes('deviation bound'));
  const result = showNote ? `${STATUS_TEXT[k.status]}: ${k.note}` : STATUS_TEXT[k.status];
  return { label, indent: 0, heading: false, cells: [leafText(k.expected), leafText(k.observed), difference, toleranceText(k), result] };
}

const CHECK_COLUMNS = ['Expected', 'Observed', '|Difference|', 'Tolerance', 'Result'];

function table(id: string, title: string, stubHeader: string, header: string[], rows: BuiltRow[], footnotes: string[] = []): BuiltTable {
  return { id, title, population: '', visit: null, units: null, method: null, stubHeader, header: header.map((label) => ({ label, n: null })), rows, footnotes };
}

function countsRow(label: string, s: { cases: number; pass: number; knownDeviation: number; fail: number }, extra: string[]): BuiltRow {
  return { label, indent: 0, heading: false, cells: [...extra, String(s.cases), String(s.pass), String(s.knownDeviation), String(s.fail)] };
}

/** Cases per method and case file (pass / known deviation / fail) with a total row: validation.html's summary and the report appendix's. */
export function methodSummaryTable(r: Pick<ValidationResult, 'methods' | 'totals'>, footnotes: string[]): BuiltTable {
  const rows = r.methods.map((m: MethodSummary) => countsRow(m.method, m, [m.file]));
  rows.push({ ...countsRow('All cases', r.totals, ['']), heading: true });
  return table('validation-summary', `${r.totals.cases} reference cases, ${r.totals.checks} checked values`, 'Method', ['Case file', 'Cases', 'Pass', 'Known deviation', 'Fail'], rows, footnotes);
}

function summarySection(r: ValidationResult): ReportSection {
  return { id: 'summary', title: 'Summary by method', blocks: [{ kind: 'table', table: methodSummaryTable(r, [EXIT_CODE_RULE, TOLERANCE_RULE]) }] };
}

function failuresSection(r: ValidationResult): ReportSection {
  const failed = r.cases.filter((c) => c.status === 'fail');
  if (failed.length === 0) return { id: 'failures', title: 'Failures', blocks: [{ kind: 'text', paragraphs: ['No case fails.'] }] };
  const rows: BuiltRow[] = [];
  for (const c of failed) {
    for (const p of c.problems) rows.push({ label: `${c.file} · ${c.id}`, indent: 0, heading: false, cells: ['', '', '', '', `FAIL: ${p}`] });
    for (const k of c.checks.filter((x) => x.status === 'fail')) rows.push(checkRow(`${c.file} · ${c.id} · ${k.field}`, k));
  }
  return {
    id: 'failures',
    title: `Failures (${failed.length} case${failed.length === 1 ? '' : 's'})`,
    blocks: [{ kind: 'table', table: table('validation-failures', 'Every failed check and case problem', 'Case · field', CHECK_COLUMNS, rows) }],
  };
}

function deviationsSection(r: ValidationResult): ReportSection {
  const withDeviations = r.cases.filter((c) => c.deviations.length > 0);
  const blocks: ReportBlock[] = [
    {
      kind: 'text',
      paragraphs: [
        'Values remit does not reproduce within the stated tolerance for a documented reason. They are shown here and in their case tables as "known deviation", never as a pass; each is bounded, so a larger difference fails.',
      ],
    },
  ];
  withDeviations.forEach((c, i) => {
    const rows = c.checks.filter((k) => k.status === 'known-deviation').map((k) => checkRow(k.field, k));
    const notes = c.deviations.flatMap((d) => [
      `Reason: ${d.reason}`,
      `Bound (a value further from the reference fails): ${Object.entries(d.bound).map(([f, t]) => `${f} ${describeTolerance(t)}`).join('; ')}.`,
      `Cross-check: ${d.crossCheck ?? 'none'}`,
    ]);
    blocks.push({ kind: 'table', table: table(`deviation-${i + 1}`, `${c.file} · ${c.id}: ${rows.length} value${rows.length === 1 ? '' : 's'}`, 'Field', CHECK_COLUMNS, rows, notes) });
  });
  if (withDeviations.length === 0) blocks.push({ kind: 'text', paragraphs: ['None in the case files of this run.'] });
  return { id: 'known-deviations', title: 'Known deviations', blocks };
}

function environmentSection(r: ValidationResult): ReportSection {
  return {
    id: 'environment',
    title: 'Environment and case files',
    blocks: [
      {
        kind: 'list',
        items: [`remit ${r.environment.remit}`, `Node.js ${r.environment.node}`, ...Object.entries(r.environment.dependencies).map(([k, v]) => `${k} ${v}`)],
      },
      { kind: 'list', items: r.caseFiles.map((f) => `${f.file}: ${f.cases} cases, SHA-256 ${f.sha256}`) },
    ],
  };
}

function caseTable(c: CaseResult, id: string): BuiltTable {
  const rows = c.checks.map((k) => checkRow(k.field, k));
  for (const p of c.problems) rows.push({ label: '(case)', indent: 0, heading: false, cells: ['', '', '', '', `FAIL: ${p}`] });
  const footnotes = [
    `Source: ${c.source ?? '(none)'}`,
    ...(c.toleranceNote !== null ? [`Tolerance note: ${c.toleranceNote}`] : []),
    ...(c.notes !== null ? [`Notes: ${c.notes}`] : []),
    `Computed by: ${c.api ?? '(no runner)'}`,
  ];
  return table(id, `${c.id} — ${STATUS_TEXT[c.status]}`, 'Field', CHECK_COLUMNS, rows, footnotes);
}

function fileSection(r: ValidationResult, fileIndex: number): ReportSection {
  const file = r.caseFiles[fileIndex];
  const cases = r.cases.filter((c) => c.file === file.file);
  const blocks: ReportBlock[] = [];
  for (const m of r.methods.filter((x) => x.file === file.file)) {
    blocks.push({
      kind: 'text',
      paragraphs: [
        `Method ${m.method}: ${m.cases} case${m.cases === 1 ? '' : 's'} (${m.pass} pass, ${m.knownDeviation} known deviation, ${m.fail} fail).`,
        `Public API: ${m.api ?? 'no runner for this method'}.${m.mapping !== null ? ` ${m.mapping}` : ''}`,
      ],
    });
    cases.forEach((c, i) => {
      if (c.method === m.method) blocks.push({ kind: 'table', table: caseTable(c, `case-${fileIndex + 1}-${i + 1}`) });
    });
  }
  return { id: `case-file-${fileIndex + 1}`, title: `${file.file}: ${file.cases} cases`, blocks };
}

/** The validation report page. */
export function validationHtml(r: ValidationResult): string {
  const verdict = r.verdict === 'pass' ? 'PASS' : 'FAIL';
  const sections = [summarySection(r), failuresSection(r), deviationsSection(r), environmentSection(r), ...r.caseFiles.map((_, i) => fileSection(r, i))];
  return framedPageHtml(
    {
      title: 'remit validation report',
      subtitle: "Every reference case recomputed through remit's public statistics API",
      bannerText: `VALIDATION ${verdict}`,
      bannerDetail: `validation run ${r.runId}`,
      tone: 'open',
      meta: [
        `Verdict: ${verdict}: ${r.totals.pass} pass, ${r.totals.knownDeviation} known deviation, ${r.totals.fail} fail, of ${r.totals.cases} cases in ${r.caseFiles.length} case files (${r.totals.checks} checked values).`,
        `Validation run id ${r.runId}: the first 12 hex digits of SHA-256 over the results, the case files' SHA-256 and the environment (remit ${r.environment.remit}, Node.js ${r.environment.node}); the same case files and software give the same id and byte-identical output.`,
      ],
    },
    sections,
    new Map(),
  );
}
