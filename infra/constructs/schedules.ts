import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type Access, grant, resultsStatements, schedulerStatements } from '../permissions';
import { KoeFunction } from './koe-function';
import { tableEnvironment } from './table-environment';

export interface SchedulesProps {
  access: Access;
  schedulerEvery: Duration;
  resultsEvery: Duration;
  logRetention: RetentionDays;
  retainLogs: boolean;
}

/**
 * The two scheduled functions. The scheduler opens and closes campaigns at
 * their times. The results function computes the results of campaigns that
 * closed (by HR's button or the scheduler), which are marked pending: closing
 * needs no permission to read answers or to invoke anything, and only the
 * results function can read the responses table.
 *
 * Both are safe to run twice (results once, A3; opening and closing
 * are conditional writes), so a failed run is retried twice (Lambda's
 * asynchronous retries, a minute or two apart, and EventBridge's if the
 * invocation itself fails); a run that still fails lands in the failures
 * queue, whose depth raises an alarm (infra/constructs/monitoring.ts).
 */
export class Schedules extends Construct {
  readonly scheduler: KoeFunction;
  readonly results: KoeFunction;
  /** Runs that failed after their retries: the event, the error, for 14 days. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { access } = props;
    this.scheduler = new KoeFunction(this, 'Scheduler', {
      name: 'scheduler',
      description: 'koe: opens and closes campaigns at their times',
      memorySize: 1024,
      timeout: Duration.minutes(2),
      environment: {
        ...tableEnvironment(access.data, ['directory', 'surveys', 'feedback']),
        KOE_KMS_KEY_ID: access.wrappingKey.keyArn,
      },
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
    });
    grant(this.scheduler.role, schedulerStatements(access));

    this.results = new KoeFunction(this, 'Results', {
      name: 'results',
      description: 'koe: computes the results of closed campaigns (the only reader of answers)',
      // DESIGN §7: 100,000 responses × 60 items in ≤ 512 MB; the rest is for reading speed.
      memorySize: 2048,
      timeout: Duration.minutes(5),
      // feedback: the daily retention run deletes old posts (functions/services/retention.ts).
      environment: tableEnvironment(access.data, ['directory', 'surveys', 'responses', 'feedback']),
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
    });
    grant(this.results.role, resultsStatements(access));

    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the failure destination of the scheduled functions; nothing consumes it but an operator.',
    });

    for (const [name, fn, every] of [
      ['SchedulerEvery', this.scheduler, props.schedulerEvery],
      ['ResultsEvery', this.results, props.resultsEvery],
    ] as const) {
      fn.function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10),
        onFailure: new SqsDestination(this.failures),
      });
      new Rule(this, name, {
        description: `koe: runs the ${fn.node.id.toLowerCase()} function`,
        schedule: Schedule.rate(every),
        targets: [
          new LambdaFunction(fn.function, {
            retryAttempts: 2,
            maxEventAge: Duration.minutes(10),
            deadLetterQueue: this.failures,
          }),
        ],
      });
    }
  }
}
