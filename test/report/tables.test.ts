import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ard } from '../../src/core/ard.ts';
import type { ArdRecord } from '../../src/core/ard.ts';
import { InputError } from '../../src/core/errors.ts';
import { renderTableHtml, type ShownHeaderTraces } from '../../src/report/table-html.ts';
import { buildTable, DENOMINATOR_FOOTNOTE, HEADER_TRACE_FOOTNOTE, MISSING_FOOTNOTE } from '../../src/report/tables.ts';
import type { TableSpec } from '../../src/report/tables.ts';

const base = { analysis: 'demo', population: 'FAS' };

function records(): ArdRecord[] {
  const r: ArdRecord[] = [];
  for (const [group, N] of [['A', 115], ['B', 114], ['Total', 229]] as const) {
    r.push(ard({ ...base, group, parameter: 'SUBJECTS', statistic: 'N', value: N }));
    r.push(ard({ ...base, group, parameter: 'SEX', category: 'F', statistic: 'n', value: group === 'A' ? 98 : group === 'B' ? 0 : 98 }));
    r.push(ard({ ...base, group, parameter: 'SEX', category: 'F', statistic: 'pct', value: group === 'A' ? 98 / 115 : group === 'B' ? 0 : 98 / 229 }));
    r.push(ard({ ...base, group, parameter: 'AGE', statistic: 'mean', value: 33.52 }));
    r.push(ard({ ...base, group, parameter: 'AGE', statistic: 'sd', value: group === 'B' ? null : 9.8765 }));
    r.push(ard({ ...base, group, parameter: 'AGE', statistic: 'median', value: 33 }));
    r.push(ard({ ...base, group, parameter: 'AGE', statistic: 'q1', value: 26.5 }));
    r.push(ard({ ...base, group, parameter: 'AGE', statistic: 'q3', value: 41.25 }));
    r.push(ard({ ...base, group, parameter: 'UPCR', visit: 'Week 24', statistic: 'min', value: 0.12 }));
    r.push(ard({ ...base, group, parameter: 'UPCR', visit: 'Week 24', statistic: 'max', value: 7.5 }));
  }
  r.push(ard({ ...base, group: 'A - B', parameter: 'RESP', visit: 'Week 24', statistic: 'estimate', value: -0.05224 }));
  r.push(ard({ ...base, group: 'A - B', parameter: 'RESP', visit: 'Week 24', statistic: 'lower', value: -0.14031 }));
  r.push(ard({ ...base, group: 'A - B', parameter: 'RESP', visit: 'Week 24', statistic: 'upper', value: 0.03712 }));
  r.push(ard({ ...base, group: 'A - B', parameter: 'RESP', visit: 'Week 24', statistic: 'pValue', value: 0.00042 }));
  return r;
}

function spec(over: Partial<TableSpec> = {}): TableSpec {
  return {
    id: 'demo-table',
    title: 'Demo table',
    analysis: 'demo',
    population: 'FAS',
    populationLabel: 'Full analysis set',
    visit: 'Week 24',
    units: 'years',
    method: 'Descriptive statistics',
    headerNParameter: 'SUBJECTS',
    columns: [{ group: 'A' }, { group: 'B' }, { group: 'Total' }],
    rows: [
      { type: 'heading', label: 'Sex' },
      { type: 'stat', label: 'Female', parameter: 'SEX', category: 'F', visit: null, kind: 'n-pct', indent: 1 },
      { type: 'stat', label: 'Age, mean (SD)', parameter: 'AGE', visit: null, kind: 'mean-sd', decimals: 1 },
      { type: 'stat', label: 'Age, median (Q1–Q3)', parameter: 'AGE', visit: null, kind: 'median-iqr', decimals: 1 },
      { type: 'stat', label: 'UPCR, min–max', parameter: 'UPCR', kind: 'min-max', decimals: 2 },
    ],
    footnotes: ['Percentages of N.'],
    ...over,
  };
}

test('buildTable: header shows "N = xx" per group, from the header-N records', () => {
  const t = buildTable(spec(), records());
  assert.equal(t.header, [
    { label: 'A', n: 'N = 115' },
    { label: 'B', n: 'N = 114' },
    { label: 'Total', n: 'N = 229' },
  ]);
});

test('buildTable: n (%) cells; zero count shows "0 (0.0 %)"', () => {
  const t = buildTable(spec(), records());
  // 98/115 = 85.217 % → 85.2; 98/229 = 42.795 % → 42.8
  assert.equal(t.rows[1].cells, ['98 (85.2 %)', '0 (0.0 %)', '98 (42.8 %)']);
  assert.is(t.rows[0].heading, true);
  assert.is(t.rows[1].indent, 1);
});

test('buildTable: a null value shows "–" and adds the missing-value footnote once', () => {
  const t = buildTable(spec(), records());
  assert.equal(t.rows[2].cells, ['33.5 (9.88)', '33.5 (–)', '33.5 (9.88)']);
  assert.equal(t.footnotes, ['Percentages of N.', MISSING_FOOTNOTE]);
});

test('buildTable: en-dash ranges alone do not trigger the missing footnote', () => {
  const s = spec({ rows: [{ type: 'stat', label: 'Age', parameter: 'AGE', visit: null, kind: 'median-iqr', decimals: 1 }] });
  const t = buildTable(s, records());
  assert.equal(t.rows[0].cells, ['33.0 (26.5–41.3)', '33.0 (26.5–41.3)', '33.0 (26.5–41.3)']);
  assert.equal(t.footnotes, ['Percentages of N.']);
});

test('buildTable: table visit applies to rows by default; absent records show "–"', () => {
  const t = buildTable(spec(), records());
  assert.equal(t.rows[4].cells, ['0.12–7.50', '0.12–7.50', '0.12–7.50']);
  const s = spec({ rows: [{ type: 'stat', label: 'UPCR at week 12', parameter: 'UPCR', visit: 'Week 12', kind: 'min-max', decimals: 2 }] });
  assert.equal(buildTable(s, records()).rows[0].cells, ['–', '–', '–'], 'a composite with no value is one "–", not "–––"');
});

test('buildTable: composite cells of an arm without values are one "–"; an undefined part alone is "–" for that part', () => {
  const recs = [...records().filter((r) => r.parameter !== 'AGE'), ...(['A', 'B', 'Total'] as const).flatMap((group) => {
    // A: n = 1 (SD undefined); B: no values at all; Total: the one value.
    const v = group === 'B' ? null : 40;
    return [['mean', v], ['sd', null], ['median', v], ['q1', v], ['q3', v], ['min', v], ['max', v]].map(([statistic, value]) => ard({ ...base, group, parameter: 'AGE', statistic: statistic as string, value: value as number | null }));
  })];
  const s = spec({ rows: [
    { type: 'stat', label: 'Mean (SD)', parameter: 'AGE', visit: null, kind: 'mean-sd', decimals: 1 },
    { type: 'stat', label: 'Median (Q1–Q3)', parameter: 'AGE', visit: null, kind: 'median-iqr', decimals: 1 },
    { type: 'stat', label: 'Min–max', parameter: 'AGE', visit: null, kind: 'min-max', decimals: 1 },
  ] });
  const t = buildTable(s, recs);
  assert.equal(t.rows.map((r) => r.cells), [
    ['40.0 (–)', '–', '40.0 (–)'],
    ['40.0 (40.0–40.0)', '–', '40.0 (40.0–40.0)'],
    ['40.0–40.0', '–', '40.0–40.0'],
  ]);
  assert.ok(t.footnotes.includes(MISSING_FOOTNOTE));
});

test('buildTable: a row whose denominator is not the column N shows "n/N (%)" and the denominator footnote; the same N shows "n (%)"', () => {
  const recs = [...records(), ...(['A', 'B'] as const).flatMap((group) => {
    // Observed cases: A 62 of 105 observed (header N 115); B 57 of 114 observed (= header N).
    const [n, N] = group === 'A' ? [62, 105] : [57, 114];
    return [
      ard({ ...base, analysis: 'obs', group, parameter: 'RESP', statistic: 'N', value: N }),
      ard({ ...base, analysis: 'obs', group, parameter: 'RESP', visit: 'Week 24', statistic: 'n', value: n }),
      ard({ ...base, analysis: 'obs', group, parameter: 'RESP', visit: 'Week 24', statistic: 'pct', value: n / N }),
    ];
  })];
  const s = spec({ columns: [{ group: 'A' }, { group: 'B' }], rows: [
    { type: 'stat', label: 'Observed cases', analysis: 'obs', parameter: 'RESP', kind: 'n-pct' },
    { type: 'stat', label: 'Female', parameter: 'SEX', category: 'F', visit: null, kind: 'n-pct' },
  ] });
  const t = buildTable(s, recs);
  // 62/105 = 59.05 % → 59.0 (62/115 would be 53.9); 57/114 = 50.0 %
  assert.equal(t.rows[0].cells, ['62/105 (59.0 %)', '57 (50.0 %)']);
  assert.equal(t.rows[1].cells, ['98 (85.2 %)', '0 (0.0 %)']);
  assert.equal(t.footnotes, ['Percentages of N.', DENOMINATOR_FOOTNOTE]);
  const plain = buildTable(spec({ columns: [{ group: 'A' }], rows: [s.rows[1]] }), recs);
  assert.not.ok(plain.footnotes.includes(DENOMINATOR_FOOTNOTE), 'no denominator footnote without an n/N cell');
});

test('buildTable: a percentage of an unstated denominator is an error, not a silently wrong "n (%)"', () => {
  const recs = [...records(), ard({ ...base, group: 'A', parameter: 'RESP', statistic: 'n', value: 62 }), ard({ ...base, group: 'A', parameter: 'RESP', statistic: 'pct', value: 62 / 105 })];
  const s = spec({ columns: [{ group: 'A' }], rows: [{ type: 'stat', label: 'Observed', parameter: 'RESP', visit: null, kind: 'n-pct' }] });
  assert.throws(() => buildTable(s, recs), (e: unknown) => e instanceof InputError && /pct .* is not n \/ N = 62 \/ 115/.test((e as Error).message));
});

test('buildTable: contrast columns override the row kind; scale 100 gives percentage points', () => {
  const s = spec({
    columns: [{ group: 'A - B', label: 'Difference (95 % CI), pp', showN: false, kind: 'estimate-ci' }, { group: 'A - B', label: 'p-value', showN: false, kind: 'p-value' }],
    rows: [{ type: 'stat', label: 'Total remission', parameter: 'RESP', kind: 'n-pct', decimals: 1, scale: 100 }],
  });
  const t = buildTable(s, records());
  assert.equal(t.header, [{ label: 'Difference (95 % CI), pp', n: null }, { label: 'p-value', n: null }]);
  // -0.05224 → -5.224 pp → -5.2; -0.14031 → -14.0; 0.03712 → 3.7; p 0.00042 → "< 0.001"
  assert.equal(t.rows[0].cells, ['-5.2 (-14.0, 3.7)', '< 0.001']);
});

test('buildTable: carries title, population, visit, units, method', () => {
  const t = buildTable(spec(), records());
  assert.is(t.title, 'Demo table');
  assert.is(t.population, 'Full analysis set');
  assert.is(t.visit, 'Week 24');
  assert.is(t.units, 'years');
  assert.is(t.method, 'Descriptive statistics');
});

test('buildTable: missing header N, duplicate records and non-numeric values throw InputError', () => {
  const noN = records().filter((r) => !(r.group === 'B' && r.statistic === 'N'));
  assert.throws(() => buildTable(spec(), noN), (e: unknown) => e instanceof InputError && /header N/.test((e as Error).message));
  const dup = [...records(), ard({ ...base, group: 'A', parameter: 'AGE', statistic: 'mean', value: 1 })];
  assert.throws(() => buildTable(spec(), dup), (e: unknown) => e instanceof InputError && /2 ARD records/.test((e as Error).message));
  const text = records().map((r) => (r.statistic === 'mean' ? { ...r, value: 'abc' } : r));
  assert.throws(() => buildTable(spec(), text), (e: unknown) => e instanceof InputError && (e as InputError).argument === 'records');
  assert.throws(() => buildTable(spec({ id: 'Bad Id' }), records()), (e: unknown) => e instanceof InputError && (e as InputError).argument === 'spec.id');
});

test('renderTableHtml: caption, repeated-header thead, row headers, N in header, notes', () => {
  const html = renderTableHtml(buildTable(spec(), records()));
  assert.match(html, '<caption><span class="table-title">Demo table</span>');
  assert.match(html, 'Population: Full analysis set · Visit: Week 24 · Units: years');
  assert.match(html, '<thead><tr><th scope="col" class="stub"></th><th scope="col">A<br><span class="big-n">N = 115</span></th>');
  assert.match(html, '<th scope="row" class="indent-1">Female</th><td>98 (85.2 %)</td><td>0 (0.0 %)</td>');
  assert.match(html, '<p class="table-method">Method: Descriptive statistics</p>');
  assert.match(html, `<li>${MISSING_FOOTNOTE}</li>`);
});

test('renderTableHtml: labels, cells and footnotes are HTML-escaped', () => {
  const evil = '<script>alert(1)</script>"onload=';
  const r = records().map((x) => (x.parameter === 'SEX' ? { ...x, category: evil } : x));
  const s = spec({
    title: evil,
    footnotes: [evil],
    rows: [{ type: 'stat', label: evil, parameter: 'SEX', category: evil, visit: null, kind: 'n-pct' }],
  });
  const html = renderTableHtml(buildTable(s, r));
  assert.not.match(html, '<script');
  assert.not.match(html, '"onload=');
  assert.match(html, '&lt;script&gt;alert(1)&lt;/script&gt;&quot;onload=');
});

test('traced counts: the n record\'s trace reaches the built row and renders as <details>, escaped; equal traces in a column refer to the first row', () => {
  const trace = { counted: [{ id: 'S<1>', reason: 'CR', values: 'UP24 <0.05' }, { id: 'S2', reason: 'NR & more' }] };
  const recs = [
    ...records(),
    ...['RESP', 'RESP2'].flatMap((parameter) => [
      ard({ ...base, group: 'A', parameter, statistic: 'n', value: 2, subjects: trace }),
      ard({ ...base, group: 'A', parameter, statistic: 'pct', value: 2 / 115 }),
      ard({ ...base, group: 'B', parameter, statistic: 'n', value: 0 }),
      ard({ ...base, group: 'B', parameter, statistic: 'pct', value: 0 }),
    ]),
  ];
  const t = buildTable({ ...spec(), columns: [{ group: 'A' }, { group: 'B' }], rows: [
    { type: 'stat', label: 'Responders', parameter: 'RESP', visit: null, kind: 'n-pct' },
    { type: 'stat', label: 'Again', parameter: 'RESP2', visit: null, kind: 'n-pct' },
    { type: 'stat', label: 'Age', parameter: 'AGE', visit: null, kind: 'mean-sd' },
  ] }, recs);
  assert.equal(t.rows[0].traces, [trace, null]);
  assert.is(t.rows[2].traces, undefined, 'a row without traced counts has no traces');
  const html = renderTableHtml(t);
  assert.ok(html.includes('<td class="traced"><details class="trace"><summary>2 (1.7 %)</summary>'));
  assert.ok(html.includes('<b>CR</b> (1)<br><i>S&lt;1&gt;</i>: UP24 &lt;0.05'));
  assert.ok(html.includes('<b>NR &amp; more</b> (1): <i>S2</i>'));
  assert.ok(html.includes('The same 2 subjects, for the same reasons, as in the row “Responders” of this column.'));
  assert.is(html.split('S&lt;1&gt;').length - 1, 1, 'the list is not repeated');
  assert.ok(html.includes('<td>0 (0.0 %)</td>'), 'an untraced count stays plain');
});

test('traced counts: a Total cell counting exactly the subjects of the arm cells refers to them; any difference lists it in full', () => {
  const a = { counted: [{ id: 'S3', reason: 'Nausea (Grade 1)' }] };
  const b = { counted: [{ id: 'S1', reason: 'Rash (Grade 2)' }] };
  const union = { counted: [b.counted[0], a.counted[0]] };
  const other = { counted: [b.counted[0], { id: 'S3', reason: 'Nausea (Grade 2)' }] };
  const recs = [...records(), ...(['AE1', 'AE2'] as const).flatMap((parameter) => [
    ard({ ...base, group: 'A', parameter, statistic: 'n', value: 1, subjects: a }),
    ard({ ...base, group: 'B', parameter, statistic: 'n', value: 1, subjects: b }),
    ard({ ...base, group: 'Total', parameter, statistic: 'n', value: 2, subjects: parameter === 'AE1' ? union : other }),
  ])];
  const t = buildTable({ ...spec(), rows: [
    { type: 'stat', label: 'AE1', parameter: 'AE1', visit: null, kind: 'n' },
    { type: 'stat', label: 'AE2', parameter: 'AE2', visit: null, kind: 'n' },
  ] }, recs);
  const [row1, row2] = renderTableHtml(t).split('<tr>').slice(-2);
  assert.ok(row1.includes('The 2 subjects of the columns “A” and “B” together, for the same reasons.'));
  assert.is(row1.split('S3').length - 1, 1, 'Total does not repeat the list');
  assert.ok(row2.includes('<b>Nausea (Grade 2)</b> (1): <i>S3</i>'), 'a different reason is not a reference');
});

test('traced counts: a body-cell trace must list n counted subjects and, with an N record, counted + not counted = N', () => {
  const rows = [{ type: 'stat', label: 'Responders', parameter: 'RESP', visit: null, kind: 'n-pct' }] as const;
  const build = (n: number, N: number | null, trace: { counted: { id: string; reason: string }[]; notCounted?: { id: string; reason: string }[] }) =>
    buildTable({ ...spec(), columns: [{ group: 'A' }], rows }, [
      ...records(),
      ard({ ...base, group: 'A', parameter: 'RESP', statistic: 'n', value: n, subjects: trace }),
      ard({ ...base, group: 'A', parameter: 'RESP', statistic: 'pct', value: n / (N ?? 115) }),
      ...(N === null ? [] : [ard({ ...base, group: 'A', parameter: 'RESP', statistic: 'N', value: N })]),
    ]);
  const one = { counted: [{ id: 'S1', reason: 'CR' }], notCounted: [{ id: 'S2', reason: 'NR' }] };
  assert.equal(build(1, 2, one).rows[0].cells, ['1/2 (50.0 %)']);
  assert.equal(build(1, null, { counted: one.counted }).rows[0].cells, ['1 (0.9 %)'], 'no N record: only n is checked');
  const isTraceError = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test((e as Error).message);
  assert.throws(() => build(2, 2, one), isTraceError(/n = 2 of row "Responders", group "A" in table "demo-table" has a trace listing 1 subjects/));
  assert.throws(() => build(1, 3, one), isTraceError(/row "Responders", group "A" in table "demo-table" lists 1 counted \+ 1 not counted subjects, but its N is 3/));
  assert.throws(() => build(2, null, { counted: one.counted }), isTraceError(/n = 2 .* trace listing 1/), 'without an N record n is still checked');
});

// ── traced header N ───────────────────────────────────────────────────────────────────────────────────
const popA = { counted: [{ id: 'S1', reason: 'FASFL = Y' }, { id: 'S2', reason: 'FASFL = Y' }], notCounted: [{ id: 'S9', reason: 'FASFL = N: not dosed, no ADSL TRTSDT' }] };
const popB = { counted: [{ id: 'S3', reason: 'FASFL = Y' }], notCounted: [] };
const popTotal = { counted: [...popA.counted, ...popB.counted], notCounted: popA.notCounted };
/** Records of a table whose header N is traced (A 2, B 1, Total 3) and one count equal to A's population. */
function tracedHeaderRecords(total = popTotal): ArdRecord[] {
  return [
    ...([['A', popA], ['B', popB], ['Total', total]] as const).map(([group, subjects]) => ard({ ...base, group, parameter: 'SUBJECTS', statistic: 'N', value: subjects.counted.length, subjects })),
    ard({ ...base, group: 'A', parameter: 'FAS', statistic: 'n', value: 2, subjects: popA }),
  ];
}
const tracedHeaderSpec = (id = 'demo-table'): TableSpec => spec({ id, rows: [{ type: 'stat', label: 'In the FAS', parameter: 'FAS', visit: null, kind: 'n' }] });

test('traced header N: the N record\'s trace reaches the header cell; untraced Ns keep their shape; a trace not listing N subjects is an error', () => {
  const t = buildTable(tracedHeaderSpec(), tracedHeaderRecords());
  assert.equal(t.header.map((h) => [h.label, h.n, h.trace]), [['A', 'N = 2', popA], ['B', 'N = 1', popB], ['Total', 'N = 3', popTotal]]);
  assert.ok(t.footnotes.includes(HEADER_TRACE_FOOTNOTE));
  assert.not.ok(buildTable(spec(), records()).footnotes.includes(HEADER_TRACE_FOOTNOTE));
  assert.ok(buildTable(spec(), records()).header.every((h) => !('trace' in h)));
  const short = tracedHeaderRecords().map((r) => (r.group === 'B' && r.statistic === 'N' ? { ...r, value: 2 } : r));
  assert.throws(() => buildTable(tracedHeaderSpec(), short), (e: unknown) => e instanceof InputError && /header N of group "B" .* is 2 but its trace lists 1/.test((e as Error).message));
});

test('traced header N renders as <details> under the label: the set, then the randomised left out; Total refers to the arms; a count equal to it refers to the header', () => {
  const html = renderTableHtml(buildTable(tracedHeaderSpec(), tracedHeaderRecords()));
  assert.ok(html.includes('<th scope="col" class="traced">A<details class="trace big-n"><summary>N = 2</summary>'));
  assert.ok(html.includes('<p class="trace-head">In N (2)</p><ul><li><b>FASFL = Y</b> (2): <i>S1</i>, <i>S2</i></li></ul>'));
  assert.ok(html.includes('<p class="trace-head">Randomised, not in N (1)</p><ul><li><b>FASFL = N: not dosed, no ADSL TRTSDT</b> (1): <i>S9</i></li></ul>'));
  assert.ok(html.includes('<p class="trace-head">Randomised, not in N (0)</p><p class="trace-none">None.</p>'));
  assert.ok(html.includes('The 3 subjects of the columns “A” and “B” together, for the same reasons, and the 1 randomised not in N they list.'));
  assert.ok(html.includes('The same 3 subjects, for the same reasons, as the N of this column (in its header).'), 'the FAS count of A refers to the header');
  assert.is(html.split('<i>S1</i>').length - 1, 1, 'S1 is listed once');
  // A Total that is not the arms together (here one more subject left out) is listed in full.
  const other = { counted: popTotal.counted, notCounted: [...popA.notCounted, { id: 'S8', reason: 'FASFL = N' }] };
  assert.ok(renderTableHtml(buildTable(tracedHeaderSpec(), tracedHeaderRecords(other))).includes('<b>FASFL = N</b> (1): <i>S8</i>'));
});

test('traced header N: a later table of the same section refers to the first one\'s list (linked), a table on its own lists it', () => {
  const shown: ShownHeaderTraces = new Map();
  const first = renderTableHtml(buildTable(tracedHeaderSpec('first-table'), tracedHeaderRecords()), shown);
  const second = renderTableHtml(buildTable({ ...tracedHeaderSpec('second-table'), title: 'Second <table>' }, tracedHeaderRecords()), shown);
  assert.ok(first.includes('<i>S1</i>'));
  assert.not.ok(second.includes('<i>S1</i>') || second.includes('<i>S3</i>'), 'no list repeated');
  assert.ok(second.includes('The same 2 subjects in N and 1 randomised not in N, for the same reasons, as the N of “A” in the table <a href="#table-first-table">“Demo table”</a> above.'));
  assert.ok(second.includes('The same 1 subject in N, for the same reasons, as the N of “B” in the table <a href="#table-first-table">“Demo table”</a> above.'));
  assert.ok(renderTableHtml(buildTable(tracedHeaderSpec('second-table'), tracedHeaderRecords())).includes('<i>S1</i>'), 'without the section map, the list is shown');
});

test('traced counts: a row label used twice in the table is never referred to (it would be ambiguous)', () => {
  const a = { counted: [{ id: 'S3', reason: 'Nausea (Grade 1)' }] };
  const recs = [...records(), ...(['P1', 'P2'] as const).map((parameter) => ard({ ...base, group: 'A', parameter, statistic: 'n', value: 1, subjects: a }))];
  const t = buildTable({ ...spec(), columns: [{ group: 'A' }], rows: [
    { type: 'stat', label: 'Grade 1', parameter: 'P1', visit: null, kind: 'n' },
    { type: 'stat', label: 'Grade 1', parameter: 'P2', visit: null, kind: 'n' },
  ] }, recs);
  const html = renderTableHtml(t);
  assert.is(html.split('<i>S3</i>').length - 1, 2);
  assert.not.ok(html.includes('trace-same'));
});

test.run();
