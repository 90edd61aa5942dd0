/**
 * Rules checked record by record while a data lock is read, beyond what one cell's type and terms say
 * (those are in the domain specs, src/cdisc/specs). Each rule is a small function of one typed record;
 * rules that need another domain keep what they need from DM, which is read first.
 *
 * Across domains (every profile):
 * - an assessment or dose dated before the subject's informed consent (DM RFICDTC): a warning (the date
 *   may be a data-entry error or pre-consent routine care; it is listed for a query, never dropped);
 * - a subject randomized twice (two DS records with DSDECOD RANDOMIZED): fatal (which arm and date
 *   count is unknowable).
 * Lab plausibility for the trial's tests (profile ln-trial only, where LBTESTCD means the tests of
 * src/cdisc/terms.ts `LabTests`; another study's PROT may be serum protein in g/L):
 * - a negative LBORRES or LBSTRESN: fatal (concentrations, counts and titres cannot be below 0);
 * - an original unit outside the conversion table (src/clinical/units.ts): a warning; ADLB derives no
 *   AVAL for that record and lists the same warning (identical issues are listed once).
 */
import type { DmRecord, DsRecord, LbRecord, SdtmDomainName } from '../cdisc/sdtm.ts';
import type { IsoDateTime } from '../cdisc/values.ts';
import { DsDecod, LabTests, isLabTestCode } from '../cdisc/terms.ts';
import { unitConversion } from '../clinical/units.ts';
import type { IssueSeverity } from './data-issue.ts';
import { isCertainlyBefore } from './iso-datetime.ts';
import { messages } from './messages.ts';
import type { Profile } from './read-domain.ts';

/** Records a located issue for the record being checked. */
export type IssueSink = (severity: IssueSeverity, line: number, column: string, value: string | null, message: string) => void;
/** One rule applied to each record of a domain (`rec` is the typed record the reader built). */
export type RecordRule = (rec: Readonly<Record<string, unknown>>, line: number, report: IssueSink) => void;
export type RecordRules = Partial<Record<SdtmDomainName, readonly RecordRule[]>>;

/** A rule written against a domain's record type. */
function ruleFor<R>(check: (rec: R, line: number, report: IssueSink) => void): RecordRule {
  return check as unknown as RecordRule;
}

/** The date columns checked against informed consent: assessments and doses (not AE/CM, which may predate the study). */
const AfterConsentColumns = { ex: 'EXSTDTC', vs: 'VSDTC', lb: 'LBDTC', qs: 'QSDTC' } as const;

/** DM's consent dates (remembered from DM), and a rule per domain comparing a date column with them. */
function consentRules(): { remember: RecordRule; notBefore: (column: string) => RecordRule } {
  const consent = new Map<string, { date: IsoDateTime; line: number }>();
  const remember = ruleFor<DmRecord>((dm, line) => {
    if (dm.RFICDTC !== null) consent.set(dm.USUBJID, { date: dm.RFICDTC, line });
  });
  const notBefore = (column: string): RecordRule => (rec, line, report) => {
    const date = rec[column] as IsoDateTime | null;
    if (date === null || consent.size === 0) return;
    const ic = consent.get(rec.USUBJID as string);
    if (ic !== undefined && isCertainlyBefore(date, ic.date)) report('warning', line, column, date.text, messages.beforeConsent(column, date.text, ic.date.text, ic.line));
  };
  return { remember, notBefore };
}

/** A second DS RANDOMIZED record for a subject is fatal. */
function randomizedOnce(): RecordRule {
  const first = new Map<string, number>();
  return ruleFor<DsRecord>((ds, line, report) => {
    if (ds.DSDECOD !== DsDecod.randomized) return;
    const earlier = first.get(ds.USUBJID);
    if (earlier === undefined) first.set(ds.USUBJID, line);
    else report('fatal', line, 'DSDECOD', ds.DSDECOD, messages.randomizedTwice(ds.USUBJID, earlier));
  });
}

/** A negative original or standard result of one of the trial's lab tests is fatal. */
const nonNegativeLab = ruleFor<LbRecord>((lb, line, report) => {
  if (!isLabTestCode(lb.LBTESTCD)) return;
  const label = LabTests[lb.LBTESTCD].label;
  if (lb.LBORRES.value !== null && lb.LBORRES.value < 0) report('fatal', line, 'LBORRES', lb.LBORRES.text, messages.negativeLab(lb.LBORRES.text, label, lb.LBTESTCD));
  if (lb.LBSTRESN !== null && lb.LBSTRESN < 0) report('fatal', line, 'LBSTRESN', String(lb.LBSTRESN), messages.negativeLab(String(lb.LBSTRESN), label, lb.LBTESTCD));
});

const TITRE = /^1:\d+$/;

/**
 * The original unit of a numeric result must be in the conversion table (same unit and message as the
 * ADLB derivation, src/adam/adlb.ts `standardiseLabRecord`: a titre `1:n` without a unit counts as
 * `titer`). Conversions are cached per test and unit: `unitConversion` builds its table on each call.
 */
function unitInTable(): RecordRule {
  const cache = new Map<string, string | null>();
  return ruleFor<LbRecord>((lb, line, report) => {
    if (lb.LBORRES.value === null || !isLabTestCode(lb.LBTESTCD)) return;
    const unit = lb.LBORRESU ?? (TITRE.test(lb.LBORRES.text.trim()) ? 'titer' : null);
    const key = `${lb.LBTESTCD}\u0001${unit ?? ''}`;
    let problem = cache.get(key);
    if (problem === undefined) {
      const conv = unitConversion(lb.LBTESTCD, unit);
      problem = conv.ok ? null : conv.message;
      cache.set(key, problem);
    }
    if (problem !== null) report('warning', line, 'LBORRESU', lb.LBORRESU, problem);
  });
}

/** Fresh rules (with empty state) for reading one data lock under `profile`. */
export function lockRecordRules(profile: Profile): RecordRules {
  const consent = consentRules();
  const lab: RecordRule[] = [consent.notBefore(AfterConsentColumns.lb)];
  if (profile === 'ln-trial') lab.push(nonNegativeLab, unitInTable());
  return {
    dm: [consent.remember],
    ds: [randomizedOnce()],
    ex: [consent.notBefore(AfterConsentColumns.ex)],
    vs: [consent.notBefore(AfterConsentColumns.vs)],
    lb: lab,
    qs: [consent.notBefore(AfterConsentColumns.qs)],
  };
}
