import type { BreakdownResult, CampaignResults, ConstructCell, HiddenReason } from '../api/results';
import {
  type CellDisclosure,
  type DisclosurePolicy,
  discloseCell,
  hiddenReason,
  publishCell,
  publishCount,
  publishValue,
} from '../disclosure';
import { ORGANISATION_GROUP } from '../disclosure/organisation-group';
import { constructTotals, emptyGroup, FIELD, FIELDS, type GroupTotals } from './accumulator';
import { BREAKDOWNS } from './compile';
import { ENTRY_ROUTE_GROUPS } from './entry-route';
import { type BreakdownDisclosure, covered, type ResultsDisclosure } from './hide';
import { scoreConstruct, scoreItem } from './score';
import type { ResponseTally } from './tally';

/** What shaping reads besides the tally and the decisions. */
export interface ShapeInput {
  campaignId: string;
  fiscalYear: number;
  computedAt: string;
  policy: DisclosurePolicy;
  /** The unit tree the decisions were made over (with the virtual root when there is one). */
  units: ReadonlyArray<{ code: string; parentCode: string | null }>;
  /** Units whose answers count as their key group's top unit's: listed, never shown. */
  inKeyGroup: ReadonlySet<string>;
  shuffle: <T>(xs: T[]) => T[];
}

/** Everything the shaping steps share. */
interface Shaping {
  input: ShapeInput;
  tally: ResponseTally;
  disclosure: ResultsDisclosure;
  /** The whole organisation's cell: every other cell lies under it. */
  overall: CellDisclosure;
}

/** A hidden cell's published reason (`hiddenReason`), nothing for a shown one. */
const why = (cell: Pick<CellDisclosure, 'shown'>, reason: () => HiddenReason) =>
  cell.shown ? {} : { hiddenReason: reason() };

/**
 * Whether the count behind construct `ci`'s cells is public: with a required scored item every
 * respondent answers it, so the cell's n is its group's (a unit's n is public through participation).
 * Only then may a hidden construct cell say which reason it is hidden for (DESIGN §4). A required
 * item that offers 「該当しない」 does not count: that answer is scored as missing, so who is in n is
 * the respondents' choice, as for an optional item.
 */
function constructCountPublic(s: Shaping, ci: number): boolean {
  return s.tally.template.constructs[ci]!.construct.items.some(
    (i) => i.scored && i.required && !i.notApplicable,
  );
}

/** The threshold construct `ci` is decided at: k_sensitive for a sensitive construct. */
function constructThreshold(s: Shaping, ci: number): number {
  const sensitive = s.tally.template.constructs[ci]!.construct.sensitive === true;
  return sensitive ? s.input.policy.kSensitive : s.input.policy.k;
}

/**
 * The reason a hidden construct cell of a unit (or the whole organisation) publishes: its row's when
 * the row is hidden; otherwise few or complementary by its n where that n is public, and the weaker
 * `few` where it is not (which says nothing: every such cell says it).
 */
function constructReason(s: Shaping, ci: number, cell: CellDisclosure, row: HiddenReason | undefined) {
  if (row !== undefined) return row;
  return constructCountPublic(s, ci) ? hiddenReason(cell, constructThreshold(s, ci)) : 'few';
}

/**
 * The published results: every group and construct cell as the engine decided
 * (`publishCount`/`publishCell`: a hidden cell carries no value and no exact
 * n), scored where shown.
 */
export function shapeResults(
  input: ShapeInput,
  tally: ResponseTally,
  disclosure: ResultsDisclosure,
): CampaignResults {
  const { policy } = input;
  const overallTotals = tally.overall();
  const s: Shaping = {
    input,
    tally,
    disclosure,
    overall: covered(overallTotals.respondents, disclosure.groups.total),
  };
  const overallConstructs = tally.template.constructs.map((_, ci) =>
    covered(overallTotals.respondents, s.overall, disclosure.constructs[ci]!.total),
  );
  const comments = discloseCell(overallTotals.respondents, s.overall, policy, { sensitive: true });
  const commentsShown = comments.shown && tally.comments.length > 0;
  return {
    campaignId: input.campaignId,
    fiscalYear: input.fiscalYear,
    minGroupSize: policy.k,
    sensitiveMinGroupSize: policy.kSensitive,
    computedAt: input.computedAt,
    overall: {
      ...publishCount(s.overall),
      ...why(s.overall, () => 'few'),
      constructs: constructCells(
        s,
        overallTotals,
        (ci) => overallConstructs[ci],
        true,
        (ci, cell) => constructReason(s, ci, cell, s.overall.shown ? undefined : 'few'),
      ),
    },
    units: unitResults(s),
    breakdowns: breakdownResults(s),
    items: itemDistributions(s),
    itemScores: itemScores(s, overallTotals, overallConstructs),
    comments: { suppressed: !commentsShown, texts: commentsShown ? input.shuffle(tally.comments) : [] },
  };
}

const NOTHING = constructTotals(emptyGroup(1), 0);

/**
 * A group's construct cells; `decision(ci)` is what covers construct ci in this group, `reason` what a
 * hidden one publishes.
 */
function constructCells(
  s: Shaping,
  totals: GroupTotals,
  decision: (ci: number) => CellDisclosure | undefined,
  overall: boolean,
  reason: (ci: number, cell: CellDisclosure) => HiddenReason,
): ConstructCell[] {
  return s.tally.template.constructs.map((c, ci) => {
    const cell = covered(totals.totals[ci * FIELDS + FIELD.n]!, decision(ci));
    // A hidden cell is scored as empty: it has the same fields, which publishCell blanks, and
    // nothing is worked out (or copied out of the totals) for it.
    const scores = scoreConstruct(
      c,
      cell.shown ? constructTotals(totals, ci) : NOTHING,
      overall ? s.tally.alphaSums(ci) : undefined,
    );
    return {
      constructId: c.construct.id,
      pillarId: c.construct.pillarId,
      ...publishCell(cell, scores),
      ...why(cell, () => reason(ci, cell)),
    } as ConstructCell;
  });
}

/** Each unit's whole subtree; a unit inside a key group is listed but never shown. */
function unitResults(s: Shaping): CampaignResults['units'] {
  const subtrees = s.tally.subtrees(s.input.units);
  return s.input.units
    .filter((u) => u.code !== ORGANISATION_GROUP)
    .map((u) => {
      const totals = subtrees.get(u.code)!;
      // A unit inside a key group has no answers of its own: they are its group's top unit's.
      const grouped = s.input.inKeyGroup.has(u.code);
      const group = covered(totals.respondents, grouped ? undefined : s.disclosure.groups.cells.get(u.code));
      // A unit's n is public (participation), so its reason tells nothing new. A unit inside a key group
      // (its direct staff too few for a key of their own, their answers counted at the group's top unit)
      // says the same by its n; `reason: 'in_key_group'` says why it is hidden at all.
      const row = group.shown ? undefined : hiddenReason(group, s.input.policy.k);
      return {
        unitCode: u.code,
        ...(grouped ? { reason: 'in_key_group' as const } : {}),
        ...publishCount(group),
        ...why(group, () => row!),
        constructs: constructCells(
          s,
          totals,
          (ci) => covered(totals.respondents, group, s.disclosure.constructs[ci]!.cells.get(u.code)),
          false,
          (ci, cell) => constructReason(s, ci, cell, row),
        ),
      };
    });
}

/** Each stated value of each breakdown, in key order; the entry route's groups in their own order. */
function breakdownResults(s: Shaping): CampaignResults['breakdowns'] {
  const byAttribute = s.tally.byAttribute();
  const shaped = BREAKDOWNS.map(
    (b) =>
      [
        b,
        breakdownCells(
          s,
          byAttribute.get(b)!,
          s.disclosure.breakdowns.get(b)!,
          [...byAttribute.get(b)!.keys()].sort(),
        ),
      ] as const,
  );
  const routes = s.tally.byEntryRoute;
  const entryRoute = breakdownCells(
    s,
    routes,
    s.disclosure.entryRoute,
    ENTRY_ROUTE_GROUPS.filter((g) => routes.has(g)),
  );
  return { ...Object.fromEntries(shaped), entryRoute } as CampaignResults['breakdowns'];
}

/** One breakdown's groups (`keys`, in the order listed), each with its construct cells. */
function breakdownCells(
  s: Shaping,
  values: ReadonlyMap<string, GroupTotals>,
  decided: BreakdownDisclosure,
  keys: readonly string[],
): BreakdownResult[] {
  return keys.map((key) => {
    const g = values.get(key)!;
    const group = covered(g.respondents, s.overall, decided.groups.cells.get(key));
    // Self-reported counts are not public: a reason would bound a hidden n (with the strict
    // attacker of DESIGN §4, pin it), so every hidden breakdown cell gives the weaker `few`.
    return {
      key,
      ...publishCount(group),
      ...why(group, () => 'few'),
      constructs: constructCells(
        s,
        g,
        (ci) => covered(g.respondents, group, decided.constructs[ci]!.cells.get(key)),
        false,
        () => 'few',
      ),
    };
  });
}

/** The share of respondents per option of each choice item, overall (sensitive ones at k_sensitive). */
function itemDistributions(s: Shaping): CampaignResults['items'] {
  const { choices, sensitiveItems } = s.tally.template;
  return choices.map(({ item, n, counts }) => {
    const cell = discloseCell(n, s.overall, s.input.policy, { sensitive: sensitiveItems.has(item.id) });
    return {
      itemId: item.id,
      ...publishCount(cell),
      options: (item.options ?? []).map((o, k) => ({
        value: o.value,
        share: publishValue(cell, counts[k]! / n),
      })),
    };
  });
}

/** Each scored item overall, under its construct's overall cell. */
function itemScores(
  s: Shaping,
  overallTotals: GroupTotals,
  overallConstructs: readonly CellDisclosure[],
): CampaignResults['itemScores'] {
  const { constructs, sensitiveItems, scoredStart, itemCounts } = s.tally.template;
  return constructs.flatMap((c, ci) => {
    const parent = covered(constructTotals(overallTotals, ci).n, overallConstructs[ci]);
    return c.scored.map((item, k) => {
      const j = scoredStart[ci]! + k;
      const counts = Array.from(itemCounts.subarray(j * 5, j * 5 + 5));
      const n = counts.reduce((a, b) => a + b, 0);
      // Each item of a sensitive construct needs its own n ≥ k_sensitive, not just the construct's (finding 6).
      const cell = discloseCell(n, parent, s.input.policy, { sensitive: sensitiveItems.has(item.id) });
      return {
        itemId: item.id,
        constructId: c.construct.id,
        ...publishCell(cell, scoreItem(counts, item.reverse, n)),
      };
    });
  });
}
