/**
 * BILAG-2004 numeric score (Yee et al., Rheumatology 2010;49:1665; domain.md 4.3): A = 12, B = 8,
 * C = 1, D = 0, E = 0, total = sum over the 9 organ domains (0–108). Grades are ingested as entered by
 * the investigator (the pipeline does not re-derive them). Do not mix with Classic-BILAG schemes.
 */
import { BilagDomains, type BilagDomainCode, type BilagGrade } from '../cdisc/terms.ts';
import { InputError } from '../core/errors.ts';

export const BilagNumeric: Readonly<Record<BilagGrade, number>> = { A: 12, B: 8, C: 1, D: 0, E: 0 };

export function isBilagGrade(x: string): x is BilagGrade {
  return x === 'A' || x === 'B' || x === 'C' || x === 'D' || x === 'E';
}

/** Numeric value of one grade. @throws InputError for a grade other than A–E. */
export function bilagGradeScore(grade: string): number {
  if (!isBilagGrade(grade)) throw new InputError('grade', `BILAG-2004 grade must be A–E, got "${grade}"`);
  return BilagNumeric[grade];
}

export interface BilagResult {
  total: number | null;
  missing: BilagDomainCode[];
}

/**
 * Total over the 9 domains; null (with the missing domain codes) when any domain is ungraded.
 * @example computeBilagTotal({ BLRENA: 'A', BLMUCO: 'C', BLHAEM: 'B', …others 'E' }) // => { total: 21, missing: [] }
 */
export function computeBilagTotal(grades: Readonly<Record<string, string | null>>): BilagResult {
  const codes = Object.keys(BilagDomains) as BilagDomainCode[];
  const missing = codes.filter((c) => grades[c] === null || grades[c] === undefined);
  if (missing.length > 0) return { total: null, missing };
  return { total: codes.reduce((s, c) => s + bilagGradeScore(grades[c]!), 0), missing };
}
