import type { CampaignResults } from '../api/results';
import type { Construct, Template } from '../instruments/schema';
import { type DisclosurePolicy, discloseCell, policyFrom, publishCell } from '../disclosure';
import { ORGANISATION_GROUP, underOrganisation } from '../disclosure/organisation-group';
import { type ResponseRecord, ResponseTally } from './tally';
import { compileTemplate } from './compile';
import { FIELD, FIELDS } from './accumulator';
import { EXPERIENCED_3Y_ITEM } from '../instruments/constructs/harassment-experience';
import { CustomItemTally } from './custom-items';
import { covered, discloseResults, type ResultsDisclosure } from './hide';
import { favourableCount } from './indicators';
import { pillarFigures } from './pillar-summary';
import { shapeResults } from './shape';
import { type WorkstyleSummary, workstyleFigures } from './workstyle';
import { UnitPrevalenceTally, unitPrevalence } from './unit-prevalence';

export type { ResponseRecord } from './tally';
export { sensitiveItemIds } from './compile';

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
  /**
   * The pillar summary (DESIGN §5) of each pillar with scored constructs, as
   * published: hidden (every number null) unless the whole organisation and
   * every construct cell it averages are shown. Absent in summaries stored
   * before it existed.
   */
  pillars?: PillarSummaryCell[];
  /** The work-style indicators (workstyle.ts), as published; absent in summaries stored before them. */
  workstyle?: WorkstyleSummary;
}

export interface PillarSummaryCell {
  pillarId: Construct['pillarId'];
  /** Mean of the pillar's constructs' favourable shares. */
  value: number | null;
  /** Its 95% interval (delta method on respondents). */
  ci: [number, number] | null;
  /** Respondents who answered any of the pillar's scored items. */
  n: number | null;
  suppressed: boolean;
  constructIds: string[];
}

/**
 * Computes a campaign's results in one pass over the responses: per construct
 * overall, per unit (whole subtrees) and per self-reported attribute, then
 * applies disclosure control to every cell. In four steps, one file each:
 * tally (`add`, tally.ts), then at `finish` decide what may be shown
 * (hide.ts, through the disclosure engine), score and shape what is published
 * (score.ts, shape.ts).
 */
export class ResultsBuilder {
  readonly #input: ResultsInput;
  readonly #policy: DisclosurePolicy;
  readonly #tally: ResponseTally;
  /** The 3-year harassment question per unit (unit-prevalence.ts). */
  readonly #prevalence: UnitPrevalenceTally;
  /** HR's custom questions (custom-items.ts). */
  readonly #custom: CustomItemTally;
  readonly #hasCustom: boolean;
  /** Where the tally keeps each response's answer to the 3-year harassment question. */
  readonly #prevalenceSlot: number;

  constructor(input: ResultsInput) {
    this.#input = input;
    this.#policy = policyFrom(input.minGroupSize);
    this.#tally = new ResponseTally(compileTemplate(input.template), [EXPERIENCED_3Y_ITEM]);
    this.#prevalence = new UnitPrevalenceTally(input.template);
    this.#prevalenceSlot = this.#tally.slotOf(EXPERIENCED_3Y_ITEM);
    this.#custom = new CustomItemTally(input.template);
    this.#hasCustom = !this.#custom.empty;
  }

  add(response: ResponseRecord): void {
    const tally = this.#tally;
    tally.add(response);
    // The tally has read every answer once; the prevalence takes its one from there.
    this.#prevalence.addAnswer(response.unitCode, tally.answer(this.#prevalenceSlot));
    if (this.#hasCustom) this.#custom.add(response.answers);
  }

  finish(): { results: CampaignResults; summary: ResultsSummary } {
    const input = this.#input;
    const units = this.#unitTree();
    const tally = this.#tally;
    const disclosure = discloseResults(
      this.#policy,
      units,
      tally.own,
      tally.byAttribute(),
      tally.template.constructs,
      tally.byEntryRoute,
    );
    const inKeyGroup = new Set<string>();
    for (const g of input.keyGroups ?? [])
      for (const code of g.units) if (code !== g.id) inKeyGroup.add(code);
    const results = shapeResults(
      {
        campaignId: input.campaignId,
        fiscalYear: input.fiscalYear,
        computedAt: input.computedAt,
        policy: this.#policy,
        units,
        inKeyGroup,
        shuffle: input.shuffle ?? cryptoShuffle,
      },
      tally,
      disclosure,
    );
    const prevalence = unitPrevalence(this.#prevalence, units, results.units, this.#policy);
    if (prevalence) results.unitPrevalence = prevalence;
    if (!this.#custom.empty) {
      const overall = covered(tally.overall().respondents, disclosure.groups.total);
      results.customItems = this.#custom.publish(overall, this.#policy, input.shuffle ?? cryptoShuffle);
    }
    return {
      results,
      summary: {
        ...summaryOf(results, input.template.id),
        pillars: this.#pillars(disclosure),
        workstyle: this.#workstyle(disclosure),
      },
    };
  }

  /**
   * Each pillar's figure, through the disclosure engine's decisions: shown
   * only when the whole organisation and each construct it averages are.
   */
  #pillars(disclosure: ResultsDisclosure): PillarSummaryCell[] {
    const tally = this.#tally;
    const overall = tally.overall();
    const constructIds = tally.template.constructs.map((c) => c.construct.id);
    return pillarFigures(
      tally.pillarSums,
      (ci) => ({
        favourable: overall.totals[ci * FIELDS + FIELD.favourable]!,
        answers: overall.totals[ci * FIELDS + FIELD.answers]!,
      }),
      constructIds,
    ).map((f) => {
      const members = f.constructIds.map((id) => constructIds.indexOf(id));
      const decision = covered(
        f.n,
        disclosure.groups.total,
        ...members.map((ci) => disclosure.constructs[ci]!.total),
      );
      return {
        pillarId: f.pillarId,
        ...publishCell(decision, { value: f.value, ci: f.ci }),
        constructIds: f.constructIds,
      };
    });
  }

  /** The work-style figures: each a cell under the whole organisation's, shown at n ≥ k. */
  #workstyle(disclosure: ResultsDisclosure): WorkstyleSummary {
    const template = this.#input.template;
    const overall = covered(this.#tally.overall().respondents, disclosure.groups.total);
    const asked = new Set([
      ...template.constructs.flatMap((c) => c.items.map((i) => i.id)),
      ...template.standaloneItems.map((i) => i.id),
    ]);
    return workstyleFigures(this.#tally.workstyle, (n) => discloseCell(n, overall, this.#policy), asked);
  }

  /**
   * The unit tree results are counted over: a unit whose parent is unknown is
   * a root. Answers of the whole organisation's key group count only overall:
   * the virtual root's own, a sibling of the departments for complementary
   * suppression, never listed as a unit.
   */
  #unitTree(): Array<{ code: string; parentCode: string | null }> {
    const input = this.#input;
    const known = new Set(input.units.map((u) => u.code));
    const tree = input.units.map((u) => ({
      code: u.code,
      parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
    }));
    const organisation = (input.keyGroups ?? []).some((g) => g.id === ORGANISATION_GROUP);
    return organisation ? underOrganisation(tree) : tree;
  }
}

/** What indicators read of published results: each construct's overall cell, with the z-test's x. */
function summaryOf(results: CampaignResults, templateId: string): ResultsSummary {
  return {
    campaignId: results.campaignId,
    fiscalYear: results.fiscalYear,
    templateId,
    constructs: results.overall.constructs.map((cell) => ({
      constructId: cell.constructId,
      pillarId: cell.pillarId,
      favourable: cell.favourable,
      n: cell.n,
      x: cell.favourable === null || cell.n === null ? null : favourableCount(cell.favourable, cell.n),
    })),
  };
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
