/**
 * `simulateTrial`: a seeded synthetic SDTM data lock of the NCT03580291 lupus-nephritis trial with
 * known truth. Pure: no I/O, no clock, no Math.random; the same options give the same rows.
 *
 * Order of generation per subject: profile (master stream) → latent response state per visit →
 * renal values agreeing with it → visits, disposition and intercurrent events (with the subject's
 * role: the deliberate mess of roles.ts) → rows of every domain → truth derived from those rows.
 * Each subject has its own random sub-stream, so subjects can be generated one at a time
 * (`generateSubjects`, used by the streaming writer) in USUBJID order.
 */
import { resolveOptions, type ResolvedOptions, type SimulationOptions } from './options.ts';
import { drawProfiles } from './profiles.ts';
import { planSubject } from './subject-plan.ts';
import { buildLabPanels } from './lab-panels.ts';
import { buildAdverseEvents } from './adverse-events.ts';
import { cmRows, dmRow, dsRows, exRows, lbRows, suppdmRows, vsRows } from './domain-rows.ts';
import { qsRows } from './questionnaires.ts';
import { deriveTruth, type TruthRow } from './truth.ts';
import { trueParameters, type TrueParameters } from './parameters.ts';
import { SimDomains, type Row, type SimDomain } from './columns.ts';
import type { LatentResponse } from './latent.ts';
import type { Role } from './roles.ts';

/** Everything generated for one subject. */
export interface SubjectOutput {
  usubjid: string;
  rows: Record<SimDomain, Row[]>;
  truth: TruthRow;
  /** The latent state drawn first (weeks 4–24) and the subject's special role, for checks. */
  latent: LatentResponse;
  role: Role | null;
}

export interface SimulatedTrial {
  options: ResolvedOptions;
  /** Rows of each domain, sorted by USUBJID then date / VISITNUM / --TESTCD, --SEQ per subject. */
  tables: Record<SimDomain, Row[]>;
  truth: TruthRow[];
  parameters: TrueParameters;
  /** Latent state and role by USUBJID (not written; for tests and diagnostics). */
  latent: Map<string, { latent: LatentResponse; role: Role | null }>;
}

/**
 * Generate subjects one at a time in USUBJID order.
 * @throws InputError for invalid options (see resolveOptions).
 */
export function* generateSubjects(options: SimulationOptions): Generator<SubjectOutput> {
  const o = resolveOptions(options);
  for (const profile of drawProfiles(o.subjects, o.seed)) {
    const plan = planSubject(profile, o);
    const panels = buildLabPanels(plan);
    const ae = buildAdverseEvents(plan);
    const rows: Record<SimDomain, Row[]> = {
      dm: [dmRow(plan)],
      suppdm: suppdmRows(plan),
      ds: dsRows(plan),
      ex: exRows(plan, ae.doseReductionOffset),
      vs: vsRows(plan),
      lb: lbRows(plan, panels),
      qs: qsRows(plan, panels),
      ae: ae.rows,
      cm: cmRows(plan),
    };
    yield { usubjid: profile.usubjid, rows, truth: deriveTruth({ ...rows, dm: rows.dm[0] }), latent: plan.latent, role: profile.role };
  }
}

/**
 * Simulate the whole trial in memory.
 * @example simulateTrial({ subjects: 230, seed: 20180709 }).truth.length // => 230
 * @throws InputError for invalid options.
 */
export function simulateTrial(options: SimulationOptions): SimulatedTrial {
  const o = resolveOptions(options);
  const tables = Object.fromEntries(SimDomains.map((d) => [d, [] as Row[]])) as Record<SimDomain, Row[]>;
  const truth: TruthRow[] = [];
  const latent = new Map<string, { latent: LatentResponse; role: Role | null }>();
  for (const s of generateSubjects(o)) {
    for (const d of SimDomains) for (const r of s.rows[d]) tables[d].push(r);
    truth.push(s.truth);
    latent.set(s.usubjid, { latent: s.latent, role: s.role });
  }
  return { options: o, tables, truth, parameters: trueParameters(o), latent };
}
