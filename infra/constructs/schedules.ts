import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
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
 * A missed run is simply made up by the next one, so EventBridge does not retry.
 */
export class Schedules extends Construct {
  readonly scheduler: KoeFunction;
  readonly results: KoeFunction;

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

    for (const [name, fn, every] of [
      ['SchedulerEvery', this.scheduler, props.schedulerEvery],
      ['ResultsEvery', this.results, props.resultsEvery],
    ] as const) {
      fn.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });
      new Rule(this, name, {
        description: `koe: runs the ${fn.node.id.toLowerCase()} function`,
        schedule: Schedule.rate(every),
        targets: [new LambdaFunction(fn.function, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
      });
    }
  }
}
