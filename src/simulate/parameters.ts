/**
 * The generating ("true") parameters written to truth/parameters.json: remission probabilities by arm
 * and the true mean log UPCR ratio to baseline by arm and visit under the latent model (no dropout,
 * no intercurrent events: a hypothetical-strategy quantity), with the MSC − MMF difference at week 24.
 *
 * The mean log ratio has no closed form (state-dependent ranges, see renal-values.ts), so it is the
 * mean over 200,000 latent subjects per arm drawn with a fixed internal seed (Monte Carlo standard
 * error ≈ 0.002, far below any trial's sampling error). Both arms use common random numbers, so equal
 * arm parameters give exactly equal means and a difference of exactly 0. Because UPCR = UP24 ×
 * exp(ε), E[ε] = 0, the log UPCR ratio has the same mean as the log UP24 ratio.
 */
import { Rng, deriveSeed } from './random.ts';
import { PostBaselineVisits } from './design.ts';
import { drawLatentResponse } from './latent.ts';
import { drawBaselineUp, drawUpTrajectory } from './renal-values.ts';
import type { ResolvedOptions } from './options.ts';

export interface ArmParameters {
  /** Latent P(total remission) at week 12 and week 24. */
  remissionWeek12: number;
  remissionWeek24: number;
  /** Share of week-24 remissions that are complete, before PR→CR conversion at low baseline. */
  crShare: number;
  /** Latent P(CR) at week 24 including the conversion (Monte Carlo). */
  completeRemissionWeek24: number;
  /** Mean log(UPCR_visit / UPCR_baseline) by AVISIT. */
  meanLogUpcrRatio: Record<string, number>;
}

export interface TrueParameters {
  generator: string;
  seed: number;
  subjects: number;
  monteCarloSubjectsPerArm: number;
  arms: { MSC: ArmParameters; MMF: ArmParameters };
  /** MSC − MMF difference in mean log UPCR ratio at week 24. */
  armDifferenceLogUpcrRatioWeek24: number;
  /** MSC − MMF difference in latent week-24 remission probability. */
  armDifferenceRemissionWeek24: number;
}

export const MonteCarloSubjects = 200000;
const MonteCarloSeed = 0x7a3e11;

/** Round for stable JSON (the Monte Carlo error is far larger than 1e-9). */
function r9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function armParameters(p24: number, o: ResolvedOptions): ArmParameters {
  const rng = new Rng(deriveSeed(MonteCarloSeed));
  const sums = new Array<number>(6).fill(0);
  let cr24 = 0;
  for (let k = 0; k < MonteCarloSubjects; k++) {
    const bl = drawBaselineUp(rng);
    const latent = drawLatentResponse(rng, { p24, p12: o.pWeek12Remission, crShare: o.crShare }, bl);
    const up = drawUpTrajectory(rng, latent, bl);
    for (let i = 0; i < 6; i++) sums[i] += Math.log(up[i + 1] / bl);
    if (latent.states[5] === 'CR') cr24++;
  }
  const meanLogUpcrRatio: Record<string, number> = {};
  PostBaselineVisits.forEach((v, i) => (meanLogUpcrRatio[v.avisit] = r9(sums[i] / MonteCarloSubjects)));
  return {
    remissionWeek12: o.pWeek12Remission,
    remissionWeek24: p24,
    crShare: o.crShare,
    completeRemissionWeek24: r9(cr24 / MonteCarloSubjects),
    meanLogUpcrRatio,
  };
}

const armCache = new Map<string, ArmParameters>();

/** Arm parameters, memoised on the model options (the Monte Carlo depends on nothing else). */
function cachedArmParameters(p24: number, o: ResolvedOptions): ArmParameters {
  const key = `${p24}|${o.pWeek12Remission}|${o.crShare}`;
  let a = armCache.get(key);
  if (a === undefined) {
    a = armParameters(p24, o);
    armCache.set(key, a);
  }
  return a;
}

/** Compute the true parameters of a simulation. */
export function trueParameters(o: ResolvedOptions): TrueParameters {
  const msc = cachedArmParameters(o.pMscRemission, o);
  const mmf = cachedArmParameters(o.pMmfRemission, o);
  return {
    generator: 'remit simulate (src/simulate), latent-state model v1',
    seed: o.seed,
    subjects: o.subjects,
    monteCarloSubjectsPerArm: MonteCarloSubjects,
    arms: { MSC: msc, MMF: mmf },
    armDifferenceLogUpcrRatioWeek24: r9(msc.meanLogUpcrRatio['Week 24'] - mmf.meanLogUpcrRatio['Week 24']),
    armDifferenceRemissionWeek24: r9(o.pMscRemission - o.pMmfRemission),
  };
}
