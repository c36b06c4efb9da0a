import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOrganisation } from '../../functions/seed/demo';
import { createCampaign, openCampaign } from '../../functions/services/campaigns';
import { axeViolations, consolePage, launchConsoleBrowser, shot, signIn } from '../support/console';
import { client, startTestServer, type TestServer } from '../support/server';

/**
 * The console's overdue banner (shared/time/overdue.ts), in Chromium: an open
 * campaign past its deadline and a closed one whose results are still
 * pending, in Japanese and English; nothing when all is on time. No schedule
 * runs in this server, so the late campaign stays late.
 */

let server: TestServer;
let browser: Browser;
let lateId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ web: true }), launchConsoleBrowser()]);
  const { deps } = server.runtime;
  await seedDemoOrganisation(deps);
  const templateId = (await deps.store.plan.listTemplates())[0]!.id;
  const hour = 3_600_000;
  // Its deadline, 31 Oct 2026 23:59:59 JST, passed a month ago, and nothing closed it.
  const late = await createCampaign(deps, {
    fiscalYear: 2026,
    templateId,
    opensAt: '2026-09-30T15:00:00.000Z',
    closesAt: '2026-10-31T14:59:59.000Z',
    title: { ja: '期限切れの調査', en: 'Overdue survey' },
  });
  await openCampaign(deps, late.id);
  lateId = late.id;
  // Closed half an hour ago, results never computed (the results job failed).
  const stuck = await createCampaign(deps, {
    fiscalYear: 2025,
    templateId,
    opensAt: new Date(Date.now() - 48 * hour).toISOString(),
    closesAt: new Date(Date.now() - hour).toISOString(),
    title: { ja: '集計待ちの調査', en: 'Survey awaiting results' },
  });
  await openCampaign(deps, stuck.id);
  const record = (await deps.store.campaigns.getCampaign(stuck.id))!;
  await deps.store.campaigns.updateCampaign(
    {
      ...record,
      status: 'closed',
      closedAt: new Date(Date.now() - hour / 2).toISOString(),
      resultsState: 'pending',
    },
    'open',
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the overdue banner', () => {
  it('names what is late in Japanese and English, and goes when the late campaign is closed', async () => {
    const admin = client(server.baseUrl);
    await admin.login();
    const listed = (await admin.get('/api/campaigns')).json;
    expect(listed.find((c: any) => c.title.ja === '集計待ちの調査').resultsPending).toBe(true);

    const { page, errors, context } = await consolePage(browser, { forAxe: true });
    try {
      await signIn(page, server.baseUrl);
      const banner = page.getByRole('region', { name: '期限を過ぎているものがあります' });
      await banner.waitFor();
      await expect
        .poll(() => banner.textContent())
        .toContain('「期限切れの調査」は回答期限（2026年10月31日（土）23:59まで）を過ぎても受付中です。');
      expect(await banner.textContent()).toContain('調査のページで締め切ってください。');
      expect(await banner.textContent()).toContain(
        '「集計待ちの調査」は締め切りましたが、10分以上たっても結果が集計されていません。',
      );
      await shot(page, 'overdue-banner');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'English' }).click();
      const en = page.getByRole('region', { name: 'Something is overdue' });
      await expect
        .poll(() => en.textContent())
        .toContain(
          '"Overdue survey" is still taking answers, though it was open only until Sat 31 Oct 2026, 23:59 (Japan time).',
        );
      expect(await en.textContent()).toContain(
        '"Survey awaiting results" is closed, but its results are still not computed after 10 minutes.',
      );
      await page.getByRole('button', { name: '日本語' }).click();

      // The banner leads to the late campaign; closing it there clears its line.
      await banner.getByRole('link', { name: '調査のページを開く' }).first().click();
      await page.waitForURL(new RegExp(`/console/campaigns/${lateId}$`));
      await page.locator('.page-header').getByRole('button', { name: '調査を締め切る' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '締め切る', exact: true }).click();
      await expect.poll(async () => (await admin.get(`/api/campaigns/${lateId}`)).json.status).toBe('closed');
      await page.reload();
      await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor();
      await expect.poll(() => banner.textContent()).not.toContain('期限切れの調査');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
