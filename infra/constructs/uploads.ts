import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { grant, uploadStatements } from '../permissions';

/**
 * Large roster uploads (issue 16): the console PUTs the file to a presigned
 * URL the admin function signs (functions/uploads/s3-upload-store.ts), so a
 * roster over Lambda's 6 MB payload never passes through the API; the import
 * streams it back and deletes it. Private, S3-managed encryption, TLS only,
 * no public access, and every object expires after a day whatever happens.
 * Only the admin function may touch it, on its `roster-uploads/` prefix
 * (infra/permissions.ts uploadStatements).
 */
export class Uploads extends Construct {
  readonly bucket: Bucket;
  /** The origin the console PUTs to: the page policy's connect-src must name it. */
  readonly origin: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Nothing here outlives a day: the bucket may go with the stack once empty.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.origin = `https://${this.bucket.bucketRegionalDomainName}`;
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs record the address of every request (DESIGN §3: koe keeps no IP); objects live a day at most, are reached only through URLs the admin function signs, and every act on a roster is in the audit log.',
    });
  }

  /** The admin function's grant: sign, read back and delete uploads on the `roster-uploads/` prefix only. */
  grantAdmin(role: Role): void {
    grant(role, uploadStatements(this.bucket));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/roster-uploads/*]`,
      reason:
        'Each upload is a fresh random key under roster-uploads/ in this bucket: the prefix is the narrowest grant.',
    });
  }

  /**
   * Lets the console PUT to presigned URLs (nothing else cross-origin): from
   * the custom domain when there is one; otherwise from any origin, since the
   * distribution's own address would make a cycle (its page policy names this
   * bucket) and the signature, not the origin, is what admits a PUT.
   */
  allowConsole(domainName?: string): void {
    this.bucket.addCorsRule({
      allowedMethods: [HttpMethods.PUT],
      allowedOrigins: [domainName ? `https://${domainName}` : '*'],
      allowedHeaders: ['content-type'],
      maxAge: 3600,
    });
  }
}
