/**
 * The trial's full pipeline (design.md data flow): plan → ingest + validate the SDTM lock → derive ADaM →
 * run every analysis → render the closed and open reports → manifest. Returns every output file in
 * memory; the caller writes them atomically (src/pipeline/atomic-output.ts), so a failed run writes nothing.
 *
 * Inputs:  a data-lock folder (SDTM CSV) and the plan file.
 * Outputs: adam/*.csv, results/ard.json + results/<analysis>.json, report.html, report-open.html,
 *          data-issues.csv, manifest.json.
 */
import { basename } from 'node:path';
import type { ArdRecord } from '../src/core/ard.ts';
import { DataError, UsageError } from '../src/core/errors.ts';
import { readDataLock } from '../src/io/read-data-lock.ts';
import { issuesToCsv, sortIssues, type DataIssue } from '../src/io/data-issue.ts';
import { loadPlanFile } from '../src/plan/load-plan.ts';
import { planArms, type Plan } from '../src/plan/plan.ts';
import { checkPlanArms, checkPlanDataReferences } from '../src/plan/plan-data-references.ts';
import { adamToCsv, deriveAdam, type AdamDatasets } from '../src/adam/derive-adam.ts';
import type { AdslRecord } from '../src/adam/adsl.ts';
import { renderReportHtml, type ReportSection } from '../src/report/html.ts';
import { assertOpenReportBlind, openRecords, type ArmIdentifiers } from '../src/report/blinding.ts';
import { sha256, sha256File } from '../src/pipeline/hash.ts';
import { computeRunId, manifestToJson, softwareVersions, type Manifest, type ManifestInput } from '../src/pipeline/manifest.ts';
import type { Analysis, AnalysisInput, ArmInfo, SectionContext } from './framework.ts';
import { analysesInReportOrder, genericAnalyses, type GenericAnalysis } from './registry.ts';
import { readAdamFolder, resolveArms } from '../src/adam/read-adam.ts';
import { appendixSection } from './appendix.ts';
import { validateForReport } from '../src/validate/run-validation.ts';

export interface RunOptions {
  /** SDTM data-lock folder (the full pipeline). */
  dataDir: string;
  planFile: string;
  /** Analysis ids to run (default: all). */
  only?: readonly string[] | null;
  blinding?: 'closed' | 'open' | 'both';
  /** Called with short progress messages (shown on a TTY only). */
  progress?: (message: string) => void;
}

export interface RunResult {
  files: Map<string, string | Uint8Array>;
  runId: string;
  ard: ArdRecord[];
  issues: DataIssue[];
  /** The derived datasets (null for an ADaM-folder run). */
  adam: AdamDatasets | null;
}

/** Arms in plan order (control first) with labels from ADSL (DM.ARM). */
export function armsFromAdsl(plan: Plan, adsl: readonly AdslRecord[]): ArmInfo[] {
  return planArms(plan).map((code) => ({ code, label: adsl.find((s) => s.ARMCD === code)?.ARM ?? code }));
}

/** Select the analyses to run; an unknown id is a usage error listing the known ones. */
export function selectAnalyses(only: readonly string[] | null | undefined): Analysis[] {
  const all = analysesInReportOrder();
  if (!only || only.length === 0) return all;
  const known = new Map(all.map((a) => [a.id, a]));
  return only.map((id) => {
    const a = known.get(id);
    if (!a) throw new UsageError(`--only: unknown analysis "${id}" (known: ${[...known.keys()].join(', ')})`);
    return a;
  });
}

function fatalSummary(issues: readonly DataIssue[], dataDir: string): DataError {
  const fatal = sortIssues(issues.filter((i) => i.severity === 'fatal'));
  const first = fatal[0];
  const more = fatal.length > 1 ? ` (and ${fatal.length - 1} more fatal problem${fatal.length > 2 ? 's' : ''}; run "remit check --data ${dataDir} --out data-issues.csv" for the listing)` : '';
  return new DataError({ file: first.file, line: first.line, column: first.column }, `${first.message}${more}`, first.value);
}

function sectionsFor(analyses: readonly Pick<Analysis, 'id' | 'sections'>[], byId: ReadonlyMap<string, ArdRecord[]>, ctx: SectionContext, ids: ArmIdentifiers): ReportSection[] {
  const sections: ReportSection[] = [];
  for (const a of analyses) {
    const records = byId.get(a.id) ?? [];
    const visible = ctx.blinding === 'open' ? openRecords(records, ids) : records;
    sections.push(...a.sections(visible, ctx));
  }
  // The executive summary (if any analysis produced one) goes first.
  const summary = sections.filter((s) => s.id === 'executive-summary');
  return [...summary, ...sections.filter((s) => s.id !== 'executive-summary')];
}

/**
 * Read and validate the lock, then derive ADaM. Its own function so that the SDTM records become
 * unreachable as soon as ADaM exists: the analyses and reports run with the lock's memory freed
 * (half of the peak heap on a large lock; bench/pipeline.ts).
 */
async function readAndDerive(dataDir: string, plan: Plan, progress: (m: string) => void): Promise<{ adam: AdamDatasets; issues: DataIssue[]; domains: Awaited<ReturnType<typeof readDataLock>>['domains'] }> {
  progress('reading the data lock');
  const read = await readDataLock(dataDir, { arms: planArms(plan) });
  if (read.issues.some((i) => i.severity === 'fatal')) throw fatalSummary(read.issues, dataDir);

  progress('deriving ADaM datasets');
  // The lock is not used after derivation: LB and QS are released as soon as they are consumed.
  const derived = deriveAdam(read.lock, plan, { releaseConsumed: true });
  const issues = sortIssues([...read.issues, ...derived.issues]);
  if (issues.some((i) => i.severity === 'fatal')) throw fatalSummary(issues, dataDir);
  return { adam: derived.datasets, issues, domains: read.domains };
}

/** Run the whole pipeline in memory. @throws DataError / PlanError (exit 1) before anything is written. */
export async function runTrial(options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? (() => undefined);
  const { plan, text: planText } = loadPlanFile(options.planFile);
  const analyses = selectAnalyses(options.only);

  const { adam, issues, domains } = await readAndDerive(options.dataDir, plan, progress);
  checkPlanDataReferences(plan, { file: basename(options.planFile), text: planText }, adam);
  const arms = armsFromAdsl(plan, adam.adsl);
  const input: AnalysisInput = { plan, adam, arms };

  progress('running analyses');
  const byId = new Map<string, ArdRecord[]>();
  for (const a of analyses) byId.set(a.id, a.run(input));
  const ard = analyses.flatMap((a) => byId.get(a.id) ?? []);

  // Manifest inputs: every file the reader saw, hashed; rows from the reader's summary.
  const inputs: ManifestInput[] = [];
  for (const d of domains.filter((x) => x.status === 'read').sort((a, b) => (a.file < b.file ? -1 : 1))) {
    inputs.push({ file: d.file, sha256: await sha256File(`${options.dataDir}/${d.file}`), rows: d.rows });
  }
  const planSha = sha256(planText);
  const versions = softwareVersions();
  const runId = computeRunId(versions.remit, planSha, inputs);

  const files = new Map<string, string | Uint8Array>();
  for (const [name, csv] of Object.entries(adamToCsv(adam))) files.set(`adam/${name}.csv`, csv);
  files.set('results/ard.json', JSON.stringify(ard, null, 1) + '\n');
  for (const a of analyses) files.set(`results/${a.id}.json`, JSON.stringify(byId.get(a.id) ?? [], null, 1) + '\n');
  files.set('data-issues.csv', issuesToCsv(issues));

  await addReportsAndManifest(files, { plan, planText, analyses, byId, arms, inputs, issues, runId, versions, planSha, progress, options, source: 'sdtm', subjectIds: adam.adsl.map((s) => s.USUBJID) });
  return { files, runId, ard, issues, adam };
}

/**
 * The ADaM-level entry point (`remit run --adam DIR`; design.md "Input contract"): the generic summaries
 * (disposition, baseline, exposure, safety) on any folder of ADaM CSVs, e.g. the public CDISC pilot.
 * `options.dataDir` is the ADaM folder. Outputs: results/, report.html, report-open.html, data-issues.csv,
 * manifest.json (no adam/: nothing is derived).
 */
export async function runAdamFolder(options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? (() => undefined);
  const { plan, text: planText } = loadPlanFile(options.planFile);
  const all = genericAnalyses();
  const known = new Map(all.map((a) => [a.id, a]));
  const analyses: GenericAnalysis[] = !options.only || options.only.length === 0
    ? all
    : options.only.map((id) => {
        const a = known.get(id);
        if (!a) throw new UsageError(`--only: "${id}" does not run on an ADaM folder (available with --adam: ${[...known.keys()].join(', ')})`);
        return a;
      });
  progress('reading the ADaM folder');
  const read = await readAdamFolder(options.dataDir);
  const issues = sortIssues(read.issues);
  if (issues.some((i) => i.severity === 'fatal')) throw fatalSummary(issues, options.dataDir);
  // Only the arms: the generic summaries read no other data-naming key of the plan (plan-data-references.ts).
  checkPlanArms(plan, { file: basename(options.planFile), text: planText }, read.datasets.adsl);
  const arms = resolveArms(read.datasets.adsl, plan);
  const byId = new Map<string, ArdRecord[]>();
  for (const a of analyses) byId.set(a.id, a.run({ plan, arms, adam: read.datasets }));
  const ard = analyses.flatMap((a) => byId.get(a.id) ?? []);
  const rowsOf: Record<string, number> = { adsl: read.datasets.adsl.length, adae: read.datasets.adae?.length ?? 0 };
  const inputs: ManifestInput[] = [];
  for (const f of [...read.files].sort()) {
    const key = f.toLowerCase().replace(/\.csv$/, '');
    inputs.push({ file: f, sha256: await sha256File(`${options.dataDir}/${f}`), rows: rowsOf[key] ?? null });
  }
  const planSha = sha256(planText);
  const versions = softwareVersions();
  const runId = computeRunId(versions.remit, planSha, inputs);
  const files = new Map<string, string | Uint8Array>();
  files.set('results/ard.json', JSON.stringify(ard, null, 1) + '\n');
  for (const a of analyses) files.set(`results/${a.id}.json`, JSON.stringify(byId.get(a.id) ?? [], null, 1) + '\n');
  files.set('data-issues.csv', issuesToCsv(issues));
  await addReportsAndManifest(files, { plan, planText, analyses, byId, arms, inputs, issues, runId, versions, planSha, progress, options, source: 'adam', subjectIds: read.datasets.adsl.map((s) => s.USUBJID) });
  return { files, runId, ard, issues, adam: null };
}

interface ReportInputs {
  plan: Plan;
  planText: string;
  analyses: readonly Pick<Analysis, 'id' | 'sections'>[];
  byId: ReadonlyMap<string, ArdRecord[]>;
  arms: readonly ArmInfo[];
  inputs: readonly ManifestInput[];
  issues: readonly DataIssue[];
  runId: string;
  versions: ReturnType<typeof softwareVersions>;
  planSha: string;
  progress: (message: string) => void;
  options: { dataDir: string; planFile: string; only?: readonly string[] | null; blinding?: 'closed' | 'open' | 'both' };
  source: 'sdtm' | 'adam';
  /** Every USUBJID of ADSL: none may appear in the open report. */
  subjectIds: readonly string[];
}

/** Render the closed and/or open report (the open one only after the leak check passes), then the manifest. */
async function addReportsAndManifest(files: Map<string, string | Uint8Array>, r: ReportInputs): Promise<void> {
  const { plan, planText, analyses, byId, arms, inputs, issues, runId, versions, planSha, progress, options, source } = r;
  const ids: ArmIdentifiers = {
    armLabels: arms.map((a) => a.label),
    armCodes: arms.map((a) => a.code),
    allowedPhrases: [plan.study.title, plan.report.title],
  };
  const blinding = options.blinding ?? 'both';
  const programVersions = `remit ${versions.remit} · ${Object.entries(versions.dependencies)
    .filter(([k]) => ['vega', 'vega-lite', 'csv-parse', 'jstat', 'ml-matrix'].includes(k))
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ')}`;
  progress('validating the statistics against the reference cases');
  const validation = validateForReport();
  for (const mode of ['closed', 'open'] as const) {
    if (blinding !== 'both' && blinding !== mode) continue;
    progress(`rendering the ${mode} report`);
    const ctx: SectionContext = { plan, arms, blinding: mode };
    const sections = sectionsFor(analyses, byId, ctx, ids);
    sections.push(appendixSection({ plan, planText, inputs, issues, runId, versions, mode, analyses: analyses.map((a) => a.id), validation }));
    const html = await renderReportHtml({
      title: plan.report.title,
      subtitle: plan.study.title,
      blinding: mode,
      dataCut: plan.study.dataCutDate,
      snapshotId: runId,
      programVersions,
      sections,
    });
    if (mode === 'open') {
      assertOpenReportBlind(html, ids, r.subjectIds);
    }
    files.set(mode === 'closed' ? 'report.html' : 'report-open.html', html);
  }

  const manifest: Manifest = {
    remit: versions.remit,
    runId,
    dataCutDate: plan.study.dataCutDate,
    command: { source, data: options.dataDir, plan: options.planFile, only: options.only && options.only.length > 0 ? [...options.only] : null, blinding },
    plan: { file: options.planFile, sha256: planSha },
    inputs,
    outputs: [...files.keys()].sort().map((file) => ({ file, sha256: sha256(files.get(file)!) })),
    software: { node: process.versions.node, dependencies: versions.dependencies },
  };
  files.set('manifest.json', manifestToJson(manifest));
}
