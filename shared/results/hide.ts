import { recheckCustomItems } from './custom-items';
import type { CampaignResults, ConstructCell, HiddenReason } from '../api/results';
import {
  type CellDisclosure,
  type Disclosure,
  type DisclosurePolicy,
  discloseBreakdown,
  discloseCell,
  discloseUnitTree,
  policyAtLeast,
  publishCell,
  publishCount,
  publishedN,
  publishValue,
} from '../disclosure';
import type { Template } from '../instruments/schema';
import { FIELD, FIELDS, type GroupTotals } from './accumulator';
import { BREAKDOWNS, type Breakdown, type CompiledConstruct, sensitiveItemIds } from './compile';
import { recheckUnitPrevalence } from './unit-prevalence';

/**
 * Disclosure control of results (DESIGN §4), in two places: when they are
 * computed (`discloseResults`, with complementary suppression over the unit
 * tree and every breakdown) and again when they are served (`recheckResults`).
 * Every decision is the disclosure engine's (shared/disclosure); this file only
 * says which cells are siblings and which cell covers which.
 */

type Unit = { code: string; parentCode: string | null };

/** The engine's decisions for every group and construct of a campaign's results. */
export interface ResultsDisclosure {
  /** Respondents over the unit tree; its total is the whole organisation. */
  groups: Disclosure;
  /** Per construct (template order): its respondents over the unit tree, at k_sensitive for a sensitive one. */
  constructs: Disclosure[];
  /** Per breakdown: respondents and each construct's respondents per stated value, under the overall cells. */
  breakdowns: Map<Breakdown, BreakdownDisclosure>;
  /** The same for the entry route (entry-route.ts), whose groups come from an answer. */
  entryRoute: BreakdownDisclosure;
}

/** One breakdown's decisions: its groups' respondents and each construct's, per stated value. */
export interface BreakdownDisclosure {
  groups: Disclosure;
  constructs: Disclosure[];
}

/** The number of a group's respondents who answered construct `ci`. */
export const constructN = (group: GroupTotals | undefined, ci: number): number =>
  group ? group.totals[ci * FIELDS + FIELD.n]! : 0;

/**
 * Decides every group and construct cell: the unit tree (a unit's own
 * respondents are its `own` group's; those of the whole organisation's key
 * group count at the virtual root), then each breakdown under the overall
 * cells, each construct with its own counts and threshold; the entry route
 * (from an answer) like the attributes.
 */
export function discloseResults(
  policy: DisclosurePolicy,
  units: readonly Unit[],
  own: ReadonlyMap<string, GroupTotals>,
  byAttribute: ReadonlyMap<Breakdown, ReadonlyMap<string, GroupTotals>>,
  constructs: readonly CompiledConstruct[],
  byEntryRoute: ReadonlyMap<string, GroupTotals> = new Map(),
): ResultsDisclosure {
  const respondents = units.map((u) => own.get(u.code)?.respondents ?? 0);
  const groups = discloseUnitTree(
    units.map((u, i) => ({ ...u, ownCount: respondents[i]! })),
    policy,
  );
  const constructTrees = constructs.map((c, ci) => {
    const sensitive = c.construct.sensitive === true;
    const counts = units.map((u) => constructN(own.get(u.code), ci));
    // Where every respondent answered the construct, its tree is the groups' tree: the same
    // counts and threshold give the same decisions, so it is not worked out again.
    if (!sensitive && counts.every((n, i) => n === respondents[i])) return groups;
    return discloseUnitTree(
      units.map((u, i) => ({ ...u, ownCount: counts[i]! })),
      policy,
      { sensitive },
    );
  });
  // One breakdown's groups and construct cells, under the overall cells; those who did not state
  // a value are the residual.
  const decide = (values: ReadonlyMap<string, GroupTotals>): BreakdownDisclosure => {
    const keys = [...values.keys()].sort();
    return {
      groups: discloseBreakdown(
        keys.map((key) => ({ key, n: values.get(key)!.respondents })),
        groups.total,
        policy,
      ),
      constructs: constructs.map((c, ci) =>
        discloseBreakdown(
          keys.map((key) => ({ key, n: constructN(values.get(key), ci) })),
          constructTrees[ci]!.total,
          policy,
          { sensitive: c.construct.sensitive === true },
        ),
      ),
    };
  };
  const breakdowns = new Map(
    BREAKDOWNS.map((b) => [b, decide(byAttribute.get(b) ?? new Map<string, GroupTotals>())] as const),
  );
  const entryRoute = decide(byEntryRoute);
  return { groups, constructs: constructTrees, breakdowns, entryRoute };
}

/**
 * The decision for a published cell of `n` respondents: shown only when it
 * has respondents and every decision that covers it (its own in the engine,
 * its group's, the whole organisation's) shows it. A missing decision hides.
 */
export function covered(
  n: number,
  ...decisions: ReadonlyArray<Pick<CellDisclosure, 'shown'> | undefined>
): CellDisclosure {
  return { n, shown: n > 0 && decisions.every((d) => d?.shown === true) };
}

/**
 * The disclosure rule applied again when stored results are served (DESIGN
 * §4), whatever was stored: with the stored k and k_sensitive raised to their
 * floors, a cell is shown only if it was, its n reaches the threshold and
 * the cell above it is shown — a group hides all its constructs, the whole
 * organisation hides everything. Constructs and items marked sensitive (and
 * the comments) need k_sensitive; each item of a sensitive construct needs its
 * own n ≥ k_sensitive (finding 6). A hidden cell keeps its names (ids, keys)
 * and nothing else.
 */
export function recheckResults(results: CampaignResults, template: Template): CampaignResults {
  const policy = policyAtLeast(results.minGroupSize, results.sensitiveMinGroupSize);
  const sensitiveItems = sensitiveItemIds(template);
  const sensitiveConstructs = new Set(
    template.constructs.filter((c) => c.sensitive === true).map((c) => c.id),
  );
  const everything = { shown: true };

  const construct = (c: ConstructCell, group: CellDisclosure) =>
    withReason(
      republish(
        c,
        discloseCell(publishedN(c), group, policy, { sensitive: sensitiveConstructs.has(c.constructId) }),
      ),
    );
  const group = <G extends CampaignResults['overall']>(g: G, parent: Pick<CellDisclosure, 'shown'>): G => {
    const decision = discloseCell(publishedN(g), parent, policy);
    return withReason({
      ...g,
      ...publishCount(decision),
      constructs: g.constructs.map((c) => construct(c, decision)),
    });
  };

  const overallDecision = discloseCell(publishedN(results.overall), everything, policy);
  const overall = group(results.overall, everything);
  const overallConstruct = new Map(overall.constructs.map((c) => [c.constructId, c]));
  const commentsShown =
    !results.comments.suppressed &&
    discloseCell(publishedN(results.overall), overallDecision, policy, { sensitive: true }).shown;
  const units = results.units.map((u) => group(u, overallDecision));
  const rowShown = new Map(units.map((u) => [u.unitCode, !u.suppressed]));
  return {
    ...results,
    overall,
    units,
    ...(results.unitPrevalence
      ? {
          unitPrevalence: recheckUnitPrevalence(
            results.unitPrevalence,
            (code) => rowShown.get(code) === true,
            policy,
          ),
        }
      : {}),
    breakdowns: {
      jobLevel: results.breakdowns.jobLevel.map((g) => group(g, overallDecision)),
      ageBand: results.breakdowns.ageBand.map((g) => group(g, overallDecision)),
      employmentType: results.breakdowns.employmentType.map((g) => group(g, overallDecision)),
      ...(results.breakdowns.entryRoute
        ? { entryRoute: results.breakdowns.entryRoute.map((g) => group(g, overallDecision)) }
        : {}),
    },
    items: results.items.map((i) => {
      const decision = discloseCell(publishedN(i), overallDecision, policy, {
        sensitive: sensitiveItems.has(i.itemId),
      });
      return {
        ...i,
        ...publishCount(decision),
        options: i.options.map((o) => ({ ...o, share: publishValue(decision, o.share) })),
      };
    }),
    itemScores: results.itemScores.map((i) => {
      const parent = overallConstruct.get(i.constructId);
      const decision = discloseCell(
        publishedN(i),
        { shown: overallDecision.shown && parent?.suppressed === false },
        policy,
        { sensitive: sensitiveItems.has(i.itemId) },
      );
      return republish(i, decision);
    }),
    comments: commentsShown ? results.comments : { suppressed: true, texts: [] },
    ...(results.customItems
      ? { customItems: recheckCustomItems(results.customItems, overallDecision, policy, template) }
      : {}),
  };
}

/**
 * A cell as served: a hidden one keeps the reason it was stored with, and one hidden only now (its stored
 * n below a raised threshold) says `few`; a shown one carries none.
 */
function withReason<C extends { suppressed: boolean; hiddenReason?: HiddenReason }>(cell: C): C {
  if (!cell.suppressed) {
    const { hiddenReason: _, ...shown } = cell;
    return shown as C;
  }
  return cell.hiddenReason === undefined ? { ...cell, hiddenReason: 'few' } : cell;
}

/** A stored cell published again under a new decision: its names (string fields) kept, its values through `publishCell`. */
function republish<C extends { n: number | null; suppressed: boolean }>(
  cell: C,
  decision: CellDisclosure,
): C {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(cell)) {
    if (key === 'n' || key === 'suppressed') continue;
    if (typeof value === 'string') names[key] = value;
    else values[key] = value;
  }
  return { ...names, ...publishCell(decision, values) } as unknown as C;
}
