/**
 * Server-side rendering of a Vega-Lite spec to an SVG string: vega-lite `compile` → vega `parse` →
 * `View` with `renderer: 'none'` → `toSVG()` (Vega docs, "Vega View API", headless usage).
 *
 * - No I/O: the View gets a loader whose every method throws, so a spec with a data URL, an image URL or
 *   a file reference fails instead of fetching. Data must be inline (`data: { values }`).
 * - Deterministic: SVG definition ids (clip paths, gradients) are reset before each render and text is
 *   measured with a fixed width table (text-width.ts; never a canvas or installed fonts), so the same spec
 *   gives the same bytes on every machine.
 *   Renders are serialised (the id counters are module-global in vega-scenegraph).
 * - Warnings from vega-lite and vega go to a caller-supplied sink (a diagnostics list), never to the console.
 */
import type { TopLevelSpec } from 'vega-lite';
import { compile } from 'vega-lite';
import * as vega from 'vega';
import { InputError } from '../core/errors.ts';
import { vegaTextWidth } from './text-width.ts';

/** Collected warnings; pass an array to receive them. */
export interface RenderOptions {
  warnings?: string[];
}

type LoggerInterface = NonNullable<vega.ViewOptions['logger']>;

/** A vega/vega-lite logger that appends warnings and errors to `sink` (vega-util LoggerInterface). */
export function collectingLogger(sink: string[]): LoggerInterface {
  let level = 2; // vega.Warn
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) {
      sink.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: unknown[]) {
      if (level >= 2) sink.push(`warn: ${args.map(String).join(' ')}`);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as LoggerInterface;
}

function refuse(what: string): never {
  throw new InputError('spec', `external resource refused (${what}): data must be inline in the spec`);
}

/** A vega loader that refuses every network and file access. */
export const offlineLoader: vega.Loader = {
  load: async (uri: string) => refuse(`load ${uri}`),
  sanitize: async (uri: string) => refuse(`sanitize ${uri}`),
  http: async (uri: string) => refuse(`http ${uri}`),
  file: async (filename: string) => refuse(`file ${filename}`),
};

/**
 * Compile a Vega-Lite spec to a Vega spec; vega-lite warnings go to `warnings`.
 * @throws InputError when the spec is not an object.
 */
export function compileSpec(spec: TopLevelSpec, options: RenderOptions = {}): vega.Spec {
  if (spec === null || typeof spec !== 'object') throw new InputError('spec', 'expected a Vega-Lite spec object');
  const sink = options.warnings ?? [];
  return compile(spec, { logger: collectingLogger(sink) }).spec;
}

let queue: Promise<unknown> = Promise.resolve();

async function renderNow(spec: TopLevelSpec, options: RenderOptions): Promise<string> {
  const sink = options.warnings ?? [];
  const vgSpec = compileSpec(spec, { warnings: sink });
  vega.resetSVGDefIds();
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width = vegaTextWidth;
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: 'none',
    loader: offlineLoader,
    logger: collectingLogger(sink),
    logLevel: vega.Warn,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Render a Vega-Lite spec to a standalone SVG string (with its xmlns declaration; html.ts strips it when
 * inlining). Same spec ⇒ same bytes.
 * @throws InputError when the spec needs an external resource.
 */
export function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  const result = queue.then(() => renderNow(spec, options));
  queue = result.catch(() => undefined);
  return result;
}
