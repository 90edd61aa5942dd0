/**
 * Plan keys that name something in the data, checked against the derived ADaM datasets once they exist:
 * `primary.endpoint` (an ADRS PARAMCD), `primary.strata` (ADSL variables) and `longitudinal.params` (ADLB
 * PARAMCDs). (That `longitudinal.logTransform` is a subset of `longitudinal.params` needs no data: loadPlan
 * checks it.)
 *
 * A reference with no data is fatal (PlanError naming the key path and the parameter), not a warning:
 * the plan is the SAP (design.md "Analysis plan": every number in the report traces to it), and without
 * this check such a key succeeds wrongly — a pre-specified outcome silently vanishes from the report, an
 * unknown endpoint makes every subject a missing-data non-responder, an unknown stratum variable puts
 * every subject in one "Missing" stratum. The fix is a decision for the statistician (amend the plan or
 * complete the data lock), so remit stops before writing anything. Checked on every run, whatever
 * `--only` selects, like the rest of the plan.
 */
import { PlanError } from '../core/errors.ts';
import type { AdamDatasets } from '../adam/derive-adam.ts';
import type { Plan } from './plan.ts';

/** Distinct values, sorted, for the "present:" part of a message. */
function listed(values: Iterable<string>): string {
  const v = [...new Set(values)].sort();
  return v.length === 0 ? 'none' : v.join(', ');
}

/**
 * @param planFile the plan's file name as used in other plan errors (e.g. "plan.json")
 * @throws PlanError at the first plan key whose parameter or variable no record of the data has
 * @example checkPlanDataReferences(plan, 'plan.json', adam) // plan.json: longitudinal.params[6]: parameter "C4" has no records in ADLB …
 */
export function checkPlanDataReferences(plan: Plan, planFile: string, adam: Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'>): void {
  const adrs = new Set(adam.adrs.map((r) => r.PARAMCD));
  if (!adrs.has(plan.primary.endpoint)) {
    throw new PlanError(planFile, 'primary.endpoint', `parameter "${plan.primary.endpoint}" has no records in ADRS (present: ${listed(adrs)})`);
  }
  plan.primary.strata.forEach((v, i) => {
    const has = adam.adsl.some((s) => {
      const x = (s as unknown as Record<string, unknown>)[v];
      return x !== null && x !== undefined && x !== '';
    });
    if (!has) throw new PlanError(planFile, `primary.strata[${i}]`, `ADSL variable "${v}" has no value for any subject; stratify by a variable the data lock provides or remove it`);
  });
  const adlb = new Set(adam.adlb.map((r) => r.PARAMCD));
  plan.longitudinal.params.forEach((p, i) => {
    if (!adlb.has(p)) {
      throw new PlanError(planFile, `longitudinal.params[${i}]`, `parameter "${p}" has no records in ADLB (present: ${listed(adlb)}); remove it from the plan or add its results to lb.csv`);
    }
  });
}
