/** LB (Laboratory) spec; key USUBJID+LBTESTCD+LBSPEC+VISITNUM+LBDTC. */
import type { LbRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const LbSpec: DomainSpec<LbRecord> = {
  domain: 'lb',
  code: 'LB',
  file: 'lb.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    LBSEQ: { type: 'integer', requirement: 'optional' },
    LBTESTCD: { type: 'text', requirement: 'core', nonEmpty: true },
    LBTEST: { type: 'text', requirement: 'optional', nonEmpty: false },
    LBCAT: { type: 'text', requirement: 'optional', nonEmpty: false },
    LBSPEC: { type: 'text', requirement: 'plan', nonEmpty: false },
    LBORRES: { type: 'result', requirement: 'plan' },
    LBORRESU: { type: 'text', requirement: 'plan', nonEmpty: false },
    LBSTRESC: { type: 'text', requirement: 'optional', nonEmpty: false },
    LBSTRESN: { type: 'number', requirement: 'plan' },
    LBSTRESU: { type: 'text', requirement: 'plan', nonEmpty: false },
    LBORNRLO: { type: 'number', requirement: 'optional' },
    LBORNRHI: { type: 'number', requirement: 'optional' },
    LBSTNRLO: { type: 'number', requirement: 'optional' },
    LBSTNRHI: { type: 'number', requirement: 'optional' },
    VISITNUM: { type: 'number', requirement: 'plan' },
    VISIT: { type: 'text', requirement: 'plan', nonEmpty: false },
    LBDTC: { type: 'isodate', requirement: 'plan' },
    LBENDTC: { type: 'isodate', requirement: 'optional' },
  },
  key: ['USUBJID', 'LBTESTCD', 'LBSPEC', 'VISITNUM', 'LBDTC'],
  keyMayBeAbsent: ['LBSPEC'],
  keyRationale: 'one result per test, specimen, visit and collection date/time (an absent LBSPEC compares as empty).',
};
