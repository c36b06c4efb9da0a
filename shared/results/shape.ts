import type { CampaignResults, ConstructCell } from '../api/results';
import {
  type CellDisclosure,
  type DisclosurePolicy,
  discloseCell,
  publishCell,
  publishCount,
  publishValue,
} from '../disclosure';
import { ORGANISATION_GROUP } from '../disclosure/organisation-group';
import { constructTotals, emptyGroup, type GroupTotals } from './accumulator';
import { BREAKDOWNS } from './compile';
import { covered, type ResultsDisclosure } from './hide';
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
      constructs: constructCells(s, overallTotals, (ci) => overallConstructs[ci], true),
    },
    units: unitResults(s),
    breakdowns: breakdownResults(s),
    items: itemDistributions(s),
    itemScores: itemScores(s, overallTotals, overallConstructs),
    comments: { suppressed: !commentsShown, texts: commentsShown ? input.shuffle(tally.comments) : [] },
  };
}

const NOTHING = constructTotals(emptyGroup(1), 0);

/** A group's construct cells; `decision(ci)` is what covers construct ci in this group. */
function constructCells(
  s: Shaping,
  totals: GroupTotals,
  decision: (ci: number) => CellDisclosure | undefined,
  overall: boolean,
): ConstructCell[] {
  return s.tally.template.constructs.map((c, ci) => {
    const t = constructTotals(totals, ci);
    const cell = covered(t.n, decision(ci));
    // A hidden cell is scored as empty: it has the same fields, which publishCell blanks, and
    // nothing is worked out for it.
    const scores = scoreConstruct(c, cell.shown ? t : NOTHING, overall);
    return {
      constructId: c.construct.id,
      pillarId: c.construct.pillarId,
      ...publishCell(cell, scores),
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
      return {
        unitCode: u.code,
        ...(grouped ? { reason: 'in_key_group' as const } : {}),
        ...publishCount(group),
        constructs: constructCells(
          s,
          totals,
          (ci) => covered(totals.respondents, group, s.disclosure.constructs[ci]!.cells.get(u.code)),
          false,
        ),
      };
    });
}

/** Each stated value of each breakdown, in key order. */
function breakdownResults(s: Shaping): CampaignResults['breakdowns'] {
  const byAttribute = s.tally.byAttribute();
  const shaped = BREAKDOWNS.map((b) => {
    const values = byAttribute.get(b)!;
    const decided = s.disclosure.breakdowns.get(b)!;
    const results = [...values.keys()].sort().map((key) => {
      const g = values.get(key)!;
      const group = covered(g.respondents, s.overall, decided.groups.cells.get(key));
      return {
        key,
        ...publishCount(group),
        constructs: constructCells(
          s,
          g,
          (ci) => covered(g.respondents, group, decided.constructs[ci]!.cells.get(key)),
          false,
        ),
      };
    });
    return [b, results] as const;
  });
  return Object.fromEntries(shaped) as CampaignResults['breakdowns'];
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
