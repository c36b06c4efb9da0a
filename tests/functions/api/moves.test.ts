import { createHash, randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOVE_BLOCK_BYTES, MOVE_MAX_BLOCKS, MOVE_OVERHEAD_BYTES } from '../../../shared/crypto/move-box';
import { sweepMoveBoxes } from '../../../functions/services/move';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * Moving boxes over HTTP (issue 19, DESIGN §3): the server takes only whole
 * blocks of ciphertext under a hash-sized id, hands a box out once, forgets
 * it after its hour, and keeps nothing else.
 */

let server: TestServer;
let clock = new Date('2026-10-01T09:10:00+09:00');

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
});
afterAll(async () => server?.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.baseUrl}/api/public/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, any> }));

const newId = () => createHash('sha256').update(randomBytes(16)).digest('base64url');
const sealed = (blocks: number) =>
  randomBytes(MOVE_OVERHEAD_BYTES + blocks * MOVE_BLOCK_BYTES).toString('base64url');

describe('moving boxes', () => {
  it('keeps a box of whole blocks until the hour after a day, and hands it out once', async () => {
    const id = newId();
    const box = sealed(2);
    const left = await post('moves', { id, box });
    expect(left.status).toBe(201);
    // 09:10 JST + 24 h, rounded up to the hour: 10:00 JST the next day.
    expect(left.json.expiresAt).toBe('2026-10-02T01:00:00.000Z');
    // A replay of the same id is refused and changes nothing.
    expect((await post('moves', { id, box: sealed(1) })).status).toBe(409);

    const taken = await post('moves/take', { id });
    expect(taken.status).toBe(200);
    expect(taken.json).toEqual({ box });
    const again = await post('moves/take', { id });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('unknown_box');
  });

  it('refuses boxes that are not whole blocks, too big, or named by something other than a hash', async () => {
    const odd = randomBytes(MOVE_OVERHEAD_BYTES + MOVE_BLOCK_BYTES + 5).toString('base64url');
    const bad = await post('moves', { id: newId(), box: odd });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_box');
    expect((await post('moves', { id: newId(), box: sealed(0) })).status).toBe(400);
    expect((await post('moves', { id: newId(), box: sealed(MOVE_MAX_BLOCKS + 1) })).status).toBe(400);
    expect((await post('moves', { id: 'short', box: sealed(1) })).status).toBe(400);
    expect((await post('moves', { id: newId(), box: sealed(1), code: 'extra' })).status).toBe(400);
    expect((await post('moves/take', { id: 'not-a-hash' })).status).toBe(400);
    // Nothing half-stored: the refused ids take nothing.
    expect((await post('moves/take', { id: newId() })).status).toBe(404);
  });

  it('answers 404 for an expired box, and the sweep deletes untaken ones after their hour', async () => {
    clock = new Date('2026-10-01T09:10:00+09:00');
    const expired = newId();
    const kept = newId();
    expect((await post('moves', { id: expired, box: sealed(1) })).status).toBe(201);
    clock = new Date('2026-10-01T12:00:00+09:00');
    expect((await post('moves', { id: kept, box: sealed(1) })).status).toBe(201);

    clock = new Date('2026-10-02T10:30:00+09:00');
    // Past its hour, a box left unswept is not handed out.
    expect((await post('moves/take', { id: expired })).status).toBe(404);

    const another = newId();
    clock = new Date('2026-10-01T09:10:00+09:00');
    expect((await post('moves', { id: another, box: sealed(1) })).status).toBe(201);
    const swept = await sweepMoveBoxes(server.runtime.deps, new Date('2026-10-02T10:30:00+09:00'));
    expect(swept).toBe(1);
    clock = new Date('2026-10-02T10:30:00+09:00');
    expect((await post('moves/take', { id: another })).status).toBe(404);
    expect((await post('moves/take', { id: kept })).status).toBe(200);
  });

  it('stores nothing but the id, the ciphertext and the expiry hour', async () => {
    clock = new Date('2026-10-01T09:10:00+09:00');
    const id = newId();
    expect((await post('moves', { id, box: sealed(1) })).status).toBe(201);
    const item = await server.runtime.store.doc.send(
      new GetCommand({
        TableName: server.runtime.store.config.tables.feedback,
        Key: { pk: 'MOVE', sk: id },
      }),
    );
    expect(Object.keys(item.Item ?? {}).sort()).toEqual(['box', 'expiresAt', 'pk', 'sk']);
    expect(item.Item!.expiresAt).toMatch(/T\d\d:00:00\.000Z$/);
  });
});
