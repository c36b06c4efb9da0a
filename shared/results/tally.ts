import { addGroup, emptyGroup, FIELD, FIELDS, type GroupTotals } from './accumulator';
import { BREAKDOWNS, type Breakdown, type CompiledTemplate } from './compile';
import { ENTRY_ROUTE_ITEM, entryRouteOfAnswer } from './entry-route';
import { PillarSums } from './pillar-summary';
import { WORKSTYLE_ITEMS, WorkstyleTally } from './workstyle';

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
  /** One response's favourable and scored answers per construct (FIELDS apart), reused for the pillar sums. */
  readonly #delta: GroupTotals;
  /** Where a response without an entry route adds that breakdown's share: never read. */
  readonly #scratch: GroupTotals;
  /** Per construct, in template order: its complete rows' sums (α), as plain arrays for the hot loop. */
  readonly #rows: Float64Array[];
  /** Per construct: where its 0–10 item's answer sits in `#read`, or −1. */
  readonly #npsAt: Int32Array;
  /**
   * Every item a response is read for, each once: the scored items first (in
   * scoredIds order, so item j is at j), then the 0–10, choice, free-text and
   * work-style items and any `extra` (whose positions `slotOf` gives).
   */
  readonly #readIds: string[];
  readonly #slots = new Map<string, number>();
  /** Responses added so far, and the sums last worked out from them. */
  #added = 0;
  #overall: { added: number; totals: GroupTotals } | undefined;
  #byAttribute: { added: number; totals: Map<Breakdown, Map<string, GroupTotals>> } | undefined;
  /** The current response's answers to `#readIds`, reused. */
  readonly #read: unknown[];
  /** Per choice item (template.choices order): its answer's position in `#read` and its option values. */
  readonly #choiceAt: Int32Array;
  readonly #choiceValues: string[][];
  readonly #textAt: Int32Array;
  readonly #routeAt: number;
  /** The work-style items' positions: overtime, flexitime, men's childcare leave, carer's leave, leave days. */
  readonly #workstyleAt: Int32Array;

  /** `extra`: further items whose answers a caller reads with `answer(slotOf(id))` after each `add`. */
  constructor(template: CompiledTemplate, extra: readonly string[] = []) {
    this.template = template;
    this.#delta = emptyGroup(template.constructs.length);
    this.#scratch = emptyGroup(template.constructs.length);
    this.#rows = template.constructs.map((c) => c.rows);
    this.#readIds = [];
    const slot = (id: string): number => {
      let at = this.#slots.get(id);
      if (at === undefined) {
        at = this.#readIds.push(id) - 1;
        this.#slots.set(id, at);
      }
      return at;
    };
    // Scored items first and in order, item j at j (an item scored twice is read twice, as it is counted).
    for (const id of template.scoredIds) {
      const at = this.#readIds.push(id) - 1;
      if (!this.#slots.has(id)) this.#slots.set(id, at);
    }
    this.#npsAt = Int32Array.from(template.constructs, (c) => (c.npsId === undefined ? -1 : slot(c.npsId)));
    this.#choiceAt = Int32Array.from(template.choices, (c) => slot(c.item.id));
    // As the options' Map: a value's last position (options never repeat a value).
    this.#choiceValues = template.choices.map((c) => {
      const values: string[] = [];
      for (const [value, k] of c.options) values[k] = value;
      return values;
    });
    this.#textAt = Int32Array.from(template.textItems, slot);
    this.#routeAt = slot(ENTRY_ROUTE_ITEM);
    this.#workstyleAt = Int32Array.from(WORKSTYLE_ITEMS, slot);
    for (const id of extra) slot(id);
    this.#read = this.#readIds.map(() => undefined);
    this.pillarSums = new PillarSums(
      template.constructs.map((c) => ({ pillarId: c.construct.pillarId, scoredItems: c.scored.length })),
    );
  }

  add(response: ResponseRecord): void {
    this.#added++;
    const answers = response.answers;
    // Every answer read once, in a loop of its own: none waits on the one
    // before, so the processor overlaps their memory reads (a response's
    // answers are a hash table, read here at ~90 scattered places).
    const ids = this.#readIds;
    const read = this.#read;
    for (let k = 0; k < ids.length; k++) read[k] = answers[ids[k]!];
    const route = entryRouteOfAnswer(read[this.#routeAt]);
    const own = this.#own(response.unitCode);
    const combination = this.#combination(response.attributes);
    // No entry route: its share of the work goes to a scratch group nobody reads.
    const byRoute = route === undefined ? this.#scratch : this.#routeGroup(route);
    own.respondents++;
    combination.respondents++;
    byRoute.respondents++;
    this.#score(read, own.totals, combination.totals, byRoute.totals);
    this.pillarSums.add(this.#delta.totals);
    this.#tallyChoices(read);
    const w = this.#workstyleAt;
    this.workstyle.addAnswers(read[w[0]!], read[w[1]!], read[w[2]!], read[w[3]!], read[w[4]!]);
    const text = this.#textAt;
    for (let i = 0; i < text.length; i++) {
      const v = read[text[i]!];
      if (typeof v === 'string' && v.trim()) this.comments.push(v);
    }
  }

  /** Where `slotOf(id)` answers sit: the position of an item read (an `extra` given at construction). */
  slotOf(id: string): number {
    const at = this.#slots.get(id);
    if (at === undefined) throw new Error(`item ${id} is not read`);
    return at;
  }

  /** The last added response's answer at a position from `slotOf`. */
  answer(slot: number): unknown {
    return this.#read[slot];
  }

  /**
   * Construct `ci`'s sums for Cronbach's α over its complete rows (score.ts `alphaOf`): Σx and Σx²
   * per item (recoded), then Σt, Σt² of the row total and the row count. The item sums are worked
   * out from the answer counts less those of rows that are not complete: the same integers as
   * adding each complete row's answers.
   */
  alphaSums(ci: number): Float64Array {
    const t = this.template;
    const first = t.scoredStart[ci]!;
    const k = t.scoredStart[ci + 1]! - first;
    const sums = new Float64Array(2 * k + 3);
    for (let i = 0; i < k; i++) {
      const j = first + i;
      for (let v = 1; v <= 5; v++) {
        const n = t.itemCounts[j * 5 + v - 1]! - t.partialCounts[j * 5 + v - 1]!;
        const x = t.scoredReverse[j] ? 6 - v : v;
        sums[i]! += x * n;
        sums[k + i]! += x * x * n;
      }
    }
    sums.set(t.constructs[ci]!.rows, 2 * k);
    return sums;
  }

  /**
   * Every respondent's totals. Worked out once per state (finish asks for them
   * four times): read-only, like `byAttribute`'s, until the next `add`.
   */
  overall(): GroupTotals {
    if (this.#overall?.added === this.#added) return this.#overall.totals;
    const out = emptyGroup(this.template.constructs.length);
    for (const own of this.own.values()) addGroup(out, own);
    this.#overall = { added: this.#added, totals: out };
    return out;
  }

  /** Per breakdown, each stated value's totals ("not stated" is in no group). */
  byAttribute(): Map<Breakdown, Map<string, GroupTotals>> {
    if (this.#byAttribute?.added === this.#added) return this.#byAttribute.totals;
    const out = this.#sumByAttribute();
    this.#byAttribute = { added: this.#added, totals: out };
    return out;
  }

  #sumByAttribute(): Map<Breakdown, Map<string, GroupTotals>> {
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

  /**
   * Scores one response and adds its contribution straight into its three
   * groups (`o`wn unit, attribute `c`ombination, entry `r`oute): only the
   * fields it changes, so a construct left unanswered costs nothing. Each
   * group sees the same additions in the same order as adding a whole
   * per-response delta would (less the zeros), so its sums are the same to
   * the last bit. The reused delta keeps each construct's favourable and
   * scored answers for the pillar sums, its other fields stay zero.
   *
   * The hot path of results (71 scored items × 100,000 responses): every
   * table it reads is a local and every field offset a local constant, so
   * the loop does the answer look-ups and the additions and little else
   * (module constants such as FIELD cost a load and a check per use here).
   */
  #score(read: readonly unknown[], o: Float64Array, c: Float64Array, r: Float64Array): void {
    const N = FIELD.n;
    const FAV = FIELD.favourable;
    const ANSWERS = FIELD.answers;
    const SUM = FIELD.sum;
    const SUM_SQ = FIELD.sumSq;
    const FAV_RESP = FIELD.favResp;
    const NPS_N = FIELD.npsN;
    const PROMOTERS = FIELD.promoters;
    const DETRACTORS = FIELD.detractors;
    const STRIDE = FIELDS;
    const t = this.template;
    const reverse = t.scoredReverse;
    const start = t.scoredStart;
    const itemCounts = t.itemCounts;
    const partialCounts = t.partialCounts;
    const rows = this.#rows;
    const npsAt = this.#npsAt;
    const d = this.#delta.totals;
    const nC = rows.length;
    for (let ci = 0, at = 0; ci < nC; ci++, at += STRIDE) {
      const first = start[ci]!;
      const end = start[ci + 1]!;
      let fav = 0;
      let count = 0;
      let sum = 0;
      for (let j = first; j < end; j++) {
        const raw = read[j];
        // Unanswered, or 「該当しない」 ('na'): missing, in no count, sum or α row.
        if (typeof raw !== 'number') continue;
        itemCounts[j * 5 + raw - 1]! += 1;
        // Recoded without a branch: reverse[j] is 0 or 1.
        const x = raw + reverse[j]! * (6 - 2 * raw);
        count++;
        sum += x;
        // Favourable (4 or 5) without a branch, which answers make unpredictable: (x + 4) >> 3 is 1 for 4–5, 0 for 1–3.
        fav += (x + 4) >> 3;
      }
      d[at + FAV] = fav;
      d[at + ANSWERS] = count;
      let answered = false;
      if (count > 0) {
        answered = true;
        const mean = sum / count;
        const sq = mean * mean;
        const share = fav / count;
        o[at + FAV]! += fav;
        c[at + FAV]! += fav;
        r[at + FAV]! += fav;
        o[at + ANSWERS]! += count;
        c[at + ANSWERS]! += count;
        r[at + ANSWERS]! += count;
        o[at + SUM]! += mean;
        c[at + SUM]! += mean;
        r[at + SUM]! += mean;
        o[at + SUM_SQ]! += sq;
        c[at + SUM_SQ]! += sq;
        r[at + SUM_SQ]! += sq;
        o[at + FAV_RESP]! += share;
        c[at + FAV_RESP]! += share;
        r[at + FAV_RESP]! += share;
        // A complete row (every scored item, all finite) enters α: its total here, its items through
        // the answer counts (alphaSums). A row that is not complete, far the rarer, has its answers
        // counted apart, so that α's item sums are the counts less these.
        if (count === end - first && sum - sum === 0) {
          const a = rows[ci]!;
          a[0]! += sum;
          a[1]! += sum * sum;
          a[2]! += 1;
        } else {
          for (let j = first; j < end; j++) {
            const raw = read[j];
            if (typeof raw === 'number') partialCounts[j * 5 + raw - 1]! += 1;
          }
        }
      }
      const nps = npsAt[ci]!;
      if (nps >= 0) {
        const v = read[nps];
        if (typeof v === 'number') {
          o[at + NPS_N]! += 1;
          c[at + NPS_N]! += 1;
          r[at + NPS_N]! += 1;
          if (v >= 9) {
            o[at + PROMOTERS]! += 1;
            c[at + PROMOTERS]! += 1;
            r[at + PROMOTERS]! += 1;
          } else if (v <= 6) {
            o[at + DETRACTORS]! += 1;
            c[at + DETRACTORS]! += 1;
            r[at + DETRACTORS]! += 1;
          }
          // The 0–10 answer counts in n only where it is the construct's one figure: with scored
          // items, n is theirs (the base of the favourable share, its interval and the z-test).
          if (first === end) answered = true;
        }
      }
      if (answered) {
        o[at + N]! += 1;
        c[at + N]! += 1;
        r[at + N]! += 1;
      }
    }
  }

  /** The unit's own group. */
  #own(unitCode: string): GroupTotals {
    let own = this.own.get(unitCode);
    if (!own) {
      own = emptyGroup(this.template.constructs.length);
      this.own.set(unitCode, own);
    }
    return own;
  }

  /** The group of the stated attribute combination. */
  #combination(attributes: Record<string, string>): GroupTotals {
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
      combination = emptyGroup(this.template.constructs.length);
      byE[e] = combination;
    }
    return combination;
  }

  #routeGroup(route: string): GroupTotals {
    let group = this.byEntryRoute.get(route);
    if (!group) {
      group = emptyGroup(this.template.constructs.length);
      this.byEntryRoute.set(route, group);
    }
    return group;
  }

  #tallyChoices(read: readonly unknown[]): void {
    const choices = this.template.choices;
    const at = this.#choiceAt;
    const values = this.#choiceValues;
    for (let i = 0; i < choices.length; i++) {
      const v = read[at[i]!];
      if (v === undefined) continue;
      const choice = choices[i]!;
      choice.n++;
      const options = values[i]!;
      if (typeof v === 'string') {
        const k = optionOf(options, v);
        if (k >= 0) choice.counts[k]! += 1;
      } else if (Array.isArray(v)) {
        for (let m = 0; m < v.length; m++) {
          const value = v[m];
          const k = typeof value === 'string' ? optionOf(options, value) : -1;
          if (k >= 0) choice.counts[k]! += 1;
        }
      }
    }
  }

  /** The position of a stated attribute value (0 when not stated). */
  #slot(k: number, value: string | undefined): number {
    if (!value) return 0;
    const values = this.#attributeValues[k]!;
    // An attribute has a handful of values: scanning them is cheaper than hashing the string.
    if (values.length <= 16) {
      for (let i = 1; i < values.length; i++) if (values[i] === value) return i;
    }
    const slots = this.#attributeSlots[k]!;
    let slot = slots.get(value);
    if (slot === undefined) {
      slot = values.push(value) - 1;
      slots.set(value, slot);
    }
    return slot;
  }
}

/**
 * An option value's position, or −1: a scan of a handful of short strings
 * (the last match, as the options' Map gives), cheaper than hashing.
 */
function optionOf(options: readonly string[], value: string): number {
  for (let k = options.length - 1; k >= 0; k--) if (options[k] === value) return k;
  return -1;
}
