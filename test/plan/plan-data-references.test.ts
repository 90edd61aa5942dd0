/**
 * src/plan/plan-data-references.ts: every plan key that names a parameter or variable of the data is a
 * PlanError naming the plan file's line:column, the key path and the parameter when no record has it.
 * Expected positions are found here by searching the plan text for the key or list element, not by the
 * JSON locator under test. The end-to-end cases (C4 removed from lb.csv; a plan naming a parameter the
 * data lock lacks: exit 1, the exact stderr line, nothing written) are in test/e2e/faults.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadPlan } from '../../src/plan/load-plan.ts';
import type { Plan } from '../../src/plan/plan.ts';
import { checkPlanArms, checkPlanDataReferences } from '../../src/plan/plan-data-references.ts';
import type { AdamDatasets } from '../../src/adam/derive-adam.ts';
import { PlanError } from '../../src/core/errors.ts';
import { lineColumnOf } from '../helpers/text-position.ts';

const planText = readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8');
const trialPlan = loadPlan(planText, 'plan.json');

/** `planText` with `from`, which occurs exactly once, replaced by `to`. */
function edited(from: string, to: string): string {
  assert.ok(planText.includes(from), `"${from}" is in the plan`);
  assert.is(planText.indexOf(from), planText.lastIndexOf(from), `"${from}" occurs once in the plan`);
  return planText.replace(from, to);
}

/** The smallest ADaM the plan's references can be checked against: one record per parameter. */
function adamWith(adlb: readonly string[], adrs: readonly string[]): Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'> {
  const rows = (codes: readonly string[]) => codes.map((PARAMCD) => ({ PARAMCD }));
  return {
    adsl: [
      { USUBJID: 'S1', ARMCD: 'MSC', ARM: 'Umbilical-cord MSC', TRT01P: 'Umbilical-cord MSC', STRATUM: 'UPCR >= 3' },
      { USUBJID: 'S2', ARMCD: 'MMF', ARM: 'Mycophenolate mofetil', TRT01P: 'Mycophenolate mofetil', STRATUM: null },
      { USUBJID: 'S3', ARMCD: 'SCRNFAIL', ARM: 'Screen Failure', TRT01P: null, STRATUM: null },
    ],
    adlb: rows(adlb),
    adrs: rows(adrs),
  } as unknown as Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'>;
}

/** ADaM with every parameter the trial plan names (and one it does not), minus `drop`. */
function adamFor(p: Plan, drop: { adlb?: string; adrs?: string } = {}): Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'> {
  return adamWith([...p.longitudinal.params, 'ALT'].filter((c) => c !== drop.adlb), [p.primary.endpoint, 'CR'].filter((c) => c !== drop.adrs));
}

/** The PlanError that checking `text` against `adam` throws. */
function planErrorOf(text: string, adam: Pick<AdamDatasets, 'adsl' | 'adlb' | 'adrs'>): PlanError {
  try {
    checkPlanDataReferences(loadPlan(text, 'plan.json'), { file: 'plan.json', text }, adam);
  } catch (e) {
    assert.instance(e, PlanError);
    return e as PlanError;
  }
  throw new Error('expected a PlanError');
}

test('the trial plan against data with every parameter: no error', () => {
  checkPlanDataReferences(trialPlan, { file: 'plan.json', text: planText }, adamFor(trialPlan));
});

test('a longitudinal parameter no ADLB record has: PlanError at the list element longitudinal.params[i], naming it and listing what is present', () => {
  const i = trialPlan.longitudinal.params.indexOf('C4');
  assert.ok(i >= 0);
  const e = planErrorOf(planText, adamFor(trialPlan, { adlb: 'C4' }));
  assert.is(e.path, `longitudinal.params[${i}]`);
  assert.is(e.file, 'plan.json');
  const at = lineColumnOf(planText, '"C4"');
  assert.is(`${e.line}:${e.column}`, at);
  assert.is(e.message, `plan.json:${at}: longitudinal.params[${i}]: parameter "C4" has no records in ADLB (present: ALB, ALT, ANA, C3, CREAT, DSDNA, EGFR, PROT, PROTCRT); remove it from the plan or add its results to lb.csv`);
  assert.is(e.exitCode, 1);
});

test('the position comes from the text as written: the same plan on one line, and with CRLF line ends', () => {
  const oneLine = JSON.stringify(JSON.parse(planText));
  const e1 = planErrorOf(oneLine, adamFor(trialPlan, { adlb: 'C4' }));
  assert.is(`${e1.line}:${e1.column}`, `1:${oneLine.indexOf('"C4"') + 1}`);
  const crlf = planText.replace(/\n/g, '\r\n');
  const e2 = planErrorOf(crlf, adamFor(trialPlan, { adlb: 'C4' }));
  assert.is(`${e2.line}:${e2.column}`, lineColumnOf(planText, '"C4"'));
});

test('a misspelt longitudinal parameter is caught the same way', () => {
  const text = edited('"params": ["PROTCRT", "PROT",', '"params": ["PROTCRT", "UPCR", "PROT",');
  const e = planErrorOf(text, adamFor(trialPlan));
  assert.is(e.message, `plan.json:${lineColumnOf(text, '"UPCR"')}: longitudinal.params[1]: parameter "UPCR" has no records in ADLB (present: ALB, ALT, ANA, C3, C4, CREAT, DSDNA, EGFR, PROT, PROTCRT); remove it from the plan or add its results to lb.csv`);
});

test('a primary endpoint not in ADRS: PlanError at the key primary.endpoint (otherwise every subject would count as a missing-data non-responder)', () => {
  const e = planErrorOf(planText, adamFor(trialPlan, { adrs: trialPlan.primary.endpoint }));
  assert.is(e.path, 'primary.endpoint');
  assert.is(e.message, `plan.json:${lineColumnOf(planText, '"endpoint"')}: primary.endpoint: parameter "${trialPlan.primary.endpoint}" has no records in ADRS (present: CR)`);
});

test('a stratum variable no subject has: PlanError at the list element primary.strata[i]', () => {
  const text = edited('"strata": ["STRATUM"]', '"strata": ["STRATUM", "REGION"]');
  const e = planErrorOf(text, adamFor(trialPlan));
  assert.is(e.path, 'primary.strata[1]');
  assert.is(e.message, `plan.json:${lineColumnOf(text, '"REGION"')}: primary.strata[1]: ADSL variable "REGION" has no value for any subject; stratify by a variable the data lock provides or remove it`);
});

test('a plan arm no ADSL subject is in: PlanError at arms.control / arms.experimental[i], listing the arms present (checked before the parameters)', () => {
  const list = edited('"experimental": "MSC"', '"experimental": ["MSC", "MSC2"]');
  const e1 = planErrorOf(list, adamFor(trialPlan, { adlb: 'C4' }));
  assert.is(e1.path, 'arms.experimental[1]');
  assert.is(e1.message, `plan.json:${lineColumnOf(list, '"MSC2"')}: arms.experimental[1]: arm "MSC2" has no subject in ADSL (arms present: MMF, MSC, SCRNFAIL); correct the arm code or remove the arm from the plan`);
  // one experimental arm given as a string: the key itself
  const single = edited('"experimental": "MSC"', '"experimental": "MSX"');
  assert.is(planErrorOf(single, adamFor(trialPlan)).message, `plan.json:${lineColumnOf(single, '"experimental"')}: arms.experimental: arm "MSX" has no subject in ADSL (arms present: MMF, MSC, SCRNFAIL); correct the arm code or remove the arm from the plan`);
  const control = edited('"control": "MMF"', '"control": "AZA"');
  assert.is(planErrorOf(control, adamFor(trialPlan)).path, 'arms.control');
  assert.is(planErrorOf(control, adamFor(trialPlan)).message.split(': ')[0], `plan.json:${lineColumnOf(control, '"control"')}`);
});

test('checkPlanArms: an external ADSL without ARMCD matches the arm by TRT01P, else ARM (as resolveArms does)', () => {
  const text = edited('"control": "MMF", "experimental": "MSC"', '"control": "Placebo", "experimental": ["Xanomeline Low Dose"]');
  const plan = loadPlan(text, 'plan.json');
  const source = { file: 'plan.json', text };
  checkPlanArms(plan, source, [{ ARMCD: null, ARM: 'Placebo', TRT01P: null }, { ARMCD: null, ARM: 'X', TRT01P: 'Xanomeline Low Dose' }]);
  try {
    checkPlanArms(plan, source, [{ ARMCD: null, ARM: 'Placebo', TRT01P: 'Placebo' }]);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PlanError);
    assert.is((e as PlanError).message, `plan.json:${lineColumnOf(text, '"Xanomeline Low Dose"')}: arms.experimental[0]: arm "Xanomeline Low Dose" has no subject in ADSL (arms present: Placebo); correct the arm code or remove the arm from the plan`);
  }
});

test.run();
