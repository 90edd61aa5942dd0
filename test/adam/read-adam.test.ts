/**
 * readAdamFolder / resolveArms: a small hand-written ADaM folder (cell conventions, aliases, issues,
 * required variables), the type-level contract (our derived records are assignable to the generic types),
 * and the public CDISC pilot (row counts from the pilot README: adsl 254, adae 1191, adlbc 74264,
 * adqsadas 12463).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdaeRecord } from '../../src/adam/adae.ts';
import type { AdlbRecord } from '../../src/adam/adlb.ts';
import type { AdqsRecord } from '../../src/adam/adqs.ts';
import type { AdslRecord } from '../../src/adam/adsl.ts';
import { readAdamFolder, resolveArms, type GenericAdaeRecord, type GenericAdslRecord, type GenericBdsRecord } from '../../src/adam/read-adam.ts';
import { DataError, InputError } from '../../src/core/errors.ts';
import { pilotPlan, pilotPresent, pilotRead } from '../analyses/pilot-adam.ts';

// Compile-time contract: the generic types are structural subsets of our derived records.
const asGeneric = {
  adsl: (r: AdslRecord): GenericAdslRecord => r,
  adae: (r: AdaeRecord): GenericAdaeRecord => r,
  adlb: (r: AdlbRecord): GenericBdsRecord => r,
  adqs: (r: AdqsRecord): GenericBdsRecord => r,
};

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'remit-adam-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

test('readAdamFolder: types, empty → null, absent column → null, leading blanks kept, aliases, source lines', async () => {
  const dir = folder({
    'ADSL.csv': '\uFEFFUSUBJID,TRT01P,TRT01A,AGE,SAFFL,TRTDUR,EXTRA1\r\nS1,Placebo,Placebo,63,Y,182,x\r\nS2,Drug,Drug,,Y,,y\r\n',
    'adae.csv': 'USUBJID,AEDECOD,AEBODSYS,TRTEMFL,AETOXGR,AESEV\nS1,NAUSEA,GI,Y,2,MILD\n',
    'adlbc.csv': 'USUBJID,PARAMCD,PARAM,AVAL,AVISIT,ABLFL,A1LO,A1HI\nS1,ALT,Alanine Aminotransferase (U/L),30,"    Baseline",Y,5,40\n',
    'adlbh.csv': 'USUBJID,PARAMCD,PARAM,AVAL,ANRLO,ANRHI\nS1,HGB,Hemoglobin (g/L),130,120,160\n',
  });
  try {
    const r = await readAdamFolder(dir);
    assert.equal(r.files, ['ADSL.csv', 'adae.csv', 'adlbc.csv', 'adlbh.csv']);
    assert.is(r.issues.length, 0);
    const [s1, s2] = r.datasets.adsl;
    assert.is(s1.AGE, 63);
    assert.is(s2.AGE, null);
    assert.is(s1.TRTDURD, 182);
    assert.is(s1.ARMCD, null);
    assert.equal(s1.extra, { EXTRA1: 'x' });
    assert.equal(s1.source, { file: 'ADSL.csv', line: 2 });
    assert.is(r.datasets.adae![0].ATOXGR, 2);
    assert.is(r.datasets.adae![0].AESEV, 'MILD');
    const lb = r.datasets.adlb!;
    assert.is(lb.length, 2);
    assert.is(lb[0].AVISIT, '    Baseline');
    assert.is(lb[0].ANRHI, 40);
    assert.is(lb[1].ANRLO, 120);
    assert.is(r.datasets.adqs, undefined);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('readAdamFolder: an unparsable number is a located fatal issue and null', async () => {
  const dir = folder({ 'adsl.csv': 'USUBJID,AGE\nS1,6O\n' });
  try {
    const r = await readAdamFolder(dir);
    assert.is(r.datasets.adsl[0].AGE, null);
    assert.equal(r.issues.map((i) => [i.severity, i.file, i.line, i.column, i.value]), [['fatal', 'adsl.csv', 2, 'AGE', '6O']]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('readAdamFolder: missing adsl.csv or a required variable → DataError; missing folder or a file → InputError', async () => {
  const noAdsl = folder({ 'adae.csv': 'USUBJID\n' });
  const noDecod = folder({ 'adsl.csv': 'USUBJID\nS1\n', 'adae.csv': 'USUBJID,AEBODSYS\nS1,GI\n' });
  try {
    await readAdamFolder(noAdsl).then(() => assert.unreachable(), (e) => assert.instance(e, DataError));
    await readAdamFolder(noDecod).then(() => assert.unreachable(), (e) => {
      assert.instance(e, DataError);
      assert.is((e as DataError).location.column, 'AEDECOD');
    });
    await readAdamFolder(join(noAdsl, 'nope')).then(() => assert.unreachable(), (e) => assert.instance(e, InputError));
    // A file given as the folder: a clear InputError, not ENOTDIR from readdir (exit 3).
    await readAdamFolder(join(noAdsl, 'adae.csv')).then(() => assert.unreachable(), (e) => {
      assert.instance(e, InputError);
      assert.match((e as InputError).message, 'is a file, not a folder');
    });
  } finally {
    rmSync(noAdsl, { recursive: true });
    rmSync(noDecod, { recursive: true });
  }
});

test('resolveArms: plan codes match ARMCD (label TRT01P) or, without ARMCD, the label itself', () => {
  const plan = pilotPlan();
  const adsl = [{ ARMCD: null, ARM: 'Placebo', TRT01P: 'Placebo' }, { ARMCD: null, ARM: 'Xanomeline Low Dose', TRT01P: 'Xanomeline Low Dose' }, { ARMCD: null, ARM: 'Xanomeline High Dose', TRT01P: 'Xanomeline High Dose' }];
  assert.equal(resolveArms(adsl, plan).map((a) => a.label), ['Placebo', 'Xanomeline Low Dose', 'Xanomeline High Dose']);
  const coded = { ...plan, arms: { control: 'Pbo', experimental: ['Xan'] } };
  assert.equal(resolveArms([{ ARMCD: 'Pbo', ARM: 'Placebo', TRT01P: 'Placebo' }, { ARMCD: 'Xan', ARM: 'X', TRT01P: 'X' }], coded), [{ code: 'Pbo', label: 'Placebo' }, { code: 'Xan', label: 'X' }]);
  assert.throws(() => resolveArms([{ ARMCD: 'Pbo', ARM: 'Placebo', TRT01P: 'Placebo' }], coded), (e: unknown) => e instanceof InputError && e.argument === 'plan.arms');
});

if (!pilotPresent) test.skip('readAdamFolder: CDISC pilot not present (../shared/data/cdiscpilot01/adam)', () => {});
else {
  test('readAdamFolder: CDISC pilot row counts equal the pilot README (254, 1191, 74264, 12463) and no issues', async () => {
    const r = await pilotRead();
    assert.is(r.datasets.adsl.length, 254);
    assert.is(r.datasets.adae!.length, 1191);
    assert.is(r.datasets.adlb!.length, 74264);
    assert.is(r.datasets.adqs!.length, 12463);
    assert.equal(r.issues, []);
    assert.is(typeof asGeneric.adsl, 'function');
  });
}

test.run();
