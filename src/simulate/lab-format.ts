/**
 * How each simulated lab result is written: original result and unit (LBORRES/LBORRESU), standard
 * result (LBSTRESC/LBSTRESN/LBSTRESU, units from `LabTests` in src/cdisc/terms.ts), normal ranges and
 * LBNRIND. Conventions: site 07 reports creatinine in mg/dL (LBORRES in mg/dL, LBSTRESN = LBORRES ×
 * 88.4 µmol/L, exact to 3 decimals: domain.md 5.1); a result below the limit of quantitation is
 * written with a '<' qualifier in LBORRES/LBSTRESC and an empty LBSTRESN; ANA is a titre `1:n` with
 * LBSTRESN = n.
 */
import { LabTests, type LabTestCode } from '../cdisc/terms.ts';
import { MgDlCreatinineSite } from './design.ts';

/** One lab result as written (original and standard result, units, ranges, LBNRIND). */
export interface FormattedResult {
  orres: string;
  orresu: string;
  stresc: string;
  stresn: number | null;
  stresu: string;
  ornrlo: number | null;
  ornrhi: number | null;
  stnrlo: number | null;
  stnrhi: number | null;
  nrind: string | null;
}

/** Decimals written per test (standard unit). */
const Decimals: Record<LabTestCode, number> = {
  PROT: 2, PROTCRT: 2, CREAT: 0, ALB: 1, C3: 2, C4: 2, DSDNA: 0, ANA: 0, RBC: 0, HGB: 0, WBC: 1, PLAT: 0, ALT: 0, AST: 0,
};

/** Standard-unit normal ranges (conventions, "Labs (LB)"); null bound = not applicable. */
export const NormalRanges: Partial<Record<LabTestCode, readonly [number | null, number]>> = {
  ALB: [35, 55], CREAT: [44, 133], C3: [0.9, 1.8], C4: [0.1, 0.4], DSDNA: [null, 100],
  HGB: [115, 150], WBC: [3.5, 9.5], PLAT: [125, 350], ALT: [7, 40], AST: [13, 35],
};

/** Lower limits of quantitation: values below are written `<limit`. */
const Lloq: Partial<Record<LabTestCode, number>> = { PROT: 0.05, DSDNA: 10 };

/** Round to `d` decimals as a number (for d ≤ 3 the result prints exactly). */
export function roundTo(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Format a standard-unit value of a test for a site; `qualifiedText` forces a '<' result (edge cases). */
export function formatResult(testcd: LabTestCode, value: number, siteid: string, qualifiedText?: string): FormattedResult {
  const unit = LabTests[testcd].unit;
  const range = NormalRanges[testcd];
  const stnrlo = range === undefined ? null : range[0];
  const stnrhi = range === undefined ? null : range[1];
  const lloq = Lloq[testcd];
  if (qualifiedText !== undefined || (lloq !== undefined && value < lloq)) {
    const text = qualifiedText ?? `<${lloq}`;
    return { orres: text, orresu: unit, stresc: text, stresn: null, stresu: unit, ornrlo: stnrlo, ornrhi: stnrhi, stnrlo, stnrhi, nrind: stnrhi === null ? null : 'NORMAL' };
  }
  if (testcd === 'ANA') {
    return { orres: `1:${value}`, orresu: unit, stresc: String(value), stresn: value, stresu: unit, ornrlo: null, ornrhi: null, stnrlo: null, stnrhi: null, nrind: null };
  }
  if (testcd === 'CREAT' && siteid === MgDlCreatinineSite) {
    const hundredths = Math.round((value / 88.4) * 100);
    const umol = (hundredths * 884) / 1000; // exact: mg/dL (2 dp) × 88.4 (1 dp)
    return {
      orres: (hundredths / 100).toFixed(2), orresu: 'mg/dL', stresc: String(umol), stresn: umol, stresu: unit,
      ornrlo: 0.5, ornrhi: 1.5, stnrlo, stnrhi, nrind: indicator(umol, stnrlo, stnrhi),
    };
  }
  const d = Decimals[testcd];
  const text = value.toFixed(d);
  const n = Number(text);
  return { orres: text, orresu: unit, stresc: text, stresn: n, stresu: unit, ornrlo: stnrlo, ornrhi: stnrhi, stnrlo, stnrhi, nrind: indicator(n, stnrlo, stnrhi) };
}

function indicator(v: number, lo: number | null, hi: number | null): string | null {
  if (hi === null) return null;
  if (lo !== null && v < lo) return 'LOW';
  return v > hi ? 'HIGH' : 'NORMAL';
}
