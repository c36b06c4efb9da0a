import { Hono } from 'hono';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KmsKeyWrapper, LocalFileKeyWrapper } from '../../functions/crypto';
import {
  createAwsDeps,
  keyWrapperFor,
  lambdaSettings,
  NO_TABLE,
  storeConfigFor,
} from '../../functions/lambda/aws-deps';
import { httpHandler, withoutViewer } from '../../functions/lambda/http';
import { once } from '../../functions/lambda/once';
import type { LambdaContext } from '../../functions/lambda/events';
import {
  ORIGIN_SECRET_MAX_AGE_MS,
  originSecretFrom,
  type SecretsSdk,
} from '../../functions/lambda/origin-secret';
import { readSessionSecret, SESSION_SECRET_MAX_AGE_SECONDS } from '../../functions/lambda/session-secret';
import { httpEvent, jsonOf, VIEWER } from './support/http-event';

/** The AWS wiring of functions/lambda/: configuration, clients, secret, the HTTP adapter. */

const TABLES = {
  TABLE_DIRECTORY: 'koe-dev-directory',
  TABLE_SURVEYS: 'koe-dev-surveys',
  TABLE_RESPONSES: 'koe-dev-responses',
  TABLE_FEEDBACK: 'koe-dev-feedback',
};
const KMS = 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:koe-session-AbCdEf';
const ADMIN_ENV = {
  AWS_REGION: 'ap-northeast-1',
  ...TABLES,
  KOE_KMS_KEY_ID: KMS,
  KOE_JWT_SECRET_ARN: SECRET,
  KOE_PUBLIC_URL: 'https://koe.city.example.jp',
};

/**
 * A real Secrets Manager client of the AWS SDK whose requests never leave the
 * process: a middleware answers each GetSecretValue with the current value.
 */
function fakeSecrets(initial: string | undefined) {
  const calls: string[] = [];
  const state = { value: initial };
  const client = new SecretsManagerClient({
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      if (context.commandName !== 'GetSecretValueCommand')
        throw new Error(`unexpected ${context.commandName}`);
      calls.push((args.input as { SecretId: string }).SecretId);
      return { output: { SecretString: state.value, $metadata: {} }, response: {} };
    },
    { step: 'initialize' },
  );
  const provider = new SecretsProvider({ awsSdkV3Client: client });
  return { provider, calls, state, read: (arn: string) => readSessionSecret(arn, provider) };
}

describe('configuration from the environment', () => {
  it('accepts what the stack gives each function', () => {
    expect(lambdaSettings('admin', ADMIN_ENV).KOE_PUBLIC_URL).toBe('https://koe.city.example.jp');
    expect(() =>
      lambdaSettings('results', {
        TABLE_DIRECTORY: 'd-x',
        TABLE_SURVEYS: 's-x',
        TABLE_RESPONSES: 'r-x',
        TABLE_FEEDBACK: 'f-x',
      }),
    ).not.toThrow();
  });

  it('names every variable a function is missing', () => {
    expect(() => lambdaSettings('admin', { TABLE_DIRECTORY: 'koe-dir' })).toThrow(
      'koe admin function: missing TABLE_SURVEYS, TABLE_FEEDBACK, KOE_KMS_KEY_ID, KOE_JWT_SECRET_ARN, KOE_PUBLIC_URL',
    );
    expect(() => lambdaSettings('admin', { ...ADMIN_ENV, KOE_PUBLIC_URL: 'http://koe.example.jp' })).toThrow(
      /KOE_PUBLIC_URL/,
    );
  });

  it('refuses the test overrides unless the store is on a loopback address', () => {
    const overrides = { KOE_LOCAL_KEY_DIR: '/tmp/keys', KOE_JWT_SECRET: 's'.repeat(40) };
    for (const endpoint of [
      undefined,
      'https://dynamodb.ap-northeast-1.amazonaws.com',
      'http://10.0.0.5:8000',
    ]) {
      expect(() =>
        lambdaSettings('admin', {
          ...ADMIN_ENV,
          ...overrides,
          ...(endpoint ? { DYNAMODB_ENDPOINT: endpoint } : {}),
        }),
      ).toThrow(/loopback/);
    }
    expect(
      lambdaSettings('admin', { ...ADMIN_ENV, ...overrides, DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' })
        .KOE_LOCAL_KEY_DIR,
    ).toBe('/tmp/keys');
  });

  it('gives a function no name for a table it may not use', () => {
    const admin = storeConfigFor('admin', lambdaSettings('admin', ADMIN_ENV));
    expect(admin.tables).toEqual({
      directory: TABLES.TABLE_DIRECTORY,
      surveys: TABLES.TABLE_SURVEYS,
      responses: NO_TABLE,
      feedback: TABLES.TABLE_FEEDBACK,
    });
    expect(admin.endpoint).toBeUndefined();
  });

  it('wraps keys with KMS on AWS, a local key file under the override, and not at all for results', async () => {
    expect(
      keyWrapperFor('public', lambdaSettings('public', { ...TABLES, KOE_KMS_KEY_ID: KMS })),
    ).toBeInstanceOf(KmsKeyWrapper);
    const local = lambdaSettings('public', {
      ...TABLES,
      KOE_LOCAL_KEY_DIR: '/tmp/k',
      DYNAMODB_ENDPOINT: 'http://localhost:8000',
    });
    expect(keyWrapperFor('public', local)).toBeInstanceOf(LocalFileKeyWrapper);
    const results = keyWrapperFor('results', lambdaSettings('results', TABLES));
    await expect(results.unwrap(new Uint8Array([2]), 'c1/HR')).rejects.toThrow(/no access/);
  });
});

describe('the session secret', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is read from Secrets Manager by ARN with Powertools Parameters, trimmed', async () => {
    const fake = fakeSecrets(`${'k'.repeat(64)}\n`);
    expect(await fake.read(SECRET)).toBe('k'.repeat(64));
    expect(fake.calls).toEqual([SECRET]);
  });

  it('is cached, and a rotated secret is picked up once the cached one is older than its max age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = fakeSecrets('a'.repeat(64));
    expect(await fake.read(SECRET)).toBe('a'.repeat(64));
    fake.state.value = 'b'.repeat(64);
    vi.setSystemTime(Date.now() + (SESSION_SECRET_MAX_AGE_SECONDS - 5) * 1000);
    expect(await fake.read(SECRET)).toBe('a'.repeat(64));
    expect(fake.calls).toHaveLength(1);
    vi.setSystemTime(Date.now() + 10_000);
    expect(await fake.read(SECRET)).toBe('b'.repeat(64));
    expect(fake.calls).toHaveLength(2);
  });

  it('must be there and long enough', async () => {
    await expect(fakeSecrets(undefined).read(SECRET)).rejects.toThrow(/missing/);
    await expect(fakeSecrets('short').read(SECRET)).rejects.toThrow(/too short/);
  });

  it('is read only by the function that signs sessions', async () => {
    const fake = fakeSecrets('s'.repeat(64));
    const admin = await createAwsDeps('admin', { env: ADMIN_ENV, sessionSecret: fake.read });
    expect(admin.config).toMatchObject({
      jwtSecret: 's'.repeat(64),
      secure: true,
      publicBaseUrl: ADMIN_ENV.KOE_PUBLIC_URL,
    });
    admin.store.doc.destroy();
    const publicDeps = await createAwsDeps('public', {
      env: { ...TABLES, KOE_KMS_KEY_ID: KMS },
      sessionSecret: fake.read,
    });
    expect(publicDeps.config.jwtSecret).toBe('');
    publicDeps.store.doc.destroy();
    expect(fake.calls).toHaveLength(1);
    await expect(createAwsDeps('admin', { env: ADMIN_ENV })).rejects.toThrow(/no reader/);
  });
});

describe('once', () => {
  it('shares the first result and forgets a failure', async () => {
    let calls = 0;
    const get = once(async () => {
      calls++;
      if (calls === 1) throw new Error('not yet');
      return calls;
    });
    await expect(get()).rejects.toThrow('not yet');
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
    expect(calls).toBe(2);
  });
});

describe('the HTTP adapter', () => {
  it('drops the viewer’s address and agent, and leaves the event it was given alone', () => {
    const event = httpEvent('POST', '/api/public/responses', {
      body: { a: 1 },
      headers: { 'CloudFront-Viewer-Address': `${VIEWER.ip}:443` },
    });
    const clean = withoutViewer(event);
    expect(JSON.stringify(clean)).not.toContain(VIEWER.ip);
    expect(JSON.stringify(clean)).not.toContain(VIEWER.agent);
    expect(clean.headers['content-type']).toBe('application/json');
    expect(clean.body).toBe(event.body);
    expect(event.headers['x-forwarded-for']).toContain(VIEWER.ip);
  });

  it('answers 503 while the app cannot be made, and makes it on the next request', async () => {
    let attempts = 0;
    const handler = httpHandler(
      async () => {
        attempts++;
        if (attempts === 1) throw new Error('secret not reachable');
        const app = new Hono();
        app.get('/api/echo', (c) =>
          c.json({
            forwardedFor: c.req.header('x-forwarded-for') ?? null,
            agent: c.req.header('user-agent') ?? null,
          }),
        );
        return app;
      },
      { forgetViewer: true },
    );
    const context = {
      awsRequestId: 'r1',
      functionName: 'koe-admin',
      getRemainingTimeInMillis: () => 1000,
    } as unknown as LambdaContext;
    // Powertools writes through its own console on the process's streams.
    const lines: string[] = [];
    const logged = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const first = await handler(httpEvent('GET', '/api/echo'), context);
    logged.mockRestore();
    expect(first.statusCode).toBe(503);
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'app_init_failed');
    expect(entry).toMatchObject({ level: 'ERROR', error: 'Error', detail: 'secret not reachable' });
    expect(jsonOf(first).error.code).toBe('unavailable');
    const second = await handler(httpEvent('GET', '/api/echo'), context);
    expect(second.statusCode).toBe(200);
    expect(jsonOf(second)).toEqual({ forwardedFor: null, agent: null });
  });
});

describe('the origin-verify secret (functions/lambda/origin-secret.ts)', () => {
  const ORIGIN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:koe-origin-AbCdEf';
  const env = { AWS_REGION: 'ap-northeast-1', KOE_ORIGIN_SECRET_ARN: ORIGIN };

  it('reads it once, then again after five minutes; a failed re-read keeps the last value', async () => {
    let now = 0;
    let value: string | undefined = 'o'.repeat(48);
    const calls: string[] = [];
    const sdk: SecretsSdk = {
      SecretsManagerClient: class {
        async send(command: { input: { SecretId: string } }) {
          calls.push(command.input.SecretId);
          if (value === undefined) throw new Error('unreachable');
          return { SecretString: value };
        }
      } as unknown as SecretsSdk['SecretsManagerClient'],
      GetSecretValueCommand: class {
        constructor(readonly input: { SecretId: string }) {}
      },
    };
    const secret = originSecretFrom(
      env,
      async () => sdk,
      () => now,
    );
    expect(await secret()).toBe('o'.repeat(48));
    now = ORIGIN_SECRET_MAX_AGE_MS - 1;
    expect(await secret()).toBe('o'.repeat(48));
    expect(calls).toEqual([ORIGIN]);
    value = 'n'.repeat(48);
    now = ORIGIN_SECRET_MAX_AGE_MS;
    expect(await secret()).toBe('n'.repeat(48));
    value = undefined;
    now = 3 * ORIGIN_SECRET_MAX_AGE_MS;
    expect(await secret()).toBe('n'.repeat(48));
    expect(calls).toHaveLength(3);
  });

  it('fails closed: no ARN, a short value, or the test override without a loopback endpoint', async () => {
    await expect(originSecretFrom({ AWS_REGION: 'ap-northeast-1' })()).rejects.toThrow(
      /KOE_ORIGIN_SECRET_ARN/,
    );
    const short: SecretsSdk = {
      SecretsManagerClient: class {
        async send() {
          return { SecretString: 'short' };
        }
      } as unknown as SecretsSdk['SecretsManagerClient'],
      GetSecretValueCommand: class {
        constructor(readonly input: { SecretId: string }) {}
      },
    };
    await expect(originSecretFrom(env, async () => short)()).rejects.toThrow(/too short/);
    await expect(originSecretFrom({ ...env, KOE_ORIGIN_SECRET: 'x'.repeat(40) })()).rejects.toThrow(
      /test override/,
    );
    const local = { KOE_ORIGIN_SECRET: 'x'.repeat(40), DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' };
    expect(await originSecretFrom(local)()).toBe('x'.repeat(40));
  });
});
