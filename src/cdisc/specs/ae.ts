/**
 * AE (Adverse Events) spec; key USUBJID+AESEQ. AEs have no natural key: a subject can report the same
 * preferred term twice on one day (the CDISC pilot has 295 such pairs), so uniqueness is that of the
 * sequence number (SDTMIG v3.3 §4.1.2.6: --SEQ unique within subject). Without an AESEQ column the
 * duplicate check is skipped with a warning.
 */
import type { AeRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';
import { CausalityTerms, NoYesTerms } from './terms.ts';

export const AeSpec: DomainSpec<AeRecord> = {
  domain: 'ae',
  code: 'AE',
  file: 'ae.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    AESEQ: { type: 'integer', requirement: 'optional' },
    AETERM: { type: 'text', requirement: 'optional', nonEmpty: false },
    AEDECOD: { type: 'text', requirement: 'core', nonEmpty: true },
    AEBODSYS: { type: 'text', requirement: 'core', nonEmpty: true },
    AESTDTC: { type: 'isodate', requirement: 'plan' },
    AEENDTC: { type: 'isodate', requirement: 'plan' },
    AESER: { type: 'text', requirement: 'plan', nonEmpty: false, terms: NoYesTerms },
    AEREL: { type: 'text', requirement: 'plan', nonEmpty: false, terms: CausalityTerms },
    AETOXGR: { type: 'integer', requirement: 'plan', range: { min: 1, max: 5, meaning: 'CTCAE grade' } },
    AEACN: { type: 'text', requirement: 'optional', nonEmpty: false },
    AEOUT: { type: 'text', requirement: 'optional', nonEmpty: false },
    AESDTH: { type: 'text', requirement: 'optional', nonEmpty: false, terms: NoYesTerms },
  },
  key: ['USUBJID', 'AESEQ'],
  keyRationale: 'AEs have no natural key (same term, same day occurs); AESEQ is unique within subject.',
};
