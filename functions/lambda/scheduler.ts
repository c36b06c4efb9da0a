import { createAwsDeps } from './aws-deps';
import { once } from './once';
import { applyCampaignSchedule, type ScheduleOutcome } from './campaign-schedule';
import type { ScheduledEvent } from './events';
import { sweepMoveBoxes } from '../services/move';
import { jobError, log } from './log';

/**
 * The scheduler function, run by an EventBridge schedule every few minutes:
 * opens campaigns at their `opensAt` and closes them at their `closesAt`.
 */
const deps = once(() => createAwsDeps('scheduler'));

export async function handler(_event: ScheduledEvent): Promise<ScheduleOutcome> {
  const now = new Date();
  const outcome = await applyCampaignSchedule(await deps(), now);
  // Moving boxes nobody took: a failure here waits for the next run and does not hold up the campaigns.
  await sweepMoveBoxes(await deps(), now).catch((err) => log('error', 'move_sweep_failed', jobError(err)));
  // A failure shows in the function's error metric; the next run tries again.
  if (outcome.failed.length > 0) throw new Error(`scheduling failed for ${outcome.failed.join(', ')}`);
  return outcome;
}
