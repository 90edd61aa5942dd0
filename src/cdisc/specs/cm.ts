/** CM (Concomitant Medications, incl. rescue therapy) spec; key USUBJID+CMDECOD+CMCAT+CMSTDTC. */
import type { CmRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const CmSpec: DomainSpec<CmRecord> = {
  domain: 'cm',
  code: 'CM',
  file: 'cm.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    CMSEQ: { type: 'integer', requirement: 'optional' },
    CMTRT: { type: 'text', requirement: 'optional', nonEmpty: false },
    CMDECOD: { type: 'text', requirement: 'core', nonEmpty: true },
    CMCAT: { type: 'text', requirement: 'plan', nonEmpty: false },
    CMSTDTC: { type: 'isodate', requirement: 'plan' },
    CMENDTC: { type: 'isodate', requirement: 'optional' },
  },
  key: ['USUBJID', 'CMDECOD', 'CMCAT', 'CMSTDTC'],
  keyMayBeAbsent: ['CMCAT'],
  keyRationale: 'one record per medication, category and start date.',
};
