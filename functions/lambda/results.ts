import { createAwsStore } from './aws-deps';
import type { ScheduledEvent } from './events';
import { log } from './log';
import { computePendingResults, type ResultsOutcome } from './pending-results';

/**
 * The results function, run by an EventBridge schedule: computes the results
 * of campaigns closed since its last run. The only function allowed to read
 * the responses table.
 */
let store: ReturnType<typeof createAwsStore> | undefined;

export async function handler(_event: ScheduledEvent): Promise<ResultsOutcome> {
  store ??= createAwsStore('results');
  const outcome = await computePendingResults(store, new Date());
  if (outcome.computed.length + outcome.failed.length > 0) {
    log('info', 'results_run', { computed: outcome.computed.length, failed: outcome.failed.length });
  }
  // A failure shows in the function's error metric; the next run tries again.
  if (outcome.failed.length > 0) throw new Error(`results failed for ${outcome.failed.join(', ')}`);
  return outcome;
}
