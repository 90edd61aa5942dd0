/**
 * Subject-level listings for the CLOSED report only (domain.md §7.7): serious adverse events and deaths in
 * the safety set. Each listing row is a set of ARD records sharing analysis, parameter (USUBJID) and
 * category (row number within the subject, "1", "2", …), with group = the subject's actual arm — so the
 * open report's filter (pooled records only) drops them all — and one record per column (statistic = the
 * column name, value = the cell; null for a missing cell).
 *
 * - SAE listing ("safety-sae-listing"): every ADAE record with AESER = 'Y' or a fatal outcome, treatment-
 *   emergent or not (TRTEMFL shown), ordered by arm (plan order), USUBJID, ASTDT, AESEQ.
 * - Death listing ("safety-death-listing"): ADSL DTHFL = 'Y' (date DTHDT) with the preferred terms of the
 *   subject's fatal AEs as the recorded cause ("Not recorded in ADAE" when none).
 */
import { ard, type ArdRecord } from '../../src/core/ard.ts';
import type { GenericAdaeRecord, GenericAdslRecord } from '../../src/adam/read-adam.ts';
import type { GradeScale } from './events.ts';
import { isFatal, isSerious } from './events.ts';

export const SAE_LISTING = 'safety-sae-listing';
export const DEATH_LISTING = 'safety-death-listing';

/** Columns of the SAE listing: ARD statistic and header. */
export const SaeColumns = [
  ['AEBODSYS', 'System organ class'], ['AEDECOD', 'Preferred term'], ['ASTDT', 'Start'], ['ASTDY', 'Study day'], ['AENDT', 'End'],
  ['GRADE', 'Grade / severity'], ['RELATED', 'Related'], ['AEOUT', 'Outcome'], ['AESDTH', 'Death'], ['TRTEMFL', 'TEAE'],
] as const;
export const DeathColumns = [['DTHDT', 'Date of death'], ['CAUSE', 'Fatal AE (preferred term)']] as const;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** ARD records of both listings. `armOf` maps safety-set subjects to their actual arm label. */
export function computeListings(
  adae: readonly GenericAdaeRecord[],
  adsl: readonly GenericAdslRecord[],
  armOf: ReadonlyMap<string, string>,
  armOrder: readonly string[],
  scale: GradeScale,
  population: string,
): ArdRecord[] {
  const out: ArdRecord[] = [];
  const rank = (id: string) => armOrder.indexOf(armOf.get(id) ?? '');
  const saes = adae
    .filter((e) => armOf.has(e.USUBJID) && (isSerious(e) || isFatal(e)))
    .slice()
    .sort((a, b) => rank(a.USUBJID) - rank(b.USUBJID) || cmp(a.USUBJID, b.USUBJID) || cmp(a.ASTDT ?? '', b.ASTDT ?? '') || (a.AESEQ ?? 0) - (b.AESEQ ?? 0));
  const rowNo = new Map<string, number>();
  for (const e of saes) {
    const k = (rowNo.get(e.USUBJID) ?? 0) + 1;
    rowNo.set(e.USUBJID, k);
    const lvl = scale.levelOf(e);
    const cells: Record<(typeof SaeColumns)[number][0], string | number | null> = {
      AEBODSYS: e.AEBODSYS, AEDECOD: e.AEDECOD, ASTDT: e.ASTDT, ASTDY: e.ASTDY, AENDT: e.AENDT, GRADE: lvl === null ? null : scale.label(lvl),
      RELATED: e.AREL ?? e.AEREL, AEOUT: e.AEOUT, AESDTH: e.AESDTH, TRTEMFL: e.TRTEMFL,
    };
    for (const [col] of SaeColumns) out.push(ard({ analysis: SAE_LISTING, population, parameter: e.USUBJID, category: String(k), group: armOf.get(e.USUBJID)!, statistic: col, value: cells[col] }));
  }
  const deaths = adsl.filter((s) => s.DTHFL === 'Y' && armOf.has(s.USUBJID)).sort((a, b) => rank(a.USUBJID) - rank(b.USUBJID) || cmp(a.USUBJID, b.USUBJID));
  for (const s of deaths) {
    const causes = [...new Set(adae.filter((e) => e.USUBJID === s.USUBJID && isFatal(e)).map((e) => e.AEDECOD))].sort(cmp);
    const cells = { DTHDT: s.DTHDT, CAUSE: causes.length > 0 ? causes.join('; ') : 'Not recorded in ADAE' };
    for (const [col] of DeathColumns) out.push(ard({ analysis: DEATH_LISTING, population, parameter: s.USUBJID, category: '1', group: armOf.get(s.USUBJID)!, statistic: col, value: cells[col] }));
  }
  return out;
}
