/**
 * Analysis Results Data (ARD): every number shown in the report is one record (design.md "Outputs";
 * modelled on CDISC ARS and the R `cards` package). Values are stored unrounded; the report rounds.
 */
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
  };
}
