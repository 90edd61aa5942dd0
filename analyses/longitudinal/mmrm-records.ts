/**
 * MMRM on change from baseline of one parameter as ARD records (issue 6 item 4; plan.longitudinal).
 *
 * Model (src/stats/mmrm.ts = SAS PROC MIXED REML, REPEATED / TYPE=UN, DDFM=SATTERTH; R mmrm):
 *   y = baseline + arm + visit + arm × visit, post-baseline plan visits, subjects independent, missing y
 *   dropped (MAR). Identity scale: y = CHG, covariate BASE. Log scale (plan.longitudinal.logTransform):
 *   y = log(AVAL/BASE), covariate log(BASE) — natural log, except log2 for titres (ANA, domain.md 5.1);
 *   back-transformed (exp, or 2^x) the LS means are geometric mean ratios to baseline and the arm
 *   differences are ratios of geometric means (experimental / control). Subjects without a (positive,
 *   on the log scale) baseline are excluded and counted.
 *
 * ARD (analysis "longitudinal-mmrm", parameter = PARAMCD), category "mmrm" on the model scale:
 *   group = arm label, visit: estimate/se/df/lower/upper (LS mean change);
 *   group = contrast "E - C", visit: estimate/se/df/lower/upper/pValue (difference);
 * category "mmrm-ratio" (log scale only): the same back-transformed (estimate/lower/upper; pValue on
 *   the contrast); category "model", group = contrast: converged (1/0), iterations, logLik, nSubjects,
 *   nObservations, nExcluded, and "message" (string) when the fit failed or warned;
 * category and visit null, group = arm label: "N", the arm's subjects of the analysis set (the table's
 *   header N, as in the other by-arm tables), carrying the arm's population trace when given.
 * The fit reports subjects and observations for the whole model, not per visit: the table states those.
 * Non-convergence is never hidden: converged = 0 and the section prints a footnote.
 */
import { ard, type ArdRecord, type CountTrace } from '../../src/core/ard.ts';
import { ConvergenceError, InputError } from '../../src/core/errors.ts';
import { fitMMRM, type MmrmResult, type MmrmRow } from '../../src/stats/mmrm.ts';
import type { ArmInfo } from '../framework.ts';
import { contrastLabel } from '../framework.ts';
import type { BdsRow } from './by-visit.ts';
import { DescriptiveLevel } from '../common/confidence.ts';

export const MmrmAnalysis = 'longitudinal-mmrm';

export type ModelScale = 'identity' | 'log' | 'log2';

export interface MmrmContext {
  population: string;
  arms: readonly ArmInfo[];
  /** Post-baseline plan visits in time order. */
  visits: readonly string[];
  subjects: ReadonlyMap<string, string>;
  /** Arm label → the population trace its header N carries (closed report); none when absent. */
  header?: ReadonlyMap<string, CountTrace>;
  covariance: 'unstructured' | 'compound-symmetry' | 'ar1';
  df: 'satterthwaite' | 'residual';
}

function logOf(scale: ModelScale): (x: number) => number {
  return scale === 'log2' ? Math.log2 : Math.log;
}

/** Back-transform of a model-scale value (identity: none). */
export function backTransform(x: number, scale: ModelScale): number {
  return scale === 'log2' ? Math.pow(2, x) : Math.exp(x);
}

/** MMRM rows of one parameter (subject order of the analysis set), and the number excluded. */
export function mmrmRows(ctx: MmrmContext, paramcd: string, scale: ModelScale, records: readonly BdsRow[]): { rows: MmrmRow[]; excluded: number } {
  const bySubject = new Map<string, BdsRow[]>();
  for (const r of records) {
    if (r.PARAMCD !== paramcd || r.ANL01FL !== 'Y' || !ctx.subjects.has(r.USUBJID)) continue;
    (bySubject.get(r.USUBJID) ?? bySubject.set(r.USUBJID, []).get(r.USUBJID)!).push(r);
  }
  const rows: MmrmRow[] = [];
  let excluded = 0;
  const lg = logOf(scale);
  for (const [id, arm] of [...ctx.subjects.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const recs = bySubject.get(id) ?? [];
    const base = recs.find((r) => r.BASE !== null)?.BASE ?? null;
    if (base === null || (scale !== 'identity' && base <= 0)) {
      excluded++;
      continue;
    }
    for (const v of ctx.visits) {
      const r = recs.find((x) => x.AVISIT === v);
      let y: number | null = null;
      if (r !== undefined && r.AVAL !== null) {
        if (scale === 'identity') y = r.CHG ?? r.AVAL - base;
        else y = r.AVAL > 0 ? lg(r.AVAL / base) : null;
      }
      rows.push({ subject: id, visit: v, arm, y, covariates: { BASE: scale === 'identity' ? base : lg(base) } });
    }
  }
  return { rows, excluded };
}

function fitRecords(ctx: MmrmContext, paramcd: string, scale: ModelScale, fit: MmrmResult): ArdRecord[] {
  const method = `mmrm-${ctx.covariance === 'unstructured' ? 'un' : ctx.covariance}-${ctx.df}`;
  const base = { analysis: MmrmAnalysis, population: ctx.population, parameter: paramcd, method };
  const label = new Map(ctx.arms.map((a) => [a.code, a.label]));
  const out: ArdRecord[] = [];
  for (const m of fit.lsmeans) {
    const b = { ...base, group: label.get(m.arm) ?? m.arm, visit: m.visit };
    for (const s of ['estimate', 'se', 'df', 'lower', 'upper'] as const) out.push(ard({ ...b, category: 'mmrm', statistic: s, value: m[s] }));
    if (scale !== 'identity') for (const s of ['estimate', 'lower', 'upper'] as const) out.push(ard({ ...b, category: 'mmrm-ratio', statistic: s, value: backTransform(m[s], scale) }));
  }
  for (const c of fit.contrasts) {
    const e = ctx.arms.find((a) => a.code === c.arm);
    const r = ctx.arms.find((a) => a.code === c.reference);
    const group = e !== undefined && r !== undefined ? contrastLabel(e, r) : `${c.arm} - ${c.reference}`;
    const b = { ...base, group, visit: c.visit };
    for (const s of ['estimate', 'se', 'df', 'lower', 'upper', 'pValue'] as const) out.push(ard({ ...b, category: 'mmrm', statistic: s, value: c[s] }));
    if (scale !== 'identity') {
      for (const s of ['estimate', 'lower', 'upper'] as const) out.push(ard({ ...b, category: 'mmrm-ratio', statistic: s, value: backTransform(c[s], scale) }));
      out.push(ard({ ...b, category: 'mmrm-ratio', statistic: 'pValue', value: c.pValue }));
    }
  }
  return out;
}

/** The header N of each arm: its subjects in the analysis set, with the population trace when given. */
function armNRecords(ctx: MmrmContext, paramcd: string): ArdRecord[] {
  return ctx.arms.map((a) => {
    const n = [...ctx.subjects.values()].filter((code) => code === a.code).length;
    return ard({ analysis: MmrmAnalysis, population: ctx.population, parameter: paramcd, group: a.label, statistic: 'N', value: n, subjects: ctx.header?.get(a.label) });
  });
}

/**
 * Fit the MMRM of one parameter and return its ARD records (see the module note). A fit that fails
 * (empty arm × visit cell, rank-deficient design, no positive definite start) gives converged = 0 and
 * the reason in "message"; it does not throw.
 */
export function mmrmRecords(ctx: MmrmContext, paramcd: string, scale: ModelScale, records: readonly BdsRow[]): ArdRecord[] {
  const [control, ...experimental] = ctx.arms;
  const group = experimental.length > 0 ? contrastLabel(experimental[0], control) : control.label;
  const model = { analysis: MmrmAnalysis, population: ctx.population, parameter: paramcd, group, category: 'model' };
  const all = mmrmRows(ctx, paramcd, scale, records);
  const { excluded } = all;
  // Visits where some arm has no observation (e.g. a test done at weeks 12 and 24 only) are not modelled.
  const observed = (v: string) => ctx.arms.every((a) => all.rows.some((r) => r.visit === v && r.arm === a.code && r.y !== null));
  const visits = ctx.visits.filter(observed);
  const rows = all.rows.filter((r) => visits.includes(r.visit));
  const out: ArdRecord[] = [
    ...armNRecords(ctx, paramcd),
    ard({ ...model, statistic: 'nExcluded', value: excluded }),
    ard({ ...model, statistic: 'scale', value: scale }),
    ard({ ...model, statistic: 'visits', value: visits.join('; ') }),
  ];
  let fit: MmrmResult;
  try {
    fit = fitMMRM(rows, { covariance: ctx.covariance, df: ctx.df, level: DescriptiveLevel, visitOrder: visits, armOrder: ctx.arms.map((a) => a.code) });
  } catch (e) {
    if (!(e instanceof InputError) && !(e instanceof ConvergenceError)) throw e;
    return [...out, ard({ ...model, statistic: 'converged', value: 0 }), ard({ ...model, statistic: 'message', value: e.message })];
  }
  out.push(
    ard({ ...model, statistic: 'converged', value: fit.converged ? 1 : 0 }),
    ard({ ...model, statistic: 'iterations', value: fit.iterations }),
    ard({ ...model, statistic: 'logLik', value: fit.logLik }),
    ard({ ...model, statistic: 'nSubjects', value: fit.nSubjects }),
    ard({ ...model, statistic: 'nObservations', value: fit.nObservations }),
  );
  if (fit.warnings.length > 0) out.push(ard({ ...model, statistic: 'message', value: fit.warnings.join('; ') }));
  return [...out, ...fitRecords(ctx, paramcd, scale, fit)];
}
