/**
 * A runner recomputes one reference `method` through remit's PUBLIC statistics API (src/stats/*.ts, the
 * functions the analyses call) and returns its observed values in the shape of the case's `expected`
 * (same field names; rows identified by the runner's `keys`). It never reads `expected`: the comparison
 * (src/validate/compare.ts) walks `expected` and looks each value up in what the runner returned.
 */
import type { ReferenceCase } from './case-file.ts';
import type { ComparisonRules } from './compare.ts';

export interface Runner extends ComparisonRules {
  /** The public API call, shown in the validation report. */
  api: string;
  /** How inputs map onto the call and any convention a reader needs (shown in the report). */
  mapping: string;
  /** Observed values for the case. @throws InputError on inputs the runner cannot use. */
  run(c: ReferenceCase): unknown;
}
