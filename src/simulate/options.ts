/**
 * Options of the synthetic trial generator, their defaults and validation.
 * Probabilities are of the *latent* response state (before intercurrent events and missing data).
 */
import { InputError } from '../core/errors.ts';

export interface SimulationOptions {
  /** Number of randomised subjects, 2–100000. */
  subjects: number;
  /** Master seed, a safe non-negative integer (default 20180709). */
  seed?: number;
  /** Latent probability of total remission (CR or PR) at week 24, MSC arm (default 0.60). */
  pMscRemission?: number;
  /** Latent probability of total remission at week 24, MMF arm (default 0.60). */
  pMmfRemission?: number;
  /** Latent probability of total remission at week 12, both arms (default 0.35). */
  pWeek12Remission?: number;
  /** Share of week-24 remissions that are complete (default 0.40). */
  crShare?: number;
}

export type ResolvedOptions = Required<SimulationOptions>;

export const DefaultSeed = 20180709;
export const MaxSubjects = 100000;

/**
 * Fill defaults and validate.
 * @throws InputError naming the offending option.
 */
export function resolveOptions(o: SimulationOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    subjects: o.subjects,
    seed: o.seed ?? DefaultSeed,
    pMscRemission: o.pMscRemission ?? 0.6,
    pMmfRemission: o.pMmfRemission ?? 0.6,
    pWeek12Remission: o.pWeek12Remission ?? 0.35,
    crShare: o.crShare ?? 0.4,
  };
  if (!Number.isInteger(r.subjects) || r.subjects < 2 || r.subjects > MaxSubjects) {
    throw new InputError('subjects', `must be an integer from 2 to ${MaxSubjects}, got ${r.subjects}`);
  }
  if (!Number.isSafeInteger(r.seed) || r.seed < 0) throw new InputError('seed', `must be a non-negative safe integer, got ${r.seed}`);
  for (const k of ['pMscRemission', 'pMmfRemission', 'pWeek12Remission', 'crShare'] as const) {
    const p = r[k];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new InputError(k, `must be a probability in [0, 1], got ${p}`);
  }
  if (r.pWeek12Remission > Math.min(r.pMscRemission, r.pMmfRemission) + 0.1) {
    throw new InputError('pWeek12Remission', 'must not exceed the week-24 remission probabilities by more than 0.1');
  }
  return r;
}
