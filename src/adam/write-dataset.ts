/**
 * Datasets to CSV text (design.md "Outputs": CDISC names, one row per record, sorted by keys, stable
 * column order). Rows are sorted by the dataset's key variables with code-unit string order for text
 * and numeric order for numbers (nulls first), so the same records always give the same bytes. Dates
 * are already `YYYY-MM-DD` text in the records.
 */
import { toCsvBytes, type CsvCell } from '../io/csv-write.ts';

/** Sort keys per dataset (ADaM conventions). */
export const DatasetKeys: Readonly<Record<string, readonly string[]>> = {
  adsl: ['USUBJID'],
  adlb: ['USUBJID', 'PARAMCD', 'AVISITN', 'ADT', 'ADTM', 'SRCLINE'],
  adqs: ['USUBJID', 'PARAMCD', 'AVISITN', 'ADT', 'SRCLINE'],
  adrs: ['USUBJID', 'PARAMCD', 'AVISITN'],
  adtte: ['USUBJID', 'PARAMCD'],
  adae: ['USUBJID', 'ASTDT', 'AESEQ', 'SRCLINE'],
};

function compareCells(a: CsvCell, b: CsvCell): number {
  const na = a === null || a === undefined, nb = b === null || b === undefined;
  if (na || nb) return na && nb ? 0 : na ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a), sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * A new array sorted by `keys` (stable). Sorts an array of indices rather than wrapper objects: on a
 * dataset of millions of records the wrappers were promoted to the old generation and dominated the
 * garbage collector's work.
 */
export function sortByKeys<T extends object>(rows: readonly T[], keys: readonly string[]): T[] {
  const cells = rows as readonly Readonly<Record<string, CsvCell>>[];
  const order = Array.from({ length: rows.length }, (_, i) => i);
  order.sort((x, y) => {
    const a = cells[x], b = cells[y];
    for (const k of keys) {
      const c = compareCells(a[k], b[k]);
      if (c !== 0) return c;
    }
    return x - y;
  });
  return order.map((i) => rows[i]);
}

/** CSV (UTF-8 bytes) of a dataset with the given column order, sorted by its keys. */
export function datasetToCsv<T extends object>(columns: readonly string[], rows: readonly T[], keys: readonly string[]): Buffer {
  return toCsvBytes(columns, sortByKeys(rows, keys) as unknown as Readonly<Record<string, CsvCell>>[]);
}
