/**
 * src/core/json-position.ts: syntax errors located with what was expected, positions of key paths and of
 * top-level array elements. Expected lines and columns in the tables are counted by hand in the literal
 * texts. The scanner is checked against V8's JSON.parse as the external reference: it accepts exactly
 * the texts JSON.parse accepts, and where V8's message gives a position it points at the same character
 * (or at the start of the token V8 complains inside).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { firstDuplicateKey, jsonSyntaxError, locateJsonPath, parseJsonText, topLevelElementPositions } from '../../src/core/json-position.ts';

const SEED = 20240601;

/** [text, line:column, message] */
const malformed: [string, string, string][] = [
  // the lead's example: a doubled comma
  ['{"a": 1,\n "b": [1, 2,,3]}', '2:13', "expected a value, found ','"],
  // nothing there
  ['', '1:1', 'expected a value, found the end of the file (the file is empty)'],
  [' \r\n\t\n ', '3:2', 'expected a value, found the end of the file (the file holds only white space)'],
  ['\uFEFF', '1:1', 'expected a value, found the end of the file (the file is empty)'],
  // trailing commas: at the bracket, naming the comma
  ['[1,]', '1:4', "expected a value, found ']' (JSON allows no comma before ']': remove the ',' at 1:3)"],
  ['{"a": 1,\r\n}', '2:1', "expected a key in double quotes, found '}' (JSON allows no comma before '}': remove the ',' at 1:8)"],
  ['[[1],\n  ]', '2:3', "expected a value, found ']' (JSON allows no comma before ']': remove the ',' at 1:5)"],
  // separators and brackets
  ['[1 2]', '1:4', "expected ',' or ']', found '2' (a ',' is missing before it)"],
  ['{"a": 1\n "b": 2}', '2:2', "expected ',' or '}', found '\"' (a ',' is missing before it)"],
  ['[1}', '1:3', "expected ',' or ']', found '}' ('}' cannot close the '[' at 1:1)"],
  ['{"a": [1, 2}', '1:12', "expected ',' or ']', found '}' ('}' cannot close the '[' at 1:7)"],
  ['[1, {"a": 1]', '1:12', "expected ',' or '}', found ']' (']' cannot close the '{' at 1:5)"],
  ['{"a" 1}', '1:6', "expected ':' after the key, found '1'"],
  ['{"a"', '1:5', "expected ':' after the key, found the end of the file"],
  ['{"a":', '1:6', "expected a value, found the end of the file (the '{' at 1:1 is not closed)"],
  ['[', '1:2', "expected a value or ']', found the end of the file (the '[' at 1:1 is not closed)"],
  ['{', '1:2', "expected a key in double quotes or '}', found the end of the file (the '{' at 1:1 is not closed)"],
  ['[1,\n 2', '2:3', "expected ',' or ']', found the end of the file (the '[' at 1:1 is not closed)"],
  ['[1] x', '1:5', "expected the end of the file after the top-level value, found 'x'"],
  ['{}\n{}', '2:1', "expected the end of the file after the top-level value, found '{'"],
  // keys
  ['{a: 1}', '1:2', "expected a key in double quotes or '}', found 'a'"],
  ["{'a': 1}", '1:2', "expected a key in double quotes or '}', found a single quote (JSON strings and keys are in double quotes)"],
  ['{"a": 1, 2: 3}', '1:10', "expected a key in double quotes, found '2'"],
  // values
  ['[\n  { "id": "x",\n    "method": wald }\n]\n', '3:15', "expected a value, found 'wald' (text must be in double quotes)"],
  ["['a']", '1:2', "expected a value or ']', found a single quote (JSON strings and keys are in double quotes)"],
  ['[True]', '1:2', "expected a value or ']', found 'True' (true, false and null are written in lower case)"],
  ['{"x": NaN}', '1:7', "expected a value, found 'NaN' (text must be in double quotes)"],
  ['[nul]', '1:2', "expected a value or ']', found 'nul' (text must be in double quotes)"],
  ['[nullx]', '1:6', "expected ',' or ']', found 'x'"],
  ['[1, // two\n 2]', '1:5', "expected a value, found '/' (JSON has no comments)"],
  ['[1] /* end */', '1:5', "expected the end of the file after the top-level value, found '/' (JSON has no comments)"],
  ['[1,,2]', '1:4', "expected a value, found ','"],
  ['[\u0001]', '1:2', "expected a value or ']', found control character U+0001"],
  // numbers
  ['[01]', '1:3', "expected '.', 'e' or the end of the number after a leading 0, found '1' (JSON numbers have no leading zeros)"],
  ['[-012]', '1:4', "expected '.', 'e' or the end of the number after a leading 0, found '1' (JSON numbers have no leading zeros)"],
  ['[-]', '1:3', "expected a digit after '-', found ']'"],
  ['[-Infinity]', '1:3', "expected a digit after '-', found 'Infinity'"],
  ['[1.]', '1:4', "expected a digit after '.', found ']'"],
  ['[1.e5]', '1:4', "expected a digit after '.', found 'e5'"],
  ['[1e]', '1:4', "expected a digit in the exponent, found ']'"],
  ['[1E+]', '1:5', "expected a digit in the exponent, found ']'"],
  ['[.5]', '1:2', "expected a value or ']', found '.' (a number starts with a digit: 0.5, not .5)"],
  ['[+1]', '1:2', "expected a value or ']', found '+' (a number has no '+' sign)"],
  // strings
  ['["abc', '1:6', `expected '"' to end the string begun at 1:2, found the end of the file`],
  ['{"a": "x\r\ny"}', '1:9', String.raw`expected '"' to end the string begun at 1:7, found a line break (a line break inside a string is written \n)`],
  ['[{"id": "a\tb"}]', '1:11', String.raw`expected an escape such as \t or \u0001 for a control character in a string, found a tab`],
  ['["\u001f"]', '1:3', String.raw`expected an escape such as \t or \u0001 for a control character in a string, found control character U+001F`],
  ['[{"id": "a\\x"}]', '1:11', String.raw`expected an escape (\" \\ \/ \b \f \n \r \t or \u and four hex digits), found '\x'`],
  ['["\\u12G4"]', '1:3', String.raw`expected an escape (\" \\ \/ \b \f \n \r \t or \u and four hex digits), found '\u12G4'`],
  ['["\\', '1:3', String.raw`expected an escape (\" \\ \/ \b \f \n \r \t or \u and four hex digits), found '\' and the end of the file`],
  ['["a\\\nb"]', '1:4', String.raw`expected an escape (\" \\ \/ \b \f \n \r \t or \u and four hex digits), found '\' and a line break`],
  // line endings: CRLF, LF and a lone CR each end one line
  ['\r\n\r\n  [1 2]', '3:6', "expected ',' or ']', found '2' (a ',' is missing before it)"],
  ['[1,\r2,\n3,\r\n4 5]', '4:3', "expected ',' or ']', found '5' (a ',' is missing before it)"],
  // a leading byte-order mark is skipped and not counted; anywhere else it is an error
  ['\uFEFF[1,]', '1:4', "expected a value, found ']' (JSON allows no comma before ']': remove the ',' at 1:3)"],
  ['\uFEFF\uFEFF[]', '1:1', 'expected a value, found a byte-order mark (U+FEFF)'],
  ['[1]\u00a0', '1:4', "expected the end of the file after the top-level value, found '\u00a0' (U+00A0)"],
  // columns count UTF-16 code units, as most editors do: the emoji is two
  ['["😀" "x"]', '1:7', "expected ',' or ']', found '\"' (a ',' is missing before it)"],
];

test('jsonSyntaxError: line:column and what was expected, for each kind of fault', () => {
  for (const [text, where, message] of malformed) {
    assert.throws(() => JSON.parse(text.replace(/^\uFEFF/, '')), undefined, `JSON.parse accepts ${JSON.stringify(text)}`);
    const e = jsonSyntaxError(text);
    assert.ok(e !== null, JSON.stringify(text));
    assert.is(`${e.line}:${e.column}`, where, JSON.stringify(text));
    assert.is(e.message, message, JSON.stringify(text));
    assert.is(e.message, `expected ${e.expected}, found ${e.found}${e.hint === null ? '' : ` (${e.hint})`}`);
  }
});

test('jsonSyntaxError: valid JSON, with or without a leading BOM, CRLF or LF, is null', () => {
  for (const text of ['0', ' "x" ', '\uFEFF{"a": [1, -0.5e+3, "\\u00e9\\n", true, false, null]}', '{\r\n  "a": {}\r\n}\r\n', '[[], {}, ""]']) {
    assert.is(jsonSyntaxError(text), null, JSON.stringify(text));
  }
});

test('nesting deeper than any call stack: valid text is null, unclosed text located at its end (no RangeError)', () => {
  const depth = 200_000;
  assert.is(jsonSyntaxError(`${'['.repeat(depth)}${']'.repeat(depth)}`), null);
  const open = jsonSyntaxError('['.repeat(depth));
  assert.is(open?.message, `expected a value or ']', found the end of the file (the '[' at 1:${depth} is not closed)`);
  assert.equal([open?.line, open?.column], [1, depth + 1]);
  const bad = jsonSyntaxError(`${'{"a":['.repeat(depth)}x`);
  assert.equal([bad?.line, bad?.column, bad?.found], [1, 6 * depth + 1, "'x'"]);
});

/** Valid JSON texts with up to three single-character edits, and short strings of JSON's own characters. */
const alphabet = ['[', ']', '{', '}', '"', ',', ':', ' ', '\n', '\r', '\t', '0', '1', '-', '.', 'e', 'E', '+', '\\', 'u', 'a', 't', 'r', 'n', 'l', 'f', 's', '\u0001', '\uFEFF', '/', "'"];
const mutatedJson = fc.tuple(fc.json({ maxDepth: 4 }), fc.array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...alphabet)), { maxLength: 3 }))
  .map(([json, edits]) => edits.reduce((s, [p, op, ch]) => {
    const k = p % (s.length + 1);
    return op === 0 ? s.slice(0, k) + ch + s.slice(k) : op === 1 ? s.slice(0, k) + s.slice(k + 1) : s.slice(0, k) + ch + s.slice(k + 1);
  }, json));
const jsonish = fc.oneof(mutatedJson, fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 }));

const parses = (text: string) => {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
};

test(`jsonSyntaxError is null exactly when JSON.parse accepts the text (20,000 texts, seed ${SEED})`, () => {
  let invalid = 0;
  fc.assert(fc.property(jsonish, (text) => {
    if (!parses(text)) invalid++;
    return parses(text) === (jsonSyntaxError(text) === null);
  }), { seed: SEED, numRuns: 20_000 });
  assert.ok(invalid > 5_000 && invalid < 19_000, `both valid and invalid texts are tried (${invalid} invalid)`);
});

test(`where V8 gives a position, the same character or the start of the token V8 complains inside (seed ${SEED})`, () => {
  let compared = 0;
  fc.assert(fc.property(mutatedJson, (text) => {
    let position: number | null = null;
    try {
      JSON.parse(text);
      return true;
    } catch (e) {
      const m = /at position (\d+)/.exec((e as Error).message);
      if (m === null) return true;
      position = Number(m[1]);
    }
    const ours = jsonSyntaxError(text)!;
    const before = text.slice(0, position);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = position - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
    compared++;
    if (ours.line !== line) return false;
    // V8 points inside or just past a misspelt literal (`nul-`, `nulx`) or at a bad escape's letter (`\x`); remit at its start
    const token = /^'(.*?)'/.exec(ours.found)?.[1] ?? '';
    return ours.column === column || (ours.column < column && column - ours.column <= token.length);
  }), { seed: SEED, numRuns: 20_000 });
  assert.ok(compared > 5_000, `${compared} positions compared`);
});

test('parseJsonText: the value, a leading BOM accepted, or the located error', () => {
  assert.equal(parseJsonText('\uFEFF{"a": [1]}'), { ok: true, value: { a: [1] } });
  const r = parseJsonText('\uFEFF{"a": [1,]}');
  assert.ok(!r.ok);
  assert.equal([r.error.line, r.error.column, r.error.expected, r.error.found], [1, 10, 'a value', "']'"]);
});

const text = '{\n  "a": {"b": [10, {"c": "x,}]"}],\n    "d/e": true},\r\n  "f": null\n}';

test('locateJsonPath: keys, array items, escaped and nested names; missing keys point at their object', () => {
  assert.equal(locateJsonPath(text, ['a']), { line: 2, column: 3 });
  assert.equal(locateJsonPath(text, ['a', 'b']), { line: 2, column: 9 });
  assert.equal(locateJsonPath(text, ['a', 'b', '0']), { line: 2, column: 15 });
  assert.equal(locateJsonPath(text, ['a', 'b', '1', 'c']), { line: 2, column: 20 }); // brackets inside a string are text
  assert.equal(locateJsonPath(text, ['a', 'd/e']), { line: 3, column: 5 });
  assert.equal(locateJsonPath(text, ['f']), { line: 4, column: 3 }, 'after a CRLF');
  assert.equal(locateJsonPath(text, ['a', 'zz']), { line: 2, column: 3 }, 'missing key: the key of the object that lacks it');
  assert.equal(locateJsonPath(text, ['a', 'b', '7']), { line: 2, column: 9 }, 'missing index: the key of the array');
  assert.equal(locateJsonPath(text, []), { line: 1, column: 1 });
});

test('locateJsonPath: escaped names decoded, the last of a repeated key (as JSON.parse), a leading BOM not counted', () => {
  assert.equal(locateJsonPath('{"a\\u0062": 1}', ['ab']), { line: 1, column: 2 });
  assert.equal(locateJsonPath('{"a": {"x": 1},\n "a": {"y": 2}}', ['a', 'y']), { line: 2, column: 8 });
  assert.equal(locateJsonPath('{"a": {"x": 1},\n "a": {"y": 2}}', ['a', 'x']), { line: 2, column: 2 }, 'the first "a" is overridden');
  assert.equal(locateJsonPath('\uFEFF{"a": 1}', ['a']), { line: 1, column: 2 });
});

test('locateJsonPath: a key after nesting deeper than any call stack', () => {
  const depth = 100_000;
  const deep = `{"x": ${'['.repeat(depth)}${']'.repeat(depth)},\n "y": 1}`;
  assert.equal(locateJsonPath(deep, ['y']), { line: 2, column: 2 });
  assert.equal(locateJsonPath(deep, ['x', ...Array<string>(depth - 1).fill('0')]), { line: 1, column: 6 + depth }, 'the innermost array');
});

test('topLevelElementPositions: where each element of a top-level array starts; none for other values', () => {
  assert.equal(topLevelElementPositions('\uFEFF[1,\n {"a": [2, 3]},\r\n "x"]'), [{ line: 1, column: 2 }, { line: 2, column: 2 }, { line: 3, column: 2 }]);
  assert.equal(topLevelElementPositions('[]'), []);
  assert.equal(topLevelElementPositions('{"a": [1, 2]}'), []);
});

test('firstDuplicateKey: the second occurrence of a name in one object (text order), its path and the first one', () => {
  assert.equal(firstDuplicateKey('{"a": {"b": 1,\n "b": 2}}'), { path: ['a', 'b'], at: { line: 2, column: 2 }, first: { line: 1, column: 8 } });
  // inside an array element; the earlier duplicate in text order wins over a later one
  assert.equal(firstDuplicateKey('{"a": [{"b": 1}, {"c": {"d": 1, "d": 2}, "c": 3}]}'), { path: ['a', '1', 'c', 'd'], at: { line: 1, column: 33 }, first: { line: 1, column: 25 } });
  // names compared decoded: "a\u0062" is "ab"
  assert.equal(firstDuplicateKey('{"a\\u0062": 1, "ab": 2}'), { path: ['ab'], at: { line: 1, column: 16 }, first: { line: 1, column: 2 } });
  // the same name in different objects, an array of equal values, and no objects at all: no duplicate
  assert.is(firstDuplicateKey('{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 1}]}'), null);
  assert.is(firstDuplicateKey('[1, 1, "a", "a"]'), null);
  // JSON.parse keeps the last value silently: what the check exists for
  assert.is((JSON.parse('{"m": 2, "m": 0.15}') as { m: number }).m, 0.15);
});

test('firstDuplicateKey: after nesting deeper than any call stack', () => {
  const depth = 100_000;
  const deep = `{"x": ${'['.repeat(depth)}${']'.repeat(depth)},\n "x": 1}`;
  assert.equal(firstDuplicateKey(deep), { path: ['x'], at: { line: 2, column: 2 }, first: { line: 1, column: 2 } });
});

test.run();
