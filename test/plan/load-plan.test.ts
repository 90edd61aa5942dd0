import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { keyPathSegments, loadPlan, loadPlanFile } from '../../src/plan/load-plan.ts';
import { PlanError } from '../../src/core/errors.ts';
import { lineColumnOf } from '../helpers/text-position.ts';

const text = readFileSync(new URL('../../analyses/plan.json', import.meta.url), 'utf8');
const base = () => JSON.parse(text) as Record<string, any>;

function expectPlanError(mutate: (p: Record<string, any>) => void, path: string, message: string | RegExp): void {
  const p = base();
  mutate(p);
  try {
    loadPlan(JSON.stringify(p), 'plan.json');
  } catch (e) {
    assert.instance(e, PlanError);
    assert.is((e as PlanError).path, path);
    assert.match((e as PlanError).message, message);
    return;
  }
  assert.unreachable(`expected PlanError at ${path}`);
}

test('loadPlan: analyses/plan.json is valid and typed (arms normalised to a list)', () => {
  const p = loadPlan(text, 'analyses/plan.json');
  assert.equal(p.arms, { control: 'MMF', experimental: ['MSC'] });
  assert.is(p.response.definition, 'CN24H');
  assert.is(p.primary.margin, 0.15);
  assert.is(p.labs.egfrEquation, 'CKD-EPI-2009');
  assert.is(p.visits.length, 6);
});
test('loadPlan: the three-arm pilot plan is valid', () => {
  const p = loadPlan(readFileSync(new URL('../fixtures/plan-cdiscpilot01.json', import.meta.url), 'utf8'), 'plan-cdiscpilot01.json');
  assert.equal(p.arms.experimental, ['Xan_Lo', 'Xan_Hi']);
});
test('loadPlan: unknown top-level key → "unknown key" with its path', () => {
  expectPlanError((p) => (p.extra = 1), 'extra', 'unknown key');
});
test('loadPlan: unknown nested key → path primary.intercurrent.other', () => {
  expectPlanError((p) => (p.primary.intercurrent.other = 'non-responder'), 'primary.intercurrent.other', 'unknown key');
});
test('loadPlan: missing required key → "missing required key"', () => {
  expectPlanError((p) => delete p.primary.margin, 'primary.margin', 'missing required key');
});
test('loadPlan: wrong type inside an array names the index', () => {
  expectPlanError((p) => (p.visits[2].targetDay = 'x'), 'visits[2].targetDay', /integer/);
});
test('loadPlan: margin outside (0, 1)', () => {
  expectPlanError((p) => (p.primary.margin = 1.5), 'primary.margin', 'must be in (0, 1)');
  expectPlanError((p) => (p.primary.margin = 0), 'primary.margin', 'must be in (0, 1)');
});
test('loadPlan: overlapping windows', () => {
  expectPlanError((p) => (p.visits[1].window = [42, 70]), 'visits[1].window', 'overlaps');
});
test('loadPlan: gap between windows (not contiguous)', () => {
  expectPlanError((p) => (p.visits[1].window = [45, 70]), 'visits[1].window', 'not contiguous');
});
test('loadPlan: target day outside its window', () => {
  expectPlanError((p) => (p.visits[0].targetDay = 50), 'visits[0].targetDay', 'outside its window');
});
test('loadPlan: unknown response definition', () => {
  expectPlanError((p) => (p.response.definition = 'LUNAR'), 'response.definition', 'unknown response definition "LUNAR"');
  expectPlanError((p) => (p.response.alternatives = ['ALMS', 'X']), 'response.alternatives[1]', 'unknown response definition "X"');
});
test('loadPlan: unknown response parameter and bad enum', () => {
  expectPlanError((p) => (p.response.parameters.foo = 1), 'response.parameters.foo', 'unknown key');
  expectPlanError((p) => (p.labs.egfrEquation = 'CG'), 'labs.egfrEquation', 'must be one of');
});
test('loadPlan: primary visit must be a plan visit', () => {
  expectPlanError((p) => (p.primary.visit = 'Week 52'), 'primary.visit', 'unknown visit');
});
test('loadPlan: the baseline name must not be a visit name (baseline and post-baseline records would mix)', () => {
  expectPlanError((p) => (p.baseline.avisit = 'Week 4'), 'baseline.avisit', '"Week 4" is also the name of a post-baseline visit');
});
test('loadPlan: an entry listed twice in a list of analyses names both places', () => {
  expectPlanError((p) => (p.primary.populations = ['FAS', 'FAS']), 'primary.populations[1]', '"FAS" is listed twice (also primary.populations[0])');
  expectPlanError((p) => p.longitudinal.params.push('PROT'), 'longitudinal.params[9]', '"PROT" is listed twice (also longitudinal.params[1])');
});
test('loadPlan: at least one remission visit; log-transformed parameters must be analysed', () => {
  expectPlanError((p) => (p.secondary.remissionVisits = []), 'secondary.remissionVisits', 'must list at least one visit');
  expectPlanError((p) => p.longitudinal.logTransform.push('ALT'), 'longitudinal.logTransform[4]', 'parameter "ALT" is not in longitudinal.params');
});
test('loadPlan: invalid JSON and impossible data cut date', () => {
  assert.throws(() => loadPlan('{', 'p.json'), (e: unknown) => e instanceof PlanError
    && e.message === "p.json:1:2: (root): not valid JSON: expected a key in double quotes or '}', found the end of the file (the '{' at 1:1 is not closed)");
  expectPlanError((p) => (p.study.dataCutDate = '2021-02-30'), 'study.dataCutDate', 'not a calendar date');
});

test('loadPlan: calendar dates by the proleptic Gregorian rule, also in years 0000-0099 (which Date.UTC maps to 1900-1999)', () => {
  const withCut = (date: string) => { const p = base(); p.study.dataCutDate = date; return JSON.stringify(p); };
  // 0000 is divisible by 400 (leap), 0100 and 1900 are centuries that are not (ISO 8601 / proleptic Gregorian)
  for (const date of ['0000-02-29', '0004-02-29', '2000-02-29', '2024-02-29', '0000-12-31']) assert.is(loadPlan(withCut(date), 'plan.json').study.dataCutDate, date);
  for (const date of ['0100-02-29', '1900-02-29', '2023-02-29', '0001-04-31']) {
    expectPlanError((p) => (p.study.dataCutDate = date), 'study.dataCutDate', `"${date}" is not a calendar date`);
  }
});

test('loadPlan: a key given twice is a PlanError at the second one, naming the first (JSON.parse would keep the last silently)', () => {
  const twice = text.replace('"margin": 0.15,', '"margin": 2, "margin": 0.15,');
  assert.ok(twice !== text);
  const first = lineColumnOf(text, '"margin"');
  const [line, column] = first.split(':').map(Number);
  assert.throws(() => loadPlan(twice, 'plan.json'), (e: unknown) => e instanceof PlanError
    && e.message === `plan.json:${line}:${column + 13}: primary.margin: key given twice (first at ${first})` && e.path === 'primary.margin' && e.line === line && e.column === column + 13 && e.exitCode === 1);
  // the same when both values are equal, in a list element, the second on the next line (after 6 spaces)
  const visits = text.replace('"targetDay": 29,', '"targetDay": 29,\n      "targetDay": 29,');
  const at = lineColumnOf(text, '"targetDay": 29');
  const l2 = Number(at.split(':')[0]);
  assert.throws(() => loadPlan(visits, 'plan.json'), (e: unknown) => e instanceof PlanError && e.message === `plan.json:${l2 + 1}:7: visits[0].targetDay: key given twice (first at ${at})`);
});

test('loadPlan: errors carry the line and column of the key (of the object lacking a missing key)', () => {
  const at = (mutated: string): [number | null, number | null, string] => {
    try {
      loadPlan(mutated, 'plan.json');
    } catch (e) {
      const p = e as PlanError;
      return [p.line, p.column, p.message];
    }
    return [null, null, 'no error'];
  };
  // analyses/plan.json line 25 is `    "margin": 0.15,`; line 22 `  "primary": {`
  assert.equal(at(text.replace('"margin": 0.15', '"margin": 2')), [25, 5, 'plan.json:25:5: primary.margin: must be in (0, 1), got 2']);
  assert.equal(at(text.replace('"margin": 0.15', '"margn": 0.15')), [25, 5, 'plan.json:25:5: primary.margn: unknown key (did you mean "margin"?)']);
  assert.equal(at(text.replace('"alphaOneSided": 0.025,', '')), [22, 3, 'plan.json:22:3: primary.alphaOneSided: missing required key']);
  // analyses/plan.json line 50 is `    "df": "satterthwaite"`, line 51 `  },`
  assert.equal(at(text.replace('"df": "satterthwaite"', '"df": "satterthwaite",')),
    [51, 3, "plan.json:51:3: (root): not valid JSON: expected a key in double quotes, found '}' (JSON allows no comma before '}': remove the ',' at 50:26)"]);
});

test("loadPlan: a JSON syntax error is located in remit's words, not V8's; CRLF lines and a leading BOM as an editor counts them", () => {
  const error = (t: string) => {
    try {
      loadPlan(t, 'q.json');
    } catch (e) {
      assert.instance(e, PlanError);
      const p = e as PlanError;
      return [p.line, p.column, p.path, p.message];
    }
    return assert.unreachable('expected a PlanError');
  };
  assert.equal(error('{"a": 1,\n "b": [1, 2,,3]}'), [2, 13, '', "q.json:2:13: (root): not valid JSON: expected a value, found ','"]);
  const crlf = text.replace(/\n/g, '\r\n').replace('"margin": 0.15', '"margin": .15');
  assert.equal(error(crlf), [25, 15, '', "q.json:25:15: (root): not valid JSON: expected a value, found '.' (a number starts with a digit: 0.5, not .5)"]);
  assert.equal(error(`\uFEFF${crlf}`), [25, 15, '', "q.json:25:15: (root): not valid JSON: expected a value, found '.' (a number starts with a digit: 0.5, not .5)"]);
  assert.equal(error('\uFEFF'), [1, 1, '', 'q.json:1:1: (root): not valid JSON: expected a value, found the end of the file (the file is empty)']);
});

test('loadPlan: a schema error in deeply nested JSON is located without recursion (was a RangeError, exit 3)', () => {
  const depth = 100_000;
  const deep = text.replace('"margin": 0.15', `"margin": ${'['.repeat(depth)}${']'.repeat(depth)}`);
  assert.throws(() => loadPlan(deep, 'plan.json'), (e: unknown) => e instanceof PlanError && e.message === 'plan.json:25:5: primary.margin: must be number');
});

test('keyPathSegments: dotted paths with indices', () => {
  assert.equal(keyPathSegments('visits[1].window'), ['visits', '1', 'window']);
  assert.equal(keyPathSegments('response.alternatives[0]'), ['response', 'alternatives', '0']);
  assert.equal(keyPathSegments(''), []);
});

test('loadPlan: a leading UTF-8 BOM is accepted; loadPlanFile names a missing file', () => {
  assert.is(loadPlan('\uFEFF' + text, 'plan.json').primary.margin, 0.15);
  assert.throws(() => loadPlanFile('no/such/plan.json'), (e: unknown) => e instanceof PlanError && e.message === 'plan.json: (root): cannot read the plan file no/such/plan.json (no such file)');
  assert.is(loadPlanFile('analyses/plan.json').text, text);
});

test.run();
