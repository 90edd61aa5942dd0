/**
 * Plan keys that name something in the data, checked against the derived ADaM datasets once they exist:
 * `primary.endpoint` (an ADRS PARAMCD), `primary.strata` (ADSL variables) and `longitudinal.params` (ADLB
 * PARAMCDs). (That `longitudinal.logTransform` is a subset of `longitudinal.params` needs no data: loadPlan
 * checks it.)
 *
 * A reference with no data is fatal (PlanError naming the plan file's line:column, the key path and the
 * parameter, as loadPlan's errors do), not a warning:
 * the plan is the SAP (design.md "Analysis plan": every number in the report traces to it), and without
 * this check such a key succeeds wrongly — a pre-specified outcome silently vanishes from the report, an
 * unknown endpoint makes every subject a missing-data non-responder, an unknown stratum variable puts
 * every subject in one "Missing" stratum. The fix is a decision for the statistician (amend the plan or
 * complete the data lock), so remit stops before writing anything. Checked on every run, whatever
 * `--only` selects, like the rest of the plan.
 *
 * Every plan arm (`arms.control`, `arms.experimental[i]`) must have at least one ADSL subject: an arm
 * without subjects has no rate, no curve and no column, and the analyses would fail far from the cause.
 * Only the arms ({@link checkPlanArms}) are checked by `remit derive` (the derivation reads no endpoint,
 * stratum or laboratory parameter of the plan) and on an ADaM folder (`remit run --adam`: the generic
 * summaries read none either, and an external folder such as the CDISC pilot has no ADRS).
 */
import type { AdamDatasets } from '../adam/derive-adam.ts';
import { parseJsonText } from '../core/json-position.ts';
import { PlanProblems } from './load-plan.ts';
import { planArms, type Plan } from './plan.ts';

/** The plan file the plan was loaded from: the errors point into its text. */
export interface PlanSource {
  /** The file name as other plan errors give it (e.g. "plan.json"). */
  file: string;
  /** The file's text, as loaded (loadPlanFile's `text`). */
  text: string;
}

/** Distinct values, sorted, for the "present:" part of a message. */
function listed(values: Iterable<string>): string {
  const v = [...new Set(values)].sort();
  return v.length === 0 ? 'none' : v.join(', ');
}

/** The ADSL variables that place a subject in an arm (ours and any external ADaM ADSL have them). */
export interface ArmedSubject {
  ARMCD: string | null;
  ARM: string | null;
  TRT01P: string | null;
}

/**
 * The key path of each plan arm, in planArms order: `arms.experimental` when the plan gives one
 * experimental arm as a string, `arms.experimental[i]` when it gives a list.
 */
function armKeyPaths(plan: Plan, source: PlanSource): string[] {
  const parsed = parseJsonText(source.text);
  const raw = parsed.ok ? (parsed.value as { arms?: { experimental?: unknown } }).arms?.experimental : undefined;
  const experimental = typeof raw === 'string' ? ['arms.experimental'] : plan.arms.experimental.map((_, i) => `arms.experimental[${i}]`);
  return ['arms.control', ...experimental];
}

/**
 * Every plan arm has at least one ADSL subject. A subject is in arm `code` when its ARMCD is `code` or,
 * as src/adam/read-adam.ts resolveArms matches an external ADSL, its TRT01P (else ARM) is.
 * @throws PlanError at the key of the first arm without subjects, listing the arms ADSL has
 * @example checkPlanArms(plan, { file: 'plan.json', text }, adsl) // plan.json:11:7: arms.experimental[1]: arm "MSC2" has no subject in ADSL …
 */
export function checkPlanArms(plan: Plan, source: PlanSource, adsl: readonly ArmedSubject[]): void {
  const present = new Set<string>();
  for (const s of adsl) {
    if (s.ARMCD !== null && s.ARMCD !== '') present.add(s.ARMCD);
    const label = s.TRT01P ?? s.ARM;
    if (label !== null && label !== '') present.add(label);
  }
  const paths = armKeyPaths(plan, source);
  planArms(plan).forEach((code, i) => {
    if (present.has(code)) return;
    const seen = listed(adsl.map((s) => s.ARMCD ?? s.TRT01P ?? s.ARM ?? '').filter((x) => x !== ''));
    throw new PlanProblems(source.file, source.text).at(paths[i], `arm "${code}" has no subject in ADSL (arms present: ${seen}); correct the arm code or remove the arm from the plan`);
  });
}

/**
 * @param source the plan's file name and text, to locate the offending key or list element
 * @throws PlanError at the first plan arm without subjects ({@link checkPlanArms}), else at the first plan key whose parameter or variable no record of the data has
 * @example checkPlanDataReferences(plan, { file: 'plan.json', text }, adam) // plan.json:47:65: longitudinal.params[6]: parameter "C4" has no records in ADLB …
 */
export function checkPlanDataReferences(plan: Plan, source: PlanSource, adam: Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'>): void {
  checkPlanArms(plan, source, adam.adsl);
  const problems = new PlanProblems(source.file, source.text);
  const adrs = new Set(adam.adrs.map((r) => r.PARAMCD));
  if (!adrs.has(plan.primary.endpoint)) {
    throw problems.at('primary.endpoint', `parameter "${plan.primary.endpoint}" has no records in ADRS (present: ${listed(adrs)})`);
  }
  plan.primary.strata.forEach((v, i) => {
    const has = adam.adsl.some((s) => {
      const x = (s as unknown as Record<string, unknown>)[v];
      return x !== null && x !== undefined && x !== '';
    });
    if (!has) throw problems.at(`primary.strata[${i}]`, `ADSL variable "${v}" has no value for any subject; stratify by a variable the data lock provides or remove it`);
  });
  const adlb = new Set(adam.adlb.map((r) => r.PARAMCD));
  plan.longitudinal.params.forEach((p, i) => {
    if (!adlb.has(p)) {
      throw problems.at(`longitudinal.params[${i}]`, `parameter "${p}" has no records in ADLB (present: ${listed(adlb)}); remove it from the plan or add its results to lb.csv`);
    }
  });
}
