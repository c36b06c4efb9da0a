import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { KoeEdgeStack } from './edge-stack';
import { stackInputsFrom, stackNameOf } from './inputs';
import { KoeStack } from './koe-stack';

/**
 * The CDK app: the stack for the stage in context, and its `-edge` stack in
 * us-east-1 (the CloudFront web ACL, deployed first: docs/DEPLOY.md), checked
 * by cdk-nag's AwsSolutions rules at synthesis. Tests build it the same way.
 * The bootstrap qualifier comes from context (`-c
 * @aws-cdk/core:bootstrapQualifier=…`), which CDK's synthesizer reads.
 */
export function koeApp(props: AppProps = {}): { app: App; stack: KoeStack; edge: KoeEdgeStack } {
  const app = new App(props);
  const inputs = stackInputsFrom((key) => app.node.tryGetContext(key));
  const name = stackNameOf(inputs);
  const edge = new KoeEdgeStack(app, `${name}-edge`, {
    inputs,
    description: `koe (声): web ACL for CloudFront — ${inputs.stage}`,
  });
  const stack = new KoeStack(app, name, {
    inputs,
    description: `koe (声): anonymous staff surveys — ${inputs.stage}`,
  });
  Tags.of(app).add('app', 'koe');
  Tags.of(app).add('stage', inputs.stage);
  // A cost-allocation tag (activate it in Billing) so a city's bill can be read on its own.
  if (inputs.city) Tags.of(app).add('city', inputs.city);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, edge };
}
