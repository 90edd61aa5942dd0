/**
 * The trial's analyses in report order (issue 7: title page; executive summary; disposition; baseline;
 * primary endpoint; secondary remission; time to remission; longitudinal; SLE activity; safety; appendix).
 * The executive summary is produced by the primary analysis and moved to the front by run-all.
 */
import type { Analysis } from './framework.ts';
import { primaryNonInferiority } from './primary-noninferiority.ts';
import { remissionSecondary } from './remission-secondary.ts';
import { timeToRemission } from './time-to-remission.ts';
import { longitudinal } from './longitudinal.ts';
import { sleActivity } from './sle-activity.ts';

export function analysesInReportOrder(): Analysis[] {
  return [primaryNonInferiority, remissionSecondary, timeToRemission, longitudinal, sleActivity];
}
