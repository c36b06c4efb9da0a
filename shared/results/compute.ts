import type { CampaignResults, ConstructCell } from '../api/results';
import {
  type Disclosure,
  type DisclosurePolicy,
  discloseBreakdown,
  discloseUnitTree,
  policyFrom,
} from '../disclosure';
import { ORGANISATION_GROUP, underOrganisation } from '../disclosure/organisation-group';
import type { Construct, Item, Template } from '../instruments/schema';
import { alphaFromVariances, Moments, meanCI, wilson } from '../stats';
import {
  addGroup,
  type ConstructTotals,
  constructTotals,
  emptyGroup,
  FIELD,
  FIELDS,
  type GroupTotals,
} from './accumulator';
import { favourableCount } from './indicators';

/** One stored response, as the results computation reads it. */
export interface ResponseRecord {
  unitCode: string;
  attributes: Record<string, string>;
  answers: Record<string, number | string | string[]>;
}

export interface ResultsInput {
  campaignId: string;
  fiscalYear: number;
  minGroupSize: number;
  template: Template;
  units: ReadonlyArray<{ code: string; parentCode: string | null }>;
  /**
   * The key groups frozen at open (A3). Answers carry their group's id (its
   * top unit) as their unit, so they count as that unit's own; the group's
   * other units show no figures of their own (reason `in_key_group`).
   */
  keyGroups?: ReadonlyArray<{ id: string; units: readonly string[] }>;
  computedAt: string;
  /** Shuffles comments; defaults to a crypto-random shuffle. */
  shuffle?: <T>(xs: T[]) => T[];
}

/** What indicators read: each construct's overall figures and the counts behind them. */
export interface ResultsSummary {
  campaignId: string;
  fiscalYear: number;
  templateId: string;
  constructs: Array<{
    constructId: string;
    pillarId: Construct['pillarId'];
    favourable: number | null;
    /** Respondents: the n of the z-test. */
    n: number | null;
    /** favourable × n, rounded: the x of the z-test. */
    x: number | null;
  }>;
}

interface CompiledConstruct {
  construct: Construct;
  scored: Array<{ id: string; reverse: boolean }>;
  npsId: string | undefined;
  /**
   * Cronbach's α over complete rows, as sums: Σx and Σx² per item, then Σt
   * and Σt² of the row total, then the row count. Answers are small integers,
   * so these sums are exact in any order and cost no division per row.
   */
  alpha: Float64Array;
}

/** A single or multi choice item: its options' positions and running counts. */
interface ChoiceTally {
  item: Item;
  options: Map<string, number>;
  counts: Float64Array;
  /** Respondents who answered it. */
  n: number;
}

const BREAKDOWNS = ['jobLevel', 'ageBand', 'employmentType'] as const;

/** Cronbach's α from the sums kept per construct (see CompiledConstruct.alpha); null when n < 2. */
function alphaOf(sums: Float64Array, k: number): number | null {
  const n = sums[2 * k + 2]!;
  if (n < 2) return null;
  const variance = (sum: number, sumSq: number) => (sumSq - (sum * sum) / n) / (n - 1);
  const items = Array.from({ length: k }, (_, i) => variance(sums[i]!, sums[k + i]!));
  return alphaFromVariances(items, variance(sums[2 * k]!, sums[2 * k + 1]!));
}

/** The items of a template shown only at n ≥ k_sensitive: marked sensitive, or in a sensitive construct. */
export function sensitiveItemIds(template: Template): Set<string> {
  const out = new Set<string>();
  for (const c of template.constructs)
    for (const i of c.items) if (c.sensitive === true || i.sensitive === true) out.add(i.id);
  for (const i of template.standaloneItems) if (i.sensitive === true) out.add(i.id);
  return out;
}

function cryptoShuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  // Random words fetched in blocks (getRandomValues gives at most 64 KiB at a time), not one call per element.
  const random = new Uint32Array(Math.min(16_384, Math.max(1, out.length)));
  let used = random.length;
  for (let i = out.length - 1; i > 0; i--) {
    if (used === random.length) {
      globalThis.crypto.getRandomValues(random);
      used = 0;
    }
    const j = random[used++]! % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Computes a campaign's results in one pass over the responses: per construct
 * overall, per unit (whole subtrees) and per self-reported attribute, then
 * applies disclosure control to every cell. Memory is O((units + attribute
 * combinations) × constructs), whatever the number of responses. The hot path
 * adds each response to two flat arrays (its unit, its attribute
 * combination); overall and breakdown totals are summed from those at the end.
 */
export class ResultsBuilder {
  readonly #input: ResultsInput;
  readonly #policy: DisclosurePolicy;
  readonly #constructs: CompiledConstruct[];
  /** Each unit's own respondents (the overall totals are their sum). */
  readonly #own = new Map<string, GroupTotals>();
  /**
   * Respondents by their combination of self-reported attributes (a few
   * hundred at most): each breakdown's groups are sums of these, so a
   * response is added to two groups, not five.
   */
  readonly #byAttributes: Array<Array<Array<GroupTotals | undefined> | undefined> | undefined> = [];
  /** Per breakdown: each stated value's position (from 1; 0 is "not stated") and the values by position. */
  readonly #attributeSlots = BREAKDOWNS.map(() => new Map<string, number>());
  readonly #attributeValues: string[][] = BREAKDOWNS.map(() => ['']);
  readonly #choices: ChoiceTally[];
  /** Items shown only at n ≥ k_sensitive: those marked sensitive and every item of a sensitive construct. */
  readonly #sensitiveItems: Set<string>;
  readonly #textItems: string[];
  readonly #comments: string[] = [];
  /** Scored likert items of all constructs in order, with where each construct's run starts and ends. */
  readonly #scoredIds: string[];
  readonly #scoredReverse: Uint8Array;
  readonly #scoredStart: Int32Array;
  /** Answers 1–5 per scored item: item j's count of x at j * 5 + x − 1. */
  readonly #itemCounts: Float64Array;
  /** One response's contribution, reused: FIELDS numbers per construct. */
  readonly #delta: GroupTotals;
  /** One response's recoded scored answers (NaN when unanswered), reused. */
  readonly #recoded: Float64Array;

  constructor(input: ResultsInput) {
    this.#input = input;
    this.#policy = policyFrom(input.minGroupSize);
    const t = input.template;
    this.#constructs = t.constructs.map((construct) => {
      const scored = construct.items
        .filter((i) => i.type === 'likert5' && i.scored)
        .map((i) => ({ id: i.id, reverse: i.reverse === true }));
      return {
        construct,
        scored,
        npsId: construct.items.find((i) => i.type === 'nps')?.id,
        alpha: new Float64Array(2 * scored.length + 3),
      };
    });
    const scored = this.#constructs.flatMap((c) => c.scored);
    this.#scoredIds = scored.map((s) => s.id);
    this.#scoredReverse = Uint8Array.from(scored, (s) => (s.reverse ? 1 : 0));
    this.#scoredStart = new Int32Array(this.#constructs.length + 1);
    this.#constructs.forEach((c, ci) => {
      this.#scoredStart[ci + 1] = this.#scoredStart[ci]! + c.scored.length;
    });
    this.#itemCounts = new Float64Array(scored.length * 5);
    this.#recoded = new Float64Array(scored.length);
    const allItems = [...t.constructs.flatMap((c) => c.items), ...t.standaloneItems];
    this.#choices = allItems
      .filter((i) => i.type === 'single' || i.type === 'multi')
      .map((item) => ({
        item,
        options: new Map((item.options ?? []).map((o, k) => [o.value, k])),
        counts: new Float64Array(item.options?.length ?? 0),
        n: 0,
      }));
    this.#textItems = allItems.filter((i) => i.type === 'text').map((i) => i.id);
    this.#sensitiveItems = sensitiveItemIds(t);
    this.#delta = emptyGroup(this.#constructs.length);
    this.#delta.respondents = 1;
  }

  add(response: ResponseRecord): void {
    const answers = response.answers;
    const delta = this.#delta;
    const d = delta.totals;
    d.fill(0);
    const ids = this.#scoredIds;
    const reverse = this.#scoredReverse;
    const start = this.#scoredStart;
    const itemCounts = this.#itemCounts;
    const recoded = this.#recoded;
    for (let ci = 0; ci < this.#constructs.length; ci++) {
      const c = this.#constructs[ci]!;
      const at = ci * FIELDS;
      const first = start[ci]!;
      const end = start[ci + 1]!;
      let fav = 0;
      let count = 0;
      let sum = 0;
      for (let j = first; j < end; j++) {
        const raw = answers[ids[j]!];
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
          d[at + FIELD.n] = 1;
        }
      }
    }
    let own = this.#own.get(response.unitCode);
    if (!own) {
      own = emptyGroup(this.#constructs.length);
      this.#own.set(response.unitCode, own);
    }
    addGroup(own, delta);
    const attributes = response.attributes;
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
      combination = emptyGroup(this.#constructs.length);
      byE[e] = combination;
    }
    addGroup(combination, delta);
    for (const choice of this.#choices) {
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
    for (const id of this.#textItems) {
      const v = answers[id];
      if (typeof v === 'string' && v.trim()) this.#comments.push(v);
    }
  }

  finish(): { results: CampaignResults; summary: ResultsSummary } {
    const input = this.#input;
    const policy = this.#policy;
    const known = new Set(input.units.map((u) => u.code));
    const tree = input.units.map((u) => ({
      code: u.code,
      parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
    }));
    // Answers of the whole organisation's key group count only overall: the virtual root's own,
    // a sibling of the departments for complementary suppression, never listed as a unit.
    const organisation = (input.keyGroups ?? []).some((g) => g.id === ORGANISATION_GROUP);
    const units = organisation ? underOrganisation(tree) : tree;
    const subtree = this.#rollUp(units);
    const nC = this.#constructs.length;
    const overallTotals = emptyGroup(nC);
    for (const own of this.#own.values()) addGroup(overallTotals, own);
    const byAttribute = new Map<string, Map<string, GroupTotals>>(BREAKDOWNS.map((b) => [b, new Map()]));
    for (const [a, byB] of this.#byAttributes.entries()) {
      for (const [b, byE] of (byB ?? []).entries()) {
        for (const [e, totals] of (byE ?? []).entries()) {
          if (!totals) continue;
          for (const [k, slot] of [a, b, e].entries()) {
            if (slot === 0) continue;
            const value = this.#attributeValues[k]![slot]!;
            const groups = byAttribute.get(BREAKDOWNS[k]!)!;
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

    const groupTree = discloseUnitTree(
      units.map((u) => ({ ...u, ownCount: this.#own.get(u.code)?.respondents ?? 0 })),
      policy,
    );
    const constructTrees: Disclosure[] = this.#constructs.map((c, ci) => {
      const sensitive = c.construct.sensitive === true;
      const counts = units.map((u) => {
        const own = this.#own.get(u.code);
        return own ? own.totals[ci * FIELDS + FIELD.n]! : 0;
      });
      // Where every respondent answered the construct, its tree is the groups' tree: the same
      // counts and threshold give the same decisions, so it is not worked out again.
      const sameAsGroups =
        !sensitive && units.every((u, i) => counts[i] === (this.#own.get(u.code)?.respondents ?? 0));
      return sameAsGroups
        ? groupTree
        : discloseUnitTree(
            units.map((u, i) => ({ ...u, ownCount: counts[i]! })),
            policy,
            { sensitive },
          );
    });

    const overallShown = groupTree.total.shown;
    const overall = {
      ...this.#countCell(overallShown, overallTotals.respondents),
      constructs: this.#constructs.map((c, ci) =>
        this.#cell(
          c,
          constructTotals(overallTotals, ci),
          overallShown && constructTrees[ci]!.total.shown,
          true,
        ),
      ),
    };

    const inGroup = new Set<string>();
    for (const g of input.keyGroups ?? []) for (const code of g.units) if (code !== g.id) inGroup.add(code);
    const unitResults = units
      .filter((u) => u.code !== ORGANISATION_GROUP)
      .map((u) => {
        const totals = subtree.get(u.code)!;
        // A unit inside a key group has no answers of its own: they are its group's top unit's.
        const grouped = inGroup.has(u.code);
        const shown = !grouped && groupTree.cells.get(u.code)!.shown;
        return {
          unitCode: u.code,
          ...(grouped ? { reason: 'in_key_group' as const } : {}),
          ...this.#countCell(shown, totals.respondents),
          constructs: this.#constructs.map((c, ci) =>
            this.#cell(
              c,
              constructTotals(totals, ci),
              shown && constructTrees[ci]!.cells.get(u.code)!.shown,
              false,
            ),
          ),
        };
      });

    const breakdowns = Object.fromEntries(
      BREAKDOWNS.map((b) => {
        const groups = byAttribute.get(b)!;
        const keys = [...groups.keys()].sort();
        const groupDisclosure = discloseBreakdown(
          keys.map((key) => ({ key, n: groups.get(key)!.respondents })),
          groupTree.total,
          policy,
        );
        const perConstruct = this.#constructs.map((c, ci) =>
          discloseBreakdown(
            keys.map((key) => ({ key, n: groups.get(key)!.totals[ci * FIELDS + FIELD.n]! })),
            constructTrees[ci]!.total,
            policy,
            { sensitive: c.construct.sensitive === true },
          ),
        );
        return [
          b,
          keys.map((key) => {
            const g = groups.get(key)!;
            const shown = overallShown && groupDisclosure.cells.get(key)!.shown;
            return {
              key,
              ...this.#countCell(shown, g.respondents),
              constructs: this.#constructs.map((c, ci) =>
                this.#cell(
                  c,
                  constructTotals(g, ci),
                  shown && perConstruct[ci]!.cells.get(key)!.shown,
                  false,
                ),
              ),
            };
          }),
        ];
      }),
    ) as CampaignResults['breakdowns'];

    const sensitiveOk = overallTotals.respondents >= policy.kSensitive;
    const items = this.#choices.map(({ item, n, counts }) => {
      const shown = n >= (this.#sensitiveItems.has(item.id) ? policy.kSensitive : policy.k) && overallShown;
      return {
        itemId: item.id,
        n: shown ? n : null,
        suppressed: !shown,
        options: (item.options ?? []).map((o, k) => ({
          value: o.value,
          share: shown ? counts[k]! / n : null,
        })),
      };
    });
    const itemScores = this.#constructs.flatMap((c, ci) =>
      c.scored.map((s, k) => {
        const j = this.#scoredStart[ci]! + k;
        const counts = Array.from(this.#itemCounts.subarray(j * 5, j * 5 + 5));
        const n = counts.reduce((a, b) => a + b, 0);
        // Each item of a sensitive construct needs its own n ≥ k_sensitive, not just the construct's (finding 6).
        const threshold = this.#sensitiveItems.has(s.id) ? policy.kSensitive : policy.k;
        const shown = overall.constructs[ci]!.suppressed === false && n >= threshold;
        const fav = s.reverse ? counts[0]! + counts[1]! : counts[3]! + counts[4]!;
        return {
          itemId: s.id,
          constructId: c.construct.id,
          n: shown ? n : null,
          suppressed: !shown,
          favourable: shown ? fav / n : null,
          distribution: shown ? counts.map((x) => x / n) : null,
        };
      }),
    );
    const shuffle = input.shuffle ?? cryptoShuffle;
    const commentsShown = sensitiveOk && overallShown && this.#comments.length > 0;

    const results: CampaignResults = {
      campaignId: input.campaignId,
      fiscalYear: input.fiscalYear,
      minGroupSize: policy.k,
      sensitiveMinGroupSize: policy.kSensitive,
      computedAt: input.computedAt,
      overall,
      units: unitResults,
      breakdowns,
      items,
      itemScores,
      comments: { suppressed: !commentsShown, texts: commentsShown ? shuffle(this.#comments) : [] },
    };
    const summary: ResultsSummary = {
      campaignId: input.campaignId,
      fiscalYear: input.fiscalYear,
      templateId: input.template.id,
      constructs: overall.constructs.map((cell) => ({
        constructId: cell.constructId,
        pillarId: cell.pillarId,
        favourable: cell.favourable,
        n: cell.n,
        x: cell.favourable === null || cell.n === null ? null : favourableCount(cell.favourable, cell.n),
      })),
    };
    return { results, summary };
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

  #countCell(shown: boolean, n: number): { n: number | null; suppressed: boolean } {
    return shown ? { n, suppressed: false } : { n: null, suppressed: true };
  }

  #cell(c: CompiledConstruct, t: ConstructTotals, shown: boolean, overall: boolean): ConstructCell {
    // Built field by field in the published order (no spreads: this runs for every group × construct).
    const cell: Record<string, unknown> = { constructId: c.construct.id, pillarId: c.construct.pillarId };
    const isEnps = c.construct.indicator === 'enps';
    if (!shown || t.n === 0) {
      cell.favourable = null;
      cell.favourableCi = null;
      cell.mean = null;
      cell.meanCi = null;
      if (isEnps) cell.enps = null;
      if (overall) cell.alpha = null;
      cell.n = null;
      cell.suppressed = true;
      return cell as unknown as ConstructCell;
    }
    const favourable = t.answers > 0 ? t.favourable / t.answers : null;
    const respondents = t.answers > 0 ? t.n : 0;
    const ci = favourable === null ? null : wilson(Math.round(favourable * respondents), respondents);
    const mean = meanCI(Moments.fromSummary({ n: t.answers > 0 ? t.n : 0, sum: t.sum, sumSq: t.sumSq }));
    cell.favourable = favourable;
    cell.favourableCi = ci ? [ci.lower, ci.upper] : null;
    cell.mean = mean?.mean ?? null;
    cell.meanCi = mean && mean.lower !== null && mean.upper !== null ? [mean.lower, mean.upper] : null;
    if (isEnps) cell.enps = t.npsN > 0 ? (t.promoters - t.detractors) / t.npsN : null;
    if (overall) cell.alpha = alphaOf(c.alpha, c.scored.length);
    cell.n = t.n;
    cell.suppressed = false;
    return cell as unknown as ConstructCell;
  }

  /** Each unit's subtree totals: its own plus all descendants'. */
  #rollUp(units: ReadonlyArray<{ code: string; parentCode: string | null }>): Map<string, GroupTotals> {
    const nC = this.#constructs.length;
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
      const own = this.#own.get(code);
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
}
