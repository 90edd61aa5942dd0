import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataLock } from '../../src/io/read-data-lock.ts';
import { InputError } from '../../src/core/errors.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const good = fileURLToPath(new URL('../fixtures/good/', import.meta.url));

test('readDataLock: the good fixture has no issues and typed records', async () => {
  const r = await readDataLock(good);
  assert.equal(r.issues, []);
  assert.is(r.lock.dm.length, 3);
  const dm = r.lock.dm[0];
  assert.is(dm.USUBJID, 'LN-001-0001');
  assert.is(dm.SUBJID, '0001'); // identifiers stay text
  assert.is(dm.AGE, 34);
  assert.equal(dm.RFSTDTC, { text: '2019-03-15', precision: 'day', year: 2019, month: 3, day: 15, hour: null, minute: null, second: null });
  assert.is(dm.DTHDTC, null);
  assert.equal(dm.source, { file: 'dm.csv', line: 2 });
  assert.equal(dm.extra, { DOMAIN: 'DM' });
  const lb = r.lock.lb.find((x) => x.LBTESTCD === 'DSDNA');
  assert.equal(lb?.LBORRES, { text: '<10', value: 10, qualifier: '<', nonNumeric: null });
  assert.is(lb?.LBSTRESN, null);
  assert.is(r.lock.ds[3].DSTERM, 'SUBJECT MOVED, "LOST"');
  assert.is(r.lock.ae[1].AESTDTC?.precision, 'month');
  assert.is(r.lock.ae[1].AETOXGR, 3);
  assert.equal(r.lock.missingDomains, []);
});

test('readDataLock: a parsed date or lab result is one frozen object shared by the rows with the same text', async () => {
  const r = await readDataLock(good);
  const [a, b] = r.lock.lb.filter((x) => x.LBDTC?.text === '2019-03-15T08:00');
  assert.ok(a !== undefined && b !== undefined && a !== b);
  assert.is(a.LBDTC, b.LBDTC); // shared, so no consumer may change it …
  assert.ok(Object.isFrozen(a.LBDTC)); // … and none can
  assert.ok(Object.isFrozen(a.LBORRES));
});

test('readDataLock: unknown columns are kept in extra; header case-insensitive', async () => {
  const dir = tempDir('remit-lock-');
  cpSync(good, dir, { recursive: true });
  writeFileSync(join(dir, 'cm.csv'), 'usubjid,CmDecod,CMCAT,CMSTDTC,CMDOSE\r\nLN-001-0001,PREDNISONE,CORTICOSTEROID,2019-03-15,10\r\n');
  mkdirSync(join(dir, 'truth'));
  writeFileSync(join(dir, 'sv.csv'), 'USUBJID,VISITNUM\nLN-001-0001,1\nLN-001-0002,1\n');
  const r = await readDataLock(dir);
  assert.equal(r.issues, []);
  assert.equal(r.lock.cm[0].extra, { CMDOSE: '10' });
  assert.is(r.lock.cm[0].CMTRT, null);
  const ignored = r.domains.filter((d) => d.status === 'ignored').map((d) => [d.file, d.rows, d.note]);
  assert.equal(ignored, [['sv.csv', 2, 'not part of the input contract (ignored)'], ['truth/', null, 'not part of the input contract (ignored)']]);
});

test('readDataLock: generic profile needs only DM and SDTM core columns', async () => {
  const dir = tempDir('remit-lock-');
  writeFileSync(join(dir, 'dm.csv'), 'STUDYID,USUBJID,SITEID,ARMCD,ARM,ACTARMCD,SEX\nS,S-1,01,Pbo,Placebo,Pbo,F\n');
  const generic = await readDataLock(dir, { profile: 'generic' });
  assert.equal(generic.issues, []);
  assert.is(generic.lock.dm[0].AGE, null);
  assert.equal(generic.lock.missingDomains, ['suppdm', 'ds', 'ex', 'vs', 'lb', 'qs', 'ae', 'cm']);
  const withArms = await readDataLock(dir, { profile: 'generic', arms: ['Xan'] });
  assert.equal(withArms.issues.map((i) => `${i.line}:${i.column}`), ['2:ARMCD', '2:ACTARMCD']);
  const plan = await readDataLock(dir);
  assert.equal(plan.missingPlanDomains, ['SUPPDM', 'DS', 'EX', 'VS', 'LB', 'QS', 'AE', 'CM']);
  assert.equal(plan.missingPlanColumns, ['DM.RFSTDTC', 'DM.RFICDTC', 'DM.AGE']);
});

test('readDataLock: bad arguments throw InputError naming the argument', async () => {
  try {
    await readDataLock(join(good, 'no-such-folder'));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, InputError);
    assert.is((e as InputError).argument, 'dir');
    assert.match((e as Error).message, /no-such-folder does not exist$/);
  }
  try {
    await readDataLock(good, { profile: 'sas' as never });
    assert.unreachable();
  } catch (e) {
    assert.is((e as InputError).argument, 'profile');
  }
});

test('readDataLock: a domain file that cannot be opened is a fatal issue of that file, other broken links are listed', async () => {
  const dir = tempDir('remit-lock-link-');
  cpSync(good, dir, { recursive: true });
  rmSync(join(dir, 'cm.csv'));
  symlinkSync(join(dir, 'gone.csv'), join(dir, 'cm.csv')); // broken symbolic link in place of a domain file
  symlinkSync(join(dir, 'gone.csv'), join(dir, 'sv.csv')); // and one outside the contract
  const r = await readDataLock(dir);
  assert.equal(r.issues.map((i) => [i.severity, i.file, i.line, i.message]), [
    ['fatal', 'cm.csv', null, 'cannot open the file: no such file (a broken symbolic link?); the file was not read'],
  ]);
  assert.equal(r.domains.find((d) => d.file === 'sv.csv')?.note, 'not part of the input contract (ignored)');
});

/** `readDataLock(dir)`, failing (instead of hanging the suite) if it has not settled after 10 s. */
function readWithin10s(dir: string): ReturnType<typeof readDataLock> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('readDataLock did not return within 10 s')), 10_000); });
  return Promise.race([readDataLock(dir), timeout]).finally(() => clearTimeout(timer));
}

test('readDataLock: a contract name that is a FIFO is a fatal issue of that file and is not opened (opening it would block forever)', async () => {
  const dir = tempDir('remit-lock-fifo-');
  cpSync(good, dir, { recursive: true });
  rmSync(join(dir, 'cm.csv'));
  execFileSync('mkfifo', [join(dir, 'cm.csv')]);
  execFileSync('mkfifo', [join(dir, 'sv.csv')]); // outside the contract: listed, not read either
  const r = await readWithin10s(dir);
  assert.equal(r.issues.map((i) => [i.severity, i.file, i.line, i.column, i.message]), [['fatal', 'cm.csv', null, null, 'not a regular file (a FIFO, socket or device)']]);
  assert.equal(r.domains.find((d) => d.domain === 'cm'), { domain: 'cm', file: 'cm.csv', status: 'missing', rows: null, subjects: null, fatal: 1, warnings: 0, note: 'not a regular file (a FIFO, socket or device)' });
  assert.equal(r.missingPlanDomains, [], 'not reported as a missing file');
  assert.equal(r.domains.filter((d) => d.status === 'ignored').map((d) => [d.file, d.rows]), [['sv.csv', null]]);
});

test('readDataLock: dm.csv that is a folder is "not a regular file (a folder)", not a missing file, and no cascade of "not in DM"', async () => {
  const dir = tempDir('remit-lock-dmdir-');
  cpSync(good, dir, { recursive: true });
  rmSync(join(dir, 'dm.csv'));
  mkdirSync(join(dir, 'dm.csv'));
  const r = await readDataLock(dir);
  assert.equal(r.issues.map((i) => [i.severity, i.file, i.line, i.column, i.message]), [['fatal', 'dm.csv', null, null, 'not a regular file (a folder)']]);
  assert.equal(r.domains.filter((d) => d.status === 'ignored'), [], 'the folder is not also listed as ignored');
  assert.ok(r.lock.missingDomains.includes('dm'));
});

test.run();
