/**
 * The derivation pipeline (design.md data flow): ADSL → ADLB, ADQS → ADRS → PPROTFL → ADTTE, ADAE.
 * Typed SDTM records and the plan in, ADaM records, CSV bytes and data issues out; the lock is left as it
 * was unless `releaseConsumed` asks for its LB and QS arrays to be emptied once used.
 */
import type { SdtmDataLock } from '../cdisc/sdtm.ts';
import type { DataIssue } from '../io/data-issue.ts';
import type { Plan } from '../plan/plan.ts';
import { AdaeColumns, deriveAdae, type AdaeRecord } from './adae.ts';
import { AdlbColumns, deriveAdlb, type AdlbRecord } from './adlb.ts';
import { AdqsColumns, deriveAdqs, type AdqsRecord } from './adqs.ts';
import { AdrsColumns, deriveAdrs, evaluableSubjects, type AdrsRecord } from './adrs.ts';
import { AdslColumns, deriveAdsl, derivePprotfl, type AdslRecord } from './adsl.ts';
import { AdtteColumns, deriveAdtte, type AdtteRecord } from './adtte.ts';
import { datasetToCsv, DatasetKeys } from './write-dataset.ts';

export interface AdamDatasets {
  adsl: AdslRecord[];
  adlb: AdlbRecord[];
  adqs: AdqsRecord[];
  adrs: AdrsRecord[];
  adtte: AdtteRecord[];
  adae: AdaeRecord[];
}

export interface DeriveResult {
  datasets: AdamDatasets;
  issues: DataIssue[];
}

export interface DeriveOptions {
  /**
   * Empty the lock's LB and QS arrays as soon as ADLB and ADQS are derived from them, so their records
   * can be garbage-collected during the rest of the derivation (the caller must not use them afterwards).
   * On a 23,000-subject lock QS alone holds 6 million records; keeping it alive while ADRS is derived
   * was most of the peak heap.
   */
  releaseConsumed?: boolean;
}

/**
 * Derive every ADaM dataset from a data lock. Order: ADSL (PPROTFL pending) → ADQS → ADLB → ADRS →
 * PPROTFL → ADTTE, ADAE; ADQS needs no PPROTFL, so it is derived first and QS can be released early.
 */
export function deriveAdam(lock: SdtmDataLock, plan: Plan, options: DeriveOptions = {}): DeriveResult {
  const { records: adsl0, issues: adslIssues } = deriveAdsl(lock, plan);
  const adqs = deriveAdqs(lock.qs, adsl0, plan);
  if (options.releaseConsumed) lock.qs = [];
  const lb = deriveAdlb(lock.lb, adsl0, plan);
  if (options.releaseConsumed) lock.lb = [];
  const adrs = deriveAdrs(adsl0, lb.records, plan);
  const adsl = derivePprotfl(adsl0, evaluableSubjects(adrs, plan.primary.visit));
  const pp = new Map(adsl.map((s) => [s.USUBJID, s.PPROTFL]));
  // Set on the records deriveAdrs just made (nothing else holds them): no second full ADRS copy, which
  // on a large lock was a peak of the heap.
  for (const r of adrs) r.PPROTFL = pp.get(r.USUBJID) ?? 'N';
  return {
    datasets: {
      adsl,
      adlb: lb.records,
      adqs,
      adrs,
      adtte: deriveAdtte(adsl, adrs, plan),
      adae: deriveAdae(lock.ae, adsl, plan),
    },
    issues: [...adslIssues, ...lb.issues],
  };
}

/** File name (without `.csv`) → CSV (UTF-8 bytes) for each dataset. */
export function adamToCsv(d: AdamDatasets): Record<keyof AdamDatasets, Buffer> {
  return {
    adsl: datasetToCsv(AdslColumns, d.adsl, DatasetKeys.adsl),
    adlb: datasetToCsv(AdlbColumns, d.adlb, DatasetKeys.adlb),
    adqs: datasetToCsv(AdqsColumns, d.adqs, DatasetKeys.adqs),
    adrs: datasetToCsv(AdrsColumns, d.adrs, DatasetKeys.adrs),
    adtte: datasetToCsv(AdtteColumns, d.adtte, DatasetKeys.adtte),
    adae: datasetToCsv(AdaeColumns, d.adae, DatasetKeys.adae),
  };
}
