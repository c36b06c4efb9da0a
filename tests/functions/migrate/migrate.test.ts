import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KmsKeyWrapper, LocalFileKeyWrapper, WrapFormat } from '../../../functions/crypto';
import { parseDeployment } from '../../../functions/migrate/deployment';
import { type MigrateOptions, MigrationError, migrate } from '../../../functions/migrate/migrate';
import type { Store } from '../../../functions/store';
import { FakeKms } from '../crypto/fake-kms';
import { testStore } from '../../support/store';

/**
 * The migration's core against two real stores (two embedded engines, or two
 * table sets on DynamoDB Local under `npm run test:conformance`), with the
 * local key file on one side and a stand-in for KMS on the other.
 */

type Handle = Awaited<ReturnType<typeof testStore>>;
let source: Handle;
let target: Handle;
let dir: string;
let localKeys: LocalFileKeyWrapper;
let kms: FakeKms;

const OPEN = 'c-open';
const CLOSED = 'c-closed';
const RESPONSES = 45;
const STAFF = 30;
const secrets = new Map<string, Uint8Array>();

const client = (store: Store) => store.doc as unknown as DynamoDBClient;
const put = (store: Store, table: keyof Store['config']['tables'], Item: Record<string, unknown>) =>
  store.doc.send(new PutCommand({ TableName: store.config.tables[table], Item }));
const get = async (store: Store, table: keyof Store['config']['tables'], pk: string, sk: string) =>
  (await store.doc.send(new GetCommand({ TableName: store.config.tables[table], Key: { pk, sk } }))).Item;

async function wrapped(context: string): Promise<Uint8Array> {
  const plain = randomBytes(32);
  secrets.set(context, new Uint8Array(plain));
  return localKeys.wrap(new Uint8Array(plain), context);
}

async function seed(store: Store): Promise<void> {
  await put(store, 'directory', {
    pk: 'USER',
    sk: 'admin@example.jp',
    user: {
      email: 'admin@example.jp',
      role: 'admin',
      passwordHash: 'scrypt$abc',
      sessionEpoch: 2,
      revokedSessions: { t1: 9 },
    },
  });
  for (let i = 0; i < STAFF; i++) {
    await put(store, 'directory', { pk: 'STAFF#1', sk: `S${String(i).padStart(4, '0')}`, unitCode: 'U1' });
  }
  for (const [id, status] of [
    [OPEN, 'open'],
    [CLOSED, 'closed'],
  ] as const) {
    await put(store, 'surveys', {
      pk: 'CAMPAIGN',
      sk: id,
      campaign: { id, status, fiscalYear: 2026, inviteSecret: await wrapped(`${id}#invite`) },
    });
    await put(store, 'surveys', {
      pk: `KEY#${id}`,
      sk: `k-${id}`,
      key: {
        campaignId: id,
        unitCode: '*',
        keyId: `k-${id}`,
        publicKeySpki: new Uint8Array([1, 2, 3]),
        wrappedPrivateKey: await wrapped(`${id}/*`),
      },
    });
  }
  await put(store, 'surveys', {
    pk: 'FEEDBACK#2026',
    sk: 'META',
    year: { fiscalYear: 2026, secret: await wrapped('feedback/2026#codes'), groups: [{ id: '*' }] },
  });
  await put(store, 'surveys', {
    pk: 'FKEY#2026',
    sk: 'fk1',
    key: {
      fiscalYear: 2026,
      groupId: '*',
      keyId: 'fk1',
      publicKeySpki: new Uint8Array([4]),
      wrappedPrivateKey: await wrapped('feedback/2026/*'),
    },
  });
  for (let i = 0; i < RESPONSES; i++) {
    const hash = randomBytes(32).toString('hex');
    await put(store, 'responses', {
      pk: `R#${OPEN}#${hash[0]}`,
      sk: hash,
      u: '*',
      a: {},
      q: { q1: 1 + (i % 5), c1: '自由記述 free text' },
      d: '2026-06-01',
    });
  }
  await put(store, 'feedback', { pk: 'POSTS#2026', sk: '2026-x', post: { title: '提案', body: 'body' } });
}

function options(extra: Partial<MigrateOptions> = {}): MigrateOptions {
  return {
    source: { client: client(source.store), tables: source.store.config.tables, keys: localKeys },
    target: {
      client: client(target.store),
      tables: target.store.config.tables,
      keys: new KmsKeyWrapper(kms),
    },
    checkpointFile: path.join(dir, 'checkpoint.json'),
    targetId: 'test-target',
    pageSize: 10,
    ...extra,
  };
}

beforeEach(async () => {
  source = await testStore();
  target = await testStore();
  dir = await mkdtemp(path.join(tmpdir(), 'koe-migrate-'));
  localKeys = new LocalFileKeyWrapper(dir);
  kms = new FakeKms();
  secrets.clear();
  await seed(source.store);
});

afterEach(async () => {
  await source.close();
  await target.close();
  await rm(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('copies every table, wraps the needed keys again with KMS and leaves a closed campaign’s behind', async () => {
    const result = await migrate(options());
    expect(result.ok).toBe(true);
    const byTable = Object.fromEntries(result.checks.map((c) => [c.table, c]));
    expect(byTable.responses).toMatchObject({
      expected: RESPONSES,
      matching: RESPONSES,
      missing: 0,
      different: 0,
    });
    expect(byTable.directory?.expected).toBe(STAFF + 1);
    for (const c of result.checks) expect(c.targetChecksum).toBe(c.sourceChecksum);

    const kmsKeys = new KmsKeyWrapper(kms);
    const open = await get(target.store, 'surveys', 'CAMPAIGN', OPEN);
    expect(open!.campaign.inviteSecret[0]).toBe(WrapFormat.kmsV1);
    expect(await kmsKeys.unwrap(open!.campaign.inviteSecret, `${OPEN}#invite`)).toEqual(
      secrets.get(`${OPEN}#invite`),
    );
    const openKey = await get(target.store, 'surveys', `KEY#${OPEN}`, `k-${OPEN}`);
    expect(await kmsKeys.unwrap(openKey!.key.wrappedPrivateKey, `${OPEN}/*`)).toEqual(
      secrets.get(`${OPEN}/*`),
    );
    const meta = await get(target.store, 'surveys', 'FEEDBACK#2026', 'META');
    expect(await kmsKeys.unwrap(meta!.year.secret, 'feedback/2026#codes')).toEqual(
      secrets.get('feedback/2026#codes'),
    );
    const fkey = await get(target.store, 'surveys', 'FKEY#2026', 'fk1');
    expect(await kmsKeys.unwrap(fkey!.key.wrappedPrivateKey, 'feedback/2026/*')).toEqual(
      secrets.get('feedback/2026/*'),
    );

    const closed = await get(target.store, 'surveys', 'CAMPAIGN', CLOSED);
    expect(closed!.campaign.inviteSecret).toBeUndefined();
    expect(closed!.campaign.status).toBe('closed');
    const closedKey = await get(target.store, 'surveys', `KEY#${CLOSED}`, `k-${CLOSED}`);
    expect(closedKey!.key.wrappedPrivateKey).toBeUndefined();
    expect(closedKey!.key.publicKeySpki).toEqual(new Uint8Array([1, 2, 3]));

    const user = await get(target.store, 'directory', 'USER', 'admin@example.jp');
    expect(user!.user).toEqual({
      email: 'admin@example.jp',
      role: 'admin',
      passwordHash: 'scrypt$abc',
      sessionEpoch: 2,
    });
    // Exactly the four keys still needed were wrapped by KMS.
    expect(
      kms.calls
        .filter((c) => c.op === 'encrypt')
        .map((c) => c.encryptionContext.koe)
        .sort(),
    ).toEqual([`${OPEN}#invite`, `${OPEN}/*`, 'feedback/2026#codes', 'feedback/2026/*'].sort());
  });

  it('resumes from its checkpoint without writing or wrapping anything twice', async () => {
    const first = await migrate(options({ stopAfterPages: 2 }));
    expect(first.complete).toBe(false);
    expect(first.copied.directory.written).toBe(20);
    const checkpoint = JSON.parse(await readFile(path.join(dir, 'checkpoint.json'), 'utf8'));
    expect(checkpoint.tables.directory.done).toBe(false);

    const second = await migrate(options());
    expect(second.ok).toBe(true);
    expect(second.copied.directory.written).toBe(STAFF + 1 - 20);
    expect(second.copied.responses.written).toBe(RESPONSES);
    // A third run copies nothing and verifies again.
    const third = await migrate(options());
    expect(third.ok).toBe(true);
    expect(Object.values(third.copied).every((c) => c.written === 0)).toBe(true);
    expect(kms.calls.filter((c) => c.op === 'encrypt')).toHaveLength(4);
  });

  it('re-runs the page it was in when interrupted: items already there count as present', async () => {
    // As if the first run wrote a page and died before its checkpoint.
    const done = await migrate(options({ checkpointFile: path.join(dir, 'lost.json') }));
    expect(done.ok).toBe(true);
    const again = await migrate(options());
    expect(again.ok).toBe(true);
    expect(again.copied.responses).toEqual({ written: 0, present: RESPONSES, conflicting: 0 });
    expect(again.copied.surveys.present).toBe(6);
  });

  it('keeps an item the target already had with other content, and fails the verification', async () => {
    await put(target.store, 'directory', {
      pk: 'USER',
      sk: 'admin@example.jp',
      user: { email: 'admin@example.jp', role: 'admin', passwordHash: 'scrypt$other', sessionEpoch: 0 },
    });
    const result = await migrate(options());
    expect(result.copied.directory.conflicting).toBe(1);
    expect(result.ok).toBe(false);
    const directory = result.checks.find((c) => c.table === 'directory')!;
    expect(directory.different).toBe(1);
    expect(directory.targetChecksum).not.toBe(directory.sourceChecksum);
    expect((await get(target.store, 'directory', 'USER', 'admin@example.jp'))!.user.passwordHash).toBe(
      'scrypt$other',
    );
  });

  it('refuses a checkpoint made for another target', async () => {
    await writeFile(
      path.join(dir, 'checkpoint.json'),
      JSON.stringify({ version: 1, targetId: 'elsewhere', tables: {} }),
    );
    await expect(migrate(options())).rejects.toBeInstanceOf(MigrationError);
  });
});

describe('deployment', () => {
  it('takes table names or a prefix, and a local key file only with a loopback endpoint', () => {
    expect(parseDeployment({ tablesPrefix: 'koe', kmsKeyId: 'alias/koe' }).region).toBe('ap-northeast-1');
    expect(() => parseDeployment({ tablesPrefix: 'koe' })).toThrow(/kmsKeyId/);
    expect(() => parseDeployment({ kmsKeyId: 'k' })).toThrow(/tables/);
    expect(() =>
      parseDeployment({
        tablesPrefix: 'koe',
        localKeyDir: '/tmp/k',
        endpoint: 'https://dynamodb.ap-northeast-1.amazonaws.com',
      }),
    ).toThrow(/loopback/);
    expect(
      parseDeployment({ tablesPrefix: 'koe', localKeyDir: '/tmp/k', endpoint: 'http://127.0.0.1:8000' })
        .localKeyDir,
    ).toBe('/tmp/k');
    expect(() => parseDeployment({ tablesPrefix: 'koe', kmsKeyId: 'k', extra: 1 })).toThrow();
  });
});
