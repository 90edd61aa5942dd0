import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeBilagTotal } from '../../src/clinical/bilag.ts';
import { computeHaqDi } from '../../src/clinical/haq.ts';
import { computeSledai } from '../../src/clinical/sledai.ts';
import { computeSri, type SriInputs } from '../../src/clinical/sri.ts';
import { BilagDomains, SledaiItems } from '../../src/cdisc/terms.ts';
import { InputError } from '../../src/core/errors.ts';

const allAbsent = () => Object.fromEntries(Object.keys(SledaiItems).map((c) => [c, 0 as number | null]));

test('computeSledai: proteinuria 4 + haematuria 4 + anti-dsDNA 2 + low complement 2 = 12, renal 8', () => {
  const items = { ...allAbsent(), SLPROT: 1, SLHEMAT: 1, SLDNA: 1, SLCOMP: 1 };
  assert.equal(computeSledai(items), { total: 12, renal: 8, missing: [] });
});
test('computeSledai: all 24 present = 105 (published maximum)', () => {
  const items = Object.fromEntries(Object.keys(SledaiItems).map((c) => [c, 1]));
  assert.is(computeSledai(items).total, 105);
});
test('computeSledai: a missing descriptor gives a null total and names it', () => {
  const items = { ...allAbsent(), SLSEIZ: null };
  const r = computeSledai(items);
  assert.is(r.total, null);
  assert.equal(r.missing, ['SLSEIZ']);
  assert.is(r.renal, 0);
});
test('computeSledai: value 2 throws InputError', () => {
  assert.throws(() => computeSledai({ SLPROT: 2 }), (e: unknown) => e instanceof InputError);
});

const grades = (over: Record<string, string>) => ({ ...Object.fromEntries(Object.keys(BilagDomains).map((c) => [c, 'E'])), ...over });
test('computeBilagTotal: renal A 12 + haem B 8 + mucocutaneous C 1 + rest D/E 0 = 21 (Yee 2010)', () => {
  assert.equal(computeBilagTotal(grades({ BLRENA: 'A', BLHAEM: 'B', BLMUCO: 'C', BLMUSC: 'D' })), { total: 21, missing: [] });
});
test('computeBilagTotal: missing domain → null total', () => {
  const g: Record<string, string | null> = grades({});
  g.BLOPHT = null;
  assert.equal(computeBilagTotal(g), { total: null, missing: ['BLOPHT'] });
});

const sriBase: SriInputs = {
  sledaiBase: 12, sledai: 8, bilagBase: grades({ BLRENA: 'A' }), bilag: grades({ BLRENA: 'B' }), phgaBase: 1.5, phga: 1.7, treatmentFailure: false,
};
test('computeSri: reduction exactly 4, renal A→B (not a new B), PhGA +0.2 → responder', () => {
  assert.equal(computeSri(sriBase), { responder: true, failed: [], missing: [] });
});
test('computeSri: PhGA +0.3 exactly is worsening', () => {
  const r = computeSri({ ...sriBase, phga: 1.8 });
  assert.is(r.responder, false);
  assert.equal(r.failed, ['PhGA worsening >= 0.3']);
});
test('computeSri: reduction 3, new A and two new B fail with each component named', () => {
  const r = computeSri({ ...sriBase, sledai: 9, bilag: grades({ BLRENA: 'B', BLMUSC: 'A', BLHAEM: 'B', BLMUCO: 'B' }) });
  assert.equal(r.failed, ['SLEDAI reduction < 4', 'new BILAG A (BLMUSC)', 'more than one new BILAG B (BLMUCO, BLHAEM)']);
});
test('computeSri: missing PhGA → non-responder with the missing component; treatment failure recorded', () => {
  const r = computeSri({ ...sriBase, phga: null, treatmentFailure: true });
  assert.equal(r, { responder: false, failed: ['treatment failure'], missing: ['PhGA'] });
});

test('computeHaqDi: category max, aids raise 0/1 to 2, mean over answered categories', () => {
  // categories: 1,0(aid→2),2,1,0,3,1 and HAQ8 unanswered: sum 1+2+2+1+0+3+1 = 10 over 7 = 1.428571…
  const r = computeHaqDi({
    HAQ1: { items: [1, 0], aid: false }, HAQ2: { items: [0, 0], aid: true }, HAQ3: { items: [2, 1, 0], aid: false },
    HAQ4: { items: [1, null], aid: false }, HAQ5: { items: [0, 0, 0], aid: false }, HAQ6: { items: [3, 2], aid: true },
    HAQ7: { items: [1, 1, 0], aid: false }, HAQ8: { items: [null, null, null], aid: true },
  });
  assert.is(r.categoriesAnswered, 7);
  assert.is(r.score, 10 / 7);
  assert.is(r.categoryScores.HAQ2, 2);
  assert.is(r.categoryScores.HAQ8, null);
});
test('computeHaqDi: fewer than 6 categories answered → null', () => {
  const r = computeHaqDi({ HAQ1: { items: [1, 1], aid: false }, HAQ2: { items: [1], aid: false } });
  assert.is(r.score, null);
  assert.is(r.categoriesAnswered, 2);
});

test.run();
