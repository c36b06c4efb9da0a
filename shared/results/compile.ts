import { isCustomItemId } from '../instruments/custom';
import type { Construct, Item, Template } from '../instruments/schema';

/** The self-reported attributes results are broken down by, in the order a combination lists them. */
export const BREAKDOWNS = ['jobLevel', 'ageBand', 'employmentType'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface CompiledConstruct {
  construct: Construct;
  scored: Array<{ id: string; reverse: boolean }>;
  npsId: string | undefined;
  /**
   * Cronbach's α over complete rows (every scored item answered): Σt and Σt²
   * of the row total, then the row count. The per-item Σx and Σx² come from
   * the answer counts (ResponseTally.alphaSums). Answers are small integers,
   * so these sums are exact in any order and cost no division per row.
   */
  rows: Float64Array;
}

/** A single or multi choice item: its options' positions and running counts. */
export interface ChoiceTally {
  item: Item;
  options: Map<string, number>;
  counts: Float64Array;
  /** Respondents who answered it. */
  n: number;
}

/** A template laid out for the per-response loop, with the running sums that belong to its items. */
export interface CompiledTemplate {
  constructs: CompiledConstruct[];
  /** Scored likert items of all constructs in order, with where each construct's run starts and ends. */
  scoredIds: string[];
  scoredReverse: Uint8Array;
  scoredStart: Int32Array;
  /** Answers 1–5 per scored item: item j's count of x at j * 5 + x − 1. */
  itemCounts: Float64Array;
  /** The same, of the answers in rows that are not complete (their construct's α leaves them out). */
  partialCounts: Float64Array;
  choices: ChoiceTally[];
  textItems: string[];
  /** Items shown only at n ≥ k_sensitive: those marked sensitive and every item of a sensitive construct. */
  sensitiveItems: Set<string>;
}

/** The items of a template shown only at n ≥ k_sensitive: marked sensitive, or in a sensitive construct. */
export function sensitiveItemIds(template: Template): Set<string> {
  const out = new Set<string>();
  for (const c of template.constructs)
    for (const i of c.items) if (c.sensitive === true || i.sensitive === true) out.add(i.id);
  for (const i of template.standaloneItems) if (i.sensitive === true) out.add(i.id);
  return out;
}

export function compileTemplate(t: Template): CompiledTemplate {
  const constructs = t.constructs.map((construct) => {
    const scored = construct.items
      .filter((i) => i.type === 'likert5' && i.scored)
      .map((i) => ({ id: i.id, reverse: i.reverse === true }));
    return {
      construct,
      scored,
      npsId: construct.items.find((i) => i.type === 'nps')?.id,
      rows: new Float64Array(3),
    };
  });
  const scored = constructs.flatMap((c) => c.scored);
  const scoredStart = new Int32Array(constructs.length + 1);
  constructs.forEach((c, ci) => {
    scoredStart[ci + 1] = scoredStart[ci]! + c.scored.length;
  });
  // HR's custom questions are counted and published on their own (custom-items.ts).
  const allItems = [
    ...t.constructs.flatMap((c) => c.items),
    ...t.standaloneItems.filter((i) => !isCustomItemId(i.id)),
  ];
  return {
    constructs,
    scoredIds: scored.map((s) => s.id),
    scoredReverse: Uint8Array.from(scored, (s) => (s.reverse ? 1 : 0)),
    scoredStart,
    itemCounts: new Float64Array(scored.length * 5),
    partialCounts: new Float64Array(scored.length * 5),
    choices: allItems
      .filter((i) => i.type === 'single' || i.type === 'multi')
      .map((item) => ({
        item,
        options: new Map((item.options ?? []).map((o, k) => [o.value, k])),
        counts: new Float64Array(item.options?.length ?? 0),
        n: 0,
      })),
    textItems: allItems.filter((i) => i.type === 'text').map((i) => i.id),
    sensitiveItems: sensitiveItemIds(t),
  };
}
