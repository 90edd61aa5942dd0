/**
 * The trial's analyses in report order (issue 7: title page; executive summary; disposition; baseline;
 * primary endpoint; subgroup consistency and design power (issue 10); secondary remission; time to
 * remission; longitudinal; SLE activity; exposure; safety; appendix). The executive summary is produced by
 * the primary analysis and moved to the front by run-all.
 *
 * `genericAnalyses` are the summaries that run on any ADaM-shaped input (`remit run --adam DIR`), e.g. the
 * public CDISC pilot: they read only standard ADaM variables (issue 8).
 */
import type { ArdRecord } from '../src/core/ard.ts';
import type { AdamInput } from '../src/tables/adam-input.ts';
import type { Analysis } from './framework.ts';
import { baselineAnalysis, computeBaseline } from './baseline.ts';
import { computeDisposition, dispositionAnalysis } from './disposition.ts';
import { computeExposure, exposureAnalysis } from './exposure.ts';
import { computeSafety, safetyAnalysis } from './safety.ts';
import { primaryNonInferiority } from './primary-noninferiority.ts';
import { subgroupAnalysis } from './subgroups.ts';
import { designPower } from './design-power.ts';
import { remissionSecondary } from './remission-secondary.ts';
import { timeToRemission } from './time-to-remission.ts';
import { longitudinal } from './longitudinal.ts';
import { sleActivity } from './sle-activity.ts';

export function analysesInReportOrder(): Analysis[] {
  return [dispositionAnalysis, baselineAnalysis, primaryNonInferiority, subgroupAnalysis, designPower, remissionSecondary, timeToRemission, longitudinal, sleActivity, exposureAnalysis, safetyAnalysis];
}

/** An analysis over generic ADaM records (any CDISC trial). */
export interface GenericAnalysis {
  id: string;
  run(input: AdamInput): ArdRecord[];
  sections: Analysis['sections'];
}

export function genericAnalyses(): GenericAnalysis[] {
  return [
    { id: dispositionAnalysis.id, run: computeDisposition, sections: dispositionAnalysis.sections },
    { id: baselineAnalysis.id, run: computeBaseline, sections: baselineAnalysis.sections },
    { id: exposureAnalysis.id, run: computeExposure, sections: exposureAnalysis.sections },
    { id: safetyAnalysis.id, run: computeSafety, sections: safetyAnalysis.sections },
  ];
}
