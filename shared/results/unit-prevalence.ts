import type { UnitPrevalence } from '../api/harassment';
import type { HiddenReason } from '../api/results';
import {
  type CellDisclosure,
  type DisclosurePolicy,
  discloseCell,
  discloseUnitTree,
  publishCount,
  publishValue,
} from '../disclosure';
import {
  DECLINE,
  EXPERIENCED_3Y_ITEM,
  HARASSMENT_KIND_IDS,
} from '../instruments/constructs/harassment-experience';
import type { Template } from '../instruments/schema';

type Unit = { code: string; parentCode: string | null };

/** Per unit's own respondents: [base (answered, not declined), then one count per kind]. */
const WIDTH = 1 + HARASSMENT_KIND_IDS.length;

/**
 * The 3-year harassment question per unit (DESIGN §5: prevalence per unit at
 * k_sensitive), tallied in the same pass as the rest of the results: each
 * unit's own respondents who answered it (not counting 答えたくない) and how
 * many chose each kind. Nothing when the template does not ask it.
 */
export class UnitPrevalenceTally {
  readonly own = new Map<string, Int32Array>();
  readonly asked: boolean;

  constructor(template: Template) {
    this.asked = template.constructs.some((c) => c.items.some((i) => i.id === EXPERIENCED_3Y_ITEM));
  }

  /** Adds one response's answer to the question (read by the tally's one pass), under its unit. */
  addAnswer(unitCode: string, v: unknown): void {
    if (!this.asked) return;
    if (!Array.isArray(v) || v.length === 0 || v.includes(DECLINE)) return;
    let own = this.own.get(unitCode);
    if (!own) {
      own = new Int32Array(WIDTH);
      this.own.set(unitCode, own);
    }
    own[0]! += 1;
    for (let k = 0; k < HARASSMENT_KIND_IDS.length; k++)
      if (v.includes(HARASSMENT_KIND_IDS[k]!)) own[1 + k]! += 1;
  }

  /** Each unit's whole subtree. */
  subtrees(units: readonly Unit[]): Map<string, Int32Array> {
    const children = new Map<string | null, string[]>();
    for (const u of units) children.set(u.parentCode, [...(children.get(u.parentCode) ?? []), u.code]);
    const out = new Map<string, Int32Array>();
    const visit = (code: string): Int32Array => {
      const done = out.get(code);
      if (done) return done;
      const sum = new Int32Array(WIDTH);
      const own = this.own.get(code);
      if (own) for (let i = 0; i < WIDTH; i++) sum[i]! += own[i]!;
      for (const child of children.get(code) ?? []) {
        const c = visit(child);
        for (let i = 0; i < WIDTH; i++) sum[i]! += c[i]!;
      }
      out.set(code, sum);
      return sum;
    };
    for (const u of units) visit(u.code);
    return out;
  }
}

/**
 * Each unit's 3-year prevalence as published: the engine decides the bases
 * over the unit tree at k_sensitive (with complementary suppression), and a
 * cell is shown only where its unit's published row (`rows`, the results'
 * units: a unit inside a key group is never shown) is shown too; a hidden one
 * takes its row's reason, or says `few`. Undefined when the question was not
 * asked.
 */
export function unitPrevalence(
  tally: UnitPrevalenceTally,
  units: readonly Unit[],
  rows: ReadonlyArray<{ unitCode: string; suppressed: boolean; hiddenReason?: HiddenReason }>,
  policy: DisclosurePolicy,
): UnitPrevalence[] | undefined {
  if (!tally.asked) return;
  const tree = discloseUnitTree(
    units.map((u) => ({ ...u, ownCount: tally.own.get(u.code)?.[0] ?? 0 })),
    policy,
    { sensitive: true },
  );
  const subtrees = tally.subtrees(units);
  return rows.map((row) => {
    const counts = subtrees.get(row.unitCode) ?? new Int32Array(WIDTH);
    const n = counts[0]!;
    // As hide.ts `covered`: shown only with answers and when the row and the engine both show it.
    const cell = { n, shown: n > 0 && !row.suppressed && tree.cells.get(row.unitCode)?.shown === true };
    return publishUnit(row.unitCode, cell, counts, row.suppressed ? (row.hiddenReason ?? 'few') : 'few');
  });
}

function publishUnit(
  unitCode: string,
  cell: CellDisclosure,
  counts: Int32Array,
  reason: HiddenReason,
): UnitPrevalence {
  const n = counts[0]!;
  const shares = Object.fromEntries(
    HARASSMENT_KIND_IDS.map((kind, k) => [kind, publishValue(cell, n > 0 ? counts[1 + k]! / n : 0)]),
  ) as UnitPrevalence['shares'];
  return { unitCode, ...publishCount(cell), ...(cell.shown ? {} : { hiddenReason: reason }), shares };
}

/**
 * The unit prevalence of stored results decided again as they are served
 * (hide.ts `recheckResults`): shown only if it was, its n reaches
 * k_sensitive and its unit's row is shown as served.
 */
export function recheckUnitPrevalence(
  cells: readonly UnitPrevalence[],
  rowShown: (unitCode: string) => boolean,
  policy: DisclosurePolicy,
): UnitPrevalence[] {
  return cells.map((c) => {
    const n = !c.suppressed && c.n !== null && Number.isSafeInteger(c.n) && c.n >= 0 ? c.n : 0;
    const decision = discloseCell(n, { shown: rowShown(c.unitCode) }, policy, { sensitive: true });
    const shares = Object.fromEntries(
      HARASSMENT_KIND_IDS.map((kind) => [kind, publishValue(decision, c.shares[kind])]),
    ) as UnitPrevalence['shares'];
    return {
      unitCode: c.unitCode,
      ...publishCount(decision),
      ...(decision.shown ? {} : { hiddenReason: c.hiddenReason ?? 'few' }),
      shares,
    };
  });
}
