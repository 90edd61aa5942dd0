/**
 * src/plan/plan-data-references.ts: every plan key that names a parameter or variable of the data is a
 * PlanError naming the key path and the parameter when no record has it. (The end-to-end case — C4
 * removed from lb.csv, exit 1, nothing written — is in test/e2e/faults.test.ts.)
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadPlan } from '../../src/plan/load-plan.ts';
import type { Plan } from '../../src/plan/plan.ts';
import { checkPlanDataReferences } from '../../src/plan/plan-data-references.ts';
import type { AdamDatasets } from '../../src/adam/derive-adam.ts';
import { PlanError } from '../../src/core/errors.ts';

const planText = readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8');
const plan = (): Plan => loadPlan(planText, 'plan.json');

/** The smallest ADaM the plan's references can be checked against: one record per parameter. */
function adamWith(p: Plan, drop: { adlb?: string; adrs?: string } = {}): Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'> {
  const rows = (codes: string[]) => codes.map((PARAMCD) => ({ PARAMCD }));
  return {
    adsl: [{ USUBJID: 'S1', STRATUM: 'UPCR >= 3' }, { USUBJID: 'S2', STRATUM: null }],
    adlb: rows([...p.longitudinal.params, 'ALT'].filter((c) => c !== drop.adlb)),
    adrs: rows([p.primary.endpoint, 'CR'].filter((c) => c !== drop.adrs)),
  } as unknown as Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'>;
}

function planErrorOf(fn: () => void): PlanError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, PlanError);
    return e as PlanError;
  }
  throw new Error('expected a PlanError');
}

test('the trial plan against data with every parameter: no error', () => {
  const p = plan();
  checkPlanDataReferences(p, 'plan.json', adamWith(p));
});

test('a longitudinal parameter no ADLB record has: PlanError at longitudinal.params[i] naming it and listing what is present', () => {
  const p = plan();
  const i = p.longitudinal.params.indexOf('C4');
  assert.ok(i >= 0);
  const e = planErrorOf(() => checkPlanDataReferences(p, 'plan.json', adamWith(p, { adlb: 'C4' })));
  assert.is(e.path, `longitudinal.params[${i}]`);
  assert.is(e.file, 'plan.json');
  assert.match(e.message, `plan.json: longitudinal.params[${i}]: parameter "C4" has no records in ADLB (present: ALB, ALT, `);
  assert.is(e.exitCode, 1);
});

test('a misspelt longitudinal parameter is caught the same way', () => {
  const p = plan();
  p.longitudinal.params = [...p.longitudinal.params, 'UPCR'];
  const e = planErrorOf(() => checkPlanDataReferences(p, 'plan.json', adamWith({ ...p, longitudinal: { ...p.longitudinal, params: p.longitudinal.params.slice(0, -1) } })));
  assert.is(e.path, `longitudinal.params[${p.longitudinal.params.length - 1}]`);
  assert.match(e.message, 'parameter "UPCR" has no records in ADLB');
});

test('a primary endpoint not in ADRS: PlanError at primary.endpoint (otherwise every subject would count as a missing-data non-responder)', () => {
  const p = plan();
  const e = planErrorOf(() => checkPlanDataReferences(p, 'plan.json', adamWith(p, { adrs: p.primary.endpoint })));
  assert.is(e.path, 'primary.endpoint');
  assert.match(e.message, `parameter "${p.primary.endpoint}" has no records in ADRS (present: CR)`);
});

test('a stratum variable no subject has: PlanError at primary.strata[i]', () => {
  const p = plan();
  p.primary.strata = ['STRATUM', 'REGION'];
  const e = planErrorOf(() => checkPlanDataReferences(p, 'plan.json', adamWith(p)));
  assert.is(e.path, 'primary.strata[1]');
  assert.match(e.message, 'ADSL variable "REGION" has no value for any subject');
});

test.run();
