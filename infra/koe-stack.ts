import path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PROJECT_ROOT } from './bundling';
import { ApiFunctions } from './constructs/api-functions';
import { Data } from './constructs/data';
import { FrontDoor } from './constructs/front-door';
import { Keys } from './constructs/keys';
import { Monitoring } from './constructs/monitoring';
import { Schedules } from './constructs/schedules';
import { Uploads } from './constructs/uploads';
import { Web } from './constructs/web';
import { type StackInputs, stageSettings } from './inputs';
import type { Access } from './permissions';

export interface KoeStackProps extends StackProps {
  inputs: StackInputs;
}

/**
 * koe on AWS: one stack of small constructs, one concern each. No account or
 * region is fixed (environment-agnostic), so it synthesises offline.
 */
export class KoeStack extends Stack {
  readonly data: Data;
  readonly keys: Keys;
  readonly web: Web;
  readonly frontDoor: FrontDoor;
  readonly api: ApiFunctions;
  readonly schedules: Schedules;
  readonly monitoring: Monitoring;
  readonly uploads: Uploads;

  constructor(scope: Construct, id: string, props: KoeStackProps) {
    super(scope, id, props);
    const { inputs } = props;
    const stage = stageSettings(inputs);
    const logs = { logRetention: stage.logRetention, retainLogs: stage.retainData };

    this.data = new Data(this, 'Data', { retain: stage.retainData });
    this.keys = new Keys(this, 'Keys', { retain: stage.retainData });
    const access: Access = {
      data: this.data,
      wrappingKey: this.keys.wrappingKey,
      sessionSecret: this.keys.sessionSecret,
      originSecret: this.keys.originSecret,
    };

    this.web = new Web(this, 'Web', {
      webDir: path.resolve(PROJECT_ROOT, inputs.webDir),
      requireBuild: inputs.stage === 'prod',
      logRetention: stage.logRetention,
    });
    this.uploads = new Uploads(this, 'Uploads');
    this.frontDoor = new FrontDoor(this, 'FrontDoor', {
      connectSources: [this.uploads.origin],
      webBucket: this.web.bucket,
      originSecret: this.keys.originSecret,
      ...(inputs.webAclArn ? { webAclArn: inputs.webAclArn } : {}),
      publicThrottle: { rateLimit: inputs.publicRate, burstLimit: inputs.publicBurst },
      ...(inputs.domainName ? { domainName: inputs.domainName } : {}),
      ...(inputs.certificateArn ? { certificateArn: inputs.certificateArn } : {}),
      ...logs,
    });
    this.api = new ApiFunctions(this, 'Api', { access, publicUrl: this.frontDoor.url, ...logs });
    // Large roster uploads: presigned PUTs from the console, read back and deleted by the admin function.
    this.uploads.allowConsole(inputs.domainName);
    this.uploads.grantAdmin(this.api.admin.role);
    this.api.admin.function.addEnvironment('KOE_UPLOAD_BUCKET', this.uploads.bucket.bucketName);
    this.frontDoor.addRoutes({ public: this.api.public.function, admin: this.api.admin.function });
    this.schedules = new Schedules(this, 'Schedules', {
      access,
      schedulerEvery: stage.schedulerEvery,
      resultsEvery: stage.resultsEvery,
      ...logs,
    });
    this.web.publish(this.frontDoor.distribution);
    // Answers: only the functions that use the responses table may use its key.
    this.data.restrictResponsesKey([this.api.public.role, this.schedules.results.role]);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: {
        public: this.api.public.function,
        admin: this.api.admin.function,
        scheduler: this.schedules.scheduler.function,
        results: this.schedules.results.function,
        report: this.api.report.function,
      },
      api: this.frontDoor.api,
      accessLogs: this.frontDoor.accessLogs,
      tables: this.data.tables,
      failures: this.schedules.failures,
      ...(inputs.alarmEmail ? { alarmEmail: inputs.alarmEmail } : {}),
    });

    new CfnOutput(this, 'Url', { value: this.frontDoor.url, description: 'koe (HR console: /console/)' });
    new CfnOutput(this, 'AdminFunctionName', {
      value: this.api.admin.function.functionName,
      description: 'invoke with {"action":"bootstrap",…} to create the first admin (docs/DEPLOY.md)',
    });
    new CfnOutput(this, 'ApiEndpoint', { value: this.frontDoor.api.apiEndpoint });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: 'subscribe on-call addresses here (or deploy with -c alarmEmail=…)',
    });
  }
}
