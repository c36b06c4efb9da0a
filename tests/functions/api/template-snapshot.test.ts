import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annualStaffSurvey } from '../../../shared/instruments';
import type { Template } from '../../../shared/instruments/schema';
import { setUpCampaign } from '../../support/answer';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * Rewording the bank (issue 14) leaves a campaign's questionnaire as it was:
 * the campaign keeps the template it was created with (DESIGN §3, A3), so an
 * open or past campaign still asks, and is scored by, the items it was frozen
 * with, while a campaign created afterwards gets the new wording.
 */

let server: TestServer;
let setup: Awaited<ReturnType<typeof setUpCampaign>>;

beforeAll(async () => {
  server = await startTestServer();
  setup = await setUpCampaign(server);
});
afterAll(async () => {
  await server?.close();
});

const questionsOf = (survey: {
  survey: { sections: Array<{ questions: Array<{ id: string; text: unknown }> }> };
}) => survey.survey.sections.flatMap((s) => s.questions);

describe('a campaign keeps its questionnaire when the bank changes', () => {
  it('asks the frozen wording; a campaign made afterwards asks the new one', async () => {
    const before = questionsOf(setup.survey);
    expect(before.map((q) => q.id)).toContain('lrn.mentoring');
    // A later release rewords an item of the stored template (as seedBase does at every start).
    const reworded = structuredClone(annualStaffSurvey) as Template;
    const item = reworded.constructs.flatMap((c) => c.items).find((i) => i.id === 'lrn.mentoring')!;
    item.text = { ja: '新しい文言', en: 'New wording' };
    await server.runtime.store.plan.putTemplate(reworded);

    const res = await fetch(`${server.baseUrl}/api/public/campaigns/${setup.campaignId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: setup.invitations[1]!.code }),
    });
    expect(res.status).toBe(200);
    const open = questionsOf(await res.json());
    expect(open).toEqual(before);
    expect(open.find((q) => q.id === 'lrn.mentoring')!.text).not.toEqual({
      ja: '新しい文言',
      en: 'New wording',
    });

    const created = await setup.admin.post('/api/campaigns', {
      fiscalYear: 2027,
      templateId: annualStaffSurvey.id,
      opensAt: '2027-06-01T00:00:00+09:00',
      closesAt: '2027-06-30T23:59:00+09:00',
    });
    expect(created.status).toBe(201);
    const record = await server.runtime.store.campaigns.getCampaign(created.json.id);
    const later = record!.template.constructs.flatMap((c) => c.items).find((i) => i.id === 'lrn.mentoring')!;
    expect(later.text).toEqual({ ja: '新しい文言', en: 'New wording' });
  });
});
