import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainSpecs } from '../../src/cdisc/specs/index.ts';
import { SdtmDomainNames } from '../../src/cdisc/sdtm.ts';

/** design.md "Input contract": required variables per domain (copied from the table). */
const contract: Record<string, string[]> = {
  dm: ['STUDYID', 'USUBJID', 'SITEID', 'ARMCD', 'ARM', 'ACTARMCD', 'RFSTDTC', 'RFICDTC', 'AGE', 'SEX'],
  suppdm: ['USUBJID', 'QNAM', 'QVAL'],
  ds: ['USUBJID', 'DSDECOD', 'DSSTDTC', 'EPOCH'],
  ex: ['USUBJID', 'EXTRT', 'EXDOSE', 'EXDOSU', 'EXSTDTC', 'EXENDTC'],
  vs: ['USUBJID', 'VSTESTCD', 'VSSTRESN', 'VSSTRESU', 'VISITNUM', 'VSDTC'],
  lb: ['USUBJID', 'LBTESTCD', 'LBSPEC', 'LBORRES', 'LBORRESU', 'LBSTRESN', 'LBSTRESU', 'VISITNUM', 'VISIT', 'LBDTC'],
  qs: ['USUBJID', 'QSCAT', 'QSTESTCD', 'QSSTRESC', 'QSSTRESN', 'VISITNUM', 'QSDTC'],
  ae: ['USUBJID', 'AEDECOD', 'AEBODSYS', 'AESTDTC', 'AEENDTC', 'AESER', 'AEREL', 'AETOXGR'],
  cm: ['USUBJID', 'CMDECOD', 'CMCAT', 'CMSTDTC'],
};

test('specs: exactly the required variables of design.md are core or plan', () => {
  for (const d of SdtmDomainNames) {
    const spec = DomainSpecs[d];
    const required = Object.entries(spec.variables).filter(([, v]) => v.requirement !== 'optional').map(([k]) => k).sort();
    assert.equal(required, [...contract[d]].sort(), d);
    assert.is(spec.file, `${d}.csv`);
  }
});

test('specs: key columns are spec variables or declared as possibly absent (VSPOS, VSTPTNUM)', () => {
  for (const d of SdtmDomainNames) {
    const spec = DomainSpecs[d];
    for (const k of spec.key) assert.ok(k in spec.variables || (spec.keyMayBeAbsent ?? []).includes(k), `${d}.${k}`);
  }
});

test('specs: the columns the pilot lacks (LB.LBSPEC, AE.AETOXGR, DS.EPOCH) are plan-only, not SDTM core', () => {
  assert.is(DomainSpecs.lb.variables.LBSPEC.requirement, 'plan');
  assert.is(DomainSpecs.ae.variables.AETOXGR.requirement, 'plan');
  assert.is(DomainSpecs.ds.variables.EPOCH.requirement, 'plan');
  assert.is(DomainSpecs.dm.variables.USUBJID.requirement, 'core');
});

test.run();
