/**
 * Farrington–Manning non-inferiority power and sample size (src/stats/power.ts) against the R package
 * rpact (getPowerRates / getSampleSizeRates with thetaH0 = −margin): test/references/fm-power/fm-power-rpact.json,
 * written by fm-power.R in the same folder (printed output: fm-power.out.txt). shared/reference/ has power
 * cases for the superiority z test only (test/stats/power.test.ts); these are the NI cases. Every case of
 * the file is run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { farringtonManningPower, farringtonManningSampleSize } from '../../src/stats/power.ts';
import { assertClose } from '../helpers/close.ts';

interface FmReference {
  source: string;
  tolerance: { power: number; n: number };
  power: { p1: number; p2: number; margin: number; n1: number; n2: number; alphaOneSided: number; power: number }[];
  sampleSize: { p1: number; p2: number; margin: number; power: number; ratio: number; alphaOneSided: number; n1: number; n2: number }[];
}

const ref = JSON.parse(readFileSync(new URL('../references/fm-power/fm-power-rpact.json', import.meta.url), 'utf8')) as FmReference;

test('the rpact reference file has power and sample-size cases', () => {
  assert.ok(ref.power.length >= 5 && ref.sampleSize.length >= 3);
});

for (const c of ref.power) {
  test(`farringtonManningPower = rpact getPowerRates: p1 ${c.p1}, p2 ${c.p2}, M ${c.margin}, n ${c.n1}/${c.n2}, α ${c.alphaOneSided}`, () => {
    const { power: expected, ...input } = c;
    assertClose(farringtonManningPower(input), expected, { abs: ref.tolerance.power }, 'power');
  });
}

for (const c of ref.sampleSize) {
  test(`farringtonManningSampleSize = rpact getSampleSizeRates: p1 ${c.p1}, p2 ${c.p2}, M ${c.margin}, power ${c.power}, ratio ${c.ratio}`, () => {
    const r = farringtonManningSampleSize({ p1: c.p1, p2: c.p2, margin: c.margin, power: c.power, ratio: c.ratio, alphaOneSided: c.alphaOneSided });
    assertClose(r.n1, c.n1, { rel: ref.tolerance.n }, 'n1');
    assertClose(r.n2, c.n2, { rel: ref.tolerance.n }, 'n2');
    assert.is(r.n1Ceiling, Math.ceil(c.n1));
  });
}

test.run();
