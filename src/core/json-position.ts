/**
 * Positions in JSON text, which JSON.parse does not give: where a syntax error is and what was expected
 * there (V8's messages carry no position for an unexpected token and change wording between Node
 * versions), where the value at a key path is (so a plan error can say `plan.json:25:5: primary.margin`),
 * and where each element of a top-level array starts (a case in a reference case file).
 *
 * All three come from one scanner of the RFC 8259 grammar. It keeps a stack of open brackets instead of
 * recursing, so nesting of any depth cannot overflow the call stack (JSON.parse itself accepts millions of
 * levels), and it reads each character a bounded number of times, so it runs in linear time.
 *
 * Lines and columns are 1-based as an editor shows them: CRLF, LF and a lone CR end a line, columns count
 * UTF-16 code units, and a leading byte-order mark (U+FEFF, as Windows editors write it) is skipped and not
 * counted (RFC 8259 §8.1 lets a parser ignore it; {@link parseJsonText} does).
 */

/** A 1-based line and column in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Where JSON text stops being valid JSON, and what the grammar allows there, in plain words. */
export interface JsonSyntaxError extends TextPosition {
  /** What would be valid here: "a value", "',' or ']'", "a key in double quotes", … */
  expected: string;
  /** What is there instead: "','", "'wald'", "a line break", "the end of the file", … */
  found: string;
  /** A likely cause or fix ("JSON allows no comma before '}': remove the ',' at 50:26"), or null. */
  hint: string | null;
  /** `expected <expected>, found <found>` and the hint in parentheses: the text for an error message. */
  message: string;
}

/** Where a value starts and what names it in the enclosing container. */
interface ValueStart {
  /** 0 for the top-level value, 1 for its elements or members, … */
  depth: number;
  /** Index of its first character in the text. */
  offset: number;
  value: TextPosition;
  /** Position of the member name (its opening quote); null for the top-level value and array elements. */
  key: TextPosition | null;
  /** The decoded member name, or the array index as a string; '' for the top-level value. */
  name(): string;
}

/**
 * Called at the start of every value with what the call returned for the enclosing container (undefined
 * for the top-level value); what it returns is passed on to the value's own elements or members.
 */
type OnValue<T> = (v: ValueStart, parent: T | undefined) => T;

/** An open `[` or `{`: its closing bracket, where it opened, and its elements seen so far. */
interface Open<T> {
  close: ']' | '}';
  at: TextPosition;
  count: number;
  tag: T | undefined;
}

/** Unwinds the scan at the first syntax error. */
class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

const DIGIT = /[0-9]/;
/** A run of string characters that need no attention: not a quote, a backslash or a control character. */
const PLAIN = /[^"\\\u0000-\u001f]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const LITERALS = ['true', 'false', 'null'] as const;
const MAX_FOUND_WORD = 20;

const at = (p: TextPosition) => `${p.line}:${p.column}`;

/** The scanner: `walk()` returns the first syntax error, or null for valid JSON, calling `onValue` on the way. */
class Walker<T> {
  /** Where the JSON starts: after a byte-order mark, if any. */
  private readonly start: number;
  private i: number;
  private line = 1;
  private lineStart: number;
  private readonly open: Open<T>[] = [];
  /** The member name of the value about to start: offsets of its quotes, and its position. */
  private member: { start: number; end: number; at: TextPosition } | null = null;
  private lastComma: TextPosition = { line: 1, column: 1 };

  constructor(private readonly text: string, private readonly onValue: OnValue<T> | null) {
    this.start = this.i = this.lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  walk(): JsonSyntaxError | null {
    try {
      this.scan();
      return null;
    } catch (e) {
      if (e instanceof Stop) return e.error;
      throw e;
    }
  }

  private scan(): void {
    const { text } = this;
    let expected = 'a value';
    for (;;) {
      this.ws();
      const tag = this.visit();
      const c = text[this.i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        const opened = this.here();
        this.i++;
        this.ws();
        if (text[this.i] !== close) {
          this.open.push({ close, at: opened, count: 0, tag });
          if (close === '}') this.key("a key in double quotes or '}'");
          expected = close === '}' ? 'a value' : "a value or ']'";
          continue;
        }
        this.i++;
      } else if (c === '"') this.string();
      else this.literal(expected);
      // A value ended: close the containers it completes; a comma starts the next element or member.
      for (;;) {
        this.ws();
        const top = this.open.at(-1);
        if (top === undefined) {
          if (this.i < text.length) this.fail('the end of the file after the top-level value');
          return;
        }
        if (text[this.i] === ',') {
          this.lastComma = this.here();
          this.i++;
          top.count++;
          if (top.close === '}') this.key('a key in double quotes', true);
          expected = 'a value';
          break;
        }
        if (text[this.i] !== top.close) this.fail(`',' or '${top.close}'`, this.afterValueHint(top));
        this.i++;
        this.open.pop();
      }
    }
  }

  /** Tells the visitor a value starts here; returns what it returned. */
  private visit(): T | undefined {
    const member = this.member;
    this.member = null;
    if (this.onValue === null) return undefined;
    const top = this.open.at(-1);
    const { text } = this;
    const index = top === undefined ? '' : String(top.count);
    return this.onValue({
      depth: this.open.length,
      offset: this.i,
      value: this.here(),
      key: member?.at ?? null,
      name: () => (member !== null ? (JSON.parse(text.slice(member.start, member.end)) as string) : index),
    }, top?.tag);
  }

  /** A member name and its ':'; `afterComma` when a trailing comma is possible. */
  private key(expected: string, afterComma = false): void {
    this.ws();
    if (this.text[this.i] !== '"') {
      const hint = afterComma && this.text[this.i] === '}' ? `JSON allows no comma before '}': remove the ',' at ${at(this.lastComma)}` : this.valueHint(this.open.at(-1), true);
      this.fail(expected, hint);
    }
    const start = this.i;
    const keyAt = this.here();
    this.string();
    this.member = { start, end: this.i, at: keyAt };
    this.ws();
    if (this.text[this.i] !== ':') this.fail("':' after the key");
    this.i++;
  }

  private string(): void {
    const { text } = this;
    const begun = this.here();
    this.i++; // the opening quote
    for (;;) {
      PLAIN.lastIndex = this.i;
      PLAIN.test(text);
      this.i = PLAIN.lastIndex;
      if (this.i >= text.length) this.fail(`'"' to end the string begun at ${at(begun)}`);
      const c = text.charCodeAt(this.i);
      if (c === 0x22) { this.i++; return; }
      if (c === 0x5c) {
        ESCAPE.lastIndex = this.i;
        if (!ESCAPE.test(text)) {
          const next = text.charCodeAt(this.i + 1); // NaN at the end of the text
          const found = !(next >= 0x20) ? `'\\' and ${this.describe(this.i + 1)}` : `'${text.slice(this.i, next === 0x75 /* u */ ? this.i + 6 : this.i + 2)}'`;
          this.fail(String.raw`an escape (\" \\ \/ \b \f \n \r \t or \u and four hex digits)`, null, found);
        }
        this.i = ESCAPE.lastIndex;
      } else if (c === 0x0a || c === 0x0d) this.fail(`'"' to end the string begun at ${at(begun)}`, String.raw`a line break inside a string is written \n`);
      else this.fail(String.raw`an escape such as \t or \u0001 for a control character in a string`);
    }
  }

  /** A number, true, false or null. */
  private literal(expected: string): void {
    const { text } = this;
    const c = text[this.i];
    if (c === '-' || (c !== undefined && DIGIT.test(c))) return this.number();
    for (const word of LITERALS) {
      if (text.startsWith(word, this.i)) { this.i += word.length; return; }
    }
    const top = this.open.at(-1);
    // ']' where a value must be: '[' followed by ']' was an empty array, so a comma came before it
    const trailing = c === ']' && top?.close === ']';
    this.fail(expected, trailing ? `JSON allows no comma before ']': remove the ',' at ${at(this.lastComma)}` : this.valueHint(top, false));
  }

  /** RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
  private number(): void {
    const { text } = this;
    const digits = (expected: string) => {
      if (!DIGIT.test(text[this.i] ?? '')) this.fail(expected);
      while (DIGIT.test(text[this.i] ?? '')) this.i++;
    };
    if (text[this.i] === '-') this.i++;
    if (text[this.i] === '0') {
      this.i++;
      if (DIGIT.test(text[this.i] ?? '')) this.fail("'.', 'e' or the end of the number after a leading 0", 'JSON numbers have no leading zeros');
    } else digits("a digit after '-'");
    if (text[this.i] === '.') { this.i++; digits("a digit after '.'"); }
    if (text[this.i] === 'e' || text[this.i] === 'E') {
      this.i++;
      if (text[this.i] === '+' || text[this.i] === '-') this.i++;
      digits('a digit in the exponent');
    }
  }

  /** White space (RFC 8259 §2: space, tab, LF, CR), counting lines. */
  private ws(): void {
    const { text } = this;
    for (; this.i < text.length; this.i++) {
      const c = text.charCodeAt(this.i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(this.i + 1) !== 0x0a)) { this.line++; this.lineStart = this.i + 1; }
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return;
    }
  }

  /** The position of the scan (valid because line breaks are only consumed by `ws`). */
  private here(): TextPosition {
    return { line: this.line, column: this.i - this.lineStart + 1 };
  }

  /** Why a value (or, `forKey`, a member name) cannot start here, when a common mistake explains it. */
  private valueHint(top: Open<T> | undefined, forKey: boolean): string | null {
    const { text, i } = this;
    if (i >= text.length) {
      if (top !== undefined) return `the '${top.close === '}' ? '{' : '['}' at ${at(top.at)} is not closed`;
      return text.length === this.start ? 'the file is empty' : 'the file holds only white space';
    }
    const c = text[i];
    if (c === "'") return 'JSON strings and keys are in double quotes';
    if (forKey) return null; // "a key in double quotes" says the rest
    WORD.lastIndex = i;
    const word = WORD.test(text) ? text.slice(i, WORD.lastIndex) : null;
    if (word !== null) return (LITERALS as readonly string[]).includes(word.toLowerCase()) ? 'true, false and null are written in lower case' : 'text must be in double quotes';
    if (c === '+') return "a number has no '+' sign";
    if (c === '.' && DIGIT.test(text[i + 1] ?? '')) return 'a number starts with a digit: 0.5, not .5';
    return null;
  }

  /** Why an element or member cannot end here, when a common mistake explains it. */
  private afterValueHint(top: Open<T>): string | null {
    const { text, i } = this;
    const opener = top.close === '}' ? '{' : '[';
    if (i >= text.length) return `the '${opener}' at ${at(top.at)} is not closed`;
    const c = text[i];
    if (c === ']' || c === '}') return `'${c}' cannot close the '${opener}' at ${at(top.at)}`;
    if (top.close === '}' ? c === '"' : /["\-0-9[{tfn]/.test(c)) return "a ',' is missing before it";
    return null;
  }

  private fail(expected: string, hint: string | null = null, found: string | null = null): never {
    const f = found ?? this.describe(this.i);
    hint ??= this.text[this.i] === '/' ? 'JSON has no comments' : null;
    const message = `expected ${expected}, found ${f}${hint === null ? '' : ` (${hint})`}`;
    throw new Stop({ ...this.here(), expected, found: f, hint, message });
  }

  /** The character (or word) at offset `i`, in plain words. */
  private describe(i: number): string {
    const { text } = this;
    if (i >= text.length) return 'the end of the file';
    const code = text.codePointAt(i)!;
    if (code === 0x0a || code === 0x0d) return 'a line break';
    if (code === 0x09) return 'a tab';
    if (code === 0x27) return 'a single quote';
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    if (code < 0x20 || code === 0x7f) return `control character ${hex}`;
    if (code === 0xfeff) return `a byte-order mark (${hex})`;
    WORD.lastIndex = i;
    if (WORD.test(text)) {
      const word = text.slice(i, WORD.lastIndex);
      return `'${word.length > MAX_FOUND_WORD ? `${word.slice(0, MAX_FOUND_WORD)}…` : word}'`;
    }
    const ch = String.fromCodePoint(code);
    return code > 0x7e ? `'${ch}' (${hex})` : `'${ch}'`;
  }
}

/**
 * The first syntax error in JSON text, or null when the text is valid JSON (exactly when JSON.parse
 * accepts it, a leading byte-order mark aside).
 * @example jsonSyntaxError('{"a": 1,\n "b": [1, 2,,3]}') // => { line: 2, column: 13, expected: 'a value', found: "','", … }
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  return new Walker<undefined>(text, null).walk();
}

/** A parsed JSON text, or where and why it is not JSON. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/**
 * JSON.parse, with a leading byte-order mark accepted and a syntax error located. The text is scanned
 * only when JSON.parse rejects it, so valid JSON costs nothing extra.
 */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (e) {
    const error = jsonSyntaxError(text);
    if (error !== null) return { ok: false, error };
    // The scanner and JSON.parse disagree: a bug in the scanner, not a fault of the file.
    throw new Error(`JSON.parse rejected text that the JSON scanner accepts (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Position of the value at a JSON pointer path (RFC 6901: its property name when it has one), or of the
 * nearest ancestor that exists (a missing key points at the object that lacks it). A key given twice is
 * an error of the files remit reads ({@link firstDuplicateKey}); were one located anyway, the last
 * occurrence would count, as in JSON.parse.
 * @param segments pointer tokens, unescaped, e.g. ['visits', '1', 'window']
 * @example locateJsonPath('{\n  "a": {"b": 1}\n}', ['a', 'b']) // => { line: 2, column: 9 }
 */
export function locateJsonPath(text: string, segments: readonly string[]): TextPosition {
  const found: TextPosition[] = []; // found[d]: where the path's first d segments lead
  // Each value's tag: does the path so far lead to it? Only such values' members have their names decoded.
  new Walker<boolean>(text, (v, onPath) => {
    const onThePath = v.depth === 0 || (onPath === true && v.depth <= segments.length && v.name() === segments[v.depth - 1]);
    if (onThePath) {
      found.length = v.depth;
      found.push(v.key ?? v.value);
    }
    return onThePath;
  }).walk();
  return found.at(-1) ?? { line: 1, column: 1 };
}

/** A member name given twice in one object: where the second one is, and where the first one was. */
export interface DuplicateKey {
  /** Pointer tokens of the repeated member (e.g. ['primary', 'margin']; array indexes as strings). */
  path: string[];
  /** The second occurrence's member name (its opening quote). */
  at: TextPosition;
  /** The first occurrence's member name. */
  first: TextPosition;
}

/** A value during the duplicate-key scan: its name and parent (for the path), and its members so far. */
interface KeyScope {
  parent: KeyScope | undefined;
  name: string;
  members: Map<string, TextPosition> | null;
}

/**
 * The first member name, in text order, given twice in the same object, or null. RFC 8259 §4 leaves a
 * repeated name's meaning open and JSON.parse silently keeps the last value, so a file edited as
 * `"margin": 2, "margin": 0.15` would mean what its first line does not say; remit's inputs reject it.
 * Meant for valid JSON (the scan stops at a syntax error).
 * @example firstDuplicateKey('{"a": {"b": 1,\n "b": 2}}') // => { path: ['a', 'b'], at: { line: 2, column: 2 }, first: { line: 1, column: 8 } }
 */
export function firstDuplicateKey(text: string): DuplicateKey | null {
  let found: DuplicateKey | null = null;
  new Walker<KeyScope>(text, (v, parent) => {
    const name = v.depth === 0 || found !== null ? '' : v.name();
    if (found === null && parent !== undefined && parent.members !== null && v.key !== null) {
      const first = parent.members.get(name);
      if (first === undefined) parent.members.set(name, v.key);
      else {
        const path = [name];
        for (let s: KeyScope | undefined = parent; s?.parent !== undefined; s = s.parent) path.unshift(s.name);
        found = { path, at: v.key, first };
      }
    }
    return { parent, name, members: text[v.offset] === '{' ? new Map() : null };
  }).walk();
  return found;
}

/** Positions of the elements of a top-level array, in order (empty when the text is not an array). */
export function topLevelElementPositions(text: string): TextPosition[] {
  const positions: TextPosition[] = [];
  // Each value's tag: is it the top-level array?
  new Walker<boolean>(text, (v, inArray) => {
    if (v.depth === 1 && inArray === true) positions.push(v.value);
    return v.depth === 0 && text[v.offset] === '[';
  }).walk();
  return positions;
}
