/**
 * Laboratory shift tables (domain.md §7.8): CTCAE v4.03 grade at baseline → worst grade after baseline for
 * haemoglobin (HGB, anemia), WBC (decreased), platelets (PLAT, decreased), ALT and AST (increased), safety
 * set by actual arm (grading: src/tables/ctcae-lab-grade.ts).
 *
 * Records used (ADLB, any ADaM): baseline = the ABLFL = 'Y' record; post-baseline = records with ABLFL ≠ 'Y'
 * after the day of first dose (ADY > 1; AVISITN > 0 when ADY is missing), not imputed (DTYPE empty), with a
 * value (AVAL). Scheduled and unscheduled records both count for the worst grade. Unit: AVALU, else the
 * unit in parentheses at the end of PARAM (e.g. "Hemoglobin (g/L)"); LLN/ULN = ANRLO/ANRHI. A test whose
 * unit cannot be graded is not tabulated; a pooled record NOT_GRADED says why.
 */
import { ard, type ArdRecord, type CountTrace } from '../../src/core/ard.ts';
import type { GenericBdsRecord } from '../../src/adam/read-adam.ts';
import { ctcaeLabGrade, CtcaeLabTerm, CtcaeLabTests, isGradableUnit, type CtcaeLabTest } from '../../src/tables/ctcae-lab-grade.ts';
import { headerNRecords } from '../../src/tables/count-subjects.ts';
import type { SubjectGroup } from '../../src/tables/population-groups.ts';
import { shiftTable, worstLevel, type SubjectShift } from '../../src/tables/shift-table.ts';

export const SHIFT_ANALYSIS = 'safety-lab-shift';
export const GradeLevels = ['0', '1', '2', '3', '4'] as const;

/** Unit of a BDS record: AVALU, else "(unit)" at the end of PARAM. */
export function unitOf(r: GenericBdsRecord): string | null {
  if (r.AVALU) return r.AVALU;
  const m = /\(([^()]+)\)\s*$/.exec(r.PARAM ?? '');
  return m === null ? null : m[1].trim();
}

function isPostBaseline(r: GenericBdsRecord): boolean {
  if (r.ABLFL === 'Y' || r.AVAL === null || (r.DTYPE !== null && r.DTYPE !== undefined && r.DTYPE !== '')) return false;
  return r.ADY !== null ? r.ADY > 1 : r.AVISITN !== null && r.AVISITN > 0;
}

function gradeOf(test: CtcaeLabTest, r: GenericBdsRecord): string | null {
  if (r.AVAL === null) return null;
  const g = ctcaeLabGrade(test, { value: r.AVAL, lln: r.ANRLO ?? null, uln: r.ANRHI ?? null, unit: unitOf(r) });
  return g === null ? null : String(g);
}

/** "128 g/L" for a record with a value, "none" without one. */
function valueText(r: GenericBdsRecord | undefined): string {
  if (r === undefined || r.AVAL === null) return 'none';
  const unit = unitOf(r);
  return `${r.AVAL}${unit === null ? '' : ` ${unit}`}`;
}

/**
 * Per-subject baseline and worst post-baseline CTCAE grade of one test. A subject with a grade above 0 (or
 * an ungradable value) also gets the values behind its shift for the closed report's trace ("BL 128 g/L;
 * worst 96 g/L, day 43": the first record at the worst grade); grade 0 → 0, most subjects, needs none.
 */
export function subjectShifts(records: readonly GenericBdsRecord[], test: CtcaeLabTest): Map<string, SubjectShift> {
  const base = new Map<string, { record: GenericBdsRecord; grade: string | null }>();
  const post = new Map<string, { record: GenericBdsRecord; grade: string | null }[]>();
  for (const r of records) {
    if (r.PARAMCD !== test) continue;
    if (r.ABLFL === 'Y') {
      if (!base.has(r.USUBJID)) base.set(r.USUBJID, { record: r, grade: r.AVAL === null ? null : gradeOf(test, r) });
    } else if (isPostBaseline(r)) (post.get(r.USUBJID) ?? post.set(r.USUBJID, []).get(r.USUBJID)!).push({ record: r, grade: gradeOf(test, r) });
  }
  const out = new Map<string, SubjectShift>();
  for (const id of new Set([...base.keys(), ...post.keys()])) {
    const b = base.get(id);
    const p = post.get(id) ?? [];
    const worst = worstLevel(p.map((x) => x.grade), GradeLevels);
    const at = p.find((x) => x.grade === worst);
    const baseline = b?.grade ?? null;
    if (baseline === '0' && worst === '0') {
      out.set(id, { baseline, worst });
      continue;
    }
    const day = at?.record.ADY !== null && at?.record.ADY !== undefined ? `, day ${at.record.ADY}` : '';
    out.set(id, { baseline, worst, values: `BL ${valueText(b?.record)}; worst ${at === undefined ? 'none gradable' : `${valueText(at.record)}${day}`}` });
  }
  return out;
}

/** ARD records of the shift tables of every gradable test present in ADLB. */
export function computeLabShifts(adlb: readonly GenericBdsRecord[], groups: readonly SubjectGroup[], population: string, populationTraces?: ReadonlyMap<string, CountTrace>): ArdRecord[] {
  const out: ArdRecord[] = [...headerNRecords({ analysis: SHIFT_ANALYSIS, population, parameter: 'SUBJECTS' }, groups, populationTraces)];
  for (const test of CtcaeLabTests) {
    const records = adlb.filter((r) => r.PARAMCD === test);
    if (records.length === 0) continue;
    const units = [...new Set(records.filter((r) => r.AVAL !== null).map(unitOf))];
    const bad = units.filter((u) => !isGradableUnit(test, u));
    if (bad.length > 0) {
      out.push(ard({ analysis: SHIFT_ANALYSIS, population, parameter: test, statistic: 'NOT_GRADED', value: `unit(s) ${bad.map((u) => JSON.stringify(u)).join(', ')} not supported by the CTCAE grading of ${test}` }));
      continue;
    }
    out.push(ard({ analysis: SHIFT_ANALYSIS, population, parameter: test, statistic: 'label', value: `${records[0].PARAM} — CTCAE v4.03 ${CtcaeLabTerm[test]}` }));
    out.push(...shiftTable(subjectShifts(adlb, test), groups, GradeLevels, { analysis: SHIFT_ANALYSIS, population, parameter: test, method: 'ctcae-v4.03' }, { trace: true }));
  }
  return out;
}
