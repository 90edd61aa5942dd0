/**
 * Runners for section E of ../shared/reference: the MMRM (src/stats/mmrm.ts). Each case embeds the
 * dataset as `inputs.rows` of { subject, arm, visit, visitnum, base, chg } and names the R model, which
 * must be the one fitMMRM reproduces: gls(chg ~ base + arm * visit) with corSymm + varIdent by visit
 * (= unstructured Σ), REML.
 */
import { InputError } from '../../core/errors.ts';
import { fitMMRM, type DfMethod, type MmrmResult } from '../../stats/mmrm.ts';
import { sha256 } from '../../pipeline/hash.ts';
import type { ReferenceCase } from '../case-file.ts';
import { inputRows, inputString } from '../inputs.ts';
import type { Runner } from '../runner.ts';

const SUPPORTED_MODEL = /^gls\(chg ~ base \+ arm \* visit, correlation = corSymm\(form = ~ visitnum \| subject\), weights = varIdent\(form = ~ 1 \| visit\), method = 'REML'/;

/** The fits of one validation run: the E cases share one dataset, so each (data, df) is fitted once. */
const fits = new Map<string, MmrmResult>();

function referenceLevel(c: ReferenceCase, factor: 'arm' | 'visit'): string {
  const levels = (c.inputs as { reference_levels?: Record<string, unknown> }).reference_levels;
  const v = levels?.[factor];
  if (typeof v !== 'string') throw new InputError(`inputs.reference_levels.${factor}`, `expected a string, got ${JSON.stringify(v)}`);
  return v;
}

/** df method: emmeans_mode "df.error" → residual, "satterthwaite" → analytic Satterthwaite; or inputs.df_method. */
function dfMethodOf(c: ReferenceCase): DfMethod {
  const inputs = c.inputs as Record<string, unknown>;
  const mode = inputs.emmeans_mode ?? inputs.df_method;
  if (mode === 'df.error' || mode === 'residual') return 'residual';
  if (mode === 'satterthwaite') return 'satterthwaite';
  // mmrm_gls_fit cases state no df: the fit itself does not depend on it.
  if (mode === undefined && c.method === 'mmrm_gls_fit') return 'residual';
  throw new InputError('inputs.emmeans_mode', `expected "df.error" or "satterthwaite" (or inputs.df_method), got ${JSON.stringify(mode)}`);
}

function fitCase(c: ReferenceCase): MmrmResult {
  const model = inputString(c, 'model');
  if (!SUPPORTED_MODEL.test(model)) throw new InputError('inputs.model', `fitMMRM reproduces gls(chg ~ base + arm * visit, correlation = corSymm(...), weights = varIdent(...), method = 'REML'), got "${model}"`);
  const rows = inputRows(c, 'rows', { subject: 'string', arm: 'string', visit: 'string', visitnum: 'number', base: 'number', chg: 'number|null' });
  const visitOrder = [...new Map(rows.map((r) => [r.visit, r.visitnum])).entries()].sort((a, b) => a[1] - b[1]).map(([v]) => v);
  const refArm = referenceLevel(c, 'arm');
  const refVisit = referenceLevel(c, 'visit');
  if (visitOrder[0] !== refVisit) throw new InputError('inputs.reference_levels.visit', `expected the first visit by visitnum ("${visitOrder[0]}"), got "${refVisit}"`);
  const armOrder = [refArm, ...new Set(rows.map((r) => r.arm).filter((a) => a !== refArm))];
  const df = dfMethodOf(c);
  const key = `${df}:${sha256(JSON.stringify([rows, armOrder]))}`;
  let fit = fits.get(key);
  if (fit === undefined) {
    fit = fitMMRM(
      rows.map((r) => ({ subject: r.subject, visit: r.visit, arm: r.arm, y: r.chg, covariates: { base: r.base } })),
      { covariance: 'unstructured', df, visitOrder, armOrder },
    );
    if (fits.size >= 8) fits.clear();
    fits.set(key, fit);
  }
  if (!fit.converged) throw new InputError('inputs.rows', `fitMMRM did not converge: ${fit.warnings.join('; ')}`);
  return fit;
}

const FIT_CALL = "fitMMRM(rows → { subject, visit, arm, y: chg, covariates: { base } }, { covariance: 'unstructured', df, visitOrder, armOrder })";

const glsFit: Runner = {
  api: FIT_CALL,
  mapping: 'Coefficients and SEs by R name; σ = √Σ₁₁, varIdent ratio δⱼ = √(Σⱼⱼ/Σ₁₁), correlation ρⱼₖ = Σⱼₖ/√(ΣⱼⱼΣₖₖ) in visit order (gls parameterisation of the unstructured Σ).',
  run(c) {
    const fit = fitCase(c);
    const s = fit.covariance.matrix;
    const visits = fit.covariance.visits;
    return {
      coefficients: Object.fromEntries(fit.betaNames.map((n, i) => [n, fit.beta[i]])),
      se: Object.fromEntries(fit.betaNames.map((n, i) => [n, Math.sqrt(fit.vcov[i][i])])),
      logLik_REML: fit.logLik,
      sigma: Math.sqrt(s[0][0]),
      n_obs: fit.nObservations,
      n_subjects: fit.nSubjects,
      varIdent_ratios: Object.fromEntries(visits.map((v, j) => [v, Math.sqrt(s[j][j] / s[0][0])])),
      correlation: s.map((row, j) => row.map((x, k) => x / Math.sqrt(s[j][j] * s[k][k]))),
    };
  },
};

const lsmeans: Runner = {
  api: FIT_CALL + '.lsmeans',
  mapping: 'LS means by arm × visit with base at its mean over the fitted rows (emmeans default); df from emmeans_mode (df.error = residual df).',
  keys: ['arm', 'visit'],
  run(c) {
    const fit = fitCase(c);
    return { lsmeans: fit.lsmeans.map((l) => ({ arm: l.arm, visit: l.visit, emmean: l.estimate, se: l.se, df: l.df, lower: l.lower, upper: l.upper })) };
  },
};

const armDifference: Runner = {
  api: FIT_CALL + '.contrasts',
  mapping: 'Arm − reference arm at each visit ("Active - Control"); t = tValue, p_two_sided = pValue; df analytic Satterthwaite (SAS DDFM=SATTERTH, R mmrm).',
  keys: ['visit', 'contrast'],
  run(c) {
    const fit = fitCase(c);
    return {
      contrasts: fit.contrasts.map((k) => ({
        visit: k.visit,
        contrast: `${k.arm} - ${k.reference}`,
        estimate: k.estimate,
        se: k.se,
        df: k.df,
        lower: k.lower,
        upper: k.upper,
        t: k.tValue,
        p_two_sided: k.pValue,
      })),
    };
  },
};

/** Reference `method` → runner, section E. */
export const mmrmRunners: Readonly<Record<string, Runner>> = {
  mmrm_gls_fit: glsFit,
  mmrm_lsmeans: lsmeans,
  mmrm_arm_difference: armDifference,
};
