/** QS (Questionnaires: SLEDAI-2K, BILAG-2004, PhGA, HAQ-DI) spec; key USUBJID+QSCAT+QSTESTCD+VISITNUM+QSDTC. */
import type { QsRecord } from '../sdtm.ts';
import type { DomainSpec } from './types.ts';

export const QsSpec: DomainSpec<QsRecord> = {
  domain: 'qs',
  code: 'QS',
  file: 'qs.csv',
  variables: {
    USUBJID: { type: 'text', requirement: 'core', nonEmpty: true },
    QSCAT: { type: 'text', requirement: 'core', nonEmpty: true },
    QSTESTCD: { type: 'text', requirement: 'core', nonEmpty: true },
    QSTEST: { type: 'text', requirement: 'optional', nonEmpty: false },
    QSSTRESC: { type: 'text', requirement: 'plan', nonEmpty: false },
    QSSTRESN: { type: 'number', requirement: 'plan' },
    VISITNUM: { type: 'number', requirement: 'plan' },
    VISIT: { type: 'text', requirement: 'optional', nonEmpty: false },
    QSDTC: { type: 'isodate', requirement: 'plan' },
  },
  key: ['USUBJID', 'QSCAT', 'QSTESTCD', 'VISITNUM', 'QSDTC'],
  keyRationale: 'one answer per instrument item, visit and date.',
};
