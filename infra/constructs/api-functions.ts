import { Duration } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  type Access,
  adminStatements,
  grant,
  invokeReportStatements,
  publicStatements,
} from '../permissions';
import { KoeFunction } from './koe-function';
import { tableEnvironment } from './table-environment';

export interface ApiFunctionsProps {
  access: Access;
  /** Where respondents open invitations (the CloudFront address or the custom domain). */
  publicUrl: string;
  logRetention: RetentionDays;
  retainLogs: boolean;
}

/**
 * The two functions behind /api: the respondents' (public) and HR's (admin),
 * the same Hono app split by `createApi(deps, parts)` so each runs with only
 * its own permissions; and the report function, which the admin function
 * invokes to render the annual report's PDF and .xlsx (it has no data access).
 */
export class ApiFunctions extends Construct {
  readonly public: KoeFunction;
  readonly admin: KoeFunction;
  readonly report: KoeFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionsProps) {
    super(scope, id);
    const { access } = props;
    this.public = new KoeFunction(this, 'Public', {
      name: 'public',
      description: 'koe respondents: public campaign, blind tokens, answers, feedback posts',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        ...tableEnvironment(access.data, ['directory', 'surveys', 'responses', 'feedback']),
        KOE_KMS_KEY_ID: access.wrappingKey.keyArn,
        ...originSecretEnvironment(access),
      },
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
    });
    grant(this.public.role, publicStatements(access));

    // Renders only: its role gets no statement beyond its log group (infra/permissions.ts).
    this.report = new KoeFunction(this, 'Report', {
      name: 'report',
      description: 'koe annual report: renders the PDF and .xlsx of a report the admin function built',
      // pdf-lib subsetting the 5.5 MB font is CPU-bound: more memory is more CPU.
      memorySize: 1769,
      // Within the admin function's 29 s, so the admin function can still answer.
      timeout: Duration.seconds(25),
      environment: {},
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
    });

    this.admin = new KoeFunction(this, 'Admin', {
      name: 'admin',
      description: 'koe HR: sign-in, organisation, roster, campaigns, invitations, results; bootstrap',
      memorySize: 1024,
      // API Gateway waits 30 s at most for an integration.
      timeout: Duration.seconds(29),
      environment: {
        ...tableEnvironment(access.data, ['directory', 'surveys', 'feedback']),
        KOE_KMS_KEY_ID: access.wrappingKey.keyArn,
        KOE_JWT_SECRET_ARN: access.sessionSecret.secretArn,
        KOE_PUBLIC_URL: props.publicUrl,
        KOE_REPORT_FUNCTION: this.report.function.functionName,
        ...originSecretEnvironment(access),
      },
      logRetention: props.logRetention,
      retainLogs: props.retainLogs,
    });
    grant(this.admin.role, adminStatements(access));
    grant(this.admin.role, invokeReportStatements(this.report.function));
  }
}

/** Where the API functions read the origin-verify secret (functions/lambda/origin-secret.ts). */
function originSecretEnvironment(access: Access): Record<string, string> {
  return access.originSecret ? { KOE_ORIGIN_SECRET_ARN: access.originSecret.secretArn } : {};
}
