/**
 * Runners for the Farrington–Manning non-inferiority power and sample size (src/stats/power.ts), cross-checked
 * against R rpact in test/references/fm-power/fm-power-cases.json (section X). ../shared/reference has
 * superiority power only (statsmodels 0.13.5 cannot do NI power: README "Known discrepancies").
 * Convention of the cases: H0: p1 − p2 ≤ −margin, group 1 = experimental, one-sided α, `ratio` = n2/n1.
 */
import { farringtonManningPower, farringtonManningSampleSize } from '../../stats/power.ts';
import type { ReferenceCase } from '../case-file.ts';
import { assertInputIs, inputNumber } from '../inputs.ts';
import type { Runner } from '../runner.ts';

/** The NI design shared by the power and sample-size cases (the alternative checked to be the convention above). */
function niDesign(c: ReferenceCase): { p1: number; p2: number; margin: number; alphaOneSided: number } {
  assertInputIs(c, 'alternative', ['p1 - p2 > -margin']);
  return { p1: inputNumber(c, 'p1'), p2: inputNumber(c, 'p2'), margin: inputNumber(c, 'margin'), alphaOneSided: inputNumber(c, 'alpha_one_sided') };
}

const power: Runner = {
  api: 'farringtonManningPower({ p1, p2, margin, n1, n2, alphaOneSided: alpha_one_sided })',
  mapping: 'Power of the one-sided Farrington–Manning score test of H0: p1 − p2 ≤ −margin at the true rates (p1, p2) with n1 and n2 subjects (rpact getPowerRates with thetaH0 = −margin, allocationRatioPlanned = n1/n2).',
  run(c) {
    return { power: farringtonManningPower({ ...niDesign(c), n1: inputNumber(c, 'n1'), n2: inputNumber(c, 'n2') }) };
  },
};

const sampleSize: Runner = {
  api: 'farringtonManningSampleSize({ p1, p2, margin, power, ratio, alphaOneSided: alpha_one_sided })',
  mapping: 'Continuous group sizes n1 and n2 = ratio·n1 (ratio = n2/n1; rpact allocationRatioPlanned = 1/ratio) and n1 rounded up (n1_ceiling = n1Ceiling).',
  run(c) {
    const r = farringtonManningSampleSize({ ...niDesign(c), power: inputNumber(c, 'power'), ratio: inputNumber(c, 'ratio') });
    return { n1: r.n1, n2: r.n2, n1_ceiling: r.n1Ceiling };
  },
};

/** Reference `method` → runner: Farrington–Manning NI power and sample size. */
export const niPowerRunners: Readonly<Record<string, Runner>> = {
  farrington_manning_ni_power: power,
  farrington_manning_ni_samplesize: sampleSize,
};
