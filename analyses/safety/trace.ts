/**
 * How the closed report's trace states why a subject is counted in a safety table (issue 10 item 2): by
 * its qualifying treatment-emergent events, as "preferred term (worst grade)" — distinct terms in
 * code-unit order, each with the worst grade (or severity) among the subject's qualifying events of that
 * term. The study day is left out on purpose: subjects with the same terms and grades then share one
 * reason, which the report groups, and the SAE listing gives the dates.
 */
import type { GenericAdaeRecord } from '../../src/adam/read-adam.ts';
import type { GradeScale } from './events.ts';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A describer of a subject's qualifying events for the count tables (see the module note). */
export function describeEvents(scale: GradeScale): (events: readonly GenericAdaeRecord[]) => string {
  const rank = new Map(scale.levels.map((l, i) => [l, i]));
  const unknown = scale.kind === 'ctcae' ? 'grade missing' : 'severity missing';
  return (events) => {
    const worst = new Map<string, number>();
    for (const e of events) {
      const level = scale.levelOf(e);
      const r = level === null ? -1 : (rank.get(level) ?? -1);
      worst.set(e.AEDECOD, Math.max(worst.get(e.AEDECOD) ?? -1, r));
    }
    return [...worst]
      .sort(([a], [b]) => cmp(a, b))
      .map(([term, r]) => `${term} (${r < 0 ? unknown : scale.label(scale.levels[r])})`)
      .join('; ');
  };
}
