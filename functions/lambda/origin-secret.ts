/**
 * The two names of `@aws-sdk/client-secrets-manager` used here, typed by hand:
 * the client is loaded on first use from the Lambda runtime's SDK, so the
 * public function's bundle does not carry it. (The admin function's session
 * secret goes through Powertools Parameters: session-secret.ts.)
 */
export interface SecretsSdk {
  SecretsManagerClient: new (config: {
    region: string;
  }) => {
    send(command: unknown): Promise<{ SecretString?: string }>;
  };
  GetSecretValueCommand: new (input: { SecretId: string }) => unknown;
}

const SECRETS_SDK = '@aws-sdk/client-secrets-manager';
const loadSecretsSdk = async (): Promise<SecretsSdk> => (await import(SECRETS_SDK)) as SecretsSdk;

/** How long a read of the origin secret is reused: a rotated value is picked up within this time. */
export const ORIGIN_SECRET_MAX_AGE_MS = 5 * 60_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin-verify secret of functions/api/middleware/origin-verify.ts, for
 * the public and admin functions: read from Secrets Manager
 * (`KOE_ORIGIN_SECRET_ARN`) on the first call, then reused for five minutes;
 * if a later read fails the last value is kept. `KOE_ORIGIN_SECRET` (a
 * literal) is a bundle-test override, accepted only with DYNAMODB_ENDPOINT on
 * a loopback address, like the other overrides (aws-deps.ts). Neither set:
 * the first call throws, so the function answers 503 and never runs open.
 */
export function originSecretFrom(
  env: NodeJS.ProcessEnv = process.env,
  loadSdk: () => Promise<SecretsSdk> = loadSecretsSdk,
  now: () => number = Date.now,
): () => Promise<string> {
  const literal = env.KOE_ORIGIN_SECRET;
  if (literal !== undefined) {
    const host = env.DYNAMODB_ENDPOINT ? new URL(env.DYNAMODB_ENDPOINT).hostname : undefined;
    if (!host || !LOOPBACK.has(host)) {
      return async () => {
        throw new Error(
          'KOE_ORIGIN_SECRET is a test override: accepted only with a loopback DYNAMODB_ENDPOINT',
        );
      };
    }
    return async () => literal;
  }
  const arn = env.KOE_ORIGIN_SECRET_ARN;
  let cached: { value: string; at: number } | undefined;
  return async () => {
    if (!arn) throw new Error('koe: missing KOE_ORIGIN_SECRET_ARN');
    if (cached && now() - cached.at < ORIGIN_SECRET_MAX_AGE_MS) return cached.value;
    try {
      const sdk = await loadSdk();
      const client = new sdk.SecretsManagerClient({ region: env.AWS_REGION ?? '' });
      const out = await client.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
      const value = out.SecretString?.trim() ?? '';
      if (value.length < 32) throw new Error('the origin-verify secret is missing or too short');
      cached = { value, at: now() };
    } catch (err) {
      if (!cached) throw err;
      // Secrets Manager unreachable for a moment: the value read last is still CloudFront's.
      cached = { value: cached.value, at: now() };
    }
    return cached.value;
  };
}
