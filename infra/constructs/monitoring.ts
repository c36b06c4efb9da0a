import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface MonitoringProps {
  functions: Record<string, IFunction>;
  api: HttpApi;
  /** API Gateway's access log (infra/constructs/front-door.ts): its status field counts the 429s. */
  accessLogs: ILogGroup;
  tables: Record<string, TableV2>;
  /** Scheduled runs that failed after their retries (infra/constructs/schedules.ts). */
  failures: Queue;
  /** Where the alarms are sent; none: the topic has no subscriber until one is added. */
  alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The DynamoDB operations koe's store uses (functions/store/). */
const KOE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.SCAN,
];

/**
 * Alarms on one SNS topic, and a dashboard: each function's errors and
 * throttles, the API's 5xx and 429s, DynamoDB throttling and system errors,
 * and scheduled runs that failed for good (the failures queue). Plain L2
 * alarms: cdk-monitoring-constructs would add a facade and its own naming for
 * the same alarms, and nothing here needs its anomaly or SLO features.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      displayName: 'koe alarms',
      enforceSSL: true,
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries CloudWatch alarm notices only (an alarm name, a metric, a count; never an answer, a person or an address); encrypting it would need a key of its own that CloudWatch may use.',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    const lambdaWidgets: GraphWidget[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
      const throttles = fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
      const title = name[0]!.toUpperCase() + name.slice(1);
      alarm(`${title}Errors`, errors, 1, `koe ${name} function: failed invocations in 5 minutes`);
      alarm(`${title}Throttles`, throttles, 1, `koe ${name} function: throttled invocations in 5 minutes`);
      lambdaWidgets.push(
        new GraphWidget({
          title: `${name}: invocations, errors, throttles`,
          left: [fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }), errors, throttles],
          right: [fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' })],
        }),
      );
    }

    const apiMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.api.apiId },
        period: FIVE_MINUTES,
        statistic: 'Sum',
      });
    const server = apiMetric('5xx');
    alarm('Api5xx', server, 5, 'koe API: 5 or more server errors (5xx) in 5 minutes');
    // HTTP APIs count 4xx together; the access log's status tells the 429s
    // (API Gateway's route throttles and sign-in limits) apart.
    const stack = Stack.of(this);
    // One namespace per stack: two stages (or cities) in one account and region never mix.
    const namespace = `koe/${stack.stackName}`;
    new MetricFilter(this, 'Api429Filter', {
      logGroup: props.accessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: namespace,
      metricName: 'Api429',
      metricValue: '1',
    });
    const throttled = new Metric({
      namespace,
      metricName: 'Api429',
      period: FIVE_MINUTES,
      statistic: 'Sum',
      label: `${stack.stackName} 429s`,
    });
    alarm('Api429', throttled, 100, 'koe API: 100 or more requests refused with 429 in 5 minutes');

    const tableWidgets: GraphWidget[] = [];
    for (const [name, table] of Object.entries(props.tables)) {
      const title = name[0]!.toUpperCase() + name.slice(1);
      const throttles = new MathExpression({
        expression: 'r + w',
        usingMetrics: {
          r: table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
          w: table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: `${name} throttled requests`,
        period: FIVE_MINUTES,
      });
      // An alarm's expression takes 10 metrics at most: the operations koe uses.
      const systemErrors = table.metricSystemErrorsForOperations({
        period: FIVE_MINUTES,
        operations: KOE_OPERATIONS,
      });
      alarm(
        `${title}TableThrottles`,
        throttles,
        1,
        `koe ${name} table: throttled reads or writes in 5 minutes`,
      );
      alarm(
        `${title}TableSystemErrors`,
        systemErrors,
        1,
        `koe ${name} table: DynamoDB system errors in 5 minutes`,
      );
      tableWidgets.push(
        new GraphWidget({
          title: `${name} table: capacity used, throttles, system errors`,
          left: [
            table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum' }),
            table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum' }),
          ],
          right: [throttles, systemErrors],
        }),
      );
    }

    const failed = props.failures.metricApproximateNumberOfMessagesVisible({
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    alarm(
      'ScheduledRunFailed',
      failed,
      1,
      'koe scheduler or results function: a run failed after its retries (see the failures queue); campaigns may not open, close or get results',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(6) });
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'koe alarms', alarms: this.alarms, width: 24 }));
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API: requests, 4xx, 5xx, 429',
        left: [apiMetric('Count'), apiMetric('4xx'), server, throttled],
        right: [apiMetric('Latency').with({ statistic: 'p99' })],
        width: 24,
      }),
    );
    this.dashboard.addWidgets(...lambdaWidgets);
    this.dashboard.addWidgets(...tableWidgets);
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Scheduled runs that failed (failures queue)', left: [failed], width: 24 }),
    );
  }
}
