import type { CampaignResults, ConstructCell } from '../api/results';
import {
  type Disclosure,
  type DisclosurePolicy,
  discloseBreakdown,
  discloseUnitTree,
  policyFrom,
} from '../disclosure';
import type { Construct, Item, Template } from '../instruments/schema';
import { AlphaAccumulator, Moments, meanCI, wilson } from '../stats';
import { addGroup, type ConstructTotals, emptyGroup, type GroupTotals } from './accumulator';

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
  alpha: AlphaAccumulator;
  row: Array<number | null>;
}

const BREAKDOWNS = ['jobLevel', 'ageBand', 'employmentType'] as const;

function cryptoShuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  const random = new Uint32Array(1);
  for (let i = out.length - 1; i > 0; i--) {
    globalThis.crypto.getRandomValues(random);
    const j = random[0]! % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Computes a campaign's results in one pass over the responses: per construct
 * overall, per unit (whole subtrees) and per self-reported attribute, then
 * applies disclosure control to every cell. Memory is O(units × constructs),
 * whatever the number of responses.
 */
export class ResultsBuilder {
  readonly #input: ResultsInput;
  readonly #policy: DisclosurePolicy;
  readonly #constructs: CompiledConstruct[];
  readonly #own = new Map<string, GroupTotals>();
  readonly #byAttribute = new Map<string, Map<string, GroupTotals>>();
  readonly #overall: GroupTotals;
  readonly #choiceItems: Item[];
  readonly #choiceCounts: Map<string, Map<string, number>>;
  readonly #choiceN = new Map<string, number>();
  readonly #itemCounts = new Map<string, number[]>();
  readonly #textItems: string[];
  readonly #comments: string[] = [];
  readonly #delta: ConstructTotals[];

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
        alpha: new AlphaAccumulator(scored.length),
        row: new Array<number | null>(scored.length).fill(null),
      };
    });
    for (const c of this.#constructs) for (const s of c.scored) this.#itemCounts.set(s.id, [0, 0, 0, 0, 0]);
    const allItems = [...t.constructs.flatMap((c) => c.items), ...t.standaloneItems];
    this.#choiceItems = allItems.filter((i) => i.type === 'single' || i.type === 'multi');
    this.#choiceCounts = new Map(this.#choiceItems.map((i) => [i.id, new Map<string, number>()]));
    this.#textItems = allItems.filter((i) => i.type === 'text').map((i) => i.id);
    this.#overall = emptyGroup(this.#constructs.length);
    this.#delta = emptyGroup(this.#constructs.length).constructs;
    for (const b of BREAKDOWNS) this.#byAttribute.set(b, new Map());
  }

  add(response: ResponseRecord): void {
    const answers = response.answers;
    const delta = this.#delta;
    for (let ci = 0; ci < this.#constructs.length; ci++) {
      const c = this.#constructs[ci]!;
      const d = delta[ci]!;
      d.n = d.favourable = d.answers = d.sum = d.sumSq = d.favResp = 0;
      d.npsN = d.promoters = d.detractors = 0;
      let fav = 0;
      let count = 0;
      let sum = 0;
      for (let k = 0; k < c.scored.length; k++) {
        const item = c.scored[k]!;
        const raw = answers[item.id];
        if (typeof raw !== 'number') {
          c.row[k] = null;
          continue;
        }
        this.#itemCounts.get(item.id)![raw - 1]! += 1;
        const x = item.reverse ? 6 - raw : raw;
        c.row[k] = x;
        count++;
        sum += x;
        if (x >= 4) fav++;
      }
      if (count > 0) {
        const mean = sum / count;
        d.n = 1;
        d.favourable = fav;
        d.answers = count;
        d.sum = mean;
        d.sumSq = mean * mean;
        d.favResp = fav / count;
        if (count === c.scored.length) c.alpha.add(c.row);
      }
      if (c.npsId) {
        const v = answers[c.npsId];
        if (typeof v === 'number') {
          d.npsN = 1;
          if (v >= 9) d.promoters = 1;
          else if (v <= 6) d.detractors = 1;
          if (d.n === 0) d.n = 1;
        }
      }
    }
    const contribution: GroupTotals = { respondents: 1, constructs: delta };
    addGroup(this.#overall, contribution);
    let own = this.#own.get(response.unitCode);
    if (!own) {
      own = emptyGroup(this.#constructs.length);
      this.#own.set(response.unitCode, own);
    }
    addGroup(own, contribution);
    for (const b of BREAKDOWNS) {
      const value = response.attributes[b];
      if (!value) continue;
      const groups = this.#byAttribute.get(b)!;
      let g = groups.get(value);
      if (!g) {
        g = emptyGroup(this.#constructs.length);
        groups.set(value, g);
      }
      addGroup(g, contribution);
    }
    for (const item of this.#choiceItems) {
      const v = answers[item.id];
      if (v === undefined) continue;
      this.#choiceN.set(item.id, (this.#choiceN.get(item.id) ?? 0) + 1);
      const counts = this.#choiceCounts.get(item.id)!;
      for (const choice of Array.isArray(v) ? v : [v]) {
        if (typeof choice === 'string') counts.set(choice, (counts.get(choice) ?? 0) + 1);
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
    const units = input.units.map((u) => ({
      code: u.code,
      parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
    }));
    const subtree = this.#rollUp(units);

    const groupTree = discloseUnitTree(
      units.map((u) => ({ ...u, ownCount: this.#own.get(u.code)?.respondents ?? 0 })),
      policy,
    );
    const constructTrees: Disclosure[] = this.#constructs.map((c, ci) =>
      discloseUnitTree(
        units.map((u) => ({ ...u, ownCount: this.#own.get(u.code)?.constructs[ci]?.n ?? 0 })),
        policy,
        { sensitive: c.construct.sensitive === true },
      ),
    );

    const overallShown = groupTree.total.shown;
    const overall = {
      ...this.#countCell(overallShown, this.#overall.respondents),
      constructs: this.#constructs.map((c, ci) =>
        this.#cell(c, this.#overall.constructs[ci]!, overallShown && constructTrees[ci]!.total.shown, true),
      ),
    };

    const unitResults = units.map((u) => {
      const totals = subtree.get(u.code)!;
      const shown = groupTree.cells.get(u.code)!.shown;
      return {
        unitCode: u.code,
        ...this.#countCell(shown, totals.respondents),
        constructs: this.#constructs.map((c, ci) =>
          this.#cell(c, totals.constructs[ci]!, shown && constructTrees[ci]!.cells.get(u.code)!.shown, false),
        ),
      };
    });

    const breakdowns = Object.fromEntries(
      BREAKDOWNS.map((b) => {
        const groups = this.#byAttribute.get(b)!;
        const keys = [...groups.keys()].sort();
        const groupDisclosure = discloseBreakdown(
          keys.map((key) => ({ key, n: groups.get(key)!.respondents })),
          groupTree.total,
          policy,
        );
        const perConstruct = this.#constructs.map((c, ci) =>
          discloseBreakdown(
            keys.map((key) => ({ key, n: groups.get(key)!.constructs[ci]!.n })),
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
                this.#cell(c, g.constructs[ci]!, shown && perConstruct[ci]!.cells.get(key)!.shown, false),
              ),
            };
          }),
        ];
      }),
    ) as CampaignResults['breakdowns'];

    const sensitiveOk = this.#overall.respondents >= policy.kSensitive;
    const items = this.#choiceItems.map((item) => {
      const n = this.#choiceN.get(item.id) ?? 0;
      const shown = n >= (item.sensitive ? policy.kSensitive : policy.k) && overallShown;
      const counts = this.#choiceCounts.get(item.id)!;
      return {
        itemId: item.id,
        n: shown ? n : null,
        suppressed: !shown,
        options: (item.options ?? []).map((o) => ({
          value: o.value,
          share: shown ? (counts.get(o.value) ?? 0) / n : null,
        })),
      };
    });
    const itemScores = this.#constructs.flatMap((c, ci) =>
      c.scored.map((s) => {
        const counts = this.#itemCounts.get(s.id)!;
        const n = counts.reduce((a, b) => a + b, 0);
        const shown = overall.constructs[ci]!.suppressed === false && n >= policy.k;
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
        x: cell.favourable === null || cell.n === null ? null : Math.round(cell.favourable * cell.n),
      })),
    };
    return { results, summary };
  }

  #countCell(shown: boolean, n: number): { n: number | null; suppressed: boolean } {
    return shown ? { n, suppressed: false } : { n: null, suppressed: true };
  }

  #cell(c: CompiledConstruct, t: ConstructTotals, shown: boolean, overall: boolean): ConstructCell {
    const base = { constructId: c.construct.id, pillarId: c.construct.pillarId };
    const isEnps = c.construct.indicator === 'enps';
    if (!shown || t.n === 0) {
      return {
        ...base,
        favourable: null,
        favourableCi: null,
        mean: null,
        meanCi: null,
        ...(isEnps ? { enps: null } : {}),
        ...(overall ? { alpha: null } : {}),
        n: null,
        suppressed: true,
      };
    }
    const favourable = t.answers > 0 ? t.favourable / t.answers : null;
    const respondents = t.answers > 0 ? t.n : 0;
    const ci = favourable === null ? null : wilson(Math.round(favourable * respondents), respondents);
    const mean = meanCI(Moments.fromSummary({ n: t.answers > 0 ? t.n : 0, sum: t.sum, sumSq: t.sumSq }));
    return {
      ...base,
      favourable,
      favourableCi: ci ? [ci.lower, ci.upper] : null,
      mean: mean?.mean ?? null,
      meanCi: mean && mean.lower !== null && mean.upper !== null ? [mean.lower, mean.upper] : null,
      ...(isEnps ? { enps: t.npsN > 0 ? (t.promoters - t.detractors) / t.npsN : null } : {}),
      ...(overall ? { alpha: c.alpha.result() } : {}),
      n: t.n,
      suppressed: false,
    };
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
