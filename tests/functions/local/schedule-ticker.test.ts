import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoOrganisation } from '../../../functions/seed/demo';
import { createCampaign } from '../../../functions/services/campaigns';
import { client, startTestServer, type TestServer } from '../../support/server';

/**
 * `npm start` runs the campaign schedule in process (functions/local/schedule-ticker.ts),
 * as EventBridge does on AWS: a campaign opens at its `opensAt`, closes at its
 * `closesAt` and gets its results — on the real clock, with a short interval so
 * the test waits on the deadline, not on the ticker.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
let ticks = 0;

beforeAll(async () => {
  // The jobs log a JSON line per campaign they change; not this test's output.
  vi.spyOn(console, 'info').mockImplementation(() => {});
  server = await startTestServer();
  await seedDemoOrganisation(server.runtime.deps);
  admin = client(server.baseUrl);
  await admin.login();
}, 60_000);
afterAll(async () => {
  await server?.close();
  vi.restoreAllMocks();
});

describe('the local schedule', () => {
  it('opens a campaign at opensAt, closes it at closesAt and computes its results', async () => {
    const templates = await server.runtime.store.plan.listTemplates();
    const now = Date.now();
    const { id } = await createCampaign(server.runtime.deps, {
      fiscalYear: 2026,
      templateId: templates[0]!.id,
      opensAt: new Date(now - 60_000).toISOString(),
      // A few seconds ahead: the campaign must be seen open first, then closed by the ticker alone.
      closesAt: new Date(now + 6_000).toISOString(),
    });
    server.runtime.startSchedule(150, () => {
      ticks++;
    });

    const status = async () => (await admin.get(`/api/campaigns/${id}`)).json?.status;
    await expect.poll(status).toBe('open');

    await expect.poll(status, { timeout: 30_000 }).toBe('closed');
    await expect
      .poll(async () => (await server.runtime.store.campaigns.getCampaign(id))?.resultsState, {
        timeout: 30_000,
      })
      .toBe('ready');
    expect(await server.runtime.store.results.getResultSummary(id)).toBeTruthy();
    const results = await admin.get(`/api/campaigns/${id}/results`);
    expect(results.status).toBe(200);
    // Never before its deadline.
    const closed = (await admin.get(`/api/campaigns/${id}`)).json;
    expect(Date.parse(closed.closedAt)).toBeGreaterThanOrEqual(now + 6_000);
  }, 90_000);

  it('a stopped ticker ticks no more, while another one goes on', async () => {
    let stoppedTicks = 0;
    const stopped = server.runtime.startSchedule(50, () => {
      stoppedTicks++;
    });
    await expect.poll(() => stoppedTicks).toBeGreaterThan(0);
    await stopped.stop();
    const atStop = stoppedTicks;
    // The witness runs on the same event loop with the same interval: had the stopped one kept
    // its timer, it would have ticked while the witness ticked three times.
    let witnessTicks = 0;
    const witness = server.runtime.startSchedule(50, () => {
      witnessTicks++;
    });
    await expect.poll(() => witnessTicks).toBeGreaterThanOrEqual(3);
    await witness.stop();
    expect(stoppedTicks).toBe(atStop);
    expect(ticks).toBeGreaterThan(0);
  });
});
