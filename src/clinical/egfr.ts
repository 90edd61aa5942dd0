/**
 * Estimated GFR (mL/min/1.73 m²) from serum creatinine in **mg/dL**, age in years and sex
 * (domain.md 5.2). The race coefficient of the 2009 CKD-EPI and MDRD equations is not applied
 * (this trial's population; documented in the report).
 *
 * - `CKD-EPI-2021`: Inker et al., N Engl J Med 2021;385:1737 (race-free).
 *   142 × min(S/k,1)^a × max(S/k,1)^−1.200 × 0.9938^age × 1.012 [female]; k 0.7 F / 0.9 M; a −0.241 F / −0.302 M.
 * - `CKD-EPI-2009`: Levey et al., Ann Intern Med 2009;150:604.
 *   141 × min(S/k,1)^a × max(S/k,1)^−1.209 × 0.993^age × 1.018 [female]; a −0.329 F / −0.411 M.
 * - `MDRD`: 4-variable IDMS-traceable (Levey et al., Clin Chem 2007;53:766): 175 × S^−1.154 × age^−0.203 × 0.742 [female].
 * - `MDRD-CHINESE`: Ma et al., J Am Soc Nephrol 2006;17:2937: 175 × S^−1.234 × age^−0.179 × 0.79 [female].
 */
import { InputError } from '../core/errors.ts';

export const EgfrEquations = ['CKD-EPI-2009', 'CKD-EPI-2021', 'MDRD', 'MDRD-CHINESE'] as const;
export type EgfrEquation = (typeof EgfrEquations)[number];

/** Creatinine µmol/L per mg/dL (domain.md 5.1). */
export const CreatinineUmolPerMgdl = 88.4;

export type Sex = 'F' | 'M';

function checkInputs(scrMgdl: number, age: number, sex: string): asserts sex is Sex {
  if (!Number.isFinite(scrMgdl) || scrMgdl <= 0) throw new InputError('scrMgdl', `must be a positive number (mg/dL), got ${scrMgdl}`);
  if (!Number.isFinite(age) || age <= 0) throw new InputError('age', `must be a positive number of years, got ${age}`);
  if (sex !== 'F' && sex !== 'M') throw new InputError('sex', `must be 'F' or 'M', got "${sex}"`);
}

function ckdEpi(scr: number, age: number, female: boolean, c: { k0: number; aF: number; aM: number; high: number; ageBase: number; femaleFactor: number; k: readonly [number, number] }): number {
  const k = female ? c.k[0] : c.k[1];
  const a = female ? c.aF : c.aM;
  const r = scr / k;
  return c.k0 * Math.min(r, 1) ** a * Math.max(r, 1) ** c.high * c.ageBase ** age * (female ? c.femaleFactor : 1);
}

/**
 * eGFR in mL/min/1.73 m².
 * @param scrMgdl serum creatinine, mg/dL (µmol/L ÷ 88.4)
 * @throws InputError for a non-positive creatinine or age, or sex other than 'F'/'M'
 * @example computeEgfr(0.7, 50, 'F', 'CKD-EPI-2021') // => 105.30… (142 × 0.9938^50 × 1.012)
 */
export function computeEgfr(scrMgdl: number, age: number, sex: string, equation: EgfrEquation): number {
  checkInputs(scrMgdl, age, sex);
  const female = sex === 'F';
  switch (equation) {
    case 'CKD-EPI-2021':
      return ckdEpi(scrMgdl, age, female, { k0: 142, aF: -0.241, aM: -0.302, high: -1.2, ageBase: 0.9938, femaleFactor: 1.012, k: [0.7, 0.9] });
    case 'CKD-EPI-2009':
      return ckdEpi(scrMgdl, age, female, { k0: 141, aF: -0.329, aM: -0.411, high: -1.209, ageBase: 0.993, femaleFactor: 1.018, k: [0.7, 0.9] });
    case 'MDRD':
      return 175 * scrMgdl ** -1.154 * age ** -0.203 * (female ? 0.742 : 1);
    case 'MDRD-CHINESE':
      return 175 * scrMgdl ** -1.234 * age ** -0.179 * (female ? 0.79 : 1);
    default:
      throw new InputError('equation', `unknown eGFR equation "${String(equation)}" (known: ${EgfrEquations.join(', ')})`);
  }
}

/** Label for PARAM and the report, e.g. "CKD-EPI 2009". */
export function egfrEquationLabel(equation: EgfrEquation): string {
  return { 'CKD-EPI-2009': 'CKD-EPI 2009', 'CKD-EPI-2021': 'CKD-EPI 2021 (race-free)', MDRD: 'MDRD (IDMS, 175)', 'MDRD-CHINESE': 'Chinese-modified MDRD' }[equation];
}
