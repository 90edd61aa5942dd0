/** EX (Exposure) spec; key USUBJID+EXTRT+EXSTDTC (one dosing record per treatment and start). */
import type { ExRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const ExSpec: DomainSpec<ExRecord> = {
  domain: 'ex',
  code: 'EX',
  file: 'ex.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    EXSEQ: { type: 'integer', requirement: 'optional' },
    EXTRT: { type: 'text', requirement: 'core', nonEmpty: true },
    EXDOSE: { type: 'number', requirement: 'plan', range: { min: 0, max: Infinity, meaning: 'a dose cannot be negative' } },
    EXDOSU: { type: 'text', requirement: 'plan', nonEmpty: false },
    EXDOSFRQ: { type: 'text', requirement: 'optional', nonEmpty: false },
    EXSTDTC: { type: 'isodate', requirement: 'plan' },
    EXENDTC: { type: 'isodate', requirement: 'plan' },
  },
  key: ['USUBJID', 'EXTRT', 'EXSTDTC'],
  keyRationale: 'one exposure interval per treatment and start date/time.',
};
