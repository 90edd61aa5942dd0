/**
 * Risk differences for common TEAEs (preferred terms with incidence ≥ 5 % in any arm of the safety set), each
 * experimental arm − control, with the Newcombe hybrid score interval at the descriptive level
 * (analyses/common/confidence.ts; Newcombe 1998 Stat Med 17:873, method 10; src/stats/proportions.ts `riskDifferenceCI(…, { method: 'newcombe' })`), for the AE dot plot
 * (src/report/charts/ae-dot-plot.ts). The Newcombe interval is chosen for its good coverage with small counts
 * and zero cells, where the Wald interval fails. Not adjusted for multiplicity (descriptive screening).
 */
import { ard, type ArdRecord } from '../../src/core/ard.ts';
import { riskDifferenceCI } from '../../src/stats/proportions.ts';
import type { SocNode } from '../../src/tables/ae-by-soc-pt.ts';
import { countSubjectSet, type SubjectReasons } from '../../src/tables/count-subjects.ts';
import type { SubjectGroup, TableArm } from '../../src/tables/population-groups.ts';
import { contrastLabel } from '../framework.ts';
import { DescriptiveLevel } from '../common/confidence.ts';

export const COMMON_ANALYSIS = 'safety-teae-common';
export const COMMON_THRESHOLD = 0.05;
export const COMMON_METHOD = 'newcombe';

/** The subjects with each PT among the TEAEs, each with its trace reason (USUBJID → reason). */
export type PtSubjects = ReadonlyMap<string, SubjectReasons>;

function countIn(ids: SubjectReasons, group: SubjectGroup): number {
  let n = 0;
  for (const id of ids.keys()) if (group.subjects.has(id)) n++;
  return n;
}

/**
 * ARD: per common PT (SOC/PT order) a pooled `common` record, n and pct per group, then for every contrast "exp - control"
 * estimate/lower/upper (proportions, method "newcombe"); null values when an arm has N = 0.
 */
export function computeCommonTeae(order: readonly SocNode[], ptSubjects: PtSubjects, groups: readonly SubjectGroup[], arms: readonly TableArm[], population: string): ArdRecord[] {
  const out: ArdRecord[] = [];
  const armGroups = arms.map((a) => groups.find((g) => g.label === a.label)!);
  const seen = new Set<string>();
  const terms = order.flatMap((s) => s.terms.map((t) => t.term)).filter((t) => (seen.has(t) ? false : (seen.add(t), true)));
  const key = { analysis: COMMON_ANALYSIS, population, parameter: 'AEDECOD' };
  for (const term of terms) {
    const ids: SubjectReasons = ptSubjects.get(term) ?? new Map();
    const common = armGroups.some((g) => g.subjects.size > 0 && countIn(ids, g) / g.subjects.size >= COMMON_THRESHOLD);
    if (!common) continue;
    out.push(ard({ ...key, category: term, statistic: 'common', value: 1, method: `>= ${COMMON_THRESHOLD * 100} % in any arm` }));
    out.push(...countSubjectSet(new Set(ids.keys()), groups, { ...key, category: term }, ids));
    const control = armGroups[0];
    for (let i = 1; i < armGroups.length; i++) {
      const exp = armGroups[i];
      const group = contrastLabel(arms[i], arms[0]);
      const ci = exp.subjects.size > 0 && control.subjects.size > 0
        ? riskDifferenceCI(countIn(ids, exp), exp.subjects.size, countIn(ids, control), control.subjects.size, { method: COMMON_METHOD, level: DescriptiveLevel })
        : null;
      for (const s of ['estimate', 'lower', 'upper'] as const) out.push(ard({ ...key, category: term, group, statistic: s, value: ci === null ? null : ci[s], method: COMMON_METHOD }));
    }
  }
  return out;
}
