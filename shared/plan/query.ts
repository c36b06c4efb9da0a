import type { Localized } from '../i18n/localized';
import type { PillarId } from './ids';
import type {
  Initiative,
  InitiativeKind,
  InitiativeStatus,
  Plan,
  PrimaryInitiative,
  StatusesByYear,
} from './schema';
import { isRelisting, yearsOf } from './rows';

/**
 * A row as people read it: its own place in the table (id, pillar, 中項目, 小項目)
 * and the initiative's content. For a 再掲 row the content comes from the
 * initiative it re-lists, whose id is in `refersTo`.
 */
export interface ResolvedInitiative {
  id: string;
  pillarId: PillarId;
  middle: Localized;
  small: Localized;
  title: Localized;
  kind: InitiativeKind;
  statuses: StatusesByYear;
  refersTo?: string;
}

/** The plan's fiscal years, in order (e.g. 2023 … 2027). */
export function planFiscalYears(plan: Plan): number[] {
  return yearsOf(plan.fiscalYears);
}

/** The row with this id, as stored (a 再掲 row is not followed). */
export function findInitiative(plan: Plan, id: string): Initiative | undefined {
  return plan.initiatives.find((row) => row.id === id);
}

function resolveRow(plan: Plan, row: Initiative): ResolvedInitiative {
  if (!isRelisting(row)) return row;
  const target = findInitiative(plan, row.refersTo);
  if (target === undefined || isRelisting(target)) {
    throw new Error(
      `plan ${plan.id}: ${row.id} re-lists ${row.refersTo}, which is not an initiative of the plan`,
    );
  }
  return {
    id: row.id,
    pillarId: row.pillarId,
    middle: row.middle,
    small: row.small,
    title: target.title,
    kind: target.kind,
    statuses: target.statuses,
    refersTo: target.id,
  };
}

/** The row with this id, with a 再掲 row's content taken from the initiative it re-lists. */
export function resolveInitiative(plan: Plan, id: string): ResolvedInitiative | undefined {
  const row = findInitiative(plan, id);
  return row === undefined ? undefined : resolveRow(plan, row);
}

/** A pillar's rows in table order, 再掲 rows included and resolved. */
export function initiativesByPillar(plan: Plan, pillarId: PillarId): ResolvedInitiative[] {
  return plan.initiatives.filter((row) => row.pillarId === pillarId).map((row) => resolveRow(plan, row));
}

/** Each initiative once: the rows that are not 再掲. */
export function distinctInitiatives(plan: Plan): PrimaryInitiative[] {
  return plan.initiatives.filter((row): row is PrimaryInitiative => !isRelisting(row));
}

/** What the plan says for an initiative in a fiscal year; undefined for an unknown id or a year outside the plan. */
export function statusIn(plan: Plan, id: string, fiscalYear: number): InitiativeStatus | undefined {
  return resolveInitiative(plan, id)?.statuses[fiscalYear];
}
