import { createAwsDeps } from './aws-deps';
import { once } from './once';
import { applyCampaignSchedule, type ScheduleOutcome } from './campaign-schedule';
import type { LambdaContext, ScheduledEvent } from './events';
import { sweepMoveBoxes } from '../services/move';
import { count, jobError, logger, publishMetrics } from './observability';

/**
 * The scheduler function, run by an EventBridge schedule every few minutes:
 * opens campaigns at their `opensAt` and closes them at their `closesAt`.
 */
const deps = once(() => createAwsDeps('scheduler'));

export async function handler(_event: ScheduledEvent, context?: LambdaContext): Promise<ScheduleOutcome> {
  if (context) logger.addContext(context);
  try {
    return await run();
  } finally {
    publishMetrics();
  }
}

async function run(): Promise<ScheduleOutcome> {
  const now = new Date();
  const outcome = await applyCampaignSchedule(await deps(), now);
  count('CampaignsOpened', outcome.opened.length);
  count('CampaignsClosed', outcome.closed.length);
  count('ScheduleFailures', outcome.failed.length);
  // Moving boxes nobody took: a failure here waits for the next run and does not hold up the campaigns.
  await sweepMoveBoxes(await deps(), now).catch((err) => logger.error('move_sweep_failed', jobError(err)));
  // A failure shows in the function's error metric; the next run tries again.
  if (outcome.failed.length > 0) throw new Error(`scheduling failed for ${outcome.failed.join(', ')}`);
  return outcome;
}
