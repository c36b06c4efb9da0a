import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { flushPosts } from '../../../functions/services/post-buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackCodeRedeemed } from '../../../functions/services/feedback';
import { fiscalYearOf, jstDay } from '../../../shared/time/fiscal-year';
import { type FeedbackToken, feedbackClient } from '../../support/feedback-client';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

let server: TestServer;
let admin: ReturnType<typeof client>;
let staffDevice: ReturnType<typeof feedbackClient>;
let codes: Array<{ staffNo: string; unitCode: string; code: string; url: string }>;
let tokens: FeedbackToken[];
let postId: string;

// Counts are daily snapshots: the indicators test moves the clock to the next day.
let clock = new Date();
// Of the server's clock, not the wall's: the same day even when the suite runs over midnight JST.
const TODAY = jstDay(clock);
const FY = fiscalYearOf(clock);
const NOTE = '内部メモ：担当課と調整中（職員には見せない）';
const PRIVATE_REPLY = 'ご提案ありがとうございます。詳しくお聞かせください。';
const PUBLIC_REPLY = '来年度から試行することにしました。';

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  admin = client(server.baseUrl);
  staffDevice = feedbackClient(server.baseUrl);
  await admin.login();
  await admin.post('/api/units', { code: 'A', name: { ja: '甲課' } });
  await admin.post('/api/units', { code: 'B', name: { ja: '乙課' }, parentCode: 'A' });
  // A key group needs k_sensitive (10) people: B's 2 share A's group (12).
  const csv = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (let i = 1; i <= 12; i++)
    // Staff numbers with a '.', which no hash, key or base64url text in the table can hold by chance
    // ("F3" can: the scan below once found it inside a random value).
    csv.push(`FB.${i},職員${i},f${i}@example.jp,${i <= 10 ? 'A' : 'B'},staff,regular`);
  await admin.post('/api/staff/import', csv.join('\n'), { 'content-type': 'text/csv' });
  const res = await (await custodian(admin)).post('/api/feedback/codes', { fiscalYear: FY });
  expect(res.status).toBe(200);
  codes = res.json.codes;
});
afterAll(async () => server?.close());

describe('feedback credentials', () => {
  it('gives each person a yearly code, the same on every download', async () => {
    expect(codes).toHaveLength(12);
    const again = await (await custodian(admin)).post('/api/feedback/codes', { fiscalYear: FY });
    expect(again.json.codes).toEqual(codes);
    expect(codes[0]!.url).toContain(`/feedback/#${FY}/`);
  });

  it('redeems a batch of 12 once; the same batch again is refused if different', async () => {
    tokens = await staffDevice.redeem(codes[0]!.code, 12);
    expect(tokens).toHaveLength(12);
    await expect(staffDevice.redeem(codes[0]!.code, 12)).rejects.toThrow(/409/);
    expect(await feedbackCodeRedeemed(server.runtime.deps, codes[0]!.code)).toBe(true);
    expect(await feedbackCodeRedeemed(server.runtime.deps, codes[1]!.code)).toBe(false);
    // The code ledger names no person and no state: its hash and key group only.
    const { store } = server.runtime;
    const directory =
      (await store.doc.send(new ScanCommand({ TableName: store.config.tables.directory }))).Items ?? [];
    const ledger = directory.filter((i) => String(i.pk).startsWith('FINV#'));
    expect(ledger).toHaveLength(12);
    for (const item of ledger) {
      expect(Object.keys(item.entry).sort()).toEqual(['codeHash', 'fiscalYear', 'groupId']);
      expect(item.entry.groupId).toBe('A');
    }
    expect(JSON.stringify(ledger)).not.toMatch(/"F\d+"|職員/);
  });

  it('refuses a batch of 13 and an unknown code', async () => {
    await expect(staffDevice.redeem(codes[1]!.code, 13)).rejects.toThrow(/400/);
    expect((await staffDevice.key('ZZZZ-ZZZZ-ZZZZZ-ZZZZ-ZZZZ-ZZZZZ')).status).toBe(404);
  });
});

describe('posting', () => {
  it('posts a proposal anonymously with one token', async () => {
    const res = await staffDevice.send(tokens[0]!, {
      kind: 'proposal',
      pillarId: 'culture',
      title: '職場ミーティングの定例化',
      body: '毎週15分の職場ミーティングを提案します。連絡先 f1@example.jp',
    });
    // Accepted and held for the next shuffled batch (A2): the poster sees it received, HR not yet.
    expect(res.status).toBe(202);
    postId = res.body.postId;
    const held = await staffDevice.post('/api/public/feedback/thread', { postId, receipt: tokens[0]!.token });
    expect(held.body).toMatchObject({ status: 'received', pending: true });
    expect(await server.runtime.store.feedback.listPosts(FY)).toHaveLength(0);
  });

  it('rejects a spent token, a forged one, and a 13th post from a batch of 12', async () => {
    const again = await staffDevice.send(tokens[0]!, {
      kind: 'concern',
      pillarId: 'culture',
      title: 'x',
      body: 'y',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('token_spent');
    const forged = { ...tokens[1]!, signature: tokens[2]!.signature };
    expect(
      (await staffDevice.send(forged, { kind: 'question', pillarId: 'training', title: 'x', body: 'y' }))
        .status,
    ).toBe(401);
    for (const t of tokens.slice(1, -1)) {
      expect(
        (
          await staffDevice.send(t, {
            kind: 'question',
            pillarId: 'training',
            title: '質問',
            body: '研修について',
          })
        ).status,
      ).toBe(202);
    }
    // The pillar is optional: a poster who does not know it leaves it to HR (未分類).
    const unsure = await staffDevice.send(tokens.at(-1)!, {
      kind: 'concern',
      title: '分類なし',
      body: '相談です',
    });
    expect(unsure.status).toBe(202);
    const held = await staffDevice.post('/api/public/feedback/thread', {
      postId: unsure.body.postId,
      receipt: tokens.at(-1)!.token,
    });
    expect(held.body).toMatchObject({ pillarId: null, pending: true });
    // All 12 spent: no token is left for a 13th post, and none can be reused.
    for (const t of tokens) {
      expect(
        (await staffDevice.send(t, { kind: 'question', pillarId: 'training', title: '13', body: '13' }))
          .status,
      ).toBe(409);
    }
    await flushPosts(server.runtime.store);
    expect(await server.runtime.store.feedback.listPosts(FY)).toHaveLength(12);
  });

  it('masks contact details before storage', async () => {
    const post = await server.runtime.store.feedback.getPost(FY, postId);
    expect(post?.body).not.toContain('f1@example.jp');
    expect(post?.body).toContain('［メール］');
  });
});

describe('triage, replies and the board', () => {
  it('lets HR triage, note internally and reply', async () => {
    const list = await admin.get(`/api/feedback/posts?fiscalYear=${FY}`);
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(12);
    expect(JSON.stringify(list.json)).not.toContain('"unitCode"');
    expect(
      (
        await admin.call('PATCH', `/api/feedback/posts/${postId}`, {
          status: 'reviewing',
          assignedUnitCode: 'B',
        })
      ).status,
    ).toBe(200);
    expect((await admin.post(`/api/feedback/posts/${postId}/notes`, { body: NOTE })).status).toBe(201);
    expect(
      (await admin.post(`/api/feedback/posts/${postId}/replies`, { body: PRIVATE_REPLY, public: false }))
        .status,
    ).toBe(201);
    expect(
      (await admin.post(`/api/feedback/posts/${postId}/replies`, { body: PUBLIC_REPLY, public: true }))
        .status,
    ).toBe(201);
    const updated = await admin.call('PATCH', `/api/feedback/posts/${postId}`, {
      status: 'adopted',
      published: true,
    });
    expect(updated.json).toMatchObject({
      status: 'adopted',
      published: true,
      assignedUnitCode: 'B',
      firstReplyDay: TODAY,
    });
    expect(updated.json.notes[0].body).toBe(NOTE);
  });

  it('lets the poster read the replies with the receipt, and add to the thread', async () => {
    const thread = await staffDevice.post('/api/public/feedback/thread', {
      postId,
      receipt: tokens[0]!.token,
    });
    expect(thread.status).toBe(200);
    expect(thread.body.messages.map((m: any) => m.body)).toEqual([PRIVATE_REPLY, PUBLIC_REPLY]);
    expect(JSON.stringify(thread.body)).not.toContain(NOTE);
    const wrong = await staffDevice.post('/api/public/feedback/thread', {
      postId,
      receipt: tokens[1]!.token,
    });
    expect(wrong.status).toBe(404);
    const added = await staffDevice.post('/api/public/feedback/thread/messages', {
      postId,
      receipt: tokens[0]!.token,
      body: '試行に協力します。',
    });
    expect(added.status).toBe(201);
    expect(added.body.messages.at(-1)).toMatchObject({ from: 'poster', body: '試行に協力します。' });
  });

  it('shows published posts and public replies on the board, and nothing internal', async () => {
    const res = await fetch(`${server.baseUrl}/api/public/feedback/board?pillar=culture`);
    const boardPosts = (await res.json()) as any[];
    expect(boardPosts).toHaveLength(1);
    expect(boardPosts[0]).toMatchObject({
      id: postId,
      status: 'adopted',
      replies: [{ body: PUBLIC_REPLY, day: TODAY }],
    });
    const text = JSON.stringify(boardPosts);
    for (const secret of [NOTE, PRIVATE_REPLY, '試行に協力します。', 'receipt', 'unitCode', '"B"'])
      expect(text).not.toContain(secret);
    const none = await fetch(`${server.baseUrl}/api/public/feedback/board?pillar=training`);
    expect(await none.json()).toEqual([]);
  });

  it('reads the board from its projection: unpublished posts and internal fields never, unpublishing takes a post off', async () => {
    const board = async () =>
      (await (await fetch(`${server.baseUrl}/api/public/feedback/board?fiscalYear=${FY}`)).json()) as any[];
    // Eleven posts are not published: none is on the board.
    expect((await board()).map((p) => p.id)).toEqual([postId]);
    const list = await admin.get(`/api/feedback/posts?fiscalYear=${FY}`);
    const other = (list.json as Array<{ id: string }>).find((p) => p.id !== postId)!.id;
    const OTHER_NOTE = '内部メモ：公開前に人事課長へ確認';
    expect((await admin.post(`/api/feedback/posts/${other}/notes`, { body: OTHER_NOTE })).status).toBe(201);
    expect((await board()).map((p) => p.id)).toEqual([postId]);
    expect((await admin.call('PATCH', `/api/feedback/posts/${other}`, { published: true })).status).toBe(200);
    expect((await board()).map((p) => p.id).sort()).toEqual([postId, other].sort());
    // An edit reaches the board; what is internal does not.
    await admin.call('PATCH', `/api/feedback/posts/${other}`, { status: 'declined' });
    expect((await board()).find((p) => p.id === other)?.status).toBe('declined');
    expect(JSON.stringify(await board())).not.toContain(OTHER_NOTE);
    // The projection items themselves hold the public fields only.
    const { store } = server.runtime;
    const items =
      (await store.doc.send(new ScanCommand({ TableName: store.config.tables.feedback }))).Items ?? [];
    const projected = items.filter((i) => String(i.pk).startsWith('BOARD#'));
    expect(projected.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(projected);
    for (const secret of [
      NOTE,
      OTHER_NOTE,
      PRIVATE_REPLY,
      '試行に協力します。',
      'receiptHash',
      'groupId',
      'assignedUnitCode',
    ])
      expect(text).not.toContain(secret);
    // Unpublished again: off the board at once.
    expect((await admin.call('PATCH', `/api/feedback/posts/${other}`, { published: false })).status).toBe(
      200,
    );
    expect((await board()).map((p) => p.id)).toEqual([postId]);
  });

  it('keeps no identity, code or exact time in the feedback table', async () => {
    const { store } = server.runtime;
    const items =
      (await store.doc.send(new ScanCommand({ TableName: store.config.tables.feedback }))).Items ?? [];
    expect(items.length).toBeGreaterThan(12);
    const text = JSON.stringify(items);
    for (const c of codes) {
      expect(text).not.toContain(c.staffNo);
      expect(text).not.toContain(c.code);
      expect(text).not.toContain(c.code.replace(/-/g, ''));
    }
    for (let i = 1; i <= 12; i++) expect(text).not.toContain(`職員${i}`);
    expect(text).not.toMatch(/\d{2}:\d{2}/);
  });

  it('counts posts per pillar with adoption rate and reply time, hiding small units', async () => {
    // Today's posts are counted from tomorrow's snapshot on (DESIGN §4: no live counts).
    const sameDay = await admin.get(`/api/feedback/indicators?from=${FY - 1}&to=${FY}`);
    expect(sameDay.json.asOf).toBe(TODAY);
    expect(
      sameDay.json.units.find((u: any) => u.fiscalYear === FY).cells.every((c: any) => c.suppressed),
    ).toBe(true);
    clock = new Date(Date.now() + 86_400_000);
    const res = await admin.get(`/api/feedback/indicators?from=${FY - 1}&to=${FY}`);
    expect(res.status).toBe(200);
    const culture = res.json.pillars
      .find((p: any) => p.pillarId === 'culture')
      .values.find((v: any) => v.fiscalYear === FY);
    expect(culture).toEqual({
      fiscalYear: FY,
      posts: 1,
      adopted: 1,
      adoptionRate: 1,
      medianDaysToFirstReply: 0,
    });
    const training = res.json.pillars
      .find((p: any) => p.pillarId === 'training')
      .values.find((v: any) => v.fiscalYear === FY);
    expect(training.posts).toBe(10);
    // Posts without a pillar are counted in a 未分類 row (pillarId null), after the plan's pillars.
    expect(res.json.pillars.at(-1).pillarId).toBeNull();
    expect(res.json.pillars.at(-1).values.find((v: any) => v.fiscalYear === FY).posts).toBe(1);
    // All 12 posts came from A's key group (A and B), counted at A: 12 ≥ k_sensitive (10) is shown.
    const cells = res.json.units.find((u: any) => u.fiscalYear === FY).cells;
    expect(cells.find((c: any) => c.unitCode === 'A')).toEqual({
      unitCode: 'A',
      posts: 12,
      suppressed: false,
    });
    const y2025 = res.json.units.find((u: any) => u.fiscalYear === FY - 1).cells;
    expect(y2025.every((c: any) => c.suppressed)).toBe(true);
  });

  it('lets HR give a pillar to a post the poster left to HR, and refuses an unknown one', async () => {
    const list = await admin.get(`/api/feedback/posts?fiscalYear=${FY}`);
    const unsorted = list.json.find((p: any) => p.title === '分類なし');
    expect(unsorted.pillarId).toBeNull();
    const url = `/api/feedback/posts/${unsorted.id}`;
    const set = await admin.call('PATCH', url, { pillarId: 'environment' });
    expect(set.status).toBe(200);
    expect(set.json.pillarId).toBe('environment');
    expect((await admin.call('PATCH', url, { pillarId: 'nonsense' })).status).toBe(400);
    expect((await admin.call('PATCH', url, { pillarId: null })).json.pillarId).toBeNull();
  });
});
