/**
 * Deterministic text-width estimate for server-side chart layout. Without a canvas, vega estimates every
 * character as 0.8 em, which truncates axis labels ("Primary (non-respon…") and wastes space. This table
 * holds the advance widths of Helvetica (Adobe Core 14 AFM, 1/1000 em) for printable ASCII, scaled by 1.18
 * so wider system fonts (DejaVu Sans, Segoe UI) still fit; other characters count as 0.65 em, bold as +7 %.
 * Installed as vega's `textMetrics.width` (the hook vl-convert uses); it measures the text as given.
 */

// Helvetica widths for code points 32 (space) … 126 (~).
const HELVETICA: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0 … 9
  278, 278, 584, 584, 584, 556, 1015, // : … @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A … Z
  278, 278, 278, 469, 556, 333, // [ … `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a … z
  334, 260, 334, 584, // { … ~
];

const SAFETY = 1.18;
const OTHER = 650;

/** Width in px of `text` at `fontSize` px, bold or not. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? HELVETICA[code - 32] : OTHER;
  }
  return (units / 1000) * fontSize * SAFETY * (bold ? 1.07 : 1);
}

interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: string | number | null;
}

function isBold(weight: TextItem['fontWeight']): boolean {
  if (weight === null || weight === undefined) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

/** vega `textMetrics.width(item, text)` replacement. */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize !== null && item.fontSize !== undefined ? Number(item.fontSize) || 0 : 11;
  const s = text === null || text === undefined ? '' : String(text).trim();
  return textWidth(s, size, isBold(item.fontWeight));
}
