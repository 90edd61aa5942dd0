/**
 * Unit standardisation of lab results to the analysis (standard) units of `LabTests` in
 * src/cdisc/terms.ts. Conversion table: domain.md 5.1 (JAMA Netw Open 2022 footnote for creatinine
 * µmol/L = mg/dL × 88.4 and albumin g/L = g/dL × 10; C3/C4 g/L = mg/dL ÷ 100; 24-h protein
 * g = mg ÷ 1000; UPCR g/g = mg/g ÷ 1000 = (mg/mmol) ÷ 113.12 by default, the molar mass of creatinine;
 * haemoglobin g/L = g/dL × 10).
 *
 * A unit that is not in the table for its test is never guessed: the result is an `issue` the caller
 * turns into a located data issue. Tests without a table entry (e.g. another study's labs) are not
 * converted here; the caller uses the SDTM standard result instead.
 */
import { isLabTestCode, LabTests, type LabTestCode } from '../cdisc/terms.ts';

/** Default UPCR mg/mmol → g/g divisor: molar mass of creatinine 113.12 g/mol (domain.md 5.1). */
export const DefaultUpcrMgPerMmolFactor = 113.12;

export interface UnitOptions {
  /** mg/mmol per g/g for UPCR; default 113.12 (exact). Some guidelines round to 100. */
  upcrMgPerMmolFactor?: number;
}

/** Result of a conversion: the multiplier to the standard unit, or the reason there is none. */
export type UnitConversion =
  | { ok: true; unit: string; factor: number }
  | { ok: false; message: string };

/** Spelling variants accepted as the same unit (µ vs u, letter case of `l`). Nothing else is normalised. */
function canonicalUnit(unit: string): string {
  return unit.trim().replace(/^µ|^μ/, 'u').replace(/\/l$/, '/L');
}

function factorTable(testcd: LabTestCode, upcrFactor: number): Record<string, number> {
  switch (testcd) {
    case 'CREAT':
      return { 'umol/L': 1, 'mg/dL': 88.4 };
    case 'ALB':
    case 'HGB':
      return { 'g/L': 1, 'g/dL': 10 };
    case 'PROT':
      return { 'g/24h': 1, 'mg/24h': 1 / 1000 };
    case 'PROTCRT':
      return { 'g/g': 1, 'mg/mg': 1, 'mg/g': 1 / 1000, 'mg/mmol': 1 / upcrFactor };
    case 'C3':
    case 'C4':
      return { 'g/L': 1, 'mg/dL': 1 / 100 };
    default:
      return Object.fromEntries(LabTests[testcd].originalUnits.map((u) => [u, 1]));
  }
}

/**
 * Factor from `unit` to the standard unit of `testcd`.
 * @example unitConversion('CREAT', 'mg/dL') // => { ok: true, unit: 'umol/L', factor: 88.4 }
 * @example unitConversion('ALB', 'mmol/L') // => { ok: false, message: 'unit "mmol/L" is not in the conversion table for ALB (accepted: g/L, g/dL)' }
 */
export function unitConversion(testcd: string, unit: string | null, options: UnitOptions = {}): UnitConversion {
  if (!isLabTestCode(testcd)) return { ok: false, message: `no conversion table for test ${testcd}` };
  const table = factorTable(testcd, options.upcrMgPerMmolFactor ?? DefaultUpcrMgPerMmolFactor);
  const standard = LabTests[testcd].unit;
  if (unit === null || unit.trim() === '') return { ok: false, message: `unit missing for ${testcd} (accepted: ${Object.keys(table).join(', ')})` };
  const factor = table[canonicalUnit(unit)];
  if (factor === undefined) {
    return { ok: false, message: `unit "${unit}" is not in the conversion table for ${testcd} (accepted: ${Object.keys(table).join(', ')})` };
  }
  return { ok: true, unit: standard, factor };
}

/**
 * Convert one value to the standard unit. Rounded to 10 significant digits so that e.g. 1.2 mg/dL
 * gives 106.08 µmol/L, not 106.08000000000001 (the exact product is kept to far more precision than
 * any lab reports).
 */
export function convertToStandard(value: number, factor: number): number {
  return Number((value * factor).toPrecision(12));
}
