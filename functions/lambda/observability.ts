import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Logs and metrics of koe's functions, with Powertools for AWS Lambda: one
 * JSON line per log event (`message` is the event's name), and CloudWatch
 * metrics as embedded metric format lines in the same log stream.
 *
 * Callers pass identifiers of campaigns and counts only: never a request, an
 * answer, an address or an agent (DESIGN §3). The incoming event is never
 * logged (no `logEvent`), and the Lambda context adds only the function's
 * name, version, memory, request id and cold start.
 *
 * The service name and metric namespace come from POWERTOOLS_SERVICE_NAME and
 * POWERTOOLS_METRICS_NAMESPACE (set by infra/constructs/koe-function.ts); the
 * local runtime, which sets neither, logs as `koe`.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'koe' });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'koe',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'koe',
});

/** The counts koe publishes: acts counted, never who acted (DESIGN §3). */
export type KoeMetric =
  | 'Submissions'
  | 'TokensIssued'
  | 'FeedbackPosts'
  | 'ResultsComputed'
  | 'ResultsFailed'
  | 'CampaignsOpened'
  | 'CampaignsClosed'
  | 'ScheduleFailures';

export function count(metric: KoeMetric, n = 1): void {
  if (n > 0) metrics.addMetric(metric, MetricUnit.Count, n);
}

/**
 * Writes the metrics counted during this invocation, if any (Powertools warns
 * on an empty publish). Called once at the end of every invocation.
 */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * What a scheduled job logs about a failure: name and message (`detail`:
 * `message` is the log event's name). Jobs take no
 * request input, so their messages carry identifiers and AWS errors only.
 * The HTTP path logs names only (functions/api/on-error.ts).
 */
export function jobError(err: unknown): { error: string; detail: string } {
  return err instanceof Error
    ? { error: err.name, detail: err.message.slice(0, 500) }
    : { error: typeof err, detail: '' };
}
