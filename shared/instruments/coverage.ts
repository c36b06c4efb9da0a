import type { Localized } from '../i18n/localized';
import { distinctInitiatives, findInitiative, isRelisting, type Plan, type PrimaryInitiative } from '../plan';
import type { Construct } from './schema';

/**
 * Which of a plan's initiatives the survey measures, through which
 * constructs (each construct is one dashboard indicator), and which it
 * deliberately does not, with the reason. docs/COVERAGE.md is rendered from
 * this (scripts/coverage-doc.ts).
 */
export interface PlanCoverage {
  /** Initiatives named by at least one construct, in plan order, with those constructs in bank order. */
  measured: Array<{ initiative: PrimaryInitiative; constructs: Construct[] }>;
  /** Initiatives deliberately not measured, in plan order, with the reason. */
  notMeasured: Array<{ initiative: PrimaryInitiative; reason: Localized }>;
  /** What does not add up: an initiative neither measured nor explained, both, or an id that is no initiative. */
  problems: string[];
}

export function planCoverage(
  plan: Plan,
  constructs: readonly Construct[],
  notMeasured: Readonly<Record<string, Localized>>,
): PlanCoverage {
  const problems: string[] = [];
  const byInitiative = new Map<string, Construct[]>();
  for (const c of constructs) {
    for (const id of c.initiatives) {
      const row = findInitiative(plan, id);
      if (!row) problems.push(`construct ${c.id} names ${id}, which is not in plan ${plan.id}`);
      else if (isRelisting(row))
        problems.push(`construct ${c.id} names ${id}, a 再掲 row: name ${row.refersTo}`);
      byInitiative.set(id, [...(byInitiative.get(id) ?? []), c]);
    }
  }
  for (const id of Object.keys(notMeasured)) {
    const row = findInitiative(plan, id);
    if (!row) problems.push(`${id} is listed as not measured but is not in plan ${plan.id}`);
    else if (isRelisting(row))
      problems.push(`${id} is listed as not measured but is a 再掲 row of ${row.refersTo}`);
  }
  const out: PlanCoverage = { measured: [], notMeasured: [], problems };
  for (const initiative of distinctInitiatives(plan)) {
    const measuring = byInitiative.get(initiative.id);
    const reason = notMeasured[initiative.id];
    if (measuring && reason) {
      problems.push(
        `${initiative.id} is measured by ${measuring.map((c) => c.id).join(', ')} and also listed as not measured: remove it from the list`,
      );
    }
    if (measuring) out.measured.push({ initiative, constructs: measuring });
    else if (reason) out.notMeasured.push({ initiative, reason });
    else
      problems.push(
        `${initiative.id} is neither measured by a construct nor listed as not measured, with a reason`,
      );
  }
  return out;
}
