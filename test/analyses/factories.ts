/** Generic ADaM record builders for the analyses tests (hand-built data, no files). */
import type { GenericAdaeRecord, GenericAdslRecord, GenericBdsRecord } from '../../src/adam/read-adam.ts';
import type { Plan } from '../../src/plan/plan.ts';
import type { AdamInput } from '../../src/tables/adam-input.ts';
import { pilotPlan } from './pilot-adam.ts';

export function adsl(id: string, arm: string | null, over: Partial<GenericAdslRecord> = {}): GenericAdslRecord {
  return {
    STUDYID: 'T', USUBJID: id, SITEID: '1', AGE: 40, AGEU: 'YEARS', SEX: 'F', RACE: null, ARMCD: arm, ARM: arm, ACTARMCD: arm, ACTARM: arm,
    TRT01P: arm, TRT01PN: null, TRT01A: arm, TRT01AN: null, RANDDT: null, TRTSDT: '2020-01-01', TRTEDT: '2020-01-10', ITTFL: 'Y', FASFL: 'Y', SAFFL: 'Y',
    PPROTFL: 'Y', STRATUM: null, LNCLASS: null, WEIGHTBL: null, HEIGHTBL: null, EOSSTT: 'COMPLETED', EOSDT: null, DCSREAS: null, DTHFL: null, DTHDT: null, ...over,
  };
}

export function adae(id: string, soc: string, pt: string, over: Partial<GenericAdaeRecord> = {}): GenericAdaeRecord {
  return {
    STUDYID: 'T', USUBJID: id, TRTA: null, SAFFL: 'Y', AESEQ: null, AETERM: pt, AEDECOD: pt, AEBODSYS: soc, ASTDT: '2020-01-05', ASTDY: 5, AENDT: null,
    TRTEMFL: 'Y', ATOXGR: 1, AESER: 'N', AEREL: 'N', AREL: null, AEACN: null, AEOUT: null, AESDTH: 'N', INFFL: null, ...over,
  };
}

export function bds(id: string, paramcd: string, aval: number | null, over: Partial<GenericBdsRecord> = {}): GenericBdsRecord {
  return { STUDYID: 'T', USUBJID: id, PARAMCD: paramcd, PARAM: paramcd, AVAL: aval, AVALC: null, AVISIT: null, AVISITN: null, ADT: null, ADY: null, ABLFL: null, ANL01FL: null, BASE: null, CHG: null, ...over };
}

/** A two-arm plan (control "A", experimental "B"; CTCAE v4.0; infection SOC "Infections and infestations"). */
export function twoArmPlan(): Plan {
  const p = pilotPlan();
  return { ...p, arms: { control: 'A', experimental: ['B'] } };
}

export function input(adslRows: GenericAdslRecord[], extra: Partial<AdamInput['adam']> = {}): AdamInput {
  return { plan: twoArmPlan(), arms: [{ code: 'A', label: 'Arm A' }, { code: 'B', label: 'Arm B' }], adam: { adsl: adslRows, ...extra } };
}
