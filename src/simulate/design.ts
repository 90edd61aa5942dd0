/**
 * The simulated trial's fixed design: study id, arms, sites, visit schedule and analysis windows,
 * exactly as in the lead's "Trial conventions" (also analyses/plan.json `visits`).
 *
 * Internally the simulator counts days as an *offset* from Day 1 (offset 0 = Day 1 = first dose).
 * The SDTM study day has no day 0: studyDay = offset + 1 for offset >= 0, else offset.
 */

export const StudyId = 'NCT03580291';
/** Data cut date: after every simulated subject's last record. */
export const DataCutDate = '2021-06-01';

/** ARMCD → ARM of the two randomised arms (MSC experimental, MMF control). */
export const Arms = {
  MSC: { armcd: 'MSC', arm: 'UC-MSC' },
  MMF: { armcd: 'MMF', arm: 'MMF' },
} as const;
/** A randomised arm code. */
export type ArmCode = keyof typeof Arms;
/** Actual arm of a subject randomised but never dosed. */
export const NotTreated = { actarmcd: 'NOTTRT', actarm: 'Not Treated' } as const;

/** Sites `01`…`10` and their relative enrolment weights (bigger centres first). */
export const Sites = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
export const SiteWeights = [0.17, 0.14, 0.12, 0.11, 0.1, 0.09, 0.08, 0.07, 0.06, 0.06] as const;
/** The site that reports serum creatinine in mg/dL (the conventions' deliberate unit mess). */
export const MgDlCreatinineSite = '07';

/** One scheduled visit: VISITNUM, VISIT, target study day, target offset, analysis window (study days). */
export interface ScheduledVisit {
  visitnum: number;
  visit: string;
  avisit: string;
  week: number;
  targetDay: number;
  window: readonly [number, number];
}

/** Post-baseline scheduled visits (VISITNUM 2–7) with their analysis windows (conventions). */
export const PostBaselineVisits: readonly ScheduledVisit[] = [
  { visitnum: 2, visit: 'WEEK 4', avisit: 'Week 4', week: 4, targetDay: 29, window: [2, 42] },
  { visitnum: 3, visit: 'WEEK 8', avisit: 'Week 8', week: 8, targetDay: 57, window: [43, 70] },
  { visitnum: 4, visit: 'WEEK 12', avisit: 'Week 12', week: 12, targetDay: 85, window: [71, 98] },
  { visitnum: 5, visit: 'WEEK 16', avisit: 'Week 16', week: 16, targetDay: 113, window: [99, 126] },
  { visitnum: 6, visit: 'WEEK 20', avisit: 'Week 20', week: 20, targetDay: 141, window: [127, 154] },
  { visitnum: 7, visit: 'WEEK 24', avisit: 'Week 24', week: 24, targetDay: 169, window: [155, 196] },
];
/** Baseline and unscheduled visit identifiers. */
export const Baseline = { visitnum: 1, visit: 'BASELINE' } as const;
export const Unscheduled = { visitnum: 99, visit: 'UNSCHEDULED' } as const;

/** Index (into PostBaselineVisits) of week 12 and week 24. */
export const Week12 = 2;
export const Week24 = 5;

/** Target offset (days from Day 1) of a post-baseline visit. */
export function targetOffset(v: ScheduledVisit): number {
  return v.targetDay - 1;
}

/** SDTM study day of an offset from Day 1 (no day 0). */
export function studyDayOfOffset(offset: number): number {
  return offset >= 0 ? offset + 1 : offset;
}

/** Visit indices at which each questionnaire is collected (−1 = baseline). */
export const QsSchedule = {
  sledai: [-1, 0, 1, 2, 3, 4, 5],
  phga: [-1, 0, 1, 2, 3, 4, 5],
  bilag: [-1, 2, 5],
  haq: [-1, 2, 5],
} as const;
