import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebAcl } from './constructs/web-acl';
import type { StackInputs } from './inputs';

export interface KoeEdgeStackProps extends StackProps {
  inputs: StackInputs;
}

/**
 * The web ACL in front of CloudFront. WAF keeps CloudFront web ACLs in
 * us-east-1 only, so they get their own small stack there; the main stack
 * stays environment-agnostic (it synthesises offline, for any region) and
 * takes the ACL's ARN as an input (`-c webAclArn=…`, docs/DEPLOY.md). A
 * cross-region reference would need the main stack's region fixed at synth.
 */
export class KoeEdgeStack extends Stack {
  readonly webAcl: WebAcl;

  constructor(scope: Construct, id: string, props: KoeEdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: 'us-east-1' } });
    this.webAcl = new WebAcl(this, 'WebAcl', {
      signInLimit: props.inputs.wafSignInLimit,
      publicLimit: props.inputs.wafPublicLimit,
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.webAcl.acl.attrArn,
      description: 'deploy the main stack with -c webAclArn=<this>',
    });
  }
}
