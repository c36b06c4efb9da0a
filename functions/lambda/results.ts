import { createAwsStore } from './aws-deps';
import type { LambdaContext, ScheduledEvent } from './events';
import { count, jobError, logger, publishMetrics } from './observability';
import { computePendingResults, type ResultsOutcome } from './pending-results';
import { runRetentionDaily } from '../services/retention';

/**
 * The results function, run by an EventBridge schedule: computes the results
 * of campaigns closed since its last run. The only function allowed to read
 * the responses table.
 */
let store: ReturnType<typeof createAwsStore> | undefined;

export async function handler(_event: ScheduledEvent, context?: LambdaContext): Promise<ResultsOutcome> {
  if (context) logger.addContext(context);
  try {
    return await run();
  } finally {
    publishMetrics();
  }
}

async function run(): Promise<ResultsOutcome> {
  store ??= createAwsStore('results');
  const now = new Date();
  const outcome = await computePendingResults(store, now);
  // Retention, at most once a day (the day is claimed first); a failure waits for tomorrow's run
  // and holds up no results (DESIGN §2 "Retention").
  const retention = await runRetentionDaily({ store }, now).catch((err) => {
    logger.error('retention_failed', jobError(err));
    return undefined;
  });
  if (retention) {
    logger.info('retention_run', {
      campaigns: retention.campaigns.length,
      responses: retention.campaigns.reduce((n, c) => n + c.responses, 0),
      years: retention.feedback.length,
      posts: retention.feedback.reduce((n, y) => n + y.posts, 0),
    });
  }
  count('ResultsComputed', outcome.computed.length);
  count('ResultsFailed', outcome.failed.length);
  if (outcome.computed.length + outcome.failed.length > 0) {
    logger.info('results_run', { computed: outcome.computed.length, failed: outcome.failed.length });
  }
  // A failure shows in the function's error metric; the next run tries again.
  if (outcome.failed.length > 0) throw new Error(`results failed for ${outcome.failed.join(', ')}`);
  return outcome;
}
