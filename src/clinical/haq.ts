/**
 * HAQ Disability Index (Stanford HAQ; Fries et al., Arthritis Rheum 1980;23:137; "HAQ instructions",
 * ARAMIS 2009; domain.md 4.5). 8 categories, items 0–3. Category score = highest item score answered in
 * the category; when aids/devices or help are used for the category, a score of 0 or 1 is raised to 2.
 * HAQ-DI = sum of category scores / number of categories answered, only if ≥ 6 categories are answered;
 * range 0–3 in steps of 0.125.
 */
import { HaqCategories } from '../cdisc/terms.ts';
import { InputError } from '../core/errors.ts';

export interface HaqCategoryInput {
  /** Item scores 0–3; null = not answered. */
  items: readonly (number | null)[];
  /** Aid/device or help used for this category. */
  aid: boolean;
}

export interface HaqResult {
  /** HAQ-DI, or null when fewer than 6 categories are answered. */
  score: number | null;
  categoriesAnswered: number;
  categoryScores: Record<string, number | null>;
}

/** Category score with the aids rule; null when no item is answered. */
export function haqCategoryScore(c: HaqCategoryInput): number | null {
  const answered = c.items.filter((v): v is number => v !== null);
  for (const v of answered) if (!Number.isInteger(v) || v < 0 || v > 3) throw new InputError('items', `HAQ item score must be 0, 1, 2 or 3, got ${v}`);
  if (answered.length === 0) return null;
  const max = Math.max(...answered);
  return c.aid && max < 2 ? 2 : max;
}

/**
 * @param categories category code (`HAQ1` … `HAQ8`) → items and aid use; missing categories = unanswered
 * @example computeHaqDi({ HAQ1: { items: [1, 0], aid: false }, …6 more answered }) // => { score: …, categoriesAnswered: 7, … }
 */
export function computeHaqDi(categories: Readonly<Record<string, HaqCategoryInput>>): HaqResult {
  const categoryScores: Record<string, number | null> = {};
  for (const code of Object.keys(categories)) if (!(code in HaqCategories)) throw new InputError('categories', `"${code}" is not a HAQ-DI category code`);
  for (const code of Object.keys(HaqCategories)) categoryScores[code] = categories[code] ? haqCategoryScore(categories[code]) : null;
  const scores = Object.values(categoryScores).filter((v): v is number => v !== null);
  const score = scores.length >= 6 ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
  return { score, categoriesAnswered: scores.length, categoryScores };
}
