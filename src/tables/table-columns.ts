/**
 * The columns of a by-arm summary table: each arm (plan order) then Total in the closed report; Total only
 * in the open report (domain.md §7: the open session sees pooled data only). "N = xx" comes from each
 * group's header-N record.
 */
import type { TableColumn } from '../report/tables.ts';
import { TOTAL } from './population-groups.ts';

export function groupColumns(armLabels: readonly string[], blinding: 'open' | 'closed'): TableColumn[] {
  const groups = blinding === 'closed' ? [...armLabels, TOTAL] : [TOTAL];
  return groups.map((group) => ({ group }));
}
