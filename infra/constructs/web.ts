import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, DefaultStackSynthesizer, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface WebProps {
  /** The built web app (absolute path). */
  webDir: string;
  /** Production refuses to deploy without a build; other stages deploy a placeholder page. */
  requireBuild: boolean;
  logRetention: RetentionDays;
}

/** The precompressed copies the web build writes beside its text files. */
const PRECOMPRESSED = ['*.br', '**/*.br', '*.gz', '**/*.gz'];

/** The pages every web build has. */
const PAGES = ['answer/index.html', 'console/index.html', 'feedback/index.html'];

/**
 * The web app: a private bucket (CloudFront reads it through origin access
 * control), filled from dist/web at deploy time. Hashed assets are cached for
 * a year; pages are revalidated on every load, so a deploy shows at once.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  /** Whether dist/web was there; without it a placeholder page is deployed. */
  readonly built: boolean;
  readonly #props: WebProps;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.#props = props;
    this.built = PAGES.every((page) => existsSync(path.join(props.webDir, page)));
    if (!this.built) {
      const how = 'build it first: npx vite build --config web/vite.config.ts';
      if (props.requireBuild) throw new Error(`the web app is not built in ${props.webDir}; ${how}`);
      Annotations.of(this).addWarningV2(
        'koe:web-not-built',
        `no web build in ${props.webDir}: a placeholder page will be deployed (${how})`,
      );
    }
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only build output lives here: it is deployed again with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public web build and is read by CloudFront alone (origin access control); access logs would add nothing but cost.',
    });
  }

  /** Uploads the build (or the placeholder) and invalidates CloudFront's copies of the pages. */
  publish(distribution: IDistribution): void {
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'koe: copies the web build into its bucket',
    });
    const logGroup = new LogGroup(this, 'DeployLogs', {
      retention: this.#props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, role, logGroup, prune: false, memoryLimit: 512 };

    let pages: ISource[];
    if (this.built) {
      // The build's .br/.gz copies serve `npm start` only (web/vite.config.ts): CloudFront compresses
      // by itself (front-door.ts, `compress: true`), so they are not uploaded as objects of their own.
      const build = Source.asset(this.#props.webDir, { exclude: ['.vite', '.vite/**', ...PRECOMPRESSED] });
      const assets = new BucketDeployment(this, 'Assets', {
        ...common,
        sources: [build],
        exclude: ['*'],
        include: ['assets/*'],
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      });
      pages = [build];
      const deployPages = new BucketDeployment(this, 'Pages', {
        ...common,
        sources: pages,
        exclude: ['assets/*'],
        cacheControl: [CacheControl.noCache()],
        distribution,
        distributionPaths: ['/*'],
      });
      // New pages may name new assets: the assets go first.
      deployPages.node.addDependency(assets);
    } else {
      const placeholder =
        '<!doctype html><meta charset="utf-8"><title>koe</title><p>The web app was not built for this deployment.</p>';
      new BucketDeployment(this, 'Pages', {
        ...common,
        sources: PAGES.map((page) => Source.data(page, placeholder)),
        cacheControl: [CacheControl.noCache()],
        distribution,
        distributionPaths: ['/*'],
      });
    }
    this.#acknowledgeDeploymentMachinery(role);
  }

  #acknowledgeDeploymentMachinery(role: Role): void {
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: 'CDK BucketDeployment reads the staged asset and lists buckets with these actions.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: 'CDK BucketDeployment reads the staged build and the current objects.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:List*]',
        reason: 'CDK BucketDeployment lists the staging and web buckets to copy the build.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        reason: 'CDK BucketDeployment may replace objects of the web bucket, which holds only the build.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
        reason: 'CDK BucketDeployment aborts failed multipart uploads into the web bucket.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
        reason: 'The deployment writes any object of the web bucket, which holds only the build.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${bootstrapQualifier(this)}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        reason: 'The deployment reads the build from the CDK asset bucket, where CDK names the object.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CloudFront invalidations cannot be scoped to a distribution ARN in CDK BucketDeployment; the role can only create and read invalidations.',
      },
    );
    // The deployment and bucket-emptying handlers are CDK singletons at the stack's root.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-L1',
          reason:
            'CDK BucketDeployment picks the runtime of its own handler; it runs only during deployments.',
        });
      }
      if (child.node.id.startsWith('Custom::S3AutoDeleteObjects')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'CDK’s bucket-emptying handler (web bucket only) comes with this policy; it runs only when the stack is deleted.',
        });
      }
    }
  }
}

/** The account's CDK bootstrap qualifier, as CDK's synthesizer reads it from context. */
function bootstrapQualifier(scope: Construct): string {
  return (
    scope.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER
  );
}
