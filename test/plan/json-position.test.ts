import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keyPathSegments, locateJsonPath, positionAt } from '../../src/plan/json-position.ts';

const text = '{\n  "a": {"b": [10, {"c": "x,}]"}],\n    "d/e": true},\r\n  "f": null\n}';

test('positionAt: 1-based line and column; CRLF, LF and lone CR end lines', () => {
  assert.equal(positionAt('ab\ncd', 4), { line: 2, column: 2 });
  assert.equal(positionAt('a\r\nb', 3), { line: 2, column: 1 });
  assert.equal(positionAt('a\rb', 2), { line: 2, column: 1 });
  assert.equal(positionAt('abc', 0), { line: 1, column: 1 });
});

test('locateJsonPath: keys, array items, escaped and nested names; missing keys point at their object', () => {
  assert.equal(locateJsonPath(text, ['a']), { line: 2, column: 3 });
  assert.equal(locateJsonPath(text, ['a', 'b']), { line: 2, column: 9 });
  assert.equal(locateJsonPath(text, ['a', 'b', '0']), { line: 2, column: 15 });
  assert.equal(locateJsonPath(text, ['a', 'b', '1', 'c']), { line: 2, column: 20 }); // brackets inside a string are text
  assert.equal(locateJsonPath(text, ['a', 'd/e']), { line: 3, column: 5 });
  assert.equal(locateJsonPath(text, ['f']), { line: 4, column: 3 });
  assert.equal(locateJsonPath(text, ['a', 'zz']), { line: 2, column: 3 }, 'missing key: the key of the object that lacks it');
  assert.equal(locateJsonPath(text, []), { line: 1, column: 1 });
});

test('keyPathSegments: dotted paths with indices', () => {
  assert.equal(keyPathSegments('visits[1].window'), ['visits', '1', 'window']);
  assert.equal(keyPathSegments('response.alternatives[0]'), ['response', 'alternatives', '0']);
  assert.equal(keyPathSegments(''), []);
});

test.run();
