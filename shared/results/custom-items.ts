import type { CustomItemResult } from '../api/results';
import {
  type CellDisclosure,
  type DisclosurePolicy,
  discloseCell,
  publishCount,
  publishedN,
  publishValue,
} from '../disclosure';
import { isCustomItemId } from '../instruments/custom';
import type { Item, Template } from '../instruments/schema';
import { meanCI } from '../stats/mean-ci';
import { Moments } from '../stats/moments';
import { scoreItem } from './score';

/**
 * The results of a campaign's custom questions (DESIGN §5), overall only, as the built-in
 * descriptive items are: counted in the same pass as everything else (`add`), then each decided by
 * the disclosure engine under the whole organisation's cell — at k, or at k_sensitive for a
 * sensitive question and for every free-text one (free text is published as comments are: only for
 * groups of at least k_sensitive, shuffled, masked at storage, without dates).
 *
 * Whether someone answered an optional question is not public, so a hidden cell always gives the
 * weaker reason, `few` (DESIGN §4), which tells nothing.
 */

interface Counted {
  item: Item;
  /** Respondents who answered. */
  n: number;
  /** likert5: answers 1–5; single/multi: per option. */
  counts: number[];
  moments: Moments;
  texts: string[];
}

export class CustomItemTally {
  readonly #items: Counted[];

  constructor(template: Template) {
    this.#items = template.standaloneItems
      .filter((i) => isCustomItemId(i.id))
      .map((item) => ({
        item,
        n: 0,
        counts: new Array(item.type === 'likert5' ? 5 : (item.options?.length ?? 0)).fill(0),
        moments: new Moments(),
        texts: [],
      }));
  }

  get empty(): boolean {
    return this.#items.length === 0;
  }

  add(answers: Readonly<Record<string, number | string | string[]>>): void {
    for (const c of this.#items) {
      const v = answers[c.item.id];
      if (v === undefined) continue;
      switch (c.item.type) {
        case 'likert5':
          if (typeof v === 'number' && v >= 1 && v <= 5) {
            c.n++;
            c.counts[v - 1]! += 1;
          }
          break;
        case 'number':
          if (typeof v === 'number' && Number.isFinite(v)) {
            c.n++;
            c.moments.add(v);
          }
          break;
        case 'single':
        case 'multi': {
          const chosen = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
          let any = false;
          for (const value of chosen) {
            const k = c.item.options?.findIndex((o) => o.value === value) ?? -1;
            if (k >= 0) {
              c.counts[k]! += 1;
              any = true;
            }
          }
          if (any) c.n++;
          break;
        }
        case 'text':
          if (typeof v === 'string' && v.trim()) {
            c.n++;
            c.texts.push(v);
          }
          break;
      }
    }
  }

  /** Each question's published result under the whole organisation's cell. */
  publish(
    overall: Pick<CellDisclosure, 'shown'>,
    policy: DisclosurePolicy,
    shuffle: <T>(xs: T[]) => T[],
  ): CustomItemResult[] {
    return this.#items.map(({ item, n, counts, moments, texts }) => {
      const cell = discloseCell(n, overall, policy, { sensitive: needsKSensitive(item) });
      const head = {
        itemId: item.id,
        type: item.type as CustomItemResult['type'],
        ...publishCount(cell),
        ...(cell.shown ? {} : { hiddenReason: 'few' as const }),
      };
      switch (item.type) {
        case 'likert5': {
          const scores = n > 0 ? scoreItem(counts, false, n) : null;
          const mean = n > 0 ? counts.reduce((s, x, i) => s + x * (i + 1), 0) / n : null;
          const ci = n > 0 ? meanOfCounts(counts) : null;
          return {
            ...head,
            favourable: publishValue(cell, scores?.favourable ?? null),
            distribution: publishValue(cell, scores?.distribution ?? null),
            mean: publishValue(cell, mean),
            meanCi: publishValue(cell, ci),
          };
        }
        case 'number': {
          const m = n > 0 ? meanCI(moments) : null;
          return {
            ...head,
            mean: publishValue(cell, m?.mean ?? null),
            meanCi: publishValue(cell, m && m.lower !== null && m.upper !== null ? [m.lower, m.upper] : null),
          };
        }
        case 'text':
          return { ...head, texts: cell.shown ? shuffle(texts) : [] };
        default:
          return {
            ...head,
            options: (item.options ?? []).map((o, k) => ({
              value: o.value,
              share: publishValue(cell, n > 0 ? counts[k]! / n : null),
            })),
          };
      }
    });
  }
}

/** Free text and questions HR marked sensitive are shown only at k_sensitive. */
function needsKSensitive(item: Pick<Item, 'type' | 'sensitive'>): boolean {
  return item.sensitive === true || item.type === 'text';
}

/** The t interval of a likert mean from its answer counts. */
function meanOfCounts(counts: readonly number[]): [number, number] | null {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  counts.forEach((x, i) => {
    n += x;
    sum += x * (i + 1);
    sumSq += x * (i + 1) ** 2;
  });
  const ci = meanCI({ n, sum, sumSq });
  return ci && ci.lower !== null && ci.upper !== null ? [ci.lower, ci.upper] : null;
}

/**
 * Stored custom-item results decided again when served (hide.ts `recheckResults`): shown only if
 * they were, their n reaches today's threshold and the organisation is shown.
 */
export function recheckCustomItems(
  items: readonly CustomItemResult[],
  overall: Pick<CellDisclosure, 'shown'>,
  policy: DisclosurePolicy,
  template: Template,
): CustomItemResult[] {
  const defs = new Map(template.standaloneItems.map((i) => [i.id, i]));
  return items.map((i) => {
    const def = defs.get(i.itemId);
    const sensitive = def ? needsKSensitive(def) : true;
    const cell = discloseCell(publishedN(i), overall, policy, { sensitive });
    if (cell.shown) return i;
    const hidden: CustomItemResult = {
      itemId: i.itemId,
      type: i.type,
      n: null,
      suppressed: true,
      hiddenReason: 'few',
    };
    if (i.favourable !== undefined) hidden.favourable = null;
    if (i.distribution !== undefined) hidden.distribution = null;
    if (i.mean !== undefined) hidden.mean = null;
    if (i.meanCi !== undefined) hidden.meanCi = null;
    if (i.options) hidden.options = i.options.map((o) => ({ value: o.value, share: null }));
    if (i.texts) hidden.texts = [];
    return hidden;
  });
}
