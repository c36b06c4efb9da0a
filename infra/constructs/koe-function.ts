import path from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES, LAMBDA_RUNTIME, type LambdaName, nodejsBundling, PROJECT_ROOT } from '../bundling';

/** The CloudWatch namespace of koe's own metrics (Submissions, TokensIssued, ResultsComputed…). */
export const KOE_METRICS_NAMESPACE = 'koe';

export interface KoeFunctionProps {
  name: LambdaName;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  retainLogs: boolean;
}

/**
 * One of koe's functions: its own role (no managed policy; permissions are
 * added statement by statement, infra/permissions.ts), its own log group with
 * a retention, Node.js on arm64, bundled by esbuild with the shared settings.
 */
export class KoeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: KoeFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `koe ${props.name} function`,
    });
    // CreateLogStream and PutLogEvents on this function's log group only.
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, LAMBDA_ENTRIES[props.name]),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // The source map ships beside the bundle but is not loaded: --enable-source-maps
      // (NODE_OPTIONS) parses it at start and more than doubles the module init time.
      // Set it on a function while investigating a stack trace (docs/DEPLOY.md).
      environment: {
        // Powertools (functions/lambda/observability.ts): the service in every log line and
        // metric dimension, and the namespace of the metrics (embedded metric format, no API calls).
        POWERTOOLS_SERVICE_NAME: `koe-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: KOE_METRICS_NAMESPACE,
        ...props.environment,
      },
      bundling: nodejsBundling(props.name),
    });
  }
}
