import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduleTicker } from '../../../functions/local/schedule-ticker';
import { seedDemo } from '../../../functions/seed/demo';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * Retention on the demo (issue 20): set to 1 year with "now" in FY2026, the
 * FY2023 and FY2024 raw answers and posts go; FY2025 (closed less than a year
 * ago) stays; every result and indicator read through the API is the same,
 * byte for byte; the deletion is in the audit log, with counts only.
 */

// 15 June 2026, noon in Japan: FY2026. One year back is 15 June 2025: FY2023 and FY2024 closed
// (31 Oct) and ended (31 Mar) before it; FY2025 closed on 31 Oct 2025, after it.
// The demo and the sign-in run on the real clock (session tokens expire by it); the retention steps on NOW.
const NOW = new Date('2026-06-15T03:00:00Z');
let clock: Date | undefined;

let server: TestServer;
let admin: ReturnType<typeof client>;
let campaigns: Array<{ id: string; fiscalYear: number; status: string }>;
const before = new Map<string, string>();

const reads = () => [
  '/api/indicators?from=2023&to=2026',
  '/api/feedback/indicators?from=2023&to=2026',
  ...campaigns.filter((c) => c.status === 'closed').map((c) => `/api/campaigns/${c.id}/results`),
];

beforeAll(async () => {
  server = await startTestServer({ now: () => clock ?? new Date() });
  await seedDemo({ app: server.runtime.app, deps: server.runtime.deps }, { scale: 0.1 });
  admin = client(server.baseUrl);
  await admin.login();
  campaigns = (await admin.get('/api/campaigns')).json;
  for (const url of reads()) {
    const res = await admin.get(url);
    expect(res.status, url).toBe(200);
    before.set(url, res.text);
  }
}, 240_000);
afterAll(async () => server?.close());

const idOf = (fy: number) => campaigns.find((c) => c.fiscalYear === fy)!.id;

describe('retention', () => {
  it('keeps everything by default, and takes 1–100 whole years or null only', async () => {
    clock = NOW;
    expect((await admin.get('/api/settings/retention')).json).toEqual({ years: null });
    expect((await admin.get('/api/settings/retention/preview')).json).toMatchObject({
      years: null,
      campaigns: [],
      feedback: [],
    });
    for (const years of [0, 101, 1.5, '1', -1]) {
      expect((await admin.call('PUT', '/api/settings/retention', { years })).status, String(years)).toBe(400);
    }
  });

  it('a dry run lists FY2023 and FY2024 with counts, not FY2025', async () => {
    const put = await admin.call('PUT', '/api/settings/retention', { years: 1 });
    expect(put.status).toBe(200);
    expect(put.json.years).toBe(1);
    const preview = (await admin.get('/api/settings/retention/preview')).json;
    expect(preview.cutoff).toBe('2025-06-15T03:00:00.000Z');
    expect(preview.campaigns.map((c: any) => [c.fiscalYear, c.campaignId])).toEqual([
      [2023, idOf(2023)],
      [2024, idOf(2024)],
    ]);
    for (const c of preview.campaigns) {
      expect(c.responses).toBe(await server.runtime.store.retention.countResponses(c.campaignId));
      expect(c.responses).toBeGreaterThan(0);
      // Counts and ids only: no answer, unit or attribute.
      expect(Object.keys(c).sort()).toEqual(['campaignId', 'endedAt', 'fiscalYear', 'responses']);
    }
    expect(preview.feedback.map((y: any) => y.fiscalYear)).toEqual([2023, 2024]);
    for (const y of preview.feedback) expect(y.posts).toBeGreaterThan(0);
    // A dry run deletes nothing.
    expect(await server.runtime.store.retention.countResponses(idOf(2023))).toBe(
      preview.campaigns[0].responses,
    );
  });

  it('the daily run deletes them, keeps FY2025, changes no result or indicator, and is audited', async () => {
    const store = server.runtime.store;
    const planned = (await admin.get('/api/settings/retention/preview')).json;
    const fy2025 = await store.retention.countResponses(idOf(2025));
    const posts2025 = await store.retention.countPosts(2025);
    const ticker = startScheduleTicker(server.runtime.deps, { intervalMs: 0 });
    const tick = await ticker.tick();
    await ticker.stop();
    expect(tick?.retention?.campaigns.map((c) => c.fiscalYear)).toEqual([2023, 2024]);

    for (const fy of [2023, 2024]) {
      expect(await store.retention.countResponses(idOf(fy)), `FY${fy} answers`).toBe(0);
      expect(await store.retention.countPosts(fy), `FY${fy} posts`).toBe(0);
    }
    expect(await store.retention.countResponses(idOf(2025))).toBe(fy2025);
    expect(fy2025).toBeGreaterThan(0);
    expect(await store.retention.countPosts(2025)).toBe(posts2025);
    expect(posts2025).toBeGreaterThan(0);

    // Read as before: on the real clock.
    clock = undefined;
    for (const url of reads()) expect((await admin.get(url)).text, url).toBe(before.get(url));
    clock = NOW;

    const entries = (await store.audit.listMonth('2026-06')).filter((e) => e.action.startsWith('retention.'));
    expect(entries.find((e) => e.action === 'retention.setting_changed')).toMatchObject({
      actor: 'admin@example.jp',
      detail: { years: 1 },
    });
    for (const c of planned.campaigns) {
      expect(entries).toContainEqual({
        at: NOW.toISOString(),
        actor: 'system',
        action: 'retention.responses_deleted',
        target: c.campaignId,
        detail: { fiscalYear: c.fiscalYear, responses: c.responses, years: 1 },
      });
    }
    for (const y of planned.feedback) {
      expect(entries).toContainEqual({
        at: NOW.toISOString(),
        actor: 'system',
        action: 'retention.posts_deleted',
        target: `FY${y.fiscalYear}`,
        detail: { fiscalYear: y.fiscalYear, posts: y.posts, years: 1 },
      });
    }

    // Once a day: a second tick the same day does nothing; and nothing is left to go.
    const again = startScheduleTicker(server.runtime.deps, { intervalMs: 0 });
    expect((await again.tick())?.retention).toBeUndefined();
    await again.stop();
    const after = (await admin.get('/api/settings/retention/preview')).json;
    expect(after.campaigns).toEqual([]);
    expect(after.feedback).toEqual([]);
  });
});
