/**
 * All SDTM domain specs of the input contract (design.md "Input contract"), in reading order (DM first:
 * the subject list every other domain is checked against).
 */
import type { SdtmDomainName } from '../sdtm.ts';
import type { AnyDomainSpec } from './types.ts';
import { DmSpec } from './dm.ts';
import { SuppdmSpec } from './suppdm.ts';
import { DsSpec } from './ds.ts';
import { ExSpec } from './ex.ts';
import { VsSpec } from './vs.ts';
import { LbSpec } from './lb.ts';
import { QsSpec } from './qs.ts';
import { AeSpec } from './ae.ts';
import { CmSpec } from './cm.ts';

export { DmSpec, SuppdmSpec, DsSpec, ExSpec, VsSpec, LbSpec, QsSpec, AeSpec, CmSpec };
export type * from './types.ts';

/** Spec per domain name, with record types erased for the generic reader. */
export const DomainSpecs: Readonly<Record<SdtmDomainName, AnyDomainSpec>> = {
  dm: DmSpec, suppdm: SuppdmSpec, ds: DsSpec, ex: ExSpec, vs: VsSpec, lb: LbSpec, qs: QsSpec, ae: AeSpec, cm: CmSpec,
};
