/** Runners for section C of ../shared/reference: stratified risk differences (src/stats/stratified.ts). */
import { InputError } from '../../core/errors.ts';
import { stratifiedRiskDifference, type StratumCounts } from '../../stats/stratified.ts';
import { assertInputIs, inputNumber, inputRows } from '../inputs.ts';
import type { Runner } from '../runner.ts';

const cmhWald: Runner = {
  api: "stratifiedRiskDifference(strata, { weights: 'cmh', method: 'wald' })",
  mapping: 'One stratum per centre (inputs.strata_table, Drug = group 1, Control = group 2, n = success + failure); Mantel–Haenszel weights, Sato variance (se).',
  run(c) {
    assertInputIs(c, 'contrast', ['Drug - Control']);
    const rows = inputRows(c, 'strata_table', { centre: 'string|number', treatment: 'string', success: 'number', failure: 'number' });
    const centres = [...new Set(rows.map((r) => r.centre))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const strata: StratumCounts[] = centres.map((k) => {
      const arm = (t: string) => {
        const r = rows.find((x) => x.centre === k && x.treatment === t);
        if (r === undefined) throw new InputError('inputs.strata_table', `centre ${k} has no ${t} row`);
        return r;
      };
      const drug = arm('Drug');
      const control = arm('Control');
      return { x1: drug.success, n1: drug.success + drug.failure, x2: control.success, n2: control.success + control.failure };
    });
    const r = stratifiedRiskDifference(strata, { weights: 'cmh', method: 'wald' });
    return { estimate: r.estimate, se: r.se };
  },
};

const stratifiedMn: Runner = {
  api: "stratifiedRiskDifference(strata, { weights: 'miettinen-nurminen', method: 'miettinen-nurminen', level: conf_level })",
  mapping:
    "inputs.rows replayed into one 2 × 2 table per region × sex (trt 1 = group 1, response 1 = event) and checked against inputs.stratum_counts. Weights: the case's note says Mantel–Haenszel, but SAS COMMONRISKDIFF(CL=MN), which produced the numbers, uses Miettinen–Nurminen iterative weights by default (CL=MNMH is the MH variant); with MH weights the upper limit is 6.5e-5 off (test/stats/stratified.test.ts).",
  run(c) {
    const rows = inputRows(c, 'rows', { trt: 'number', response: 'number', region: 'string|number', sex: 'string|number' });
    const quoted = inputRows(c, 'stratum_counts', { trt: 'number', x: 'number', n: 'number', region: 'string|number', sex: 'string|number' });
    const keyOf = (r: { region: string | number; sex: string | number }) => `${r.region}-${r.sex}`;
    const keys = [...new Set(rows.map(keyOf))].sort();
    const strata: StratumCounts[] = keys.map((key) => {
      const arm = (t: number) => rows.filter((r) => keyOf(r) === key && r.trt === t);
      const count = (t: number) => ({ x: arm(t).filter((r) => r.response === 1).length, n: arm(t).length });
      for (const t of [1, 2]) {
        const q = quoted.find((s) => keyOf(s) === key && s.trt === t);
        const got = count(t);
        if (q === undefined || q.x !== got.x || q.n !== got.n) {
          throw new InputError('inputs.stratum_counts', `stratum ${key} trt ${t}: rows give ${got.x}/${got.n}, quoted ${q === undefined ? 'nothing' : `${q.x}/${q.n}`}`);
        }
      }
      return { x1: count(1).x, n1: count(1).n, x2: count(2).x, n2: count(2).n };
    });
    const r = stratifiedRiskDifference(strata, { weights: 'miettinen-nurminen', method: 'miettinen-nurminen', level: inputNumber(c, 'conf_level') });
    return { estimate: r.estimate, lower: r.lower, upper: r.upper };
  },
};

/** Reference `method` → runner, section C. */
export const stratifiedRunners: Readonly<Record<string, Runner>> = {
  cmh_weighted_risk_difference: cmhWald,
  stratified_miettinen_nurminen: stratifiedMn,
};
