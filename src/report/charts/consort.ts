/**
 * CONSORT-style participant flow diagram (Schulz, Altman & Moher, CONSORT 2010 statement, BMJ 2010,
 * figure 1) drawn directly as SVG (no Vega, no external assets): a vertical sequence of stages, each with
 * one box (pooled) or one box per arm; optional exclusion boxes beside the connector below a box
 * ("Excluded (n = 12): …"). A stage with one box followed by a stage with k boxes splits the connector.
 *
 * Every text goes through `escapeHtml`. Lines are wrapped at an estimated 6.6 px per character (12 px font).
 * The SVG has no ids (arrowheads are drawn as paths), so several diagrams can share one page.
 */
import { InputError } from '../../core/errors.ts';
import { escapeHtml } from '../escape.ts';
import { formatNumber } from '../format.ts';
import { FONT_STACK } from './theme.ts';
import { wrapWords } from './wrap.ts';

export interface ConsortBox {
  /** First line is bold (e.g. "Randomised (n = 230)"); further lines are details. */
  lines: readonly string[];
  /** Side box below this box, e.g. ["Excluded (n = 18)", "Not meeting criteria (n = 12)"]. */
  exclusion?: readonly string[];
}

export interface ConsortStage {
  boxes: readonly ConsortBox[];
}

export interface ConsortFlow {
  stages: readonly ConsortStage[];
  /** Accessible description. */
  title: string;
  /** Total width in px. Default 760. */
  width?: number;
}

const LINE_H = 16;
const PAD = 8;
const GAP = 26;
const CHAR_W = 6.6;

interface Laid {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: { text: string; bold: boolean }[];
}

function layBox(lines: readonly string[], x: number, y: number, w: number): Laid {
  const maxChars = Math.max(8, Math.floor((w - 2 * PAD) / CHAR_W));
  const wrapped = lines.flatMap((l, i) => wrapWords(l, maxChars).map((text) => ({ text, bold: i === 0 })));
  return { x, y, w, h: wrapped.length * LINE_H + 2 * PAD, lines: wrapped };
}

const n = (v: number): string => formatNumber(v, 1);

function boxSvg(b: Laid, fill: string): string {
  const text = b.lines
    .map((l, i) => `<text x="${n(b.x + PAD)}" y="${n(b.y + PAD + 12 + i * LINE_H)}"${l.bold ? ' font-weight="bold"' : ''}>${escapeHtml(l.text)}</text>`)
    .join('');
  return `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" fill="${fill}" stroke="#333"/>${text}`;
}

function line(x1: number, y1: number, x2: number, y2: number): string {
  return `<path d="M${n(x1)},${n(y1)}L${n(x2)},${n(y2)}" stroke="#333" fill="none"/>`;
}

function arrowDown(x: number, y1: number, y2: number): string {
  return line(x, y1, x, y2 - 5) + `<path d="M${n(x - 4)},${n(y2 - 6)}L${n(x + 4)},${n(y2 - 6)}L${n(x)},${n(y2)}Z" fill="#333"/>`;
}

function arrowRight(x1: number, x2: number, y: number): string {
  return line(x1, y, x2 - 5, y) + `<path d="M${n(x2 - 6)},${n(y - 4)}L${n(x2 - 6)},${n(y + 4)}L${n(x2)},${n(y)}Z" fill="#333"/>`;
}

function validate(flow: ConsortFlow): void {
  if (!Array.isArray(flow.stages) || flow.stages.length === 0) throw new InputError('stages', 'expected at least one stage');
  flow.stages.forEach((s, i) => {
    if (s.boxes.length === 0 || s.boxes.length > 4) throw new InputError(`stages[${i}].boxes`, 'expected 1 to 4 boxes');
    const prev = i > 0 ? flow.stages[i - 1].boxes.length : 1;
    if (s.boxes.length !== prev && prev !== 1) throw new InputError(`stages[${i}].boxes`, `a stage after ${prev} boxes must have ${prev} boxes`);
  });
}

/**
 * SVG markup of a CONSORT flow diagram (inline-ready: no xmlns, no ids).
 * @throws InputError for no stages, a stage with 0 or more than 4 boxes, or a merge (k boxes → fewer).
 */
export function consortSvg(flow: ConsortFlow): string {
  validate(flow);
  const width = flow.width ?? 760;
  const parts: string[] = [];
  let y = 4;
  let previous: Laid[] = [];
  for (const stage of flow.stages) {
    const k = stage.boxes.length;
    const colW = width / k;
    const hasExclusion = stage.boxes.some((b) => b.exclusion && b.exclusion.length > 0);
    const boxW = Math.min(300, colW - 24);
    const centres = stage.boxes.map((_, j) => colW * j + colW / 2);
    // Connectors from the previous stage (its exclusions were placed just above `y`).
    const top = y;
    const laid = stage.boxes.map((b, j) => layBox(b.lines, centres[j] - boxW / 2, top, boxW));
    if (previous.length === k) previous.forEach((p, j) => parts.push(arrowDown(centres[j], p.y + p.h, top)));
    else if (previous.length === 1) {
      const p = previous[0];
      const splitY = top - 12;
      parts.push(line(p.x + p.w / 2, p.y + p.h, p.x + p.w / 2, splitY), line(centres[0], splitY, centres[k - 1], splitY));
      centres.forEach((c) => parts.push(arrowDown(c, splitY, top)));
    }
    laid.forEach((b) => parts.push(boxSvg(b, '#f4f6f8')));
    const rowBottom = Math.max(...laid.map((b) => b.y + b.h));
    y = rowBottom + GAP;
    if (hasExclusion) {
      const exW = Math.min(280, colW / 2 - 16);
      const exclusions = stage.boxes.map((b, j) => (b.exclusion && b.exclusion.length > 0 ? layBox(b.exclusion, centres[j] + 14, y, exW) : null));
      exclusions.forEach((e, j) => {
        if (!e) return;
        parts.push(boxSvg(e, '#ffffff'), arrowRight(centres[j], e.x, e.y + e.h / 2));
      });
      y = Math.max(...exclusions.map((e) => (e ? e.y + e.h : y))) + GAP;
    }
    previous = laid;
  }
  const height = y - GAP + 6;
  return [
    `<svg class="consort" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-label="${escapeHtml(flow.title)}"`,
    ` font-family="${escapeHtml(FONT_STACK)}" font-size="12" fill="#111">`,
    `<rect width="${n(width)}" height="${n(height)}" fill="white"/>`,
    ...parts,
    `</svg>`,
  ].join('');
}
