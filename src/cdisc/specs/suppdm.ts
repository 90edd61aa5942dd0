/** SUPPDM (supplemental qualifiers for DM) spec; key USUBJID+QNAM (SDTMIG v3.3 §8.4: IDVAR is blank for DM). */
import type { SuppdmRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const SuppdmSpec: DomainSpec<SuppdmRecord> = {
  domain: 'suppdm',
  code: 'SUPPDM',
  file: 'suppdm.csv',
  variables: {
    STUDYID: { type: 'text', requirement: 'optional', nonEmpty: false },
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    QNAM: { type: 'text', requirement: 'core', nonEmpty: true },
    QLABEL: { type: 'text', requirement: 'optional', nonEmpty: false },
    QVAL: { type: 'text', requirement: 'core', nonEmpty: true },
  },
  key: ['USUBJID', 'QNAM'],
  keyRationale: 'a subject-level qualifier (IDVAR blank) has one value per subject and QNAM.',
};
