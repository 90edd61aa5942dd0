/**
 * Analysis Results Data (ARD): every number shown in the report is one record (design.md "Outputs";
 * modelled on CDISC ARS and the R `cards` package). Values are stored unrounded; the report rounds.
 */
import { InputError } from './errors.ts';

export interface ArdRecord {
  /** Stable analysis id, e.g. "primary-noninferiority", "safety-teae-soc-pt". */
  analysis: string;
  /** Analysis set: "ITT" | "FAS" | "PP" | "SAF" | … */
  population: string;
  /** PARAMCD or variable: "TOTREM", "AGE", "ANY_TEAE", "AEDECOD". */
  parameter: string;
  /** Level of a categorical parameter ("F", "<65", a SOC or PT name, "CR"), else null. */
  category: string | null;
  /** AVISIT, e.g. "Week 24", else null. */
  visit: string | null;
  /** Arm label (DM.ARM / TRT01A), "Total", a contrast "MSC - MMF"; null when pooled. */
  group: string | null;
  /** "n" | "N" | "pct" | "mean" | "sd" | "median" | "q1" | "q3" | "min" | "max" | "estimate" | "lower" | "upper" | "pValue" | … */
  statistic: string;
  value: number | string | null;
  /** "miettinen-nurminen", "farrington-manning", "kaplan-meier", "mmrm-un-satterthwaite", … */
  method: string | null;
  /**
   * Subject-level trace of a count (statistic "n"): who is counted and by which rule; or of a table's header
   * N (statistic "N"): the subjects of the analysis set in the group and, as `notCounted`, the randomised
   * subjects of the arm left out of it with the reason (src/tables/population-trace.ts). CLOSED material:
   * src/report/blinding.ts `openRecords` strips it, and the open report is checked for every USUBJID.
   * Absent on records that are not traced.
   */
  subjects?: CountTrace;
}

/** One subject behind a count and the rule that put it there (or left it out). */
export interface TraceSubject {
  /** USUBJID. */
  id: string;
  /**
   * The rule, shared by every subject it applies to (the report groups subjects by it): an ADRS reason
   * ("CR", "NR-CRITERIA: failed: ALB < 30", "NR-RESCUE: rescue therapy … started 2019-06-02") or the
   * qualifying adverse events ("Neutropenia (Grade 3)").
   */
  reason: string;
  /** Subject-specific values the rule was applied to (e.g. the lab values of a responder), if any. */
  values?: string;
}

/** The subjects behind a count record, each list sorted by USUBJID (code-unit order). */
export interface CountTrace {
  /** The subjects counted in the record's value (length = value). */
  counted: readonly TraceSubject[];
  /**
   * The other subjects of the denominator with the reason they are not counted (e.g. the non-responders);
   * for a header N, the randomised subjects of the arm not in the analysis set; absent where "not counted"
   * only means "had no such event" (incidence counts) or the set is the randomised set itself.
   */
  notCounted?: readonly TraceSubject[];
}

/** Trace subjects in USUBJID code-unit order (the order of every trace list). */
export const bySubjectId = (a: Pick<TraceSubject, 'id'>, b: Pick<TraceSubject, 'id'>): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A count trace with both lists sorted by USUBJID, so the ARD and the report are byte-stable whatever the
 * order the analysis met the subjects in.
 * @throws InputError when a subject appears twice (a count counts each subject once).
 */
export function countTrace(counted: readonly TraceSubject[], notCounted?: readonly TraceSubject[]): CountTrace {
  const all = [...counted, ...(notCounted ?? [])];
  const seen = new Set<string>();
  for (const s of all) {
    if (seen.has(s.id)) throw new InputError('subjects', `subject ${JSON.stringify(s.id)} appears twice in one count trace`);
    seen.add(s.id);
  }
  const sorted = (xs: readonly TraceSubject[]) => xs.map((x) => (x.values === undefined ? { id: x.id, reason: x.reason } : { id: x.id, reason: x.reason, values: x.values })).sort(bySubjectId);
  return notCounted === undefined ? { counted: sorted(counted) } : { counted: sorted(counted), notCounted: sorted(notCounted) };
}

/** The record without its subject trace (what may reach an open report). */
export function withoutSubjects(r: ArdRecord): ArdRecord {
  if (r.subjects === undefined) return r;
  const { subjects: _dropped, ...rest } = r;
  return rest;
}

/** Build one ARD record with nulls for the optional dimensions not given. */
export function ard(
  r: Pick<ArdRecord, 'analysis' | 'population' | 'parameter' | 'statistic' | 'value'> & Partial<ArdRecord>,
): ArdRecord {
  return {
    analysis: r.analysis,
    population: r.population,
    parameter: r.parameter,
    category: r.category ?? null,
    visit: r.visit ?? null,
    group: r.group ?? null,
    statistic: r.statistic,
    value: r.value,
    method: r.method ?? null,
    // Only traced records carry the key, so untraced records keep their exact JSON shape.
    ...(r.subjects !== undefined ? { subjects: r.subjects } : {}),
  };
}
