/**
 * Argument checks shared by the survival and competing-risks methods. Every check throws an
 * `InputError` naming the offending argument, so a caller can tell which vector is wrong.
 *
 * Conventions: times are non-negative finite numbers in any unit (the results carry the same unit);
 * event indicators are 0 (censored) or 1 (event); competing-risks status codes are 0, 1 or 2.
 */
import { InputError } from '../../core/errors.ts';

/** Throws unless `values` is a non-empty array of finite numbers ≥ 0. */
export function checkTimes(values: readonly number[], argument: string): void {
  if (!Array.isArray(values)) throw new InputError(argument, 'must be an array of numbers');
  if (values.length === 0) throw new InputError(argument, 'must not be empty');
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError(argument, `element ${i} is ${String(v)}; times must be finite numbers`);
    }
    if (v < 0) throw new InputError(argument, `element ${i} is ${v}; times must be ≥ 0`);
  }
}

/** Throws unless every element of `values` is one of `allowed` (integer codes). */
export function checkCodes(values: readonly number[], argument: string, allowed: readonly number[]): void {
  if (!Array.isArray(values)) throw new InputError(argument, 'must be an array of numbers');
  for (let i = 0; i < values.length; i++) {
    if (!allowed.includes(values[i])) {
      throw new InputError(argument, `element ${i} is ${String(values[i])}; allowed codes are ${allowed.join(', ')}`);
    }
  }
}

/** Throws unless `values` has exactly `n` elements (the length of `time`). */
export function checkLength(values: readonly unknown[], argument: string, n: number): void {
  if (!Array.isArray(values)) throw new InputError(argument, 'must be an array');
  if (values.length !== n) {
    throw new InputError(argument, `has ${values.length} elements but time has ${n}; lengths must match`);
  }
}

/** Throws unless `level` is a confidence level strictly between 0 and 1. */
export function checkLevel(level: number, argument = 'level'): void {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new InputError(argument, `must be a number strictly between 0 and 1, got ${String(level)}`);
  }
}

/** Throws unless every element is a string or a finite number (group / stratum labels). */
export function checkLabels(values: readonly (string | number)[], argument: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') continue;
    if (typeof v === 'number' && Number.isFinite(v)) continue;
    throw new InputError(argument, `element ${i} is ${String(v)}; labels must be strings or finite numbers`);
  }
}

/**
 * Distinct labels in a stable, locale-independent order: numerically when every label is a number,
 * otherwise by UTF-16 code units of the string form (the order R gives a factor of ASCII labels).
 */
export function sortedLevels<G extends string | number>(values: readonly G[]): G[] {
  const distinct = [...new Set(values)];
  if (distinct.every((v) => typeof v === 'number')) return distinct.sort((a, b) => (a as number) - (b as number));
  return distinct.sort((a, b) => {
    const sa = String(a);
    const sb = String(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  });
}
