/**
 * SLE Responder Index (SRI-4; Furie et al., Arthritis Rheum 2009;61:1143; Luijten et al., Autoimmun
 * Rev 2012; domain.md 4.4). Responder at a visit when all hold:
 * 1. SLEDAI-2K reduction from baseline ≥ 4 (SRI-5…8: `threshold` 5…8);
 * 2. no new BILAG-2004 A (a domain graded A at the visit that was not A at baseline);
 * 3. at most one new BILAG B (B at the visit with baseline C, D or E; A → B is improvement);
 * 4. no PhGA worsening: PhGA(v) − PhGA(bl) < 0.3 (0–3 scale);
 * 5. not a treatment failure (rescue / prohibited medication, withdrawal; BLISS convention).
 * Any component missing → non-responder (the missing list says which).
 */
import { BilagDomains, type BilagDomainCode } from '../cdisc/terms.ts';

export interface SriInputs {
  sledaiBase: number | null;
  sledai: number | null;
  bilagBase: Readonly<Record<string, string | null>> | null;
  bilag: Readonly<Record<string, string | null>> | null;
  phgaBase: number | null;
  phga: number | null;
  /** True when the subject is a treatment failure at the visit (rescue, death, withdrawal). */
  treatmentFailure: boolean;
}

export interface SriResult {
  responder: boolean;
  failed: string[];
  missing: string[];
}

export interface SriOptions {
  /** SLEDAI reduction required (4 for SRI-4). */
  threshold?: number;
  /** PhGA increase counted as worsening (0.3). */
  phgaWorseningMin?: number;
}

function bilagComplete(g: Readonly<Record<string, string | null>> | null): boolean {
  return g !== null && (Object.keys(BilagDomains) as BilagDomainCode[]).every((c) => g[c] !== null && g[c] !== undefined);
}

/**
 * @example computeSri({ sledaiBase: 12, sledai: 6, bilagBase: {...}, bilag: {...}, phgaBase: 1.5, phga: 1.0, treatmentFailure: false })
 * // => { responder: true, failed: [], missing: [] }
 */
export function computeSri(x: SriInputs, options: SriOptions = {}): SriResult {
  const threshold = options.threshold ?? 4;
  const phgaMin = options.phgaWorseningMin ?? 0.3;
  const missing: string[] = [];
  if (x.sledaiBase === null) missing.push('SLEDAI baseline');
  if (x.sledai === null) missing.push('SLEDAI');
  if (!bilagComplete(x.bilagBase)) missing.push('BILAG baseline');
  if (!bilagComplete(x.bilag)) missing.push('BILAG');
  if (x.phgaBase === null) missing.push('PhGA baseline');
  if (x.phga === null) missing.push('PhGA');
  const failed: string[] = [];
  if (x.treatmentFailure) failed.push('treatment failure');
  if (missing.length > 0) return { responder: false, failed, missing };
  if (x.sledaiBase! - x.sledai! < threshold) failed.push(`SLEDAI reduction < ${threshold}`);
  const codes = Object.keys(BilagDomains) as BilagDomainCode[];
  const newA = codes.filter((c) => x.bilag![c] === 'A' && x.bilagBase![c] !== 'A');
  const newB = codes.filter((c) => x.bilag![c] === 'B' && ['C', 'D', 'E'].includes(x.bilagBase![c]!));
  if (newA.length > 0) failed.push(`new BILAG A (${newA.join(', ')})`);
  if (newB.length > 1) failed.push(`more than one new BILAG B (${newB.join(', ')})`);
  // Compare on a 0.1 grid (PhGA is recorded to one decimal) so 1.3 − 1.0 counts as 0.3, not 0.29999….
  if (Math.round((x.phga! - x.phgaBase!) * 1e9) / 1e9 >= phgaMin) failed.push(`PhGA worsening >= ${phgaMin}`);
  return { responder: failed.length === 0, failed, missing };
}
