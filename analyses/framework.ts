/**
 * The contract between the trial's analysis scripts (analyses/*.ts), the pipeline (`remit run`) and the
 * report. Each analysis family is one module exporting an `Analysis`: a pure function from the plan and
 * the ADaM datasets to ARD records (every number the report shows), plus a section builder that turns
 * ARD records — and only ARD records — into report sections.
 *
 * Blinding: the open report's section builders receive only pooled records (group null or "Total"; see
 * src/report/blinding.ts `openRecords`) and must not need anything else; a section with nothing to show
 * pooled returns a short text block saying it is in the closed report.
 */
import type { ArdRecord } from '../src/core/ard.ts';
import type { AdamDatasets } from '../src/adam/derive-adam.ts';
import type { Plan } from '../src/plan/plan.ts';
import type { ReportSection } from '../src/report/html.ts';

/** One arm as shown in the report: ARMCD, label (DM.ARM / TRT01A) and its N in a population. */
export interface ArmInfo {
  code: string;
  label: string;
}

/** What every analysis receives. `adam` may be partial when running on an external ADaM folder (--adam). */
export interface AnalysisInput {
  plan: Plan;
  adam: Partial<AdamDatasets> & Pick<AdamDatasets, 'adsl'>;
  /** Arms in plan order (control first), with labels from the data. */
  arms: readonly ArmInfo[];
}

export interface SectionContext {
  plan: Plan;
  arms: readonly ArmInfo[];
  blinding: 'open' | 'closed';
}

export interface Analysis {
  /** Stable id; also the ARD `analysis` prefix and the results/<id>.json file name. */
  id: string;
  /** ADaM datasets it needs (the pipeline reports a clear error when one is missing). */
  needs: readonly (keyof AdamDatasets)[];
  run(input: AnalysisInput): ArdRecord[];
  sections(ard: readonly ArdRecord[], ctx: SectionContext): ReportSection[];
}

/** Contrast label used in ARD `group` for a difference experimental − control. */
export function contrastLabel(experimental: ArmInfo, control: ArmInfo): string {
  return `${experimental.label} - ${control.label}`;
}
