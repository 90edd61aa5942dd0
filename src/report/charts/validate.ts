/** Argument checks shared by the chart builders: each throws InputError naming the argument. */
import { InputError } from '../../core/errors.ts';

/** A finite number. */
export function assertFinite(value: unknown, argument: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(argument, `expected a finite number, got ${String(value)}`);
}

/** A non-empty array. */
export function assertNonEmpty(values: readonly unknown[], argument: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new InputError(argument, 'expected a non-empty array');
}

/** lower ≤ estimate ≤ upper, all finite. */
export function assertInterval(estimate: number, lower: number, upper: number, argument: string): void {
  assertFinite(estimate, `${argument}.estimate`);
  assertFinite(lower, `${argument}.lower`);
  assertFinite(upper, `${argument}.upper`);
  if (!(lower <= estimate && estimate <= upper)) {
    throw new InputError(argument, `expected lower ≤ estimate ≤ upper, got ${lower}, ${estimate}, ${upper}`);
  }
}

/** A value that must be one of the declared arms. */
export function assertKnownArm(arm: string, arms: readonly string[], argument: string): void {
  if (!arms.includes(arm)) throw new InputError(argument, `unknown arm ${JSON.stringify(arm)}; declared arms are ${JSON.stringify(arms)}`);
}

/** Unique values in first-seen order. */
export function uniqueInOrder<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
