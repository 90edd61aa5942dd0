/**
 * Farrington–Manning non-inferiority power and sample size (src/stats/power.ts) against the R package
 * rpact (getPowerRates / getSampleSizeRates with thetaH0 = −margin): the cases of
 * test/references/fm-power/fm-power-cases.json (shared case format, section X), written by fm-power.R in the
 * same folder (printed output: fm-power.out.txt); `remit validate --cases` runs the same file. shared/reference/
 * has power cases for the superiority z test only (test/stats/power.test.ts); these are the NI cases. Every
 * case of the file is run, at the case's own tolerance.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { farringtonManningPower, farringtonManningSampleSize } from '../../src/stats/power.ts';
import type { ReferenceCase } from '../../src/validate/case-file.ts';
import { assertClose } from '../helpers/close.ts';

interface Inputs {
  p1: number;
  p2: number;
  margin: number;
  alpha_one_sided: number;
  n1: number;
  n2: number;
  power: number;
  ratio: number;
}
type FmCase = ReferenceCase<Inputs, { power: number; n1: number; n2: number; n1_ceiling: number }>;

const cases = JSON.parse(readFileSync(new URL('../references/fm-power/fm-power-cases.json', import.meta.url), 'utf8')) as FmCase[];
const powerCases = cases.filter((c) => c.method === 'farrington_manning_ni_power');
const sizeCases = cases.filter((c) => c.method === 'farrington_manning_ni_samplesize');

test('the rpact case file has power and sample-size cases, and nothing else', () => {
  assert.ok(powerCases.length >= 5 && sizeCases.length >= 3);
  assert.is(powerCases.length + sizeCases.length, cases.length);
});

for (const c of powerCases) {
  const { p1, p2, margin, n1, n2, alpha_one_sided: alphaOneSided } = c.inputs;
  test(`${c.id}: farringtonManningPower = rpact getPowerRates: p1 ${p1}, p2 ${p2}, M ${margin}, n ${n1}/${n2}, α ${alphaOneSided}`, () => {
    assertClose(farringtonManningPower({ p1, p2, margin, n1, n2, alphaOneSided }), c.expected.power, c.tolerance, 'power');
  });
}

for (const c of sizeCases) {
  const { p1, p2, margin, power, ratio, alpha_one_sided: alphaOneSided } = c.inputs;
  test(`${c.id}: farringtonManningSampleSize = rpact getSampleSizeRates: p1 ${p1}, p2 ${p2}, M ${margin}, power ${power}, ratio ${ratio}`, () => {
    const r = farringtonManningSampleSize({ p1, p2, margin, power, ratio, alphaOneSided });
    assertClose(r.n1, c.expected.n1, c.tolerance, 'n1');
    assertClose(r.n2, c.expected.n2, c.tolerance, 'n2');
    assert.is(r.n1Ceiling, c.expected.n1_ceiling);
  });
}

test.run();
