import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stackInputsFrom, stackNameOf } from './inputs';
import { KoeStack } from './koe-stack';

/**
 * The CDK app: the stack for the stage in context, checked by cdk-nag's
 * AwsSolutions rules at synthesis. Tests build it the same way.
 */
export function koeApp(props: AppProps = {}): { app: App; stack: KoeStack } {
  const app = new App(props);
  const inputs = stackInputsFrom((key) => app.node.tryGetContext(key));
  const stack = new KoeStack(app, stackNameOf(inputs), {
    inputs,
    description: `koe (声): anonymous staff surveys — ${inputs.stage}`,
  });
  Tags.of(app).add('app', 'koe');
  Tags.of(app).add('stage', inputs.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
