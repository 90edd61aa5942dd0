/**
 * Seeded pseudo-random numbers for the simulator. Never Math.random: the same seed gives the same
 * stream on every machine (only integer arithmetic, Math.imul and V8's deterministic Math.log/cos/sqrt).
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 2021; reference C code at https://prng.di.unimi.it/xoshiro128starstar.c), seeded through
 * SplitMix32 so that nearby seeds give unrelated streams. Normal draws use Box–Muller (Box & Muller,
 * Ann Math Stat 1958), one variate per call (no cached pair, so the stream position is obvious).
 */
import { InputError } from '../core/errors.ts';

/** SplitMix32 step (Steele, Lea & Flood 2014, 32-bit variant): a well-mixed 32-bit hash of `x`. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Derive the 32-bit seed of an independent sub-stream from a master seed (any safe non-negative
 * integer) and stream labels (e.g. subject index): used so each subject's data depends only on the
 * master seed and its own index.
 */
export function deriveSeed(seed: number, ...labels: number[]): number {
  let h = mix32((seed % 0x100000000) >>> 0);
  h = mix32(h ^ Math.floor(seed / 0x100000000));
  for (const l of labels) h = mix32(h ^ (l >>> 0));
  return h;
}

/** A seeded random stream (xoshiro128**). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed 32-bit unsigned seed (use deriveSeed for larger or composite seeds). */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      return mix32(s);
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Uniform on [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer uniform on [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) throw new InputError('hi', `int(${lo}, ${hi}): need integers with lo <= hi`);
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal variate scaled: mean + sd × Z (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal variate: exp(N(log(median), sdLog²)). */
  lognormal(median: number, sdLog: number): number {
    return Math.exp(this.normal(Math.log(median), sdLog));
  }

  /** Binomial(n, p) count by summing Bernoulli draws (n is small in the simulator). */
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.uniform() < p) k++;
    return k;
  }

  /** Poisson(mean) count by inversion (means in the simulator are < 10). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let prod = this.uniform();
    while (prod > limit) {
      k++;
      prod *= this.uniform();
    }
    return k;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)];
  }

  /** One element chosen with the given non-negative weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.uniform() * total;
    for (let i = 0; i < items.length; i++) {
      u -= weights[i];
      if (u < 0) return items[i];
    }
    return items[items.length - 1];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
