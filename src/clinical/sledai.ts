/**
 * SLEDAI-2K total score (Gladman et al., J Rheumatol 2002;29:288; domain.md 4.1): sum of the weights of
 * the descriptors present at the visit (range 0–105). Weights are `SledaiItems` in src/cdisc/terms.ts.
 * A total is computed only when all 24 descriptors are recorded (present 1 / absent 0): a missing
 * descriptor could carry up to 8 points, so the total would be unknowable; the missing codes are returned.
 */
import { SledaiItems, type SledaiItemCode } from '../cdisc/terms.ts';
import { InputError } from '../core/errors.ts';

export interface SledaiResult {
  /** Total score, or null when any descriptor is missing. */
  total: number | null;
  /** Renal SLEDAI (casts, haematuria, proteinuria, pyuria; max 16), null when any of them is missing. */
  renal: number | null;
  missing: SledaiItemCode[];
}

const RenalItems: readonly SledaiItemCode[] = ['SLCAST', 'SLHEMAT', 'SLPROT', 'SLPYUR'];

/**
 * @param items descriptor code → 1 (present) / 0 (absent); absent keys or null = not recorded
 * @throws InputError when a value is not 0 or 1, or a code is not a SLEDAI-2K descriptor
 * @example computeSledai({ SLPROT: 1, SLHEMAT: 1, SLDNA: 1, …others 0 }) // => { total: 10, renal: 8, missing: [] }
 */
export function computeSledai(items: Readonly<Record<string, number | null>>): SledaiResult {
  for (const [code, v] of Object.entries(items)) {
    if (!(code in SledaiItems)) throw new InputError('items', `"${code}" is not a SLEDAI-2K descriptor code`);
    if (v !== null && v !== 0 && v !== 1) throw new InputError('items', `${code} must be 0 or 1, got ${v}`);
  }
  const codes = Object.keys(SledaiItems) as SledaiItemCode[];
  const missing = codes.filter((c) => items[c] === null || items[c] === undefined);
  const sum = (cs: readonly SledaiItemCode[]) => cs.reduce((s, c) => s + (items[c] === 1 ? SledaiItems[c] : 0), 0);
  return {
    total: missing.length === 0 ? sum(codes) : null,
    renal: RenalItems.some((c) => missing.includes(c)) ? null : sum(RenalItems),
    missing,
  };
}
