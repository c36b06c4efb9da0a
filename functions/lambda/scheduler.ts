import { createAwsDeps } from './aws-deps';
import { once } from './once';
import { applyCampaignSchedule, type ScheduleOutcome } from './campaign-schedule';
import type { ScheduledEvent } from './events';

/**
 * The scheduler function, run by an EventBridge schedule every few minutes:
 * opens campaigns at their `opensAt` and closes them at their `closesAt`.
 */
const deps = once(() => createAwsDeps('scheduler'));

export async function handler(_event: ScheduledEvent): Promise<ScheduleOutcome> {
  const outcome = await applyCampaignSchedule(await deps(), new Date());
  // A failure shows in the function's error metric; the next run tries again.
  if (outcome.failed.length > 0) throw new Error(`scheduling failed for ${outcome.failed.join(', ')}`);
  return outcome;
}
