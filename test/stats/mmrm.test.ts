/**
 * fitMMRM against shared/reference/E_mmrm.json (R 4.2.2, nlme 3.1-162 gls with corSymm + varIdent =
 * unstructured Σ, REML; emmeans 1.8.4-1 LS means and arm differences), plus behaviour tests and an
 * independent finite-difference oracle for the analytic Satterthwaite df.
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matrix, inverse } from 'ml-matrix';
import { fitMMRM, type MmrmResult, type MmrmRow } from '../../src/stats/mmrm.ts';
import { InputError } from '../../src/core/errors.ts';
import { buildDesign, designRow } from '../../src/stats/mmrm/design.ts';
import { covarianceModel } from '../../src/stats/mmrm/covariance.ts';
import { evaluateReml } from '../../src/stats/mmrm/reml.ts';
import { assertClose } from '../helpers/close.ts';
import { casesFor, type ReferenceCase } from '../helpers/reference.ts';

interface ERow { subject: string; arm: string; visit: string; base: number; chg: number | null }
const VISITS = ['W4', 'W8', 'W12', 'W16', 'W20', 'W24'];
const ARMS = ['Control', 'Active'];

function rowsOf(c: ReferenceCase): MmrmRow[] {
  return (c.inputs.rows as ERow[]).map((r) => ({ subject: r.subject, visit: r.visit, arm: r.arm, y: r.chg, covariates: { base: r.base } }));
}
const fitCache = new Map<string, MmrmResult>();
function fitCase(c: ReferenceCase, df: 'satterthwaite' | 'residual'): MmrmResult {
  const key = `${c.id}/${df}`;
  if (!fitCache.has(key)) fitCache.set(key, fitMMRM(rowsOf(c), { covariance: 'unstructured', df, visitOrder: VISITS, armOrder: ARMS }));
  return fitCache.get(key)!;
}
/** The one correlation entry (W12, W24) skipped below, with its reason. */
const isSkippedCorrelation = (j: number, k: number) => (j === 2 && k === 5) || (j === 5 && k === 2);
const tolOf = (c: ReferenceCase) => ({ abs: c.tolerance.abs, rel: c.tolerance.rel });

// ---- E: gls fit (coefficients, SEs, REML logLik, σ, varIdent ratios, correlation) ----
for (const c of casesFor('E_mmrm.json', 'mmrm_gls_fit')) {
  test(`fitMMRM gls fit: ${c.id} (${c.source})`, () => {
    const e = c.expected as {
      coefficients: Record<string, number>; se: Record<string, number>; logLik_REML: number; sigma: number;
      n_obs: number; n_subjects: number; varIdent_ratios: Record<string, number>; correlation: number[][];
    };
    const fit = fitCase(c, 'residual');
    const tol = tolOf(c);
    assert.ok(fit.converged, 'converged');
    assert.equal(fit.warnings, []);
    assert.is(fit.nObservations, e.n_obs);
    assert.is(fit.nSubjects, e.n_subjects);
    assert.equal([...fit.betaNames].sort(), Object.keys(e.coefficients).sort());
    fit.betaNames.forEach((name, i) => {
      assertClose(fit.beta[i], e.coefficients[name], tol, `coef ${name}`);
      assertClose(Math.sqrt(fit.vcov[i][i]), e.se[name], tol, `se ${name}`);
    });
    assertClose(fit.logLik, e.logLik_REML, tol, 'REML logLik');
    const s = fit.covariance.matrix;
    // gls: Σ_jk = σ² δ_j δ_k ρ_jk with δ_W4 = 1 → σ = √Σ₁₁, δ_j = √(Σ_jj/Σ₁₁), ρ_jk = Σ_jk/√(Σ_jj Σ_kk)
    assertClose(Math.sqrt(s[0][0]), e.sigma, tol, 'sigma');
    VISITS.forEach((v, j) => assertClose(Math.sqrt(s[j][j] / s[0][0]), e.varIdent_ratios[v], tol, `varIdent ${v}`));
    for (let j = 0; j < 6; j++) for (let k = 0; k < 6; k++) {
      if (isSkippedCorrelation(j, k)) continue;
      assertClose(s[j][k] / Math.sqrt(s[j][j] * s[k][k]), e.correlation[j][k], tol, `correlation ${VISITS[j]},${VISITS[k]}`);
    }
  });

  test(`REML log-likelihood at the reference Σ equals the reference logLik: ${c.id}`, () => {
    // Validates the objective independently of the optimiser: Σ_jk = σ² δ_j δ_k ρ_jk from the reference.
    const e = c.expected as { sigma: number; varIdent_ratios: Record<string, number>; correlation: number[][]; logLik_REML: number };
    const design = buildDesign(rowsOf(c), VISITS, ARMS);
    const sigma = new Float64Array(36);
    for (let j = 0; j < 6; j++) for (let k = 0; k < 6; k++) {
      sigma[j * 6 + k] = e.sigma ** 2 * e.varIdent_ratios[VISITS[j]] * e.varIdent_ratios[VISITS[k]] * e.correlation[j][k];
    }
    assertClose(evaluateReml(design, sigma, false)!.logLik, e.logLik_REML, tolOf(c), 'logLik at reference Σ');
    // Our maximum is not below gls's (it is 1.5e-8 higher: gls stops slightly short of the optimum).
    assert.ok(fitCase(c, 'residual').logLik >= e.logLik_REML, 'REML optimum at least as high as gls');
  });

  // Skipped, not loosened: ρ(W12, W24) = 0.03294 is near zero, so rel 1e-4 means 3.3e-6 absolute. We get
  // 0.032952 (|diff| 7.6e-6). gls stopped 1.5e-8 short of the REML maximum (our ℓ is higher; our ℓ at the
  // reference Σ reproduces the reference ℓ to 1e-12), a gap of ~1e-4 SE in θ that explains this entry.
  test.skip(`correlation W12,W24: ${c.id} — gls optimum is imprecise at this near-zero correlation`, () => {
    const e = c.expected as { correlation: number[][] };
    const s = fitCase(c, 'residual').covariance.matrix;
    assertClose(s[2][5] / Math.sqrt(s[2][2] * s[5][5]), e.correlation[2][5], tolOf(c), 'correlation W12,W24');
  });
}

// ---- E: LS means with emmeans mode = "df.error" ----
for (const c of casesFor('E_mmrm.json', 'mmrm_lsmeans')) {
  test(`fitMMRM LS means (df.error → df 'residual'): ${c.id} (${c.source})`, () => {
    const e = (c.expected as { lsmeans: { arm: string; visit: string; emmean: number; se: number; df: number; lower: number; upper: number }[] }).lsmeans;
    const fit = fitCase(c, 'residual');
    const tol = tolOf(c);
    assert.is(fit.lsmeans.length, e.length);
    for (const x of e) {
      const got = fit.lsmeans.find((l) => l.arm === x.arm && l.visit === x.visit);
      assert.ok(got, `LS mean ${x.arm} ${x.visit}`);
      const label = `${x.arm} ${x.visit}`;
      assertClose(got!.estimate, x.emmean, tol, `${label} emmean`);
      assertClose(got!.se, x.se, tol, `${label} se`);
      assertClose(got!.df, x.df, { rel: c.tolerance.df_rel as number }, `${label} df`);
      assertClose(got!.lower, x.lower, tol, `${label} lower`);
      assertClose(got!.upper, x.upper, tol, `${label} upper`);
    }
  });
}

// ---- E: arm differences with Satterthwaite df ----
type EContrast = { visit: string; estimate: number; se: number; df: number; lower: number; upper: number; t: number; p_two_sided: number };
for (const c of casesFor('E_mmrm.json', 'mmrm_arm_difference')) {
  const e = (c.expected as { contrasts: EContrast[] }).contrasts;
  test(`fitMMRM arm difference estimate, SE, t: ${c.id} (${c.source})`, () => {
    const fit = fitCase(c, 'satterthwaite');
    const tol = tolOf(c);
    assert.is(fit.contrasts.length, e.length);
    for (const x of e) {
      const got = fit.contrasts.find((k) => k.visit === x.visit)!;
      assert.is(got.arm, 'Active');
      assert.is(got.reference, 'Control');
      assertClose(got.estimate, x.estimate, tol, `${x.visit} estimate`);
      assertClose(got.se, x.se, tol, `${x.visit} se`);
      assertClose(got.tValue, x.t, tol, `${x.visit} t`);
    }
  });
  // Skipped, not loosened: the reference df come from emmeans "appx-satterthwaite" (gradV.kludge: 23 refits
  // on randomly perturbed y, a regression of ΔV on Δθ), not an analytic Satterthwaite. Our analytic df
  // (117.7, 113.1, 109.8, 103.0, 99.2, 96.4) equal a fully numerical Satterthwaite to 1e-8 (test below)
  // but differ from the reference (111.3, 108.8, 101.2, 89.1, 94.0, 97.7) by 1-15 %, beyond df_rel 1e-2;
  // lower, upper and p depend on df and fail with it.
  test.skip(`fitMMRM arm difference df, lower, upper, p: ${c.id} — reference df are emmeans' stochastic appx-satterthwaite`, () => {
    const fit = fitCase(c, 'satterthwaite');
    for (const x of e) {
      const got = fit.contrasts.find((k) => k.visit === x.visit)!;
      assertClose(got.df, x.df, { rel: c.tolerance.df_rel as number }, `${x.visit} df`);
      assertClose(got.lower, x.lower, tolOf(c), `${x.visit} lower`);
      assertClose(got.upper, x.upper, tolOf(c), `${x.visit} upper`);
      assertClose(got.pValue, x.p_two_sided, tolOf(c), `${x.visit} p`);
    }
  });
}

// ---- Independent R cross-check of the analytic Satterthwaite df (test/references/mmrm/satterthwaite.R) ----
// R (nlme gls refit of the E case + numDeriv) computes df = 2 (LCL')² / (g'Ag) with A the inverse Hessian of
// the REML log-likelihood: the analytic Satterthwaite that SAS DDFM=SATTERTH and R mmrm report. It is the
// reference the skipped df check above cannot be: none of its code is remit's.
// The file is in the reference case format (one case per cross-check), so `remit validate --cases` runs it too.
const rCases = JSON.parse(readFileSync(new URL('../references/mmrm/satterthwaite-r.json', import.meta.url), 'utf8')) as ReferenceCase[];
const rCase = (id: string) => rCases.find((c) => c.id === id) as ReferenceCase;
type RContrast = { visit: string; estimate: number; se: number; df: number; lower: number; upper: number; p_two_sided: number };
const rSatt = rCase('E-diff-satterthwaite-analytic-R');
test(`fitMMRM arm difference df, CI and p equal R's analytic Satterthwaite (${rSatt.source.slice(0, 60)}…)`, () => {
  const fit = fitCase(casesFor('E_mmrm.json', 'mmrm_arm_difference')[0], 'satterthwaite');
  const t = rSatt.tolerance as { abs: number; df_rel: number; lower_abs: number; upper_abs: number; p_two_sided_abs: number };
  const contrasts = (rSatt.expected as { contrasts: RContrast[] }).contrasts;
  assert.is(contrasts.length, VISITS.length);
  for (const x of contrasts) {
    const got = fit.contrasts.find((k) => k.visit === x.visit)!;
    assertClose(got.estimate, x.estimate, { abs: t.abs }, `${x.visit} estimate`);
    assertClose(got.se, x.se, { abs: t.abs }, `${x.visit} se`);
    assertClose(got.df, x.df, { rel: t.df_rel }, `${x.visit} df`);
    assertClose(got.lower, x.lower, { abs: t.lower_abs }, `${x.visit} lower`);
    assertClose(got.upper, x.upper, { abs: t.upper_abs }, `${x.visit} upper`);
    assertClose(got.pValue, x.p_two_sided, { abs: t.p_two_sided_abs }, `${x.visit} p`);
  }
});

test('the R cross-check cases replay exactly the rows of the E reference case', () => {
  const e = casesFor('E_mmrm.json', 'mmrm_arm_difference')[0];
  for (const c of rCases) assert.equal(c.inputs.rows, e.inputs.rows, c.id);
});

// The skipped ρ(W12, W24) above, against R's own further-maximised REML (hand-built likelihood, BFGS).
const rOpt = rCase('E-mmrm-fit-reml-optimum-R');
test(`fitMMRM covariance parameters equal R's hand-built REML optimum, incl. ρ(W12, W24) (${rOpt.id})`, () => {
  const e = rOpt.expected as { logLik_REML: number; sigma: number; varIdent_ratios: Record<string, number>; correlation: number[][] };
  const fit = fitCase(casesFor('E_mmrm.json', 'mmrm_gls_fit')[0], 'residual');
  const s = fit.covariance.matrix;
  const tol = { abs: rOpt.tolerance.abs };
  assertClose(fit.logLik, e.logLik_REML, tol, 'REML logLik');
  assertClose(Math.sqrt(s[0][0]), e.sigma, tol, 'sigma');
  VISITS.forEach((v, j) => assertClose(Math.sqrt(s[j][j] / s[0][0]), e.varIdent_ratios[v], tol, `varIdent ${v}`));
  for (let j = 0; j < 6; j++) for (let k = 0; k < 6; k++) {
    assertClose(s[j][k] / Math.sqrt(s[j][j] * s[k][k]), e.correlation[j][k], tol, `correlation ${VISITS[j]},${VISITS[k]}`);
  }
});

// ---- Satterthwaite oracle: df = 2 (LᵀCL)² / (gᵀ H⁻¹ g) with g and H by central finite differences ----
test('fitMMRM Satterthwaite df equal a finite-difference Satterthwaite on the E data', () => {
  const c = casesFor('E_mmrm.json', 'mmrm_arm_difference')[0];
  const fit = fitCase(c, 'satterthwaite');
  const design = buildDesign(rowsOf(c), VISITS, ARMS);
  const model = covarianceModel('unstructured', VISITS);
  const theta = Float64Array.from(fit.covariance.parameters);
  const n = theta.length; const p = design.p;
  const at = (t: Float64Array) => evaluateReml(design, model.sigma(t), false)!;
  const shift = (t: Float64Array, i: number, h: number) => { const u = Float64Array.from(t); u[i] += h; return u; };
  const step = (i: number) => 1e-4 * Math.abs(theta[i]);
  // Hessian of −ℓ by second differences of the log-likelihood value only
  const hess = new Array(n).fill(0).map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    const hi = step(i); const hj = step(j);
    const f = (a: number, b: number) => at(shift(shift(theta, i, a * hi), j, b * hj)).logLik;
    hess[i][j] = hess[j][i] = -(f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * hi * hj);
  }
  const a = inverse(new Matrix(hess));
  for (const v of [0, 3, 5]) {
    const l = designRow(1, v, design.covariateMeans, 2, 6).map((x, i) => x - designRow(0, v, design.covariateMeans, 2, 6)[i]);
    const lcl = (t: Float64Array) => { const ev = at(t); let s = 0; for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) s += l[i] * ev.vcovBeta[i * p + j] * l[j]; return s; };
    const g = Array.from({ length: n }, (_, i) => (lcl(shift(theta, i, step(i))) - lcl(shift(theta, i, -step(i)))) / (2 * step(i)));
    let q = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += g[i] * a.get(i, j) * g[j];
    const df = (2 * lcl(theta) ** 2) / q;
    assertClose(fit.contrasts[v].df, df, { rel: 1e-5 }, `${VISITS[v]} Satterthwaite df vs finite differences`);
  }
});

// ---- behaviour ----
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
/** Simulated trial: subjects × 4 visits, baseline covariate, AR-like errors, given missingness. */
function simulate(nPerArm: number, seed: number, missing: (subject: number, visit: number, u: number) => boolean): MmrmRow[] {
  const u = rng(seed);
  const norm = () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
  const rows: MmrmRow[] = [];
  for (let s = 0; s < 2 * nPerArm; s++) {
    const arm = s < nPerArm ? 'MMF' : 'MSC'; const base = norm(); let e = 0;
    for (let v = 0; v < 4; v++) {
      e = 0.6 * e + norm();
      const y = 1 + 0.5 * base - 0.2 * v + (arm === 'MSC' ? 0.3 * v : 0) + e;
      rows.push({ subject: `S${s}`, visit: `V${v + 1}`, arm, y: missing(s, v, u()) ? null : y, covariates: { base } });
    }
  }
  return rows;
}

test('fitMMRM: monotone dropout and intermittent missing visits still fit', () => {
  const rows = simulate(40, 7, (s, v, x) => (s % 5 === 0 && v >= 2) || (s % 7 === 3 && v === 1) || x < 0.05);
  const fit = fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite', armOrder: ['MMF', 'MSC'] });
  assert.ok(fit.converged);
  assert.is(fit.nObservations, rows.filter((r) => r.y !== null).length);
  assert.is(fit.lsmeans.length, 8);
  for (const k of fit.contrasts) {
    assert.ok(Number.isFinite(k.df) && k.df > 0 && k.se > 0 && k.lower < k.estimate && k.estimate < k.upper, `contrast ${k.visit}`);
  }
});

test('fitMMRM: compound symmetry and AR(1) fit and nest below unstructured in REML logLik', () => {
  const rows = simulate(40, 11, (_s, _v, x) => x < 0.1);
  const opts = { df: 'satterthwaite' as const, armOrder: ['MMF', 'MSC'] };
  const un = fitMMRM(rows, { ...opts, covariance: 'unstructured' });
  const cs = fitMMRM(rows, { ...opts, covariance: 'compound-symmetry' });
  const ar = fitMMRM(rows, { ...opts, covariance: 'ar1' });
  assert.ok(un.converged && cs.converged && ar.converged);
  assert.ok(cs.logLik <= un.logLik + 1e-8 && ar.logLik <= un.logLik + 1e-8);
  const [rho] = ar.covariance.parameters;
  assert.ok(rho > 0 && rho < 1, `AR(1) rho ${rho}`);
});

test('fitMMRM: an arm without observations at a visit → InputError naming arm and visit', () => {
  const rows = simulate(10, 3, (s, v) => s >= 10 && v === 2);
  assert.throws(
    () => fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite' }),
    (e: unknown) => e instanceof InputError && /"MSC"/.test(e.message) && /"V3"/.test(e.message),
  );
});

test('fitMMRM: a constant covariate (singular design) → InputError naming the covariate', () => {
  const rows = simulate(10, 3, () => false).map((r) => ({ ...r, covariates: { base: 2 } }));
  assert.throws(
    () => fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite' }),
    (e: unknown) => e instanceof InputError && e.argument === 'covariates.base' && /rank deficient/.test(e.message),
  );
});

test('fitMMRM: bad arguments throw InputError naming the argument', () => {
  const rows = simulate(5, 1, () => false);
  const bad = (f: () => unknown, arg: string) => assert.throws(f, (e: unknown) => e instanceof InputError && e.argument === arg);
  bad(() => fitMMRM([], { covariance: 'unstructured', df: 'satterthwaite' }), 'rows');
  bad(() => fitMMRM(rows, { covariance: 'toeplitz' as never, df: 'satterthwaite' }), 'options.covariance');
  bad(() => fitMMRM(rows, { covariance: 'unstructured', df: 'kenward-roger' as never }), 'options.df');
  bad(() => fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite', level: 95 }), 'options.level');
  bad(() => fitMMRM([...rows, { ...rows[0] }], { covariance: 'unstructured', df: 'satterthwaite' }), `rows[${rows.length}]`);
  bad(() => fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite', armOrder: ['MMF'] }), 'armOrder');
});

test('fitMMRM: non-convergence is reported, not hidden', () => {
  const rows = simulate(30, 5, (_s, _v, x) => x < 0.1);
  const fit = fitMMRM(rows, { covariance: 'unstructured', df: 'satterthwaite', maxIterations: 1 });
  assert.is(fit.converged, false);
  assert.ok(fit.warnings.some((w) => /did not converge/.test(w)));
});

test('fitMMRM: deterministic — two fits give identical numbers', () => {
  const rows = simulate(30, 9, (_s, _v, x) => x < 0.15);
  const opts = { covariance: 'unstructured' as const, df: 'satterthwaite' as const };
  assert.equal(fitMMRM(rows, opts), fitMMRM(rows, opts));
});

test.run();
