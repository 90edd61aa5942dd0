/**
 * Column groups of a DSMB summary table: the subjects of one analysis set split by arm (plan order) plus a
 * "Total" column (ICH E3 section 14 tables; the rtables/tern `split_cols_by(ARM) |> add_overall_col()`
 * layout). The denominator of every percentage in such a table is the group's N here.
 *
 * Arm assignment (generic over ADaM inputs):
 * - planned (ITT principle): ADSL ARMCD matched to the arm code when ARMCD is present, else TRT01P (or ARM)
 *   matched to the arm label;
 * - actual (as treated, safety): ACTARMCD matched to the arm code when present, else TRT01A matched to the
 *   arm label.
 * A subject of the analysis set whose arm matches none of the arms is left out of every column (also of
 * Total) and counted in `unassigned`, so Total always equals the sum of the arm columns.
 */
import { InputError } from '../core/errors.ts';

/** One arm as the tables see it (structurally the same as analyses/framework.ts ArmInfo). */
export interface TableArm {
  code: string;
  label: string;
}

/** The ADSL variables the grouping reads (every ADaM ADSL, ours or an external one, has these). */
export interface GroupableSubject {
  USUBJID: string;
  ARMCD: string | null;
  ARM: string | null;
  ACTARMCD: string | null;
  TRT01P: string | null;
  TRT01A: string | null;
}

export type ArmBasis = 'planned' | 'actual';

/** The label of the pooled column. */
export const TOTAL = 'Total';

/** One column: an arm label or "Total", and its subjects. */
export interface SubjectGroup {
  label: string;
  subjects: ReadonlySet<string>;
}

export interface PopulationGroups {
  /** Arm groups in the order given, then Total. */
  groups: SubjectGroup[];
  /** USUBJID → arm label, for the subjects in an arm column. */
  armOf: ReadonlyMap<string, string>;
  /** Subjects selected whose arm matched no arm. */
  unassigned: number;
}

/**
 * The arm of one subject, or null when it matches none (see the module note for the rule).
 * @example armOfSubject({ USUBJID: '1', ARMCD: null, ARM: 'Placebo', ACTARMCD: null, TRT01P: 'Placebo', TRT01A: 'Placebo' },
 *   [{ code: 'Placebo', label: 'Placebo' }], 'planned') // => { code: 'Placebo', label: 'Placebo' }
 */
export function armOfSubject<A extends TableArm>(s: GroupableSubject, arms: readonly A[], basis: ArmBasis): A | null {
  const code = basis === 'planned' ? s.ARMCD : s.ACTARMCD;
  if (code !== null && code !== undefined && code !== '') return arms.find((a) => a.code === code) ?? null;
  const label = basis === 'planned' ? (s.TRT01P ?? s.ARM) : s.TRT01A;
  if (label === null || label === undefined) return null;
  return arms.find((a) => a.label === label) ?? null;
}

/**
 * Split the subjects selected by `include` into arm columns and Total.
 * @throws InputError when `arms` is empty or has duplicate labels.
 */
export function populationGroups<S extends GroupableSubject>(
  adsl: readonly S[],
  arms: readonly TableArm[],
  basis: ArmBasis,
  include: (s: S) => boolean,
): PopulationGroups {
  if (arms.length === 0) throw new InputError('arms', 'at least one arm is needed');
  if (new Set(arms.map((a) => a.label)).size !== arms.length) throw new InputError('arms', 'arm labels must be unique');
  if (arms.some((a) => a.label === TOTAL)) throw new InputError('arms', `an arm may not be labelled "${TOTAL}"`);
  const byArm = new Map<string, Set<string>>(arms.map((a) => [a.label, new Set<string>()]));
  const total = new Set<string>();
  const armOf = new Map<string, string>();
  let unassigned = 0;
  for (const s of adsl) {
    if (!include(s)) continue;
    const arm = armOfSubject(s, arms, basis);
    if (arm === null) {
      unassigned++;
      continue;
    }
    byArm.get(arm.label)!.add(s.USUBJID);
    total.add(s.USUBJID);
    armOf.set(s.USUBJID, arm.label);
  }
  return { groups: [...arms.map((a) => ({ label: a.label, subjects: byArm.get(a.label)! })), { label: TOTAL, subjects: total }], armOf, unassigned };
}

/** n / N as a proportion, or null when N = 0 (shown as "0 (–)"; never NaN). */
export function proportion(n: number, denominator: number): number | null {
  return denominator > 0 ? n / denominator : null;
}
