/**
 * Typed access to a reference case's `inputs` for the runners. A missing or mistyped input is an
 * InputError naming `inputs.<name>` (or `inputs.<name>[i].<field>` for a row), which the validation run
 * reports as that case's failure.
 */
import { InputError } from '../core/errors.ts';
import type { ReferenceCase } from './case-file.ts';

type Inputs = Readonly<Record<string, unknown>>;

function describeValue(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

export function inputNumber(c: ReferenceCase, name: string): number {
  const v = (c.inputs as Inputs)[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`inputs.${name}`, `expected a number, got ${describeValue(v)}`);
  return v;
}

/** The 2 × 2 counts `[x1, n1, x2, n2]` (responders and subjects of group 1, then group 2). */
export function inputTwoArms(c: ReferenceCase): [number, number, number, number] {
  return [inputNumber(c, 'x1'), inputNumber(c, 'n1'), inputNumber(c, 'x2'), inputNumber(c, 'n2')];
}

/** A number input that may be absent (then `fallback`). */
export function inputNumberOr(c: ReferenceCase, name: string, fallback: number): number {
  return (c.inputs as Inputs)[name] === undefined ? fallback : inputNumber(c, name);
}

export function inputString(c: ReferenceCase, name: string): string {
  const v = (c.inputs as Inputs)[name];
  if (typeof v !== 'string') throw new InputError(`inputs.${name}`, `expected a string, got ${describeValue(v)}`);
  return v;
}

/** A string input that must be one of `allowed` when present (documents a convention the runner assumes). */
export function assertInputIs(c: ReferenceCase, name: string, allowed: readonly string[]): void {
  const v = (c.inputs as Inputs)[name];
  if (v !== undefined && !allowed.includes(v as string)) {
    throw new InputError(`inputs.${name}`, `this runner supports ${allowed.map((a) => JSON.stringify(a)).join(' or ')}, got ${describeValue(v)}`);
  }
}

export function inputNumbers(c: ReferenceCase, name: string): number[] {
  const v = (c.inputs as Inputs)[name];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new InputError(`inputs.${name}`, `expected an array of numbers, got ${describeValue(v)}`);
  }
  return v as number[];
}

export function inputStrings(c: ReferenceCase, name: string): string[] {
  const v = (c.inputs as Inputs)[name];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InputError(`inputs.${name}`, `expected an array of strings, got ${describeValue(v)}`);
  return v as string[];
}

/** A non-empty matrix: an array of rows, each an array of `columns` numbers. */
export function inputNumberMatrix(c: ReferenceCase, name: string, columns: number): number[][] {
  const v = (c.inputs as Inputs)[name];
  if (!Array.isArray(v) || v.length === 0) throw new InputError(`inputs.${name}`, `expected a non-empty array of rows, got ${Array.isArray(v) ? 'an empty array' : describeValue(v)}`);
  v.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== columns || row.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      throw new InputError(`inputs.${name}[${i}]`, `expected an array of ${columns} numbers, got ${describeValue(row)}`);
    }
  });
  return v as number[][];
}

export type FieldType = 'number' | 'string' | 'number|null' | 'string|number';
type FieldValue<T extends FieldType> = T extends 'number' ? number : T extends 'string' ? string : T extends 'number|null' ? number | null : string | number;

function matches(v: unknown, type: FieldType): boolean {
  switch (type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'number|null':
      return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'string|number':
      return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  }
}

/** An array of row objects, each with the given typed fields (other fields are ignored). */
export function inputRows<S extends Record<string, FieldType>>(c: ReferenceCase, name: string, schema: S): { [K in keyof S]: FieldValue<S[K]> }[] {
  const v = (c.inputs as Inputs)[name];
  if (!Array.isArray(v) || v.length === 0) throw new InputError(`inputs.${name}`, `expected a non-empty array of rows, got ${Array.isArray(v) ? 'an empty array' : describeValue(v)}`);
  v.forEach((row: unknown, i) => {
    if (typeof row !== 'object' || row === null) throw new InputError(`inputs.${name}[${i}]`, `expected an object, got ${describeValue(row)}`);
    for (const [field, type] of Object.entries(schema)) {
      const x = (row as Record<string, unknown>)[field];
      if (!matches(x, type)) throw new InputError(`inputs.${name}[${i}].${field}`, `expected ${type}, got ${describeValue(x)}`);
    }
  });
  return v as { [K in keyof S]: FieldValue<S[K]> }[];
}
