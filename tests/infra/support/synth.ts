import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { LambdaName } from '../../../infra/bundling';
import type { TableKey } from '../../../infra/constructs/data';
import { PROJECT_ROOT } from '../../../infra/bundling';
import { koeApp } from '../../../infra/koe-app';
import type { KoeEdgeStack } from '../../../infra/edge-stack';
import type { KoeStack } from '../../../infra/koe-stack';
import type { Statement } from './iam';

/** A synthesized CloudFormation template. */
export type TemplateJson = { Resources: Record<string, any>; Outputs?: Record<string, any> };

export interface Synthesized {
  stack: KoeStack;
  template: Template;
  json: TemplateJson;
  /** The `-edge` stack (us-east-1): the CloudFront web ACL. */
  edge: { stack: KoeEdgeStack; json: TemplateJson };
  /** Logical ids of the five functions, their roles and the tables. */
  ids: {
    functions: Record<LambdaName, string>;
    roles: Record<LambdaName, string>;
    tables: Record<TableKey, string>;
  };
}

/** cdk.json's context (the stage default and the feature flags), as the CLI passes it to the app. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8'),
).context;

/**
 * The stack as `cdk synth -c stage=…` makes it (cdk-nag included), except
 * that the functions are not bundled: template tests do not need the code,
 * and the bundle test and the CLI synthesis test build it for real.
 */
export function synthesize(context: Record<string, string>): Synthesized {
  const outdir = temporaryDir('koe-synth-');
  const { stack, edge } = koeApp({
    context: { ...CDK_JSON_CONTEXT, ...context, 'aws:cdk:bundling-stacks': [] },
    outdir,
  });
  const template = Template.fromStack(stack);
  const id = (c: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(c.node.defaultChild as CfnResource);
  const fns = {
    public: stack.api.public,
    admin: stack.api.admin,
    results: stack.schedules.results,
    scheduler: stack.schedules.scheduler,
    report: stack.api.report,
  };
  const map = <T, K extends string>(o: Record<K, T>, f: (v: T) => string) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v as T)])) as Record<K, string>;
  return {
    stack,
    template,
    json: template.toJSON() as TemplateJson,
    edge: { stack: edge, json: Template.fromStack(edge).toJSON() as TemplateJson },
    ids: {
      functions: map(fns, (f) => id(f.function)),
      roles: map(fns, (f) => id(f.role)),
      tables: map(stack.data.tables, (t) => id(t)),
    },
  };
}

const made: string[] = [];

/** A temporary folder removed by `removeTemporaryDirs`. */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTemporaryDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every statement of the inline policies attached to a role. */
export function statementsOfRole(json: TemplateJson, roleId: string): Statement[] {
  const out: Statement[] = [];
  for (const r of Object.values(json.Resources)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    if (!r.Properties.Roles.some((ref: { Ref?: string }) => ref.Ref === roleId)) continue;
    out.push(...r.Properties.PolicyDocument.Statement);
  }
  return out;
}
