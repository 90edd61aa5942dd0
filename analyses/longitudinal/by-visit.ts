/**
 * Descriptive summaries of a BDS parameter by arm and analysis visit as ARD records (issue 6 item 4):
 * the analysis records (ANL01FL 'Y') of the subjects of one analysis set, arm as randomised (ADSL ARMCD).
 *
 * Per group (arm label and "Total") and visit (baseline first, then the plan visits):
 * - category "AVAL": n, mean, sd, median, q1, q3, min, max (SAS QNTLDEF=5 quartiles) and the t-based CI of
 *   the mean at the descriptive level (meanLower, meanUpper; analyses/common/confidence.ts);
 * - category "CHG" (post-baseline): the same for the change from baseline; "PCHG" for percent change
 *   when requested (proteinuria);
 * - category "GEOMEAN" for log-normal parameters: estimate, lower, upper (exp of the t-interval of
 *   mean log value; Kirkwood 1979), cv; non-positive values are excluded (nNonPositive).
 * `scale` 'log2' (ANA titres, domain.md 5.1) summarises log2(AVAL) and CHG = log2(AVAL) − log2(BASE)
 * (dilution steps); the geometric mean is then of the titre itself.
 * Header N: category null, visit null, statistic "N" = subjects of the analysis set per group; with
 * `ByVisitContext.header` (closed report) an arm's N carries the arm's population trace
 * (analyses/common/analysis-sets.ts `armPopulationTraces`).
 */
import { ard, type ArdRecord, type CountTrace } from '../../src/core/ard.ts';
import { describe, geometricMean, type DescribeResult } from '../../src/stats/descriptive.ts';
import { studentTQuantile } from '../../src/stats/distributions.ts';
import type { ArmInfo } from '../framework.ts';
import { DescriptiveLevel } from '../common/confidence.ts';

/** The fields of a BDS record used here (ADLB and ADQS both have them). */
export interface BdsRow {
  USUBJID: string;
  PARAMCD: string;
  AVISIT: string | null;
  AVAL: number | null;
  BASE: number | null;
  CHG: number | null;
  PCHG: number | null;
  ANL01FL: 'Y' | 'N' | null;
}

export interface ParameterSpec {
  paramcd: string;
  /** How AVAL is analysed: as is, or log2 (titres). */
  scale: 'identity' | 'log2';
  /** Geometric means (log-normal parameter). */
  geometric: boolean;
  /** Percent change from baseline summaries (proteinuria). */
  percentChange: boolean;
}

export interface ByVisitContext {
  analysis: string;
  population: string;
  arms: readonly ArmInfo[];
  /** Baseline visit label first, then the plan visits. */
  visits: readonly string[];
  baselineVisit: string;
  /** USUBJID → ARMCD of the analysis set. */
  subjects: ReadonlyMap<string, string>;
  /** Arm label → the population trace its header N carries (who is in N, the randomised left out); none when absent. */
  header?: ReadonlyMap<string, CountTrace>;
}

/** Value on the analysis scale (null for a non-positive titre on log2). */
export function onScale(x: number | null, scale: ParameterSpec['scale']): number | null {
  if (x === null) return null;
  if (scale === 'identity') return x;
  return x > 0 ? Math.log2(x) : null;
}

function changeOnScale(r: BdsRow, scale: ParameterSpec['scale']): number | null {
  if (scale === 'identity') return r.CHG;
  const a = onScale(r.AVAL, scale);
  const b = onScale(r.BASE, scale);
  return a === null || b === null ? null : a - b;
}

function describeRecords(base: Omit<ArdRecord, 'statistic' | 'value' | 'method'>, d: DescribeResult): ArdRecord[] {
  const t = d.n >= 2 && d.se !== null && d.mean !== null ? studentTQuantile(1 - (1 - DescriptiveLevel) / 2, d.n - 1) * d.se : null;
  const stats: [string, number | null][] = [
    ['n', d.n], ['mean', d.mean], ['sd', d.sd], ['median', d.median], ['q1', d.q1], ['q3', d.q3], ['min', d.min], ['max', d.max],
    ['meanLower', t === null ? null : d.mean! - t], ['meanUpper', t === null ? null : d.mean! + t],
  ];
  return stats.map(([statistic, value]) => ard({ ...base, statistic, value, method: 'descriptive-sas-qntldef5' }));
}

function cellRecords(ctx: ByVisitContext, spec: ParameterSpec, group: string, visit: string, rows: readonly BdsRow[]): ArdRecord[] {
  const base = { analysis: ctx.analysis, population: ctx.population, parameter: spec.paramcd, group, visit };
  const out = describeRecords({ ...base, category: 'AVAL' }, describe(rows.map((r) => onScale(r.AVAL, spec.scale))));
  if (spec.geometric) {
    const g = geometricMean(rows.map((r) => r.AVAL), { level: DescriptiveLevel });
    const gb = { ...base, category: 'GEOMEAN', method: 'geometric-mean-t' };
    out.push(
      ard({ ...gb, statistic: 'n', value: g.n }), ard({ ...gb, statistic: 'estimate', value: g.estimate }),
      ard({ ...gb, statistic: 'lower', value: g.lower }), ard({ ...gb, statistic: 'upper', value: g.upper }),
      ard({ ...gb, statistic: 'cv', value: g.cv }), ard({ ...gb, statistic: 'nNonPositive', value: g.nNonPositive }),
    );
  }
  if (visit !== ctx.baselineVisit) {
    out.push(...describeRecords({ ...base, category: 'CHG' }, describe(rows.map((r) => changeOnScale(r, spec.scale)))));
    if (spec.percentChange) out.push(...describeRecords({ ...base, category: 'PCHG' }, describe(rows.map((r) => r.PCHG))));
  }
  return out;
}

/** Descriptive ARD records of one parameter by group and visit. */
export function byVisitRecords(ctx: ByVisitContext, spec: ParameterSpec, records: readonly BdsRow[]): ArdRecord[] {
  const rows = records.filter((r) => r.PARAMCD === spec.paramcd && r.ANL01FL === 'Y' && ctx.subjects.has(r.USUBJID) && r.AVISIT !== null);
  const groups: { label: string; codes: Set<string> }[] = [
    ...ctx.arms.map((a) => ({ label: a.label, codes: new Set([a.code]) })),
    { label: 'Total', codes: new Set(ctx.arms.map((a) => a.code)) },
  ];
  const out: ArdRecord[] = [];
  for (const g of groups) {
    const n = [...ctx.subjects.values()].filter((c) => g.codes.has(c)).length;
    out.push(ard({ analysis: ctx.analysis, population: ctx.population, parameter: spec.paramcd, group: g.label, statistic: 'N', value: n, subjects: ctx.header?.get(g.label) }));
    const inGroup = rows.filter((r) => g.codes.has(ctx.subjects.get(r.USUBJID)!));
    for (const v of ctx.visits) out.push(...cellRecords(ctx, spec, g.label, v, inGroup.filter((r) => r.AVISIT === v)));
  }
  return out;
}
