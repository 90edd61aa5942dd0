/**
 * Controlled terms used by the domain specs. Sources: CDISC Controlled Terminology (NCI EVS, SDTM CT
 * 2019-12-20): SEX C66731, NY C66742; CTCAE v4.0/v5.0 grades 1–5; causality terms: CDISC has no
 * single SDTM codelist for AEREL (sponsor-defined), so the accepted list is Y/N plus the causality
 * scales in common use (WHO-UMC and the CDISC pilot), checked as a warning only.
 */
import type { ControlledTerms } from './types.ts';

export const SexTerms: ControlledTerms = { codelist: 'SEX (CDISC CT C66731)', values: ['M', 'F', 'U', 'UNDIFFERENTIATED'], severity: 'fatal' };
export const NoYesTerms: ControlledTerms = { codelist: 'NY (CDISC CT C66742, Y/N)', values: ['Y', 'N'], severity: 'fatal' };
export const YesOnlyTerms: ControlledTerms = { codelist: 'Y or empty (SDTM flag)', values: ['Y'], severity: 'fatal' };
export const CausalityTerms: ControlledTerms = {
  codelist: 'AEREL (Y/N or a causality term)',
  values: ['Y', 'N', 'RELATED', 'NOT RELATED', 'UNRELATED', 'DEFINITELY RELATED', 'PROBABLY RELATED', 'POSSIBLY RELATED',
    'UNLIKELY RELATED', 'DEFINITE', 'PROBABLE', 'POSSIBLE', 'UNLIKELY', 'REMOTE', 'NONE'],
  severity: 'warning',
};

/** Standard CDISC arm codes accepted besides the plan's arms: ARMCD (SDTMIG v3.2 §5.3.1). */
export const StandardArmCodes = ['SCRNFAIL', 'NOTASSGN'] as const;
/** Standard CDISC codes accepted besides the plan's arms: ACTARMCD (adds "not treated"). */
export const StandardActualArmCodes = ['SCRNFAIL', 'NOTASSGN', 'NOTTRT'] as const;
