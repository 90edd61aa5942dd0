/**
 * src/validate/case-file.ts on malformed case files: a file that is not JSON (or not an array) is a DataError
 * naming file, line, column and what was expected there, also where V8's message gives no position and for
 * nesting too deep for a recursive scanner (the locator itself: test/core/json-position.test.ts); a malformed
 * entry is a failed case located at its line and column, never a crash.
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

const ARRAY = 'a case file is a JSON array of reference cases';

test('not JSON: file, line and column of the first error and what was expected there, whatever V8 says', () => {
  assert.is(syntaxError('[\n  { "id": "x",\n    "method": wald }\n]\n'), `cases.json:3:15: not valid JSON: expected a value, found 'wald' (text must be in double quotes); ${ARRAY}`);
  assert.is(syntaxError('[1,]'), `cases.json:1:4: not valid JSON: expected a value, found ']' (JSON allows no comma before ']': remove the ',' at 1:3); ${ARRAY}`);
  assert.is(syntaxError('[{"id": "a\\x"}]'), String.raw`cases.json:1:11: not valid JSON: expected an escape (\" \\ \/ \b \f \n \r \t or \u and four hex digits), found '\x'; ` + ARRAY, 'bad escape: at the backslash');
  assert.is(syntaxError('[{"id": "a\tb"}]'), String.raw`cases.json:1:11: not valid JSON: expected an escape such as \t or \u0001 for a control character in a string, found a tab; ` + ARRAY, 'raw tab in a string');
  assert.is(syntaxError('[01]'), `cases.json:1:3: not valid JSON: expected '.', 'e' or the end of the number after a leading 0, found '1' (JSON numbers have no leading zeros); ${ARRAY}`);
  assert.is(syntaxError('[{"a" 1}]'), `cases.json:1:7: not valid JSON: expected ':' after the key, found '1'; ${ARRAY}`);
  assert.is(syntaxError('[1] x'), `cases.json:1:5: not valid JSON: expected the end of the file after the top-level value, found 'x'; ${ARRAY}`);
  assert.is(syntaxError(''), `cases.json:1:1: not valid JSON: expected a value, found the end of the file (the file is empty); ${ARRAY}`);
  assert.is(syntaxError('\r\n\r\n  [1 2]'), `cases.json:3:6: not valid JSON: expected ',' or ']', found '2' (a ',' is missing before it); ${ARRAY}`);
  assert.is(syntaxError('\uFEFF[1 2]'), `cases.json:1:4: not valid JSON: expected ',' or ']', found '2' (a ',' is missing before it); ${ARRAY}`, 'a leading BOM is not counted');
  assert.is(syntaxError('{"a": 1}'), 'cases.json:1:1: expected a JSON array of reference cases');
});

test('nesting too deep for a recursive scanner: still located (end of text), no RangeError', () => {
  const unclosed = "expected a value or ']', found the end of the file (the '[' at 1:200000 is not closed)";
  assert.is(syntaxError('['.repeat(200_000)), `cases.json:1:200001: not valid JSON: ${unclosed}; ${ARRAY}`);
  assert.is(syntaxError(`${'['.repeat(200_000)}x`), `cases.json:1:200001: not valid JSON: expected a value or ']', found 'x' (text must be in double quotes); ${ARRAY}`);
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
