/**
 * Runners for sections A and B of ../shared/reference: two-sample risk-difference intervals
 * (src/stats/proportions.ts), non-inferiority z tests (src/stats/noninferiority.ts) and superiority
 * power / sample size (src/stats/power.ts).
 */
import { farringtonManningTest, waldNITest, type ScoreVariance } from '../../stats/noninferiority.ts';
import { powerRiskDifference, sampleSizeRiskDifference } from '../../stats/power.ts';
import { riskDifferenceCI, type RiskDifferenceMethod } from '../../stats/proportions.ts';
import type { ReferenceCase } from '../case-file.ts';
import { assertInputIs, inputNumber, inputNumberOr, inputTwoArms } from '../inputs.ts';
import type { Runner } from '../runner.ts';

/** The superiority design of a section B power / sample-size case: two-sided α, ratio = n2/n1 (default 1). */
function superiorityDesign(c: ReferenceCase) {
  return {
    diff: inputNumber(c, 'diff'),
    prop2: inputNumber(c, 'prop2'),
    ratio: inputNumberOr(c, 'ratio', 1),
    alpha: inputNumber(c, 'alpha_two_sided'),
    alternative: 'two-sided' as const,
  };
}

function riskDifferenceRunner(method: RiskDifferenceMethod): Runner {
  return {
    api: `riskDifferenceCI(x1, n1, x2, n2, { method: '${method}', level: conf_level, truncate })`,
    mapping:
      'estimate = x1/n1 − x2/n2 with its two-sided interval. Limits are truncated to [−1, 1] (SAS, Newcombe) except for cases whose notes say the software "does not truncate" (statsmodels Agresti–Caffo; reference README "Truncation").',
    run(c) {
      assertInputIs(c, 'contrast', ['p1 - p2']);
      const truncate = !/does not truncate/.test(c.notes ?? '');
      const [x1, n1, x2, n2] = inputTwoArms(c);
      return riskDifferenceCI(x1, n1, x2, n2, { method, level: inputNumber(c, 'conf_level'), truncate });
    },
  };
}

function scoreTestRunner(variance: ScoreVariance): Runner {
  return {
    api: `farringtonManningTest(x1, n1, x2, n2, margin, { variance: '${variance}' })`,
    mapping: 'H0: p1 − p2 ≤ −margin; z, one-sided upper-tail p (p_one_sided = pValue) and the restricted MLEs under p1 − p2 = −margin.',
    run(c) {
      assertInputIs(c, 'alternative', ['p1 - p2 > -margin']);
      const [x1, n1, x2, n2] = inputTwoArms(c);
      const r = farringtonManningTest(x1, n1, x2, n2, inputNumber(c, 'margin'), { variance });
      return { z: r.z, p_one_sided: r.pValue, p1_restricted: r.p1Restricted, p2_restricted: r.p2Restricted };
    },
  };
}

const waldNi: Runner = {
  api: 'waldNITest(x1, n1, x2, n2, margin)',
  mapping: 'H0: p1 − p2 ≤ −margin, unpooled variance; p_one_sided = pValue (upper tail).',
  run(c) {
    assertInputIs(c, 'alternative', ['p1 - p2 > -margin']);
    const [x1, n1, x2, n2] = inputTwoArms(c);
    const r = waldNITest(x1, n1, x2, n2, inputNumber(c, 'margin'));
    return { z: r.z, p_one_sided: r.pValue };
  },
};

const power: Runner = {
  api: "powerRiskDifference({ diff, prop2, nobs1, ratio, alpha: alpha_two_sided, alternative: 'two-sided' })",
  mapping: 'Superiority (H0: p1 = p2) power; std_null / std_alt are the standard deviations per √nobs1 (stdNull, stdAlt).',
  run(c) {
    const r = powerRiskDifference({ ...superiorityDesign(c), nobs1: inputNumber(c, 'nobs1') });
    return { power: r.power, std_null: r.stdNull, std_alt: r.stdAlt };
  },
};

const sampleSize: Runner = {
  api: "sampleSizeRiskDifference({ diff, prop2, power, ratio, alpha: alpha_two_sided, alternative: 'two-sided' })",
  mapping: 'Continuous (not rounded up) group-1 sample size, upper tail only (statsmodels samplesize_proportions_2indep_onetail).',
  run(c) {
    const r = sampleSizeRiskDifference({ ...superiorityDesign(c), power: inputNumber(c, 'power') });
    return { nobs1: r.nobs1 };
  },
};

/** Reference `method` → runner, sections A and B. */
export const proportionRunners: Readonly<Record<string, Runner>> = {
  wald: riskDifferenceRunner('wald'),
  wald_cc: riskDifferenceRunner('wald-cc'),
  newcombe_hybrid_score: riskDifferenceRunner('newcombe'),
  newcombe_hybrid_score_cc: riskDifferenceRunner('newcombe-cc'),
  miettinen_nurminen: riskDifferenceRunner('miettinen-nurminen'),
  agresti_caffo: riskDifferenceRunner('agresti-caffo'),
  farrington_manning_ni_test: scoreTestRunner('farrington-manning'),
  miettinen_nurminen_score_ni_test: scoreTestRunner('miettinen-nurminen'),
  wald_ni_test: waldNi,
  power_2indep: power,
  samplesize_2indep: sampleSize,
};
