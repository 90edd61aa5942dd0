/**
 * Runners for section D of ../shared/reference: Kaplan–Meier, KM median, log-rank, Cox
 * (src/stats/survival.ts) and cumulative incidence with Gray's test (src/stats/competing-risks.ts).
 * Every case embeds its dataset as `inputs.rows` of { time, status, group }.
 */
import { InputError } from '../../core/errors.ts';
import { cumulativeIncidence, cumulativeIncidenceAt, grayTest } from '../../stats/competing-risks.ts';
import { coxPH, kaplanMeier, kmQuantile, logRankTest, numberAtRisk, survivalAt, KM_CONF_TYPES, type KmConfType } from '../../stats/survival.ts';
import type { ReferenceCase } from '../case-file.ts';
import { inputNumber, inputNumbers, inputRows, inputString } from '../inputs.ts';
import type { Runner } from '../runner.ts';

interface Columns {
  time: number[];
  status: number[];
  group: string[];
}

function columns(c: ReferenceCase): Columns {
  const rows = inputRows(c, 'rows', { time: 'number', status: 'number', group: 'string|number' });
  return { time: rows.map((r) => r.time), status: rows.map((r) => r.status), group: rows.map((r) => String(r.group)) };
}

/** Group labels sorted by code units, as R sorts the levels of a character factor. */
function groupsOf(cols: Columns): string[] {
  return [...new Set(cols.group)].sort();
}

function subset(cols: Columns, label: string): { time: number[]; event: number[] } {
  const idx = cols.group.flatMap((g, i) => (g === label ? [i] : []));
  return { time: idx.map((i) => cols.time[i]), event: idx.map((i) => cols.status[i]) };
}

function confType(c: ReferenceCase): KmConfType {
  const v = inputString(c, 'conf_type');
  if (!(KM_CONF_TYPES as readonly string[]).includes(v)) throw new InputError('inputs.conf_type', `expected one of ${KM_CONF_TYPES.join(', ')}, got "${v}"`);
  return v as KmConfType;
}

const km: Runner = {
  api: 'kaplanMeier(time, event, { confType: conf_type, level: conf_level }) per group; survivalAt(fit, t); numberAtRisk(time, [t])',
  mapping: 'One curve per group at each of inputs.times; std_err is the Greenwood SE of S(t); null limits where R gives NA.',
  keys: ['group', 'time'],
  run(c) {
    const cols = columns(c);
    const times = inputNumbers(c, 'times');
    const options = { confType: confType(c), level: inputNumber(c, 'conf_level') };
    const table = groupsOf(cols).flatMap((group) => {
      const { time, event } = subset(cols, group);
      const fit = kaplanMeier(time, event, options);
      return times.map((t) => {
        const at = survivalAt(fit, t);
        return { group, time: t, n_risk: numberAtRisk(time, [t])[0], surv: at.survival, std_err: at.stdErr, lower: at.lower, upper: at.upper };
      });
    });
    return { table };
  },
};

const kmMedian: Runner = {
  api: 'kmQuantile(time, event, { p: 0.5, confType: conf_type, level: conf_level }) per group',
  mapping: 'Median and the interval of times whose pointwise CI contains 0.5 (R print.survfit); null = not reached.',
  keys: ['group'],
  run(c) {
    const cols = columns(c);
    const options = { p: 0.5, confType: confType(c), level: inputNumber(c, 'conf_level') };
    const medians = groupsOf(cols).map((group) => {
      const { time, event } = subset(cols, group);
      const q = kmQuantile(time, event, options);
      return { group, median: q.estimate, lower: q.lower, upper: q.upper };
    });
    return { medians };
  },
};

const logRank: Runner = {
  api: 'logRankTest(time, event, group)',
  mapping: 'Unstratified log-rank (R survdiff, rho = 0); observed / expected per group in sorted group order.',
  run(c) {
    const cols = columns(c);
    const r = logRankTest(cols.time, cols.status, cols.group);
    return { chisq: r.chisq, df: r.df, p: r.pValue, observed: r.observed, expected: r.expected };
  },
};

const cox: Runner = {
  api: 'coxPH(time, event, x, { ties }) with x = indicator of the second sorted group level',
  mapping: 'Group as a factor with the first sorted level as reference (R default); loglik = [null model, fitted].',
  fieldTolerance: {
    wald_chisq: { abs: 0.005, reason: 'summary.coxph prints the Wald statistic rounded to 2 decimals (round(wald.test, 2)): half a unit of the last printed digit' },
  },
  run(c) {
    const cols = columns(c);
    const levels = groupsOf(cols);
    if (levels.length !== 2) throw new InputError('inputs.rows', `expected exactly 2 groups, got ${levels.length}`);
    const ties = inputString(c, 'ties');
    if (ties !== 'efron' && ties !== 'breslow') throw new InputError('inputs.ties', `expected "efron" or "breslow", got "${ties}"`);
    const x = cols.group.map((g) => (g === levels[1] ? 1 : 0));
    const r = coxPH(cols.time, cols.status, x, { ties });
    return {
      coef: r.coef,
      hr: r.hazardRatio,
      se: r.se,
      hr_lower: r.lower,
      hr_upper: r.upper,
      wald_z: r.z,
      wald_chisq: r.waldChisq,
      wald_p: r.pValue,
      lr_chisq: r.lrChisq,
      lr_p: r.lrPValue,
      score_chisq: r.scoreChisq,
      score_p: r.scorePValue,
      loglik: r.loglik,
    };
  },
};

const cumincGray: Runner = {
  api: 'cumulativeIncidence(time, status, { group, cause }); cumulativeIncidenceAt(curve, times); grayTest(time, status, group, { cause })',
  mapping: 'Status 0 = censored, 1 = event of interest, 2 = competing; curves named "<group> <cause>" as cmprsk; variance is cmprsk\'s; null beyond the last follow-up.',
  keys: ['curve', 'times', 'cause'],
  run(c) {
    const cols = columns(c);
    const times = inputNumbers(c, 'times');
    const curves = [];
    const gray = [];
    for (const cause of [1, 2] as const) {
      for (const curve of cumulativeIncidence(cols.time, cols.status, { group: cols.group, cause }).curves) {
        const at = cumulativeIncidenceAt(curve, times);
        curves.push({ curve: `${curve.group} ${cause}`, times, cif: at.map((a) => a?.estimate ?? null), variance: at.map((a) => a?.variance ?? null) });
      }
      const g = grayTest(cols.time, cols.status, cols.group, { cause });
      gray.push({ cause: String(cause), stat: g.chisq, p: g.pValue, df: g.df });
    }
    return { curves, gray_test: gray };
  },
};

/** Reference `method` → runner, section D. */
export const survivalRunners: Readonly<Record<string, Runner>> = {
  kaplan_meier: km,
  km_median_ci: kmMedian,
  logrank_test: logRank,
  cox_ph: cox,
  cumulative_incidence_gray: cumincGray,
};
