/**
 * CTCAE v4.03 grades of five laboratory adverse events from a lab value and its reference range
 * (National Cancer Institute, Common Terminology Criteria for Adverse Events v4.03, 14 June 2010;
 * criteria checked against the machine-readable transcription in pharmaverse/admiral
 * `data-raw/adlb_grading/ncictcaev4.json`, the metadata of `admiral::derive_var_atoxgr`):
 *
 * | test | CTCAE term (SOC) | grade 1 | grade 2 | grade 3 | grade 4 |
 * |---|---|---|---|---|---|
 * | HGB | Anemia (Blood and lymphatic system disorders) | < LLN – 10.0 g/dL | < 10.0 – 8.0 g/dL | < 8.0 g/dL | clinical only (life-threatening) |
 * | WBC | White blood cell decreased (Investigations) | < LLN – 3.0 ×10⁹/L | < 3.0 – 2.0 | < 2.0 – 1.0 | < 1.0 |
 * | PLAT | Platelet count decreased (Investigations) | < LLN – 75.0 ×10⁹/L | < 75.0 – 50.0 | < 50.0 – 25.0 | < 25.0 |
 * | ALT | Alanine aminotransferase increased (Investigations) | > ULN – 3.0 × ULN | > 3.0 – 5.0 × ULN | > 5.0 – 20.0 × ULN | > 20.0 × ULN |
 * | AST | Aspartate aminotransferase increased (Investigations) | > ULN – 3.0 × ULN | > 3.0 – 5.0 × ULN | > 5.0 – 20.0 × ULN | > 20.0 × ULN |
 *
 * Conventions (as admiral): the absolute thresholds are checked from the worst grade down, so a value below
 * 3.0 ×10⁹/L is WBC grade 2 even when the laboratory's LLN is lower; grade 1 needs the LLN (ULN for ALT/AST):
 * when it is missing and no absolute threshold applies the grade is null (not gradable), never 0.
 * Grade 0 = within the range on the graded side (≥ LLN, or ≤ ULN). Anemia has no laboratory grade 4
 * (grade 4 is "life-threatening consequences; urgent intervention indicated"). Only the direction named
 * in the table is graded (a high haemoglobin is grade 0 here). Values are compared unrounded.
 *
 * Units: HGB in g/L (thresholds 100 and 80) or g/dL (10.0, 8.0); WBC and PLAT in 10⁹/L (also written
 * `10^9/L`, `10*9/L`, `GI/L`, `10^3/uL`, `K/uL`); ALT/AST in any unit (the criteria are multiples of ULN).
 */
import { InputError } from '../core/errors.ts';

export const CtcaeLabTests = ['HGB', 'WBC', 'PLAT', 'ALT', 'AST'] as const;
export type CtcaeLabTest = (typeof CtcaeLabTests)[number];

/** CTCAE v4.03 term graded for each test. */
export const CtcaeLabTerm: Readonly<Record<CtcaeLabTest, string>> = {
  HGB: 'Anemia',
  WBC: 'White blood cell decreased',
  PLAT: 'Platelet count decreased',
  ALT: 'Alanine aminotransferase increased',
  AST: 'Aspartate aminotransferase increased',
};

export type CtcaeGrade = 0 | 1 | 2 | 3 | 4;

export interface LabGradeInput {
  /** The result in `unit`. */
  value: number;
  /** Lower limit of normal in `unit` (needed for grade 1 of HGB, WBC, PLAT). */
  lln?: number | null;
  /** Upper limit of normal in `unit` (needed for every grade of ALT, AST). */
  uln?: number | null;
  /** Unit of value and limits (ignored for ALT/AST). */
  unit?: string | null;
}

const GigaPerLitre = new Set(['10^9/L', '10*9/L', '10E9/L', 'X10^9/L', 'X 10^9/L', '10^3/UL', '10*3/UL', 'K/UL', 'GI/L', 'THOU/UL', '10^9 /L']);

/** Anemia thresholds [grade 2 below, grade 3 below] in the unit given; null when the unit is not supported. */
function hgbThresholds(unit: string | null | undefined): [number, number] | null {
  const u = (unit ?? '').trim().toUpperCase();
  if (u === 'G/L') return [100, 80];
  if (u === 'G/DL') return [10, 8];
  return null;
}

/** True when `ctcaeLabGrade` accepts this unit for the test. */
export function isGradableUnit(test: CtcaeLabTest, unit: string | null | undefined): boolean {
  if (test === 'ALT' || test === 'AST') return true;
  if (test === 'HGB') return hgbThresholds(unit) !== null;
  return GigaPerLitre.has((unit ?? '').trim().toUpperCase());
}

function lowGrade(x: number, lln: number | null | undefined, cuts: readonly number[]): CtcaeGrade | null {
  // cuts: thresholds for grades 2, 3, 4 (value strictly below the cut), absent grades omitted from the end.
  for (let g = cuts.length; g >= 1; g--) if (x < cuts[g - 1]) return (g + 1) as CtcaeGrade;
  if (lln === null || lln === undefined) return null;
  return x < lln ? 1 : 0;
}

function assertFinite(v: number | null | undefined, argument: string): void {
  if (v !== null && v !== undefined && !Number.isFinite(v)) throw new InputError(argument, `expected a finite number, got ${String(v)}`);
}

/**
 * CTCAE v4.03 grade (0–4) of one lab value, or null when it cannot be graded (a needed limit is missing).
 * @example ctcaeLabGrade('PLAT', { value: 60, lln: 150, unit: '10^9/L' }) // => 2
 * @example ctcaeLabGrade('ALT', { value: 130, uln: 40 }) // => 2 (3.25 × ULN)
 * @throws InputError for an unknown test, a non-finite value or limit, or an unsupported unit.
 */
export function ctcaeLabGrade(test: CtcaeLabTest, input: LabGradeInput): CtcaeGrade | null {
  if (!(CtcaeLabTests as readonly string[]).includes(test)) throw new InputError('test', `expected one of ${CtcaeLabTests.join(', ')}, got ${JSON.stringify(test)}`);
  if (typeof input.value !== 'number' || !Number.isFinite(input.value)) throw new InputError('value', `expected a finite number, got ${String(input.value)}`);
  assertFinite(input.lln, 'lln');
  assertFinite(input.uln, 'uln');
  const x = input.value;
  switch (test) {
    case 'HGB': {
      const t = hgbThresholds(input.unit);
      if (t === null) throw new InputError('unit', `haemoglobin must be in g/L or g/dL, got ${JSON.stringify(input.unit ?? null)}`);
      return lowGrade(x, input.lln, t);
    }
    case 'WBC':
    case 'PLAT': {
      if (!isGradableUnit(test, input.unit)) throw new InputError('unit', `${test} must be in 10^9/L, got ${JSON.stringify(input.unit ?? null)}`);
      return lowGrade(x, input.lln, test === 'WBC' ? [3, 2, 1] : [75, 50, 25]);
    }
    case 'ALT':
    case 'AST': {
      const uln = input.uln;
      if (uln === null || uln === undefined) return null;
      if (uln <= 0) throw new InputError('uln', `must be positive, got ${uln}`);
      if (x > 20 * uln) return 4;
      if (x > 5 * uln) return 3;
      if (x > 3 * uln) return 2;
      if (x > uln) return 1;
      return 0;
    }
  }
}
