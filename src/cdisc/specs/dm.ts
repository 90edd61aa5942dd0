/** DM (Demographics) spec: one record per subject; key USUBJID (SDTMIG v3.3 §5.2). */
import type { DmRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';
import { SexTerms, YesOnlyTerms } from './terms.ts';

export const DmSpec: DomainSpec<DmRecord> = {
  domain: 'dm',
  code: 'DM',
  file: 'dm.csv',
  variables: {
    STUDYID: { type: 'text', requirement: 'core', nonEmpty: true },
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    SUBJID: { type: 'text', requirement: 'optional', nonEmpty: false },
    SITEID: { type: 'text', requirement: 'core', nonEmpty: true },
    ARMCD: { type: 'text', requirement: 'core', nonEmpty: true, armTerms: 'planned' },
    ARM: { type: 'text', requirement: 'core', nonEmpty: true },
    ACTARMCD: { type: 'text', requirement: 'core', nonEmpty: true, armTerms: 'actual' },
    ACTARM: { type: 'text', requirement: 'optional', nonEmpty: false },
    RFSTDTC: { type: 'isodate', requirement: 'plan' },
    RFENDTC: { type: 'isodate', requirement: 'optional' },
    RFICDTC: { type: 'isodate', requirement: 'plan' },
    DTHDTC: { type: 'isodate', requirement: 'optional' },
    DTHFL: { type: 'text', requirement: 'optional', nonEmpty: false, terms: YesOnlyTerms },
    AGE: { type: 'integer', requirement: 'plan' },
    AGEU: { type: 'text', requirement: 'optional', nonEmpty: false },
    SEX: { type: 'text', requirement: 'core', nonEmpty: true, terms: SexTerms },
    RACE: { type: 'text', requirement: 'optional', nonEmpty: false },
    COUNTRY: { type: 'text', requirement: 'optional', nonEmpty: false },
  },
  key: ['USUBJID'],
  keyRationale: 'DM has exactly one record per subject.',
};
