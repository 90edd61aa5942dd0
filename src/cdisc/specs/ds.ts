/** DS (Disposition) spec; key USUBJID+DSDECOD+DSSTDTC (one event of a kind per subject and date). */
import type { DsRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const DsSpec: DomainSpec<DsRecord> = {
  domain: 'ds',
  code: 'DS',
  file: 'ds.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    DSSEQ: { type: 'integer', requirement: 'optional' },
    DSTERM: { type: 'text', requirement: 'optional', nonEmpty: false },
    DSDECOD: { type: 'text', requirement: 'core', nonEmpty: true },
    DSCAT: { type: 'text', requirement: 'optional', nonEmpty: false },
    DSSTDTC: { type: 'isodate', requirement: 'plan' },
    EPOCH: { type: 'text', requirement: 'plan', nonEmpty: false },
  },
  key: ['USUBJID', 'DSDECOD', 'DSSTDTC'],
  keyRationale: 'the same disposition event is not recorded twice for a subject on the same date.',
};
