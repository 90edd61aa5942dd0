/**
 * The input of the generic DSMB summaries (baseline, disposition, exposure, safety): the plan, the arms in
 * plan order and ADaM datasets typed by the generic record types of src/adam/read-adam.ts. Our derived
 * datasets (src/adam/derive-adam.ts AdamDatasets) satisfy it, because the generic types are structural
 * subsets of ours, and so does a folder read by `readAdamFolder`: analyses/framework.ts `AnalysisInput` is
 * assignable to `AdamInput`.
 */
import type { GenericAdaeRecord, GenericAdslRecord, GenericBdsRecord } from '../adam/read-adam.ts';
import type { Plan } from '../plan/plan.ts';
import type { TableArm } from './population-groups.ts';

export interface AdamInput {
  plan: Plan;
  /** Arms in plan order (control first), labels from the data. */
  arms: readonly TableArm[];
  adam: {
    adsl: readonly GenericAdslRecord[];
    adae?: readonly GenericAdaeRecord[];
    adlb?: readonly GenericBdsRecord[];
    adqs?: readonly GenericBdsRecord[];
  };
}
