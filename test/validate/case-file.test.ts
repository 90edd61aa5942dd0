/**
 * src/validate/case-file.ts on malformed case files: a file that is not JSON (or not an array) is a DataError
 * naming file, line and column, also where V8's message gives no position and for nesting too deep for a
 * recursive scanner; a malformed entry is a failed case located at its line and column, never a crash.
 * Expected positions are counted by hand in the literal texts below.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from '../../src/core/errors.ts';
import { parseCaseFile } from '../../src/validate/case-file.ts';
import { runValidation } from '../../src/validate/run-validation.ts';

function syntaxError(text: string): string {
  try {
    parseCaseFile(text, '/some/dir/cases.json');
  } catch (e) {
    assert.instance(e, DataError);
    return (e as DataError).message;
  }
  throw new Error('expected a DataError');
}

test('not JSON: file, line and column of the first error, whatever V8 says', () => {
  assert.match(syntaxError('[\n  { "id": "x",\n    "method": wald }\n]\n'), /^cases\.json:3:15: not valid JSON \(/);
  assert.match(syntaxError('[1,]'), /^cases\.json:1:4: not valid JSON/);
  assert.match(syntaxError('[{"id": "a\\x"}]'), /^cases\.json:1:11: not valid JSON/, 'bad escape: at the backslash');
  assert.match(syntaxError('[{"id": "a\tb"}]'), /^cases\.json:1:11: not valid JSON/, 'raw tab in a string');
  assert.match(syntaxError('[01]'), /^cases\.json:1:3: not valid JSON/);
  assert.match(syntaxError('[{"a" 1}]'), /^cases\.json:1:7: not valid JSON/);
  assert.match(syntaxError('[1] x'), /^cases\.json:1:5: not valid JSON/);
  assert.match(syntaxError(''), /^cases\.json:1:1: not valid JSON/);
  assert.match(syntaxError('\r\n\r\n  [1 2]'), /^cases\.json:3:6: not valid JSON/);
  assert.match(syntaxError('{"a": 1}'), /^cases\.json:1:1: expected a JSON array of reference cases$/);
});

test('nesting too deep for a recursive scanner: still located (end of text), no RangeError', () => {
  assert.match(syntaxError('['.repeat(200_000)), /^cases\.json:1:200001: not valid JSON/);
  assert.match(syntaxError(`${'['.repeat(200_000)}x`), /^cases\.json:1:200001: not valid JSON/);
});

test('malformed entries: each a failed case at its line and column, with what was expected; none dropped', () => {
  const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
  const text = [
    '[',
    '  5,',
    '  {"id": "b"},',
    '  {"id": "c", "method": "wald", "inputs": {"x1": "2", "n1": 10, "x2": 1, "n2": 10, "conf_level": 0.95}, "expected": {"lower": 0}, "tolerance": {"abs": 1}, "source": "s"},',
    '  {"id": "d", "method": "wald", "inputs": {}, "expected": {"lower": 0}, "tolerance": {"abs": "1e-6"}, "source": "s", "notes": 3},',
    `  {"id": "e", "method": "wald", "inputs": {}, "expected": {"lower": ${deep}}, "tolerance": {"abs": 1}, "source": "s"}`,
    ']',
  ].join('\n');
  const r = runValidation([parseCaseFile(text, 'bad.json')]);
  assert.equal(
    r.cases.map((c) => [c.id, c.status, c.problems]),
    [
      ['bad.json[0]', 'fail', ['malformed case at bad.json:2:3: expected an object with id, section, method, inputs, expected, tolerance, source']],
      ['b', 'fail', ['malformed case at bad.json:3:3: missing or invalid: method (non-empty string), source (non-empty string), inputs (object), expected (object), tolerance (object)']],
      ['c', 'fail', ['the runner could not compute the case at bad.json:4:3: inputs.x1: expected a number, got "2"']],
      ['d', 'fail', ['malformed case at bad.json:5:3: missing or invalid: notes (string)']],
      ['e', 'fail', ['malformed case at bad.json:6:3: "expected" nests more than 32 levels deep']],
    ],
  );
});

test.run();
