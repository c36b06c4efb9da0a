import { addGroup, emptyGroup, FIELD, FIELDS, type GroupTotals } from './accumulator';
import { BREAKDOWNS, type Breakdown, type CompiledTemplate } from './compile';
import { entryRouteOf } from './entry-route';
import { PillarSums } from './pillar-summary';
import { WorkstyleTally } from './workstyle';

/** One stored response, as the results computation reads it. */
export interface ResponseRecord {
  unitCode: string;
  attributes: Record<string, string>;
  answers: Record<string, number | string | string[]>;
}

/**
 * The running totals of a campaign's responses, in one pass: each response is
 * added to two flat groups (its unit's own respondents, its combination of
 * self-reported attributes), to its scored items' answer counts and to its
 * choice items' tallies. Overall, subtree and breakdown totals are summed from
 * those at the end, so memory is O((units + attribute combinations) ×
 * constructs) whatever the number of responses.
 */
export class ResponseTally {
  readonly template: CompiledTemplate;
  /** Each unit's own respondents (the overall totals are their sum). */
  readonly own = new Map<string, GroupTotals>();
  /** The cross sums behind each pillar summary's interval (overall only). */
  readonly pillarSums: PillarSums;
  /** Respondents by entry route (entry-route.ts): a breakdown of its own, from an answer, not an attribute. */
  readonly byEntryRoute = new Map<string, GroupTotals>();
  /** The work-style indicators' counts (workstyle.ts). */
  readonly workstyle = new WorkstyleTally();
  /** Free-text answers, in the order they came (shuffled before they are published). */
  readonly comments: string[] = [];
  /**
   * Respondents by their combination of self-reported attributes (a few
   * hundred at most): each breakdown's groups are sums of these, so a
   * response is added to two groups, not five.
   */
  readonly #byAttributes: Array<Array<Array<GroupTotals | undefined> | undefined> | undefined> = [];
  /** Per breakdown: each stated value's position (from 1; 0 is "not stated") and the values by position. */
  readonly #attributeSlots = BREAKDOWNS.map(() => new Map<string, number>());
  readonly #attributeValues: string[][] = BREAKDOWNS.map(() => ['']);
  /** One response's contribution, reused: FIELDS numbers per construct. */
  readonly #delta: GroupTotals;
  /** One response's recoded scored answers (NaN when unanswered), reused. */
  readonly #recoded: Float64Array;

  constructor(template: CompiledTemplate) {
    this.template = template;
    this.#delta = emptyGroup(template.constructs.length);
    this.#delta.respondents = 1;
    this.#recoded = new Float64Array(template.scoredIds.length);
    this.pillarSums = new PillarSums(
      template.constructs.map((c) => ({ pillarId: c.construct.pillarId, scoredItems: c.scored.length })),
    );
  }

  add(response: ResponseRecord): void {
    this.#score(response.answers);
    this.pillarSums.add(this.#delta.totals);
    this.#addToGroups(response.unitCode, response.attributes);
    this.#tallyChoices(response.answers);
    this.#addToEntryRoute(response.answers);
    this.workstyle.add(response.answers);
    for (const id of this.template.textItems) {
      const v = response.answers[id];
      if (typeof v === 'string' && v.trim()) this.comments.push(v);
    }
  }

  /** Every respondent's totals. */
  overall(): GroupTotals {
    const out = emptyGroup(this.template.constructs.length);
    for (const own of this.own.values()) addGroup(out, own);
    return out;
  }

  /** Per breakdown, each stated value's totals ("not stated" is in no group). */
  byAttribute(): Map<Breakdown, Map<string, GroupTotals>> {
    const nC = this.template.constructs.length;
    const out = new Map<Breakdown, Map<string, GroupTotals>>(BREAKDOWNS.map((b) => [b, new Map()]));
    for (const [a, byB] of this.#byAttributes.entries()) {
      for (const [b, byE] of (byB ?? []).entries()) {
        for (const [e, totals] of (byE ?? []).entries()) {
          if (!totals) continue;
          for (const [k, slot] of [a, b, e].entries()) {
            if (slot === 0) continue;
            const value = this.#attributeValues[k]![slot]!;
            const groups = out.get(BREAKDOWNS[k]!)!;
            let g = groups.get(value);
            if (!g) {
              g = emptyGroup(nC);
              groups.set(value, g);
            }
            addGroup(g, totals);
          }
        }
      }
    }
    return out;
  }

  /** Each unit's subtree totals: its own plus all descendants'. */
  subtrees(units: ReadonlyArray<{ code: string; parentCode: string | null }>): Map<string, GroupTotals> {
    const nC = this.template.constructs.length;
    const children = new Map<string | null, string[]>();
    for (const u of units) {
      const list = children.get(u.parentCode) ?? [];
      list.push(u.code);
      children.set(u.parentCode, list);
    }
    const out = new Map<string, GroupTotals>();
    const visit = (code: string, path: Set<string>): GroupTotals => {
      if (path.has(code)) throw new Error(`unit ${code} is its own ancestor`);
      path.add(code);
      const totals = emptyGroup(nC);
      const own = this.own.get(code);
      if (own) addGroup(totals, own);
      for (const child of children.get(code) ?? []) addGroup(totals, visit(child, path));
      path.delete(code);
      out.set(code, totals);
      return totals;
    };
    for (const root of children.get(null) ?? []) visit(root, new Set());
    for (const u of units) if (!out.has(u.code)) visit(u.code, new Set());
    return out;
  }

  /** Fills the reused delta with one response's contribution; counts its scored answers and α rows. */
  #score(answers: ResponseRecord['answers']): void {
    const { constructs, scoredIds: ids, scoredReverse: reverse, scoredStart: start } = this.template;
    const itemCounts = this.template.itemCounts;
    const recoded = this.#recoded;
    const d = this.#delta.totals;
    d.fill(0);
    for (let ci = 0; ci < constructs.length; ci++) {
      const c = constructs[ci]!;
      const at = ci * FIELDS;
      const first = start[ci]!;
      const end = start[ci + 1]!;
      let fav = 0;
      let count = 0;
      let sum = 0;
      for (let j = first; j < end; j++) {
        const raw = answers[ids[j]!];
        // Unanswered, or 「該当しない」 ('na'): missing, in no count, sum or α row.
        if (typeof raw !== 'number') {
          recoded[j] = Number.NaN;
          continue;
        }
        itemCounts[j * 5 + raw - 1]! += 1;
        const x = reverse[j] ? 6 - raw : raw;
        recoded[j] = x;
        count++;
        sum += x;
        if (x >= 4) fav++;
      }
      if (count > 0) {
        const mean = sum / count;
        d[at + FIELD.n] = 1;
        d[at + FIELD.favourable] = fav;
        d[at + FIELD.answers] = count;
        d[at + FIELD.sum] = mean;
        d[at + FIELD.sumSq] = mean * mean;
        d[at + FIELD.favResp] = fav / count;
        // A complete row (every scored item, all finite) enters α.
        if (count === end - first && sum - sum === 0) {
          const a = c.alpha;
          const k = end - first;
          for (let j = first; j < end; j++) {
            const x = recoded[j]!;
            a[j - first]! += x;
            a[k + j - first]! += x * x;
          }
          a[2 * k]! += sum;
          a[2 * k + 1]! += sum * sum;
          a[2 * k + 2]! += 1;
        }
      }
      if (c.npsId) {
        const v = answers[c.npsId];
        if (typeof v === 'number') {
          d[at + FIELD.npsN] = 1;
          if (v >= 9) d[at + FIELD.promoters] = 1;
          else if (v <= 6) d[at + FIELD.detractors] = 1;
          // The 0–10 answer counts in n only where it is the construct's one figure: with scored
          // items, n is theirs (the base of the favourable share, its interval and the z-test).
          if (first === end) d[at + FIELD.n] = 1;
        }
      }
    }
  }

  /** Adds the delta to the unit's own group and to the group of the stated attribute combination. */
  #addToGroups(unitCode: string, attributes: Record<string, string>): void {
    const nC = this.template.constructs.length;
    let own = this.own.get(unitCode);
    if (!own) {
      own = emptyGroup(nC);
      this.own.set(unitCode, own);
    }
    addGroup(own, this.#delta);
    const a = this.#slot(0, attributes[BREAKDOWNS[0]]);
    const b = this.#slot(1, attributes[BREAKDOWNS[1]]);
    const e = this.#slot(2, attributes[BREAKDOWNS[2]]);
    let byB = this.#byAttributes[a];
    if (!byB) {
      byB = [];
      this.#byAttributes[a] = byB;
    }
    let byE = byB[b];
    if (!byE) {
      byE = [];
      byB[b] = byE;
    }
    let combination = byE[e];
    if (!combination) {
      combination = emptyGroup(nC);
      byE[e] = combination;
    }
    addGroup(combination, this.#delta);
  }

  #addToEntryRoute(answers: ResponseRecord['answers']): void {
    const route = entryRouteOf(answers);
    if (route === undefined) return;
    let group = this.byEntryRoute.get(route);
    if (!group) {
      group = emptyGroup(this.template.constructs.length);
      this.byEntryRoute.set(route, group);
    }
    addGroup(group, this.#delta);
  }

  #tallyChoices(answers: ResponseRecord['answers']): void {
    for (const choice of this.template.choices) {
      const v = answers[choice.item.id];
      if (v === undefined) continue;
      choice.n++;
      if (Array.isArray(v)) {
        for (const value of v) {
          const k = typeof value === 'string' ? choice.options.get(value) : undefined;
          if (k !== undefined) choice.counts[k]! += 1;
        }
      } else if (typeof v === 'string') {
        const k = choice.options.get(v);
        if (k !== undefined) choice.counts[k]! += 1;
      }
    }
  }

  /** The position of a stated attribute value (0 when not stated). */
  #slot(k: number, value: string | undefined): number {
    if (!value) return 0;
    const slots = this.#attributeSlots[k]!;
    let slot = slots.get(value);
    if (slot === undefined) {
      slot = this.#attributeValues[k]!.push(value) - 1;
      slots.set(value, slot);
    }
    return slot;
  }
}
