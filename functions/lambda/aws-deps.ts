import * as z from 'zod';
import { type AppDeps, defaultLimits } from '../deps';
import { S3UploadStore } from '../uploads/s3-upload-store';
import { createKmsApi, type KeyWrapper, KmsKeyWrapper, LocalFileKeyWrapper } from '../crypto';
import { createStore, type Store, type StoreConfig } from '../store';
import { type InvokeReport, lambdaInvoker, remoteReportRenderer } from './report-client';

/**
 * Everything koe's Lambda functions share on AWS, in one place: configuration
 * from the environment (checked with zod), the DynamoDB store, the KMS key
 * wrapper and the session-signing secret from Secrets Manager (read by
 * session-secret.ts, which only the admin function loads).
 *
 * Nothing here runs at import: each function builds its dependencies on its
 * first invocation (`once`), so module initialisation stays fast.
 *
 * Each function gets only what it needs (see `NEEDS`). A table a function has
 * no permission for is given a name that exists nowhere, so a call that should
 * never happen fails loudly instead of reaching a table by a default name.
 */

/** The functions that use the store (the fifth, `report`, only renders: functions/lambda/report.ts). */
export type FunctionName = 'public' | 'admin' | 'results' | 'scheduler';

type TableKey = keyof StoreConfig['tables'];

interface Needs {
  tables: TableKey[];
  /** Unit keys and invitation secrets are wrapped with KMS. */
  keys: boolean;
  /** The session-signing secret (sign-in and the HR routes). */
  sessionSecret: boolean;
  /** Invitation links need the public address of the web app. */
  publicUrl: boolean;
}

export const NEEDS: Record<FunctionName, Needs> = {
  public: {
    tables: ['directory', 'surveys', 'responses', 'feedback'],
    keys: true,
    sessionSecret: false,
    publicUrl: false,
  },
  admin: { tables: ['directory', 'surveys', 'feedback'], keys: true, sessionSecret: true, publicUrl: true },
  results: {
    // feedback: retention deletes old posts after freezing their counts (services/retention.ts).
    tables: ['directory', 'surveys', 'responses', 'feedback'],
    keys: false,
    sessionSecret: false,
    publicUrl: false,
  },
  scheduler: {
    tables: ['directory', 'surveys', 'feedback'],
    keys: true,
    sessionSecret: false,
    publicUrl: false,
  },
};

/** The table name given to a function for a table it may not use. */
export const NO_TABLE = 'koe-table-not-granted-to-this-function';

const TableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name');

export const LambdaEnv = z.object({
  AWS_REGION: z.string().min(1).default('ap-northeast-1'),
  TABLE_DIRECTORY: TableName.optional(),
  TABLE_SURVEYS: TableName.optional(),
  TABLE_RESPONSES: TableName.optional(),
  TABLE_FEEDBACK: TableName.optional(),
  /** The KMS key (ARN) that wraps unit keys and invitation secrets. */
  KOE_KMS_KEY_ID: z.string().min(1).optional(),
  /** The Secrets Manager secret (ARN) holding the session-signing key. */
  KOE_JWT_SECRET_ARN: z.string().min(1).optional(),
  /** Where respondents open invitations, e.g. https://d1234.cloudfront.net */
  KOE_PUBLIC_URL: z.url({ protocol: /^https$/ }).optional(),
  /** The private bucket large roster uploads go to (admin function only; infra/constructs/uploads.ts). */
  KOE_UPLOAD_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name')
    .optional(),
  /** The report function the admin function asks for the annual report's PDF and .xlsx (name or ARN). */
  KOE_REPORT_FUNCTION: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,170}$/, 'a Lambda function name or ARN')
    .optional(),
  KOE_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(24 * 60 * 60)
    .default(8 * 60 * 60),
  /** Test overrides, accepted only with a loopback DYNAMODB_ENDPOINT (see `lambdaSettings`). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  KOE_LOCAL_KEY_DIR: z.string().min(1).optional(),
  KOE_JWT_SECRET: z.string().min(32, 'KOE_JWT_SECRET needs at least 32 characters').optional(),
});
export type LambdaSettings = z.infer<typeof LambdaEnv>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Reads and checks the environment of one function.
 *
 * `KOE_LOCAL_KEY_DIR` (a local key file instead of KMS) and `KOE_JWT_SECRET`
 * (a literal secret instead of Secrets Manager) exist for the bundle tests
 * only. They are refused unless `DYNAMODB_ENDPOINT` points at a loopback
 * address, so they can never be combined with real tables: a function on AWS
 * with them set fails at its first invocation instead of weakening anything.
 */
export function lambdaSettings(name: FunctionName, env: NodeJS.ProcessEnv = process.env): LambdaSettings {
  const parsed = LambdaEnv.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`koe ${name} function: invalid environment: ${issues}`);
  }
  const settings = parsed.data;
  const overrides = settings.KOE_LOCAL_KEY_DIR !== undefined || settings.KOE_JWT_SECRET !== undefined;
  if (overrides) {
    const host = settings.DYNAMODB_ENDPOINT ? new URL(settings.DYNAMODB_ENDPOINT).hostname : undefined;
    if (!host || !LOOPBACK.has(host)) {
      throw new Error(
        'KOE_LOCAL_KEY_DIR and KOE_JWT_SECRET are test overrides: they are accepted only with DYNAMODB_ENDPOINT on a loopback address',
      );
    }
  }
  const needs = NEEDS[name];
  const missing: string[] = [];
  for (const table of needs.tables) if (!settings[tableVariable[table]]) missing.push(tableVariable[table]);
  if (needs.keys && !settings.KOE_KMS_KEY_ID && !settings.KOE_LOCAL_KEY_DIR) missing.push('KOE_KMS_KEY_ID');
  if (needs.sessionSecret && !settings.KOE_JWT_SECRET_ARN && !settings.KOE_JWT_SECRET) {
    missing.push('KOE_JWT_SECRET_ARN');
  }
  if (needs.publicUrl && !settings.KOE_PUBLIC_URL) missing.push('KOE_PUBLIC_URL');
  if (missing.length > 0) throw new Error(`koe ${name} function: missing ${missing.join(', ')}`);
  return settings;
}

const tableVariable = {
  directory: 'TABLE_DIRECTORY',
  surveys: 'TABLE_SURVEYS',
  responses: 'TABLE_RESPONSES',
  feedback: 'TABLE_FEEDBACK',
} as const satisfies Record<TableKey, keyof LambdaSettings>;

export function storeConfigFor(name: FunctionName, settings: LambdaSettings): StoreConfig {
  const granted = new Set(NEEDS[name].tables);
  const table = (key: TableKey) => (granted.has(key) ? settings[tableVariable[key]]! : NO_TABLE);
  return {
    region: settings.AWS_REGION,
    ...(settings.DYNAMODB_ENDPOINT ? { endpoint: settings.DYNAMODB_ENDPOINT } : {}),
    tables: {
      directory: table('directory'),
      surveys: table('surveys'),
      responses: table('responses'),
      feedback: table('feedback'),
    },
  };
}

/** For a function with no key access: any use is a programming error. */
const noKeys: KeyWrapper = {
  wrap: () => Promise.reject(new Error('this function has no access to the key-wrapping key')),
  unwrap: () => Promise.reject(new Error('this function has no access to the key-wrapping key')),
};

export function keyWrapperFor(name: FunctionName, settings: LambdaSettings): KeyWrapper {
  if (!NEEDS[name].keys) return noKeys;
  if (settings.KOE_LOCAL_KEY_DIR) return new LocalFileKeyWrapper(settings.KOE_LOCAL_KEY_DIR);
  return new KmsKeyWrapper(createKmsApi(settings.KOE_KMS_KEY_ID!, { region: settings.AWS_REGION }));
}

export interface AwsDepsOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * Reads the session-signing secret by its ARN (functions/lambda/session-secret.ts,
   * Powertools Parameters); given by the function that signs sessions.
   */
  sessionSecret?: (secretId: string) => Promise<string>;
  /** Invokes the report function (default: the AWS SDK's Lambda client); tests pass one that runs it in process. */
  invokeReport?: InvokeReport;
}

/** The store alone, for functions that need nothing else. */
export function createAwsStore(name: FunctionName, env: NodeJS.ProcessEnv = process.env): Store {
  return createStore(storeConfigFor(name, lambdaSettings(name, env)));
}

/**
 * The dependencies of the API and the services on AWS. `runResults` does
 * nothing: closing a campaign marks its results pending, and the results
 * function (the only one that may read answers) computes them on its schedule.
 */
export async function createAwsDeps(name: FunctionName, options: AwsDepsOptions = {}): Promise<AppDeps> {
  const settings = lambdaSettings(name, options.env ?? process.env);
  const needs = NEEDS[name];
  let jwtSecret = '';
  if (needs.sessionSecret) {
    if (settings.KOE_JWT_SECRET) jwtSecret = settings.KOE_JWT_SECRET;
    else if (options.sessionSecret) jwtSecret = await options.sessionSecret(settings.KOE_JWT_SECRET_ARN!);
    else throw new Error(`koe ${name} function: no reader for the session-signing secret`);
  }
  return {
    store: createStore(storeConfigFor(name, settings)),
    keys: keyWrapperFor(name, settings),
    config: {
      jwtSecret,
      sessionTtlSeconds: settings.KOE_SESSION_TTL_SECONDS,
      publicBaseUrl: settings.KOE_PUBLIC_URL ?? '',
      secure: true,
      ...defaultLimits,
    },
    runResults: async () => {},
    ...(name === 'admin' && settings.KOE_UPLOAD_BUCKET
      ? { uploads: new S3UploadStore(settings.KOE_UPLOAD_BUCKET, settings.AWS_REGION) }
      : {}),
    // The annual report's files, rendered by the report function (functions/lambda/report-client.ts).
    ...(name === 'admin' && settings.KOE_REPORT_FUNCTION
      ? {
          reportFiles: remoteReportRenderer(
            options.invokeReport ?? lambdaInvoker(settings.KOE_REPORT_FUNCTION, settings.AWS_REGION),
          ),
        }
      : {}),
  };
}
