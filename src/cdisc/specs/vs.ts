/** VS (Vital Signs) spec; key USUBJID+VSTESTCD+VISITNUM+VSDTC+VSPOS+VSTPTNUM (SDTMIG natural key). */
import type { VsRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const VsSpec: DomainSpec<VsRecord> = {
  domain: 'vs',
  code: 'VS',
  file: 'vs.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    VSTESTCD: { type: 'text', requirement: 'core', nonEmpty: true },
    VSSTRESN: { type: 'number', requirement: 'plan' },
    VSSTRESU: { type: 'text', requirement: 'plan', nonEmpty: false },
    VISITNUM: { type: 'number', requirement: 'plan' },
    VISIT: { type: 'text', requirement: 'optional', nonEmpty: false },
    VSDTC: { type: 'isodate', requirement: 'plan' },
  },
  key: ['USUBJID', 'VSTESTCD', 'VISITNUM', 'VSDTC', 'VSPOS', 'VSTPTNUM'],
  keyMayBeAbsent: ['VSPOS', 'VSTPTNUM'],
  keyRationale: 'one measurement per test, visit and date/time; position and planned time point separate repeated measurements (absent columns compare as empty).',
};
