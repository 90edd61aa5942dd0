/**
 * Acceptance (issue 3): ADSL and ADAE derive without error from the public CDISC pilot SDTM with a
 * three-arm plan (test/fixtures/plan-cdiscpilot01.json), and the number of subjects with ≥ 1
 * treatment-emergent AE by arm agrees with the pilot's own ADAE (TRTEMFL = 'Y', SAFFL = 'Y'), counted
 * here independently from ../shared/data/cdiscpilot01/adam/adae.csv.
 *
 * Arm used for the comparison: the pilot's ADSL sets TRT01A = TRT01P (planned arm) for all subjects,
 * while its SDTM DM.ACTARM says "Xanomeline Low Dose" for 12 subjects planned to High Dose. Our ADSL
 * follows the SDTM (TRT01A from ACTARM), so the per-arm comparison is made by planned arm (TRT01P), and
 * the set of subjects with a TEAE is compared exactly.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { deriveAdae } from '../../src/adam/adae.ts';
import { deriveAdsl } from '../../src/adam/adsl.ts';
import { readDataLock } from '../../src/io/read-data-lock.ts';
import { loadPlan } from '../../src/plan/load-plan.ts';

const pilot = new URL('../../../shared/data/cdiscpilot01/', import.meta.url).pathname;

if (!existsSync(`${pilot}sdtm/dm.csv`)) {
  test.skip('cdiscpilot01: ../shared/data/cdiscpilot01 not present', () => {});
} else {
  test('cdiscpilot01: subjects with >= 1 TEAE (SAFFL Y) by arm equal the pilot ADAE', async () => {
    const plan = loadPlan(readFileSync(new URL('../fixtures/plan-cdiscpilot01.json', import.meta.url), 'utf8'), 'plan-cdiscpilot01.json');
    const read = await readDataLock(`${pilot}sdtm`, { profile: 'generic' });
    assert.is(read.issues.filter((i) => i.severity === 'fatal').length, 0);
    const { records: adsl, issues } = deriveAdsl(read.lock, plan);
    // The pilot's EX gives the dose per QD administration in mg (SDTMIG convention): a daily dose unit, so no
    // unit warnings. Its 6 records without EXENDTC (lines 175, 198, 200, 218, 225, 226 of ex.csv, counted by
    // hand in the file) are left out of the oral exposure variables, each listed.
    assert.equal(issues.map((i) => [i.file, i.line, i.column, i.value]), [175, 198, 200, 218, 225, 226].map((l) => ['ex.csv', l, 'EXENDTC', null]));
    const adae = deriveAdae(read.lock.ae, adsl, plan);

    const ref = parse(readFileSync(`${pilot}adam/adae.csv`, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const refByArm = new Map<string, Set<string>>();
    for (const r of ref) if (r.TRTEMFL === 'Y' && r.SAFFL === 'Y') (refByArm.get(r.TRTA) ?? refByArm.set(r.TRTA, new Set()).get(r.TRTA)!).add(r.USUBJID);
    const oursByArm = new Map<string, Set<string>>();
    for (const r of adae) if (r.TRTEMFL === 'Y' && r.SAFFL === 'Y') (oursByArm.get(r.TRT01P!) ?? oursByArm.set(r.TRT01P!, new Set()).get(r.TRT01P!)!).add(r.USUBJID);

    const counts = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, v.size]).sort());
    // Pilot ADAE: Placebo 65, Xanomeline High Dose 76, Xanomeline Low Dose 77 (counted from the CSV above).
    assert.equal(counts(oursByArm), counts(refByArm));
    const all = (m: Map<string, Set<string>>) => [...m.values()].flatMap((s) => [...s]).sort();
    assert.equal(all(oursByArm), all(refByArm));
    assert.is(adsl.filter((s) => s.SAFFL === 'Y').length, 254);
  });
}

test.run();
