import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ard } from '../../src/core/ard.ts';
import { InputError } from '../../src/core/errors.ts';
import { assertOpenReportBlind, findArmLeaks, findSubjectLeaks, openRecords } from '../../src/report/blinding.ts';

const ids = { armLabels: ['UC-MSC', 'MMF'], armCodes: ['MSC', 'MMF'] };

test('findArmLeaks: finds an arm code planted inside embedded spec JSON', () => {
  const html = '<details><summary>Chart specification</summary><pre>{\n  &quot;arm&quot;: &quot;MSC&quot;\n}</pre></details>';
  const leaks = findArmLeaks(html, ids);
  assert.is(leaks.length, 1);
  assert.is(leaks[0].term, 'MSC');
  assert.is(html.slice(leaks[0].index, leaks[0].index + 3), 'MSC');
  assert.match(leaks[0].context, '&quot;arm&quot;: &quot;MSC&quot;');
});

test('findArmLeaks: whole words, case-sensitive; substrings of other words are ignored', () => {
  assert.equal(findArmLeaks('SMSC MSCs MMFX xMMF msc mmf MSC2 Mmf', ids), []);
  const hits = findArmLeaks('MSC-treated; (MMF) MSC_DOSE "UC-MSC"', ids).map((l) => l.matched);
  // "UC-MSC" also contains the code MSC as a whole word (hyphen is a boundary): both are reported.
  assert.equal(hits, ['MSC', 'MMF', 'MSC', 'UC-MSC', 'MSC']);
});

test('findArmLeaks: finds labels in their HTML-escaped and JSON-escaped forms', () => {
  const tricky = { armLabels: ['A & "B"'], armCodes: ['AB'] };
  assert.is(findArmLeaks('<td>A &amp; &quot;B&quot;</td>', tricky).length, 1);
  assert.is(findArmLeaks('<pre>&quot;A &amp; \\&quot;B\\&quot;&quot;</pre>', tricky).length, 1);
});

test('findArmLeaks: allowed phrases (e.g. the registered title) are masked', () => {
  const title = 'Umbilical cord MSC versus MMF in lupus nephritis';
  const text = `<h1>${title}</h1><td>MMF</td>`;
  const leaks = findArmLeaks(text, { ...ids, allowedPhrases: [title] });
  assert.is(leaks.length, 1);
  assert.is(leaks[0].index, text.indexOf('<td>MMF') + 4);
});

test('findArmLeaks: empty labels are rejected', () => {
  assert.throws(() => findArmLeaks('x', { armLabels: [''], armCodes: [] }), (e: unknown) => e instanceof InputError);
});

test('openRecords: keeps only pooled records that do not name an arm', () => {
  const b = { analysis: 'baseline', population: 'FAS', statistic: 'n' };
  const records = [
    ard({ ...b, parameter: 'AGE', group: 'Total', value: 1 }),
    ard({ ...b, parameter: 'AGE', group: null, value: 2 }),
    ard({ ...b, parameter: 'AGE', group: 'UC-MSC', value: 3 }),
    ard({ ...b, parameter: 'AGE', group: 'MMF', value: 4 }),
    ard({ ...b, parameter: 'RESP', group: 'UC-MSC - MMF', value: 5 }),
    ard({ ...b, parameter: 'ARM', category: 'MSC', group: 'Total', value: 6 }),
    ard({ ...b, parameter: 'NOTE', group: 'Total', value: 'higher in MMF' }),
    ard({ ...b, parameter: 'MSCS_INFUSED', group: 'Total', value: 7 }),
  ];
  assert.equal(openRecords(records, ids).map((r) => r.value), [1, 2, 7]);
});

test('findSubjectLeaks: every USUBJID as a whole word, raw or escaped; longer IDs and other text are not hits', () => {
  const subjects = ['NCT1-01-0001', 'NCT1-01-0002', "S&'3"];
  const text = '<li>NCT1-01-0001</li> NCT1-01-00012 xNCT1-01-0002 <pre>&quot;S&amp;&#39;3&quot;</pre> NCT1-01-000';
  const hits = findSubjectLeaks(text, subjects);
  assert.equal(hits.map((h) => h.term), ['NCT1-01-0001', "S&'3"]);
  assert.is(hits[1].matched, 'S&amp;&#39;3');
  assert.equal(findSubjectLeaks('no subjects here', subjects), []);
  assert.throws(() => findSubjectLeaks('x', ['']), (e: unknown) => e instanceof InputError && e.argument === 'subjectIds');
});

test('assertOpenReportBlind: passes a clean page; a planted USUBJID or arm code stops the open report', () => {
  const clean = '<p>Pooled: 62 (54.9 %)</p>';
  assertOpenReportBlind(clean, ids, ['NCT1-01-0001']);
  assert.throws(() => assertOpenReportBlind(`${clean}<td>NCT1-01-0001</td>`, ids, ['NCT1-01-0001']), (e: unknown) => e instanceof Error && /1 subject identifier occurrence/.test(e.message) && /not written/.test(e.message));
  assert.throws(() => assertOpenReportBlind(`${clean} MMF`, ids, ['NCT1-01-0001']), (e: unknown) => e instanceof Error && /arm label\/code/.test(e.message));
});

test('openRecords: drops the subject trace of the pooled records it keeps', () => {
  const trace = { counted: [{ id: 'NCT1-01-0001', reason: 'Nausea (Grade 1)' }] };
  const kept = openRecords([ard({ analysis: 'safety-overview', population: 'SAF', parameter: 'ANY_TEAE', group: 'Total', statistic: 'n', value: 1, subjects: trace })], ids);
  assert.equal(kept, [ard({ analysis: 'safety-overview', population: 'SAF', parameter: 'ANY_TEAE', group: 'Total', statistic: 'n', value: 1 })]);
  assert.not.ok('subjects' in kept[0]);
});

test.run();
