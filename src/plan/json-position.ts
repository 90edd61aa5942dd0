/**
 * Line and column of a key or value in JSON text, so that a plan error can say where to look
 * (`plan.json:41:7: primary.margin: …`) as well as which key. JSON.parse keeps no positions, so the text
 * is scanned once more (RFC 8259 grammar; only called for text JSON.parse has accepted, or to place a
 * syntax error) and every value's position is recorded under its JSON pointer (RFC 6901).
 * Lines and columns are 1-based; columns count UTF-16 code units, as editors mostly do.
 */

/** A 1-based line and column in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Line and column of `offset` (a UTF-16 index into `text`); CRLF, LF and lone CR end a line. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1, lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) { line++; lineStart = i + 1; }
  }
  return { line, column: end - lineStart + 1 };
}

/** Where each value sits: `key` is the offset of its property name (null for the root and array items). */
interface Located {
  key: number | null;
  value: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** JSON pointer token escaping (RFC 6901 §3): `~` → `~0`, `/` → `~1`. */
function escapeToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Scans JSON text and records the position of every value by pointer. */
class Scanner {
  readonly found = new Map<string, Located>();
  private i = 0;
  constructor(private readonly text: string) {}

  scan(): void {
    this.value('', null);
  }

  private ws(): void {
    while (this.i < this.text.length && WS.has(this.text.charCodeAt(this.i))) this.i++;
  }

  private value(pointer: string, key: number | null): void {
    this.ws();
    this.found.set(pointer, { key, value: this.i });
    const c = this.text[this.i];
    if (c === '{') this.object(pointer);
    else if (c === '[') this.array(pointer);
    else if (c === '"') this.string();
    else this.literal();
  }

  private object(pointer: string): void {
    this.i++; // {
    this.ws();
    if (this.text[this.i] === '}') { this.i++; return; }
    while (this.i < this.text.length) {
      this.ws();
      const keyAt = this.i;
      const name = this.string();
      this.ws();
      this.i++; // :
      this.value(`${pointer}/${escapeToken(name)}`, keyAt);
      this.ws();
      if (this.text[this.i++] !== ',') return; // '}' (or the end of malformed text)
    }
  }

  private array(pointer: string): void {
    this.i++; // [
    this.ws();
    if (this.text[this.i] === ']') { this.i++; return; }
    for (let k = 0; this.i < this.text.length; k++) {
      this.value(`${pointer}/${k}`, null);
      this.ws();
      if (this.text[this.i++] !== ',') return;
    }
  }

  /** A string token; returns its decoded value via JSON.parse of the token. */
  private string(): string {
    const start = this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
    try {
      return JSON.parse(this.text.slice(start, this.i)) as string;
    } catch {
      return this.text.slice(start + 1, this.i - 1);
    }
  }

  private literal(): void {
    while (this.i < this.text.length && !/[\s,\]}]/.test(this.text[this.i])) this.i++;
  }
}

/**
 * Position of the value at a JSON pointer path (its property name when it has one), or of the nearest
 * ancestor that exists (a missing key points at the object that lacks it).
 * @param segments pointer tokens, unescaped, e.g. ['visits', '1', 'window']
 * @example locateJsonPath('{\n  "a": {"b": 1}\n}', ['a', 'b']) // => { line: 2, column: 9 }
 */
export function locateJsonPath(text: string, segments: readonly string[]): TextPosition {
  const scanner = new Scanner(text);
  scanner.scan();
  for (let n = segments.length; n >= 0; n--) {
    const pointer = segments.slice(0, n).map((s) => `/${escapeToken(s)}`).join('');
    const at = scanner.found.get(pointer);
    if (at !== undefined) return positionAt(text, at.key ?? at.value);
  }
  return { line: 1, column: 1 };
}

/** Pointer tokens of a dotted key path as PlanError writes it: `visits[1].window` → ['visits', '1', 'window']. */
export function keyPathSegments(path: string): string[] {
  return path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
}
