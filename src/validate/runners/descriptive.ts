/** Runner for section F of ../shared/reference: descriptive statistics (src/stats/descriptive.ts). */
import { describe, geometricMean, type QuantileDefinition } from '../../stats/descriptive.ts';
import { inputNumbers } from '../inputs.ts';
import type { Runner } from '../runner.ts';

const descriptive: Runner = {
  api: "describe(x, { quantiles }) for 'sas5' (R type 2), 'r7', 'sas4' (R type 6); geometricMean(x)",
  mapping: 'q1_q2_q3_* = [q1, median, q3] of each quantile definition; geometric mean with a Student t interval on log x; geometric_sd = gsd.',
  toleranceAlias: { geometric_mean_lower95: 'geometric_mean_ci', geometric_mean_upper95: 'geometric_mean_ci' },
  run(c) {
    const x = inputNumbers(c, 'x');
    const d = describe(x);
    const quartiles = (q: QuantileDefinition) => {
      const r = describe(x, { quantiles: q });
      return [r.q1, r.median, r.q3];
    };
    const g = geometricMean(x);
    return {
      n: d.n,
      mean: d.mean,
      sd: d.sd,
      median: d.median,
      min: d.min,
      max: d.max,
      q1_q2_q3_sas_qntldef5_r_type2: quartiles('sas5'),
      q1_q2_q3_r_type7: quartiles('r7'),
      q1_q2_q3_sas_qntldef4_r_type6: quartiles('sas4'),
      geometric_mean: g.estimate,
      geometric_mean_lower95: g.lower,
      geometric_mean_upper95: g.upper,
      geometric_sd: g.gsd,
    };
  },
};

/** Reference `method` → runner, section F. */
export const descriptiveRunners: Readonly<Record<string, Runner>> = { descriptive_statistics: descriptive };
