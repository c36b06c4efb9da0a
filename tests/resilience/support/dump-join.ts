import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from '../../../functions/store';

/**
 * The attacker of finding 4: a dump of the responses table joined with the
 * roster. A stored answer is consistent with a person when the person's unit
 * lies in the answer's stored unit (its key group: the units the group's key
 * serves, or just the unit itself) and every stored attribute the roster
 * knows for that person equals the person's roster value (an attribute the
 * roster does not know for someone rules nobody out).
 */

export interface JoinCounts {
  responses: number;
  /** Answers consistent with exactly one person. */
  pinned: number;
  /** Answers consistent with two or fewer. */
  twoOrFewer: number;
  /** Answers consistent with fewer than k people. */
  belowK: number;
  /** The smallest set of consistent people over all answers. */
  smallest: number;
}

const ATTRIBUTES = ['jobLevel', 'ageBand', 'employmentType'] as const;

export type RosterPerson = { unitCode: string } & Partial<Record<(typeof ATTRIBUTES)[number], string>>;

/** Every stored response of a campaign, straight from the table (a dump). */
export async function dumpResponses(
  store: Store,
  campaignId: string,
): Promise<Array<{ u: string; a: Record<string, string> }>> {
  const rows: Array<{ u: string; a: Record<string, string> }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(
      new ScanCommand({ TableName: store.config.tables.responses, ExclusiveStartKey: start }),
    );
    for (const item of out.Items ?? []) {
      if (String(item.pk).startsWith(`R#${campaignId}#`)) rows.push({ u: item.u, a: item.a ?? {} });
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return rows;
}

/**
 * Counts how many roster people each stored answer is consistent with.
 * `unitsOf(u)` names the units a stored unit value covers (a key group's
 * units; `[u]` when answers carry the person's own unit).
 */
export function joinWithRoster(
  rows: ReadonlyArray<{ u: string; a: Record<string, string> }>,
  roster: readonly RosterPerson[],
  unitsOf: (u: string) => readonly string[],
  k: number,
): JoinCounts {
  const byUnit = new Map<string, RosterPerson[]>();
  for (const p of roster) {
    const list = byUnit.get(p.unitCode) ?? [];
    list.push(p);
    byUnit.set(p.unitCode, list);
  }
  const out: JoinCounts = { responses: rows.length, pinned: 0, twoOrFewer: 0, belowK: 0, smallest: Infinity };
  for (const row of rows) {
    let n = 0;
    for (const unit of unitsOf(row.u)) {
      for (const p of byUnit.get(unit) ?? []) {
        if (ATTRIBUTES.every((a) => row.a[a] === undefined || p[a] === undefined || p[a] === row.a[a])) n++;
      }
    }
    if (n <= 1) out.pinned++;
    if (n <= 2) out.twoOrFewer++;
    if (n < k) out.belowK++;
    out.smallest = Math.min(out.smallest, n);
  }
  return out;
}
