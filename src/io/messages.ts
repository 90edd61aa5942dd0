/**
 * Message catalogue for ingestion issues (one builder per kind of problem, so tests and docs can refer
 * to the exact wording). Messages never repeat the location (file:line:column is added by the listing).
 */
import type { ControlledTerms } from '../cdisc/specs/types.ts';

/** Wording used for everything the lupus-nephritis plan needs but SDTM core does not. */
export const PlanNotApplicable = 'required by the lupus-nephritis plan; not applicable to this data lock';

export const messages = {
  missingCoreColumn: (column: string, domain: string): string => `missing required column ${column} (SDTM core for ${domain})`,
  missingPlanColumn: (column: string): string => `missing column ${column}: ${PlanNotApplicable}`,
  missingDmFile: (): string => 'missing file: DM is required (it defines the subjects)',
  missingPlanFile: (domain: string): string => `missing file: ${domain} is ${PlanNotApplicable}`,
  notRegularFile: (what: string): string => `not a regular file (${what})`,
  noSubjects: (): string => 'DM has a header but no records: a data lock needs at least one subject',
  emptyRequired: (column: string): string => `required value ${column} is empty`,
  notInTerms: (value: string, terms: ControlledTerms): string => `"${value}" is not in ${terms.codelist}: ${terms.values.join(', ')}`,
  armNotAllowed: (value: string, column: string, allowed: readonly string[]): string => `"${value}" is not an allowed ${column} (allowed: ${allowed.join(', ')})`,
  outOfRange: (value: string, range: { min: number; max: number; meaning: string }): string =>
    range.max === Infinity ? `"${value}" is below ${range.min} (${range.meaning})` : `"${value}" is out of range ${range.min}-${range.max} (${range.meaning})`,
  subjectNotInDm: (usubjid: string): string => `subject ${usubjid} is not in DM`,
  duplicateKey: (key: readonly string[], firstLine: number): string => `duplicate record: same ${key.join(', ')} as line ${firstLine}`,
  keyCheckSkipped: (domain: string, absent: readonly string[]): string => `duplicate-record check for ${domain} skipped: key column ${absent.join(', ')} is absent`,
  noRecords: (domain: string): string => `${domain} has a header but no records`,
  beforeConsent: (column: string, date: string, consent: string, dmLine: number): string => `${column} ${date} is before informed consent (DM RFICDTC ${consent}, dm.csv line ${dmLine})`,
  randomizedTwice: (usubjid: string, firstLine: number): string => `subject ${usubjid} is randomized twice (DSDECOD RANDOMIZED also on line ${firstLine})`,
  negativeLab: (value: string, label: string, testcd: string): string => `"${value}" is negative: ${label} (${testcd}) cannot be below 0`,
  notInContract: (): string => 'not part of the input contract (ignored)',
  lowerCaseFileName: (expected: string): string => `not part of the input contract (ignored; file names are lower-case: expected ${expected})`,
};
