/** Small typed SDTM record builders for ADaM unit tests (hand-built data, no files). */
import { readFileSync } from 'node:fs';
import type { AeRecord, CmRecord, DmRecord, DsRecord, ExRecord, LbRecord, QsRecord, SdtmDataLock, SuppdmRecord } from '../../src/cdisc/sdtm.ts';
import type { IsoDateTime, QualifiedResult } from '../../src/cdisc/values.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';
import type { Plan } from '../../src/plan/plan.ts';

export function iso(text: string): IsoDateTime {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2}))?/.exec(text)!;
  const n = (s: string | undefined) => (s === undefined ? null : Number(s));
  const precision = m[4] !== undefined ? 'minute' : m[3] !== undefined ? 'day' : m[2] !== undefined ? 'month' : 'year';
  return { text, precision, year: Number(m[1]), month: n(m[2]), day: n(m[3]), hour: n(m[4]), minute: n(m[5]), second: null };
}

export function result(text: string): QualifiedResult {
  const m = /^(<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (m === null) return { text, value: null, qualifier: null, nonNumeric: text };
  return { text, value: Number(m[2]), qualifier: (m[1] ?? null) as QualifiedResult['qualifier'], nonNumeric: null };
}

let line = 1;
const src = (file: string) => ({ file, line: ++line });

export function dm(usubjid: string, over: Partial<DmRecord> = {}): DmRecord {
  return {
    USUBJID: usubjid, extra: {}, source: src('dm.csv'), STUDYID: 'NCT03580291', SUBJID: usubjid.slice(-4), SITEID: '01', ARMCD: 'MSC', ARM: 'UC-MSC',
    ACTARMCD: 'MSC', ACTARM: 'UC-MSC', RFSTDTC: iso('2019-03-01'), RFENDTC: null, RFICDTC: null, DTHDTC: null, DTHFL: null, AGE: 30, AGEU: 'YEARS',
    SEX: 'F', RACE: 'ASIAN', COUNTRY: 'CHN', ...over,
  };
}
export function supp(usubjid: string, qnam: string, qval: string): SuppdmRecord {
  return { USUBJID: usubjid, extra: {}, source: src('suppdm.csv'), STUDYID: 'NCT03580291', QNAM: qnam, QLABEL: null, QVAL: qval };
}
export function ex(usubjid: string, trt: string, st: string, en: string | null, dose = 0): ExRecord {
  return { USUBJID: usubjid, extra: {}, source: src('ex.csv'), EXSEQ: null, EXTRT: trt, EXDOSE: dose, EXDOSU: 'mg/day', EXDOSFRQ: null, EXSTDTC: iso(st), EXENDTC: en === null ? null : iso(en) };
}
export function ds(usubjid: string, decod: string, date: string, cat = 'DISPOSITION EVENT'): DsRecord {
  return { USUBJID: usubjid, extra: {}, source: src('ds.csv'), DSSEQ: null, DSTERM: decod, DSDECOD: decod, DSCAT: cat, DSSTDTC: iso(date), EPOCH: 'TREATMENT' };
}
export function cm(usubjid: string, decod: string, date: string, cat = 'RESCUE THERAPY'): CmRecord {
  return { USUBJID: usubjid, extra: {}, source: src('cm.csv'), CMSEQ: null, CMTRT: decod, CMDECOD: decod, CMCAT: cat, CMSTDTC: iso(date), CMENDTC: null };
}
let lbseq = 0;
export function lb(usubjid: string, testcd: string, res: string, unit: string, date: string, over: Partial<LbRecord> = {}): LbRecord {
  return {
    USUBJID: usubjid, extra: {}, source: src('lb.csv'), LBSEQ: ++lbseq, LBTESTCD: testcd, LBTEST: null, LBCAT: null, LBSPEC: null,
    LBORRES: result(res), LBORRESU: unit, LBSTRESC: null, LBSTRESN: null, LBSTRESU: null, LBORNRLO: null, LBORNRHI: null, LBSTNRLO: null, LBSTNRHI: null,
    VISITNUM: null, VISIT: null, LBDTC: iso(date), LBENDTC: null, ...over,
  };
}
export function qs(usubjid: string, cat: string, testcd: string, date: string, n: number | null, c: string | null = null): QsRecord {
  return { USUBJID: usubjid, extra: {}, source: src('qs.csv'), QSCAT: cat, QSTESTCD: testcd, QSTEST: null, QSSTRESC: c ?? (n === null ? null : String(n)), QSSTRESN: n, VISITNUM: null, VISIT: null, QSDTC: iso(date) };
}
export function ae(usubjid: string, start: string | null, over: Partial<AeRecord> = {}): AeRecord {
  return {
    USUBJID: usubjid, extra: {}, source: src('ae.csv'), AESEQ: 1, AETERM: 'x', AEDECOD: 'Nausea', AEBODSYS: 'Gastrointestinal disorders',
    AESTDTC: start === null ? null : iso(start), AEENDTC: null, AESER: 'N', AEREL: 'N', AETOXGR: 1, AEACN: null, AEOUT: null, AESDTH: null, ...over,
  };
}

export function lock(parts: Partial<SdtmDataLock>): SdtmDataLock {
  return { dm: [], suppdm: [], ds: [], ex: [], vs: [], lb: [], qs: [], ae: [], cm: [], missingDomains: [], ...parts };
}

export function trialPlan(): Plan {
  return loadPlan(readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8'), 'plan.json');
}
