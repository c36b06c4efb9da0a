import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface KeysProps {
  retain: boolean;
}

/**
 * The secrets koe keeps on AWS: a KMS key that wraps the unit private keys and
 * the invitation and feedback secrets (DESIGN §3), with yearly rotation; the
 * key that signs HR's sessions and the origin-verify header value, in
 * Secrets Manager (generated at deploy, never in the repository).
 */
export class Keys extends Construct {
  readonly wrappingKey: Key;
  readonly sessionSecret: Secret;
  readonly originSecret: Secret;

  constructor(scope: Construct, id: string, props: KeysProps) {
    super(scope, id);
    this.wrappingKey = new Key(this, 'WrappingKey', {
      description: 'koe: wraps unit private keys and invitation secrets (encryption context "koe")',
      alias: `alias/${Stack.of(this).stackName}/wrapping`,
      enableKeyRotation: true,
      // Losing this key loses every wrapped key with it: keep it in production.
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      pendingWindow: props.retain ? Duration.days(30) : Duration.days(7),
    });
    this.sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'koe: signs HR sign-in sessions (HS256); read by the admin function only',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudFront sends it to the API as a header; the API refuses requests without it.
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'koe: the header CloudFront adds to API requests; read by the public and admin functions',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value at deploy (a dynamic reference in its origin headers): rotating means a new value and a redeploy (docs/DEPLOY.md), which a rotation function cannot do; the functions re-read it every 5 minutes.',
    });
    Validations.of(this.sessionSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the session key signs every HR user out, and the admin function caches it until its next cold start; it is rotated by hand (docs/DEPLOY.md) rather than by a rotation function.',
    });
  }
}
