/**
 * Methods and reproducibility appendix (issue 7 item 2): the plan as run, definitions and conventions,
 * software versions, input hashes, the data-issue summary, and the run id. Built from the run's metadata,
 * not from ARD records (it states how the numbers were made, not numbers of the analysis).
 */
import type { DataIssue } from '../src/io/data-issue.ts';
import type { Plan } from '../src/plan/plan.ts';
import type { ManifestInput } from '../src/pipeline/manifest.ts';
import type { ReportBlock, ReportSection } from '../src/report/html.ts';
import type { ReportValidation } from '../src/validate/run-validation.ts';
import { methodSummaryTable } from '../src/validate/validation-html.ts';

export interface AppendixInput {
  plan: Plan;
  planText: string;
  inputs: readonly ManifestInput[];
  issues: readonly DataIssue[];
  runId: string;
  versions: { remit: string; dependencies: Record<string, string> };
  mode: 'closed' | 'open';
  analyses: readonly string[];
  /** The software validation run for this report (src/validate/run-validation.ts validateForReport). */
  validation: ReportValidation;
}

const Conventions: readonly string[] = [
  'Quartiles: SAS QNTLDEF=5 (R quantile type 2) unless a table states otherwise.',
  'Kaplan–Meier confidence intervals: log-log transform (SAS default; R survfit conf.type = "log-log"), Greenwood variance. Median time with Brookmeyer–Crowley interval as R survfit.',
  'Cox proportional hazards: Efron ties, stratified by the randomisation stratum. Cumulative incidence: Aalen–Johansen with Gray variance (R cmprsk); Gray\'s test, rho = 0.',
  'MMRM: unstructured covariance, REML, Satterthwaite degrees of freedom, LS means with numeric covariates at their mean over the observations used (as emmeans).',
  'Risk differences: Miettinen–Nurminen score interval with the N/(N−1) variance factor (Newcombe 1998 method 6); stratified with Mantel–Haenszel weights. Proportions: Wilson score interval.',
  'Lab results with a "<" or ">" qualifier keep the qualifier; a result "<x" satisfies "< t" whenever x ≤ t (see src/io/qualified-result.ts and src/clinical/qualified.ts). Non-numeric results (ND, NEG) are never turned into numbers.',
  'Partial dates (AE start) are imputed to the first day of the month or year, not before the first dose when the period contains it (ASTDTF = D or M).',
];

/** The plan for the open report: arm codes replaced, so the open file names no treatment group. */
function openPlanText(planText: string): string {
  const plan = JSON.parse(planText) as Record<string, unknown>;
  plan.arms = '(withheld in the open report)';
  return JSON.stringify(plan, null, 2);
}

/** Software validation (issue 10): every reference case recomputed in this run, as `remit validate` does. */
function validationBlocks(v: ReportValidation): ReportBlock[] {
  if (v.status === 'not-run') {
    return [{ kind: 'text', paragraphs: [`Software validation: not validated in this run (${v.reason}). "remit validate --out DIR" writes the validation report.`] }];
  }
  const r = v.result;
  const t = r.totals;
  return [
    {
      kind: 'text',
      paragraphs: [
        `Software validation ${r.verdict === 'pass' ? 'passed' : 'FAILED'} in this run: validation run id ${r.runId}. Each of the ${t.cases} reference cases (${r.caseFiles.length} case files: ${v.referenceDir}, published tables and R / statsmodels / SAS output; and remit's cross-checks in test/references, R nlme, rpact, R glm and SAS/StatXact output for the MMRM df, NI power, interaction test and exact test) was recomputed through remit's public statistics API: ${t.pass} pass within the stated tolerance, ${t.knownDeviation} ${t.knownDeviation === 1 ? 'is a documented known deviation' : 'are documented known deviations'}, ${t.fail} fail. "remit validate --out DIR" with the same software and case files writes the full report (validation.html, validation.json) with the same id.`,
      ],
    },
    {
      kind: 'table',
      table: methodSummaryTable(r, [
        'Known deviation: a value outside the case tolerance for a documented, bounded reason (e.g. the reference used emmeans\' stochastic appx-satterthwaite df while remit computes the analytic Satterthwaite df, cross-checked against R); see validation.html.',
      ]),
    },
  ];
}

export function appendixSection(a: AppendixInput): ReportSection {
  const fatal = a.issues.filter((i) => i.severity === 'fatal').length;
  const warnings = a.issues.filter((i) => i.severity === 'warning').length;
  const byFile = new Map<string, number>();
  for (const i of a.issues) byFile.set(i.file, (byFile.get(i.file) ?? 0) + 1);
  return {
    id: 'appendix',
    title: 'Methods and reproducibility',
    blocks: [
      {
        kind: 'text',
        paragraphs: [
          `Run id ${a.runId}: the first 12 hex digits of SHA-256 over the remit version, the plan and every input file; the same inputs reproduce the same id and byte-identical outputs (manifest.json lists every hash; "remit verify" re-runs and compares).`,
          `Response definition: ${a.plan.response.definition} (parameters ${JSON.stringify(a.plan.response.parameters)}); alternatives analysed as sensitivity: ${a.plan.response.alternatives.join(', ') || 'none'}. eGFR equation: ${a.plan.labs.egfrEquation}. UPCR conversion factor: ${a.plan.labs.upcrMgPerMmolFactor} mg/mmol per g/g. CTCAE version ${a.plan.safety.ctcaeVersion}.`,
          `Analyses run: ${a.analyses.join(', ')}.`,
        ],
      },
      { kind: 'list', items: [...Conventions] },
      {
        kind: 'list',
        items: [
          `Data issues: ${fatal} fatal, ${warnings} warnings (data-issues.csv lists each with file, line, column, value and message).`,
          ...[...byFile.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([f, n]) => `${f}: ${n} issue${n === 1 ? '' : 's'}`),
        ],
      },
      {
        kind: 'list',
        items: [
          `remit ${a.versions.remit}`,
          ...Object.entries(a.versions.dependencies).map(([k, v]) => `${k} ${v}`),
          ...a.inputs.map((i) => `input ${i.file}: ${i.rows ?? '?'} rows, SHA-256 ${i.sha256}`),
        ],
      },
      ...validationBlocks(a.validation),
      {
        kind: 'details',
        summary: a.mode === 'open' ? 'Analysis plan as run (arm codes withheld in the open report)' : 'Analysis plan as run (analyses/plan.json)',
        preformatted: a.mode === 'open' ? openPlanText(a.planText) : a.planText,
      },
    ],
  };
}
