/**
 * How this trial's BDS parameters are shown, stated once so every table of a parameter (baseline, value and
 * change by visit, MMRM) uses the same label, unit and decimals (style.md: one unit label and one decimals
 * rule per parameter across tables). Units are the SI reporting units of the derived ADLB (src/cdisc/terms.ts,
 * whose "umol/L" is the CDISC code of µmol/L).
 */

/** Display labels with units of the longitudinal laboratory parameters (ADLB PARAMCD). */
export const LabLabels: Readonly<Record<string, string>> = {
  PROTCRT: 'Urine protein/creatinine ratio (g/g)', PROT: '24-h urine protein (g/24 h)', ALB: 'Serum albumin (g/L)',
  CREAT: 'Serum creatinine (µmol/L)', EGFR: 'eGFR, CKD-EPI 2009 (mL/min/1.73 m²)', C3: 'Complement C3 (g/L)', C4: 'Complement C4 (g/L)',
  ANA: 'ANA (log2 reciprocal titre)', DSDNA: 'Anti-dsDNA antibodies (IU/mL)',
};

/**
 * Display decimals of a parameter's values and their summaries (means, medians, quartiles, ranges, CIs of
 * means), the resolution its values are reported at (creatinine to 1 µmol/L, C4 to 0.001 g/L = 1 mg/L).
 */
export const ParamDecimals: Readonly<Record<string, number>> = {
  PROTCRT: 2, PROT: 2, ALB: 1, CREAT: 0, EGFR: 1, C3: 2, C4: 3, ANA: 2, DSDNA: 1, SLEDAI: 1, BILAGTOT: 1, PHGA: 2, HAQDI: 2,
};

/** Decimals of a parameter not in ParamDecimals. */
const DefaultDecimals = 2;

/** Display decimals of a parameter's values (see ParamDecimals). */
export function valueDecimals(paramcd: string): number {
  return ParamDecimals[paramcd] ?? DefaultDecimals;
}

/**
 * Decimals of a model-based estimate on the value scale (an MMRM least-squares mean change or arm
 * difference): one more than the value's and at least 1, since a difference of means is far more precise
 * than one value (its SE is about SD·√(2/n)), and a whole-unit difference such as "1 (0, 2)" hides both its
 * size and whether its CI excludes 0.
 * @example estimateDecimals('CREAT') // => 1
 */
export function estimateDecimals(paramcd: string): number {
  return Math.max(1, valueDecimals(paramcd) + 1);
}
