/**
 * The derivation pipeline (design.md data flow): ADSL → ADLB, ADQS → ADRS → PPROTFL → ADTTE, ADAE.
 * Pure: typed SDTM records and the plan in, ADaM records, CSV texts and data issues out.
 */
import type { SdtmDataLock } from '../cdisc/sdtm.ts';
import type { DataIssue } from '../io/data-issue.ts';
import type { Plan } from '../plan/plan.ts';
import { AdaeColumns, deriveAdae, type AdaeRecord } from './adae.ts';
import { AdlbColumns, deriveAdlb, type AdlbRecord } from './adlb.ts';
import { AdqsColumns, deriveAdqs, type AdqsRecord } from './adqs.ts';
import { AdrsColumns, deriveAdrs, evaluableSubjects, withPprotfl, type AdrsRecord } from './adrs.ts';
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

/** Derive every ADaM dataset from a data lock. */
export function deriveAdam(lock: SdtmDataLock, plan: Plan): DeriveResult {
  const adsl0 = deriveAdsl(lock, plan);
  const lb = deriveAdlb(lock.lb, adsl0, plan);
  const adrs0 = deriveAdrs(adsl0, lb.records, plan);
  const adsl = derivePprotfl(adsl0, evaluableSubjects(adrs0, plan.primary.visit));
  const pp = new Map(adsl.map((s) => [s.USUBJID, s.PPROTFL]));
  const adrs = adrs0.map((r) => withPprotfl(r, pp.get(r.USUBJID) ?? 'N'));
  return {
    datasets: {
      adsl,
      adlb: lb.records,
      adqs: deriveAdqs(lock.qs, adsl, plan),
      adrs,
      adtte: deriveAdtte(adsl, adrs, plan),
      adae: deriveAdae(lock.ae, adsl, plan),
    },
    issues: lb.issues,
  };
}

/** File name (without `.csv`) → CSV text for each dataset. */
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
