/**
 * The typed analysis plan (design.md "Analysis plan"): the SAP as data. Produced by `loadPlan` after
 * JSON-schema validation (analyses/plan.schema.json) and semantic checks. `arms.experimental` is
 * normalised to a list so the same code serves two-arm and multi-arm trials.
 */
import type { EgfrEquation } from '../clinical/egfr.ts';
import type { ResponseDefinitionName, ResponseParameters } from '../clinical/response.ts';

/** One analysis visit window in study days (inclusive), e.g. Week 4: target 29, [2, 42]. */
export interface PlanVisit {
  avisit: string;
  avisitn: number;
  targetDay: number;
  window: [number, number];
}

/** How an intercurrent event is handled for a responder endpoint (ICH E9(R1)). */
export type IceStrategy = 'non-responder' | 'treatment-policy';

export interface PlanIntercurrent {
  rescue: IceStrategy;
  death: IceStrategy;
  discontinuationLackOfEfficacy: IceStrategy;
  discontinuationOther: IceStrategy;
}

export interface Plan {
  study: { id: string; title: string; dataCutDate: string };
  /** ARMCD values: the control arm and one or more experimental arms. */
  arms: { control: string; experimental: string[] };
  visits: PlanVisit[];
  baseline: { rule: 'last-non-missing-on-or-before-day-1'; avisit: string; avisitn: number };
  response: {
    definition: ResponseDefinitionName;
    /** Parameters as written in the plan (defaults filled in by `responseParameters`). */
    parameters: Partial<ResponseParameters>;
    /** Further definitions derived as sensitivity parameters in ADRS. */
    alternatives: ResponseDefinitionName[];
  };
  primary: {
    endpoint: string;
    visit: string;
    margin: number;
    alphaOneSided: number;
    ci: string;
    test: string;
    strata: string[];
    populations: ('ITT' | 'FAS' | 'PP' | 'SAF')[];
    missing: 'non-responder' | 'observed-case';
    intercurrent: PlanIntercurrent;
    sensitivity: string[];
    /** Protocol sample-size assumptions: common response rate (true difference 0) and planned n per arm. */
    design?: { controlRate: number; nPerArm: number };
  };
  secondary: {
    remissionVisits: string[];
    timeToEvent: { params: ('TTPRCR' | 'TTCR')[]; origin: 'randomization' | 'first-dose'; competingEvents: ('DEATH' | 'RESCUE')[] };
    sri: { visits: string[]; threshold: number; phgaWorseningMin: number };
  };
  longitudinal: { params: string[]; logTransform: string[]; covariance: 'unstructured' | 'compound-symmetry' | 'ar1'; df: 'satterthwaite' | 'residual' };
  labs: { egfrEquation: EgfrEquation; upcrMgPerMmolFactor: number };
  safety: { ctcaeVersion: string; infectionSoc: string };
  report: { title: string; blinding: ('closed' | 'open')[] };
}

/** All ARMCDs of the plan, control first. */
export function planArms(plan: Plan): string[] {
  return [plan.arms.control, ...plan.arms.experimental];
}
