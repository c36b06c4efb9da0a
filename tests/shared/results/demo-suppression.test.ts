import { describe, expect, it } from 'vitest';
import { DEMO_UNITS, demoStaff, demoUnits, seededRandom } from '../../../functions/seed/demo-organisation';
import {
  type Disclosure,
  type DisclosurePolicy,
  discloseUnitTree,
  groupOfUnit,
  keyGroups,
  policyFrom,
} from '../../../shared/disclosure';
import { ORGANISATION_GROUP, underOrganisation } from '../../../shared/disclosure/organisation-group';
import { annualStaffSurvey } from '../../../shared/instruments/template';
import { type ResponseRecord, ResultsBuilder } from '../../../shared/results/compute';
import * as before from '../disclosure/reference-engine';

/**
 * The demo organisation (functions/seed/demo-organisation.ts) in process, without the token path: each
 * person answers with the demo's participation of the year, answers count at their key group's top unit
 * (key groups of at least 10, under the whole organisation, as campaigns.ts forms them). Measures the
 * units × indicators heatmap — hidden cells, the answers in them, and the answers whose own unit's
 * figure is hidden — with the engine before (smallest sibling as complement, reference-engine.ts) and
 * now (a parent row first), and checks that every hidden cell of the results says why.
 */

const YEARS = [
  { fiscalYear: 2023, participation: 0.58 },
  { fiscalYear: 2024, participation: 0.64 },
  { fiscalYear: 2025, participation: 0.71 },
] as const;

const units = demoUnits().map((u) => ({ code: u.code, parentCode: u.parentCode }));
const staff = demoStaff();
const invited = new Map<string, number>();
for (const s of staff) invited.set(s.unitCode, (invited.get(s.unitCode) ?? 0) + 1);
const groups = keyGroups(
  underOrganisation(units).map((u) => ({ ...u, invited: invited.get(u.code) ?? 0 })),
  10,
).map((g) => ({ ...g, units: g.units.filter((code) => code !== ORGANISATION_GROUP) }));
const groupOf = groupOfUnit(groups);
const inKeyGroup = new Set(groups.flatMap((g) => g.units.filter((code) => code !== g.id)));
const tree = underOrganisation(units);
const policy = policyFrom(5);

interface Year {
  fiscalYear: number;
  responses: ResponseRecord[];
  /** respondents per staff unit (their own unit) */
  own: Map<string, number>;
  /** respondents counted per tree unit (at their key group's top unit) */
  counted: Map<string, number>;
}

function year(fiscalYear: number, participation: number): Year {
  const random = seededRandom(fiscalYear);
  const responses: ResponseRecord[] = [];
  const own = new Map<string, number>();
  const counted = new Map<string, number>();
  for (const person of staff) {
    if (random() >= participation) continue;
    const unitCode = groupOf.get(person.unitCode) ?? person.unitCode;
    own.set(person.unitCode, (own.get(person.unitCode) ?? 0) + 1);
    counted.set(unitCode, (counted.get(unitCode) ?? 0) + 1);
    const answers: Record<string, number> = {};
    for (const c of annualStaffSurvey.constructs) {
      for (const item of c.items) {
        if (item.type === 'likert5') answers[item.id] = 1 + Math.floor(random() * 5);
        if (item.type === 'nps') answers[item.id] = Math.floor(random() * 11);
      }
    }
    const attributes: Record<string, string> =
      random() < 0.85
        ? { jobLevel: person.jobLevel, ageBand: person.ageBand!, employmentType: person.employmentType }
        : {};
    responses.push({ unitCode, attributes, answers: answers as ResponseRecord['answers'] });
  }
  return { fiscalYear, responses, own, counted };
}

interface Measure {
  cells: number;
  /** Σ n over hidden cells */
  answers: number;
  /** Σ over hidden cells of the respondents whose own unit it is */
  ownAnswers: number;
  rows: string[];
}

type Engine = (
  units: { code: string; parentCode: string | null; ownCount: number }[],
  policy: DisclosurePolicy,
  options: { sensitive?: boolean },
) => Disclosure;

/** The units × indicators heatmap as an engine decides it (every respondent answers every construct). */
function measure(y: Year, engine: Engine): Measure {
  const counts = tree.map((u) => ({ ...u, ownCount: y.counted.get(u.code) ?? 0 }));
  const plain = engine(counts, policy, {});
  const sensitive = engine(counts, policy, { sensitive: true });
  const out: Measure = { cells: 0, answers: 0, ownAnswers: 0, rows: [] };
  for (const u of units) {
    const cell = plain.cells.get(u.code)!;
    const rowHidden = inKeyGroup.has(u.code) || !cell.shown || cell.n === 0;
    if (rowHidden) out.rows.push(`${u.code}(${cell.n})`);
    for (const c of annualStaffSurvey.constructs) {
      const decided = c.sensitive ? sensitive.cells.get(u.code)! : cell;
      if (!rowHidden && decided.shown) continue;
      if (!rowHidden) out.rows.push(`${u.code}[${c.id}](${cell.n})`);
      out.cells++;
      out.answers += cell.n;
      out.ownAnswers += y.own.get(u.code) ?? 0;
    }
  }
  return out;
}

describe('disclosure on the demo organisation', () => {
  const years = YEARS.map((y) => year(y.fiscalYear, y.participation));

  it('hides no more cells and no more answers of their own unit than the smallest-sibling rule', () => {
    for (const y of years) {
      const old = measure(y, before.discloseUnitTree);
      const now = measure(y, discloseUnitTree);
      console.log(
        `FY${y.fiscalYear} (${y.responses.length} responses): before ${JSON.stringify(old)}\n` +
          `FY${y.fiscalYear}: now ${JSON.stringify(now)}`,
      );
      expect(now.cells, `FY${y.fiscalYear} hidden cells`).toBeLessThanOrEqual(old.cells);
      expect(now.ownAnswers, `FY${y.fiscalYear} answers without their own unit`).toBeLessThanOrEqual(
        old.ownAnswers,
      );
    }
  });

  it('gives every hidden cell of the results a reason, and shown cells none', () => {
    for (const y of years) {
      const builder = new ResultsBuilder({
        campaignId: `demo-${y.fiscalYear}`,
        fiscalYear: y.fiscalYear,
        minGroupSize: 5,
        template: annualStaffSurvey,
        units,
        keyGroups: groups,
        computedAt: '2026-01-01T00:00:00.000Z',
        shuffle: (xs) => xs,
      });
      for (const r of y.responses) builder.add(r);
      const { results } = builder.finish();
      const rows = [
        results.overall,
        ...results.units,
        ...results.breakdowns.jobLevel,
        ...results.breakdowns.ageBand,
        ...results.breakdowns.employmentType,
      ];
      let hidden = 0;
      for (const cell of rows.flatMap((row) => [row, ...row.constructs])) {
        if (cell.suppressed) hidden++;
        expect(cell.hiddenReason === undefined).toBe(!cell.suppressed);
      }
      expect(hidden).toBeGreaterThan(0);
      // The published heatmap is what `measure` counted with the engine.
      const now = measure(y, discloseUnitTree);
      const published = results.units.reduce(
        (n, u) => n + u.constructs.filter((c) => u.suppressed || c.suppressed).length,
        0,
      );
      expect(published).toBe(now.cells);
      // Breakdown cells never tell their reason (their counts are not public).
      for (const b of [...results.breakdowns.jobLevel, ...results.breakdowns.ageBand])
        for (const cell of [b, ...b.constructs]) if (cell.suppressed) expect(cell.hiddenReason).toBe('few');
    }
  });

  it('the demo still has units to hide (DEMO_UNITS is what the seed loads)', () => {
    expect(DEMO_UNITS.length).toBe(units.length);
  });
});
