/**
 * Shared look of every chart: a colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008),
 * a generic system font stack (no web fonts, nothing to download), and per-arm redundant encodings
 * (colour + line dash + point shape) so arms stay distinguishable in greyscale print.
 * The first two arm colours (#0072B2 blue, #E69F00 orange) differ strongly in luminance (≈ 0.34 vs 0.63).
 */
import type { Config } from 'vega-lite';
import { InputError } from '../../core/errors.ts';

/** Okabe–Ito palette, in the order arms are assigned colours. */
export const ARM_COLOURS: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];

/** Dash patterns per arm: solid, dashed, dotted, dash-dot. */
export const ARM_DASHES: readonly number[][] = [[1, 0], [6, 3], [2, 2], [6, 2, 2, 2]];

/** Point shapes per arm (Vega symbol names). */
export const ARM_SHAPES: readonly string[] = ['circle', 'square', 'triangle-up', 'diamond'];

/** Generic system font stack: renders with whatever sans-serif the reader's machine has. */
export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

/** Base Vega-Lite config for every chart (white background, font, muted grid). */
export const CHART_CONFIG: Config = {
  font: FONT_STACK,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6', domainColor: '#555', tickColor: '#555' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal' },
  title: { fontSize: 14, anchor: 'start', subtitleFontSize: 11, subtitleColor: '#444' },
};

/** Vega-Lite scale definitions mapping arms (in the given order) to colour, dash and shape. */
export interface ArmScales {
  colour: { domain: string[]; range: string[] };
  dash: { domain: string[]; range: number[][] };
  shape: { domain: string[]; range: string[] };
}

/**
 * Scales for up to four arms (or groups), in the order given.
 * @throws InputError when arms is empty, has more than 4 entries, or has duplicates.
 */
export function armScales(arms: readonly string[], argument = 'arms'): ArmScales {
  if (!Array.isArray(arms) || arms.length === 0) throw new InputError(argument, 'expected at least one arm');
  if (arms.length > ARM_DASHES.length) throw new InputError(argument, `at most ${ARM_DASHES.length} arms are supported, got ${arms.length}`);
  if (new Set(arms).size !== arms.length) throw new InputError(argument, `duplicate arm in ${JSON.stringify(arms)}`);
  const domain = [...arms];
  return {
    colour: { domain, range: ARM_COLOURS.slice(0, domain.length) },
    dash: { domain, range: ARM_DASHES.slice(0, domain.length) },
    shape: { domain, range: ARM_SHAPES.slice(0, domain.length) },
  };
}
