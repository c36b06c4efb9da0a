import * as z from 'zod';
import type { Localized } from '../i18n/localized';
import { INITIATIVE_STATUSES, type InitiativeStatus } from './schema';

/**
 * What actually happened to an initiative in a fiscal year, as HR records it
 * against the plan's status for that year (issue 15, "the plan's progress"):
 * one of the plan's own statuses, or not started (未着手).
 */
export const ACTUAL_STATUSES = [...INITIATIVE_STATUSES, 'not_started'] as const;
export const ActualStatus = z.enum(ACTUAL_STATUSES);
export type ActualStatus = z.infer<typeof ActualStatus>;

export const ACTUAL_STATUS_LABELS: Readonly<Record<ActualStatus, Localized>> = {
  implement: { ja: '実施', en: 'Implemented' },
  consider: { ja: '検討', en: 'Considered' },
  research: { ja: '研究', en: 'Researched' },
  utilize: { ja: '活用', en: 'Utilized' },
  not_started: { ja: '未着手', en: 'Not started' },
};

/**
 * How far along each status is: research comes before consideration, and
 * consideration before implementing; using (活用) an existing scheme counts
 * as implementing it.
 */
const STAGE: Readonly<Record<ActualStatus, number>> = {
  not_started: 0,
  research: 1,
  consider: 2,
  implement: 3,
  utilize: 3,
};

/** Behind schedule: what happened is an earlier stage than the plan set for that year. */
export function behindSchedule(
  planned: InitiativeStatus | undefined,
  actual: ActualStatus | undefined,
): boolean {
  if (planned === undefined || actual === undefined) return false;
  return STAGE[actual] < STAGE[planned];
}
