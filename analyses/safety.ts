/**
 * Safety analyses for the DSMB (domain.md §7.7–7.8; ICH E3 §12; FDA 2006 DMC guidance), generic over any
 * ADaM ADSL/ADAE/ADLB: safety set (ADSL SAFFL = 'Y') by ACTUAL arm (ADSL ACTARMCD, else TRT01A) and Total;
 * events = treatment-emergent ADAE records (TRTEMFL = 'Y') of safety-set subjects. Incidences count subjects
 * (≥ 1 event, once per row), denominators = the safety-set N of the column.
 *
 * ARD analyses (population "SAF", header N parameter "SUBJECTS" in each):
 * - "safety-overview" (./safety/overview.ts);
 * - "safety-teae-soc-pt": by SOC/PT sorted by descending Total incidence, ties alphabetical
 *   (src/tables/ae-by-soc-pt.ts);
 * - "safety-teae-grade" (parameter "ANY") and "safety-teae-grade-pt" (parameter = PT): subjects by worst
 *   CTCAE grade, or by worst AESEV severity when the data have no grade (./safety/events.ts);
 * - "safety-teae-common": risk differences with Newcombe hybrid score CIs (descriptive level) for PTs ≥ 5 % in any arm;
 * - "safety-sae-listing", "safety-death-listing": subject-level, closed report only;
 * - "safety-lab-shift": CTCAE v4.03 baseline → worst post-baseline grade shifts (HGB, WBC, PLAT, ALT, AST).
 * Every subject count (statistic "n") of these tables carries its subjects and their qualifying events
 * (ArdRecord `subjects`, ./safety/trace.ts; closed report only, stripped for the open report).
 * A pooled record TEAE_OUTSIDE_SAF (analysis "safety-overview") counts subjects with TEAEs in ADAE who are
 * not in the safety set (or whose arm is not a plan arm): they are not in any column.
 */
import type { ArdRecord } from '../src/core/ard.ts';
import { ard } from '../src/core/ard.ts';
import type { AdamInput } from '../src/tables/adam-input.ts';
import { aeBySocPt } from '../src/tables/ae-by-soc-pt.ts';
import { describeSubjects, headerNRecords, recordsBySubject, subjectsWith, type SubjectReasons } from '../src/tables/count-subjects.ts';
import { countByWorstLevel } from '../src/tables/max-grade.ts';
import { populationGroups } from '../src/tables/population-groups.ts';
import { populationTraces, SafetySet } from '../src/tables/population-trace.ts';
import type { Analysis } from './framework.ts';
import { computeCommonTeae, COMMON_ANALYSIS } from './safety/common-teae.ts';
import { gradeScale, isTeae } from './safety/events.ts';
import { computeLabShifts } from './safety/lab-shift.ts';
import { computeListings } from './safety/listings.ts';
import { computeOverview, OVERVIEW_ANALYSIS } from './safety/overview.ts';
import { safetySections } from './safety/sections.ts';
import { describeEvents } from './safety/trace.ts';

export const SOC_PT_ANALYSIS = 'safety-teae-soc-pt';
export const GRADE_ANALYSIS = 'safety-teae-grade';
export const GRADE_PT_ANALYSIS = 'safety-teae-grade-pt';
const POP = 'SAF';

/** ARD records of every safety table (see the module note). */
export function computeSafety(input: AdamInput): ArdRecord[] {
  const { adsl } = input.adam;
  const adae = input.adam.adae ?? [];
  const g = populationGroups(adsl, input.arms, 'actual', (s) => s.SAFFL === 'Y');
  const teae = adae.filter((e) => isTeae(e) && g.armOf.has(e.USUBJID));
  const scale = gradeScale(teae.length > 0 ? teae : adae, input.plan.safety.ctcaeVersion);
  const out: ArdRecord[] = [];
  // Every safety table's header N lists the safety set of its column (closed report; src/tables/population-trace.ts).
  const population = populationTraces(adsl, input.arms, g.groups, SafetySet);
  for (const analysis of [OVERVIEW_ANALYSIS, SOC_PT_ANALYSIS, GRADE_ANALYSIS, GRADE_PT_ANALYSIS, COMMON_ANALYSIS]) {
    out.push(...headerNRecords({ analysis, population: POP, parameter: 'SUBJECTS' }, g.groups, population));
  }
  out.push(ard({ analysis: OVERVIEW_ANALYSIS, population: POP, parameter: 'TEAE_OUTSIDE_SAF', statistic: 'n', value: subjectsWith(adae, (e) => isTeae(e) && !g.armOf.has(e.USUBJID)).size }));
  out.push(ard({ analysis: OVERVIEW_ANALYSIS, population: POP, parameter: 'GRADE_SCALE', statistic: 'kind', value: scale.kind, method: scale.method }));
  out.push(...computeOverview(teae, g.groups, scale, input.plan.safety.infectionSoc, POP));
  const describe = describeEvents(scale);
  const socPt = aeBySocPt(teae, g.groups, { analysis: SOC_PT_ANALYSIS, population: POP }, describe);
  out.push(...socPt.records);
  out.push(...countByWorstLevel(teae, g.groups, scale.levels, scale.levelOf, { analysis: GRADE_ANALYSIS, population: POP, parameter: 'ANY', method: scale.method }, describe));
  const ptSubjects = new Map<string, SubjectReasons>();
  for (const s of socPt.order) {
    for (const t of s.terms) {
      if (ptSubjects.has(t.term)) continue;
      const events = teae.filter((e) => e.AEDECOD === t.term);
      ptSubjects.set(t.term, describeSubjects(recordsBySubject(events, () => true), describe));
      out.push(...countByWorstLevel(events, g.groups, scale.levels, scale.levelOf, { analysis: GRADE_PT_ANALYSIS, population: POP, parameter: t.term, method: scale.method }, describe));
    }
  }
  out.push(...computeCommonTeae(socPt.order, ptSubjects, g.groups, input.arms, POP));
  out.push(...computeListings(adae, adsl, g.armOf, input.arms.map((a) => a.label), scale, POP));
  if (input.adam.adlb !== undefined) out.push(...computeLabShifts(input.adam.adlb, g.groups, POP, population));
  return out;
}

/** The safety analysis (needs ADSL and ADAE; lab shifts when ADLB is present). */
export const safetyAnalysis: Analysis = {
  id: 'safety',
  needs: ['adsl', 'adae'],
  run: (input) => computeSafety(input),
  sections: safetySections,
};
