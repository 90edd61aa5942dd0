/**
 * Column order of every file the simulator writes: the required variables of design.md's input
 * contract plus the common optional ones of src/cdisc/sdtm.ts (STUDYID, DOMAIN, --SEQ, …).
 */
import type { CsvCell } from '../io/csv-write.ts';

/** One written row: column name → cell. */
export type Row = Record<string, CsvCell>;

/** The SDTM domains the simulator writes, in file order. */
export const SimDomains = ['dm', 'suppdm', 'ds', 'ex', 'vs', 'lb', 'qs', 'ae', 'cm'] as const;
/** One of SimDomains. */
export type SimDomain = (typeof SimDomains)[number];

/** Column order of each domain file. */
export const DomainColumns: Record<SimDomain, readonly string[]> = {
  dm: ['STUDYID', 'DOMAIN', 'USUBJID', 'SUBJID', 'RFSTDTC', 'RFENDTC', 'RFICDTC', 'DTHDTC', 'DTHFL', 'SITEID', 'AGE', 'AGEU', 'SEX', 'RACE', 'ETHNIC', 'ARMCD', 'ARM', 'ACTARMCD', 'ACTARM', 'COUNTRY'],
  suppdm: ['STUDYID', 'RDOMAIN', 'USUBJID', 'IDVAR', 'IDVARVAL', 'QNAM', 'QLABEL', 'QVAL'],
  ds: ['STUDYID', 'DOMAIN', 'USUBJID', 'DSSEQ', 'DSTERM', 'DSDECOD', 'DSCAT', 'EPOCH', 'DSSTDTC'],
  ex: ['STUDYID', 'DOMAIN', 'USUBJID', 'EXSEQ', 'EXTRT', 'EXDOSE', 'EXDOSU', 'EXDOSFRQ', 'EXROUTE', 'EXSTDTC', 'EXENDTC'],
  vs: ['STUDYID', 'DOMAIN', 'USUBJID', 'VSSEQ', 'VSTESTCD', 'VSTEST', 'VSORRES', 'VSORRESU', 'VSSTRESC', 'VSSTRESN', 'VSSTRESU', 'VISITNUM', 'VISIT', 'VSDTC'],
  lb: ['STUDYID', 'DOMAIN', 'USUBJID', 'LBSEQ', 'LBTESTCD', 'LBTEST', 'LBCAT', 'LBSPEC', 'LBORRES', 'LBORRESU', 'LBORNRLO', 'LBORNRHI', 'LBSTRESC', 'LBSTRESN', 'LBSTRESU', 'LBSTNRLO', 'LBSTNRHI', 'LBNRIND', 'VISITNUM', 'VISIT', 'LBDTC', 'LBENDTC'],
  qs: ['STUDYID', 'DOMAIN', 'USUBJID', 'QSSEQ', 'QSCAT', 'QSTESTCD', 'QSTEST', 'QSORRES', 'QSSTRESC', 'QSSTRESN', 'VISITNUM', 'VISIT', 'QSDTC'],
  ae: ['STUDYID', 'DOMAIN', 'USUBJID', 'AESEQ', 'AETERM', 'AEDECOD', 'AEBODSYS', 'AESTDTC', 'AEENDTC', 'AESER', 'AEREL', 'AETOXGR', 'AEACN', 'AEOUT', 'AESDTH'],
  cm: ['STUDYID', 'DOMAIN', 'USUBJID', 'CMSEQ', 'CMTRT', 'CMDECOD', 'CMCAT', 'CMDOSE', 'CMDOSU', 'CMDOSFRQ', 'CMROUTE', 'CMSTDTC', 'CMENDTC'],
};

/** Columns of truth/subjects.csv (conventions: the simulator's truth file). */
export const TruthColumns = [
  'USUBJID', 'ARMCD', 'ACTARMCD', 'STRATUM', 'LNCLASS', 'ITTFL', 'FASFL', 'SAFFL', 'PPROTFL',
  'RESP12', 'RESP24', 'REASON12', 'REASON24',
] as const;

/** A row with its within-subject sort key: a number (day-based), then a string tie-break (--TESTCD, term). */
export interface KeyedRow {
  order: number;
  tie: string;
  row: Row;
}

/**
 * Sort one subject's rows by (order, tie) — numbers numerically, strings by code unit — and number
 * them 1… in `seqVar` when given.
 */
export function sequenceRows(items: KeyedRow[], seqVar: string | null): Row[] {
  items.sort((a, b) => a.order - b.order || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0));
  return items.map((it, i) => {
    if (seqVar !== null) it.row[seqVar] = i + 1;
    return it.row;
  });
}
