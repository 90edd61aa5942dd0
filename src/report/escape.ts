/**
 * The ONE function that makes data text safe inside HTML (element content and double- or single-quoted
 * attribute values). Every string that comes from data (ARD values, labels, titles, spec JSON) goes through
 * it; the page template never concatenates unescaped data. Escapes the five characters of the OWASP XSS
 * prevention cheat sheet, rule 1: & < > " '.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escape text for HTML element content or a quoted attribute value.
 * @example escapeHtml('<script>alert(1)</script>') // => "&lt;script&gt;alert(1)&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Escape text for a double-quoted CSS string (`content: "…"` in the print page-margin boxes): every
 * character other than letters, digits, space and `.,:-` becomes a CSS hex escape (CSS Syntax Level 3,
 * §4.3.7), so data can neither end the string nor the `<style>` element.
 * @example escapeCssString('a"b') // => "a\\22 b"
 */
export function escapeCssString(text: string): string {
  return Array.from(String(text), (ch) => (/[A-Za-z0-9 .,:-]/.test(ch) ? ch : `\\${(ch.codePointAt(0) ?? 0).toString(16)} `)).join('');
}
