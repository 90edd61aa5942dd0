/**
 * Typed SDTM records as ingestion returns them (design.md "Input contract"). Required variables are
 * non-optional; optional ones may be null (empty in the file). Every record keeps `extra` (columns not
 * in the spec, kept verbatim, never rejected) and `source` (file and line, for traceability).
 *
 * Numbers are `number | null`; dates are `IsoDateTime | null` (partial dates keep their precision);
 * lab original results are `QualifiedResult`.
 */
import type { IsoDateTime, QualifiedResult, SourceRef } from './values.ts';

interface SdtmBase {
  USUBJID: string;
  extra: Readonly<Record<string, string>>;
  source: SourceRef;
}

export interface DmRecord extends SdtmBase {
  STUDYID: string;
  SUBJID: string | null;
  SITEID: string;
  ARMCD: string;
  ARM: string;
  ACTARMCD: string;
  ACTARM: string | null;
  RFSTDTC: IsoDateTime | null;
  RFENDTC: IsoDateTime | null;
  RFICDTC: IsoDateTime | null;
  DTHDTC: IsoDateTime | null;
  DTHFL: string | null;
  AGE: number | null;
  AGEU: string | null;
  SEX: string;
  RACE: string | null;
  COUNTRY: string | null;
}

export interface SuppdmRecord extends SdtmBase {
  STUDYID: string | null;
  QNAM: string;
  QLABEL: string | null;
  QVAL: string;
}

export interface DsRecord extends SdtmBase {
  DSSEQ: number | null;
  DSTERM: string | null;
  DSDECOD: string;
  DSCAT: string | null;
  DSSTDTC: IsoDateTime | null;
  EPOCH: string | null;
}

export interface ExRecord extends SdtmBase {
  EXSEQ: number | null;
  EXTRT: string;
  EXDOSE: number | null;
  EXDOSU: string | null;
  EXDOSFRQ: string | null;
  EXSTDTC: IsoDateTime | null;
  EXENDTC: IsoDateTime | null;
}

export interface VsRecord extends SdtmBase {
  VSTESTCD: string;
  VSSTRESN: number | null;
  VSSTRESU: string | null;
  VISITNUM: number | null;
  VISIT: string | null;
  VSDTC: IsoDateTime | null;
}

export interface LbRecord extends SdtmBase {
  LBSEQ: number | null;
  LBTESTCD: string;
  LBTEST: string | null;
  LBCAT: string | null;
  LBSPEC: string | null;
  LBORRES: QualifiedResult;
  LBORRESU: string | null;
  LBSTRESC: string | null;
  LBSTRESN: number | null;
  LBSTRESU: string | null;
  LBORNRLO: number | null;
  LBORNRHI: number | null;
  LBSTNRLO: number | null;
  LBSTNRHI: number | null;
  VISITNUM: number | null;
  VISIT: string | null;
  LBDTC: IsoDateTime | null;
  LBENDTC: IsoDateTime | null;
}

export interface QsRecord extends SdtmBase {
  QSCAT: string;
  QSTESTCD: string;
  QSTEST: string | null;
  QSSTRESC: string | null;
  QSSTRESN: number | null;
  VISITNUM: number | null;
  VISIT: string | null;
  QSDTC: IsoDateTime | null;
}

export interface AeRecord extends SdtmBase {
  AESEQ: number | null;
  AETERM: string | null;
  AEDECOD: string;
  AEBODSYS: string;
  AESTDTC: IsoDateTime | null;
  AEENDTC: IsoDateTime | null;
  AESER: string | null;
  AEREL: string | null;
  AETOXGR: number | null;
  AEACN: string | null;
  AEOUT: string | null;
  AESDTH: string | null;
}

export interface CmRecord extends SdtmBase {
  CMSEQ: number | null;
  CMTRT: string | null;
  CMDECOD: string;
  CMCAT: string | null;
  CMSTDTC: IsoDateTime | null;
  CMENDTC: IsoDateTime | null;
}

/** A whole data lock after ingestion. Domains absent from the folder are empty arrays and listed in `missingDomains`. */
export interface SdtmDataLock {
  dm: DmRecord[];
  suppdm: SuppdmRecord[];
  ds: DsRecord[];
  ex: ExRecord[];
  vs: VsRecord[];
  lb: LbRecord[];
  qs: QsRecord[];
  ae: AeRecord[];
  cm: CmRecord[];
  missingDomains: SdtmDomainName[];
}

export const SdtmDomainNames = ['dm', 'suppdm', 'ds', 'ex', 'vs', 'lb', 'qs', 'ae', 'cm'] as const;
export type SdtmDomainName = (typeof SdtmDomainNames)[number];
