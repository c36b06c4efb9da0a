import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';

/**
 * The stack's inputs, from CDK context (`-c stage=prod`, `-c city=aizu`…),
 * checked with zod before any construct is made.
 */
export const StackInputs = z
  .strictObject({
    /** `prod` keeps data (retain, deletion protection) and logs longer; `dev` is disposable. */
    stage: z.enum(['dev', 'prod']),
    /** Optional short name, so one account can hold several cities: stack `koe-<city>-<stage>`. */
    city: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,23}$/, 'lower-case letters, digits and "-", 2–24 characters')
      .optional(),
    /** Optional custom domain for CloudFront, with its ACM certificate (which must be in us-east-1). */
    domainName: z
      .string()
      .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a DNS name')
      .optional(),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
        'an ACM certificate ARN in us-east-1',
      )
      .optional(),
    /** Steady request rate and burst allowed on the respondents' write routes (tokens, answers, posts). */
    publicRate: z.coerce.number().int().min(1).max(10_000).default(100),
    publicBurst: z.coerce.number().int().min(1).max(5_000).default(200),
    /**
     * The CloudFront web ACL (the `-edge` stack's output, in us-east-1):
     * CloudFront checks every request against it.
     */
    webAclArn: z
      .string()
      .regex(
        /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/,
        'a WAFv2 web ACL ARN (scope CLOUDFRONT, us-east-1)',
      )
      .optional(),
    /** Sign-in attempts one address may make in 5 minutes (WAF), and requests to /api/public/*. */
    wafSignInLimit: z.coerce.number().int().min(10).max(2_000_000_000).default(100),
    wafPublicLimit: z.coerce.number().int().min(10).max(2_000_000_000).default(10_000),
    /** Where alarms are sent (an SNS e-mail subscription, confirmed by the recipient). */
    alarmEmail: z.email().optional(),
    /** The built web app (npx vite build --config web/vite.config.ts). */
    webDir: z.string().min(1).default('dist/web'),
  })
  .refine((v) => (v.domainName === undefined) === (v.certificateArn === undefined), {
    message: 'domainName and certificateArn go together',
    path: ['certificateArn'],
  });
export type StackInputs = z.infer<typeof StackInputs>;

/** Reads the inputs from a construct tree's context; throws with every problem listed. */
export function stackInputsFrom(tryGetContext: (key: string) => unknown): StackInputs {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(StackInputs.shape)) {
    const value = tryGetContext(key);
    if (value !== undefined) raw[key] = value;
  }
  const parsed = StackInputs.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(inputs)'}: ${i.message}`);
    throw new Error(`invalid stack inputs (cdk context):\n  ${issues.join('\n  ')}`);
  }
  return parsed.data;
}

/** What follows from the stage. */
export interface StageSettings {
  /** Keep tables, the key and the logs when the stack or a resource is deleted. */
  retainData: boolean;
  logRetention: RetentionDays;
  /** How often the scheduler and the results function run. */
  schedulerEvery: Duration;
  resultsEvery: Duration;
}

export function stageSettings(inputs: StackInputs): StageSettings {
  const prod = inputs.stage === 'prod';
  return {
    retainData: prod,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    schedulerEvery: Duration.minutes(5),
    resultsEvery: Duration.minutes(2),
  };
}

export function stackNameOf(inputs: StackInputs): string {
  return inputs.city ? `koe-${inputs.city}-${inputs.stage}` : `koe-${inputs.stage}`;
}
