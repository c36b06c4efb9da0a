import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersFor } from '../../support/answers';
import { respondent } from '../../support/respondent';
import { client, custodian, startTestServer, type TestServer } from '../../support/server';

/**
 * Custom questions and campaign kinds (DESIGN §5) over real HTTP: bad input is refused with a
 * clear message, questions freeze at open, answers arrive through the real token path, results
 * publish each question through the disclosure engine, and a pulse survey never replaces the
 * year's annual figure.
 */

let server: TestServer;
let admin: ReturnType<typeof client>;
const TEMPLATE = 'annual-staff-survey-v1';
let constructId: string;
let initiativeId: string;

// Two key groups of 12 (A3 needs at least 10 per key).
function roster(): string {
  const lines = ['staffNo,name,email,unitCode,jobLevel,employmentType'];
  for (let n = 1; n <= 24; n++) {
    lines.push(
      `Q${String(n).padStart(4, '0')},職員 ${n},q${n}@example.jp,${n <= 12 ? 'ROOT' : 'A'},staff,regular`,
    );
  }
  return lines.join('\n');
}

const campaign = (kind?: 'annual' | 'pulse', fiscalYear = 2026) => ({
  fiscalYear,
  templateId: TEMPLATE,
  ...(kind ? { kind } : {}),
  opensAt: '2026-06-01T00:00:00+09:00',
  closesAt: '2026-06-30T23:59:59+09:00',
});

const likert = () => ({
  type: 'likert5',
  text: { ja: '新しい庁舎の執務環境に満足している', en: 'I am satisfied with the new office building' },
  constructId,
});

beforeAll(async () => {
  server = await startTestServer();
  admin = client(server.baseUrl);
  await admin.login();
  for (const u of [
    { code: 'ROOT', name: { ja: '本部', en: 'HQ' } },
    { code: 'A', name: { ja: '甲課', en: 'Division A' }, parentCode: 'ROOT' },
  ]) {
    expect((await admin.post('/api/units', u)).status).toBe(201);
  }
  expect((await admin.post('/api/staff/import', roster(), { 'content-type': 'text/csv' })).status).toBe(200);
  const template = (await admin.get(`/api/templates/${TEMPLATE}`)).json;
  const tied = template.constructs.find((c: any) => c.initiatives.length > 0);
  constructId = tied.id;
  initiativeId = tied.initiatives[0];
});
afterAll(async () => server?.close());

/** Opens, hands out codes and has `count` people answer with `custom` added to their answers. */
async function answer(
  campaignId: string,
  count: number,
  custom: (i: number) => Record<string, unknown>,
): Promise<any> {
  const opened = await admin.post(`/api/campaigns/${campaignId}/open`);
  expect(opened.status, opened.text).toBe(200);
  const inv = await (await custodian(admin)).post(`/api/campaigns/${campaignId}/invitations`);
  expect(inv.status).toBe(200);
  const r = respondent(server.baseUrl);
  let survey: any;
  let seed = 7;
  const rand = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (const [i, invitation] of inv.json.invitations.slice(0, count).entries()) {
    const cred = await r.obtain(campaignId, invitation.code);
    survey = cred.survey;
    const built = answersFor(cred.survey, rand);
    for (const id of Object.keys(built)) if (id.startsWith('custom.')) delete built[id];
    const res = await r.submit(cred, { ...built, ...custom(i) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  }
  return survey;
}

describe('campaign kinds', () => {
  let annualId: string;

  it('allows one annual campaign per fiscal year and says how to add another survey', async () => {
    const first = await admin.post('/api/campaigns', campaign());
    expect(first.status).toBe(201);
    expect(first.json.kind).toBe('annual');
    annualId = first.json.id;

    const second = await admin.post('/api/campaigns', campaign('annual'));
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('annual_exists');
    expect(second.json.error.message).toContain('pulse');
    expect(second.json.error.message).toContain('年次調査');

    const pulse = await admin.post('/api/campaigns', campaign('pulse'));
    expect(pulse.status).toBe(201);
    expect(pulse.json.kind).toBe('pulse');
    // Turning the pulse survey into a second annual one is refused the same way.
    const turned = await admin.call('PATCH', `/api/campaigns/${pulse.json.id}`, { kind: 'annual' });
    expect(turned.status).toBe(409);
    expect(turned.json.error.code).toBe('annual_exists');
    // Another year is free; editing the annual one itself is not a clash.
    const moved = await admin.call('PATCH', `/api/campaigns/${pulse.json.id}`, {
      kind: 'annual',
      fiscalYear: 2027,
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ kind: 'annual', fiscalYear: 2027 });
    expect((await admin.call('PATCH', `/api/campaigns/${annualId}`, { minGroupSize: 6 })).status).toBe(200);

    const listed = (await admin.get('/api/campaigns')).json as Array<{ id: string; kind: string }>;
    expect(listed.find((c) => c.id === annualId)?.kind).toBe('annual');
  });

  it('refuses a kind that does not exist', async () => {
    const bad = await admin.post('/api/campaigns', { ...campaign(), kind: 'weekly' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    expect(bad.json.error.message).toContain('kind');
  });
});

describe('custom questions', () => {
  let draftId: string;
  let annualId: string;

  it('refuses bad questions with a clear message', async () => {
    const created = await admin.post('/api/campaigns', campaign('pulse'));
    draftId = created.json.id;
    const path = `/api/campaigns/${draftId}/questions`;
    const cases: Array<[unknown, string]> = [
      [{ ...likert(), text: { ja: '満足している' } }, 'English'],
      [{ ...likert(), text: { ja: ' ', en: 'x' } }, 'Japanese'],
      [{ ...likert(), constructId: undefined }, 'exactly one'],
      [{ ...likert(), initiativeId }, 'exactly one'],
      [{ ...likert(), type: 'nps' }, 'type'],
      [
        { ...likert(), type: 'single', options: [{ label: { ja: 'はい', en: 'Yes' } }] },
        'at least two options',
      ],
      [
        { ...likert(), options: [{ label: { ja: 'a', en: 'a' } }, { label: { ja: 'b', en: 'b' } }] },
        'options are not allowed',
      ],
      [{ ...likert(), type: 'number', min: 0 }, 'min and max'],
      [{ ...likert(), type: 'number', min: 5, max: 1 }, 'max must be at least min'],
      [{ ...likert(), min: 1, max: 5 }, 'only for number'],
      [{ ...likert(), sensitive: true, required: true }, 'cannot be required'],
      [{ ...likert(), constructId: 'Not-Snake' }, 'snake_case'],
      [{ ...likert(), surprise: 1 }, 'surprise'],
    ];
    for (const [body, message] of cases) {
      const res = await admin.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.message, JSON.stringify(body)).toContain(message);
    }
    const construct = await admin.post(path, { ...likert(), constructId: 'no_such_construct' });
    expect(construct.status).toBe(400);
    expect(construct.json.error).toMatchObject({ code: 'unknown_construct' });
    const initiative = await admin.post(path, {
      ...likert(),
      constructId: undefined,
      initiativeId: 'cul-99',
    });
    expect(initiative.status).toBe(400);
    expect(initiative.json.error).toMatchObject({ code: 'unknown_initiative' });
    expect((await admin.post('/api/campaigns/nope/questions', likert())).status).toBe(404);
    // Nothing half-written: the draft still has no questions.
    expect((await admin.get(path)).json).toEqual({ editable: true, questions: [] });
  });

  it('adds, lists and removes questions on a draft; the limit is clear', async () => {
    const path = `/api/campaigns/${draftId}/questions`;
    const added = await admin.post(path, likert());
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      id: 'custom.q1',
      type: 'likert5',
      required: false,
      sensitive: false,
      constructId,
    });
    for (let i = 2; i <= 10; i++) expect((await admin.post(path, likert())).status).toBe(201);
    const eleventh = await admin.post(path, likert());
    expect(eleventh.status).toBe(409);
    expect(eleventh.json.error.code).toBe('too_many_questions');
    expect((await admin.call('DELETE', `${path}/custom.q3`)).status).toBe(204);
    expect((await admin.call('DELETE', `${path}/custom.q3`)).status).toBe(404);
    const listed = (await admin.get(path)).json;
    expect(listed.questions.map((q: any) => q.id)).not.toContain('custom.q3');
    expect(listed.questions).toHaveLength(9);
    // The survey the draft will freeze asks them, in their own section before the free comment.
    const template = (await admin.get(`/api/templates/${TEMPLATE}`)).json;
    expect(template.standaloneItems.some((i: any) => i.id.startsWith('custom.'))).toBe(false);
  });

  it('freezes the questions at open and publishes each through the disclosure engine', async () => {
    const created = await admin.post('/api/campaigns', { ...campaign(), fiscalYear: 2025 });
    expect(created.status).toBe(201);
    annualId = created.json.id;
    const path = `/api/campaigns/${annualId}/questions`;
    const ids: Record<string, string> = {};
    const add = async (name: string, body: Record<string, unknown>) => {
      const res = await admin.post(path, body);
      expect(res.status, res.text).toBe(201);
      ids[name] = res.json.id;
    };
    await add('likert', { ...likert(), required: true });
    await add('single', {
      type: 'single',
      text: { ja: '在宅勤務の制度を使ったことがある', en: 'I have used the telework scheme' },
      options: [{ label: { ja: 'はい', en: 'Yes' } }, { label: { ja: 'いいえ', en: 'No' } }],
      initiativeId,
    });
    await add('number', {
      type: 'number',
      text: { ja: '昨年度に受けた研修の日数', en: 'Days of training last year' },
      min: 0,
      max: 30,
      initiativeId,
    });
    await add('text', {
      type: 'text',
      text: { ja: '新庁舎への意見', en: 'Views on the new building' },
      constructId,
    });
    await add('sensitive', { ...likert(), sensitive: true });

    // 22 answer: every figure can be worked out by hand.
    const survey = await answer(annualId, 22, (i) => ({
      [ids.likert!]: (i % 5) + 1,
      [ids.single!]: i < 11 ? 'o1' : 'o2',
      [ids.number!]: i % 3,
      ...(i < 12 ? { [ids.text!]: `意見 ${i}: 連絡は q${i}@example.jp まで` } : {}),
      [ids.sensitive!]: 4,
    }));
    const section = survey.sections.find((s: any) => s.id === 'custom');
    expect(section.questions.map((q: any) => q.id)).toEqual([ids.likert, ids.single, ids.number, ids.text]);
    expect(survey.sections.find((s: any) => s.id === 'custom_sensitive').questions[0].id).toBe(ids.sensitive);

    // Frozen: no change once open.
    const late = await admin.post(path, likert());
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('questions_frozen');
    expect((await admin.call('DELETE', `${path}/${ids.likert}`)).status).toBe(409);
    expect((await admin.get(path)).json.editable).toBe(false);

    expect((await admin.post(`/api/campaigns/${annualId}/close`)).status).toBe(200);
    const results = (await admin.get(`/api/campaigns/${annualId}/results`)).json;
    const item = (id: string) => results.customItems.find((c: any) => c.itemId === id);
    // Answers 1..5 in turn over 22 people: 5 × (4) + 1, 2 → counts [5,5,4,4,4].
    expect(item(ids.likert!)).toMatchObject({ type: 'likert5', n: 22, suppressed: false });
    expect(item(ids.likert!).favourable).toBeCloseTo(8 / 22, 12);
    expect(item(ids.likert!).distribution).toEqual([5 / 22, 5 / 22, 4 / 22, 4 / 22, 4 / 22]);
    expect(item(ids.likert!).mean).toBeCloseTo((5 + 10 + 12 + 16 + 20) / 22, 12);
    expect(item(ids.single!)).toMatchObject({
      n: 22,
      options: [
        { value: 'o1', share: 0.5 },
        { value: 'o2', share: 0.5 },
      ],
    });
    // 0,1,2 repeating: eight 0s, seven 1s, seven 2s.
    expect(item(ids.number!).mean).toBeCloseTo((7 + 14) / 22, 12);
    expect(item(ids.number!).meanCi[0]).toBeLessThan(item(ids.number!).mean);
    // Free text: 12 answers ≥ k_sensitive (10), masked before storage, not mixed into the free comments.
    const texts: string[] = item(ids.text!).texts;
    expect(texts).toHaveLength(12);
    expect(texts.join('\n')).not.toContain('@example.jp');
    expect(results.comments.texts.some((t: string) => t.startsWith('意見 '))).toBe(false);
    expect(item(ids.sensitive!)).toMatchObject({ n: 22, suppressed: false, favourable: 1 });
    // Not scored into its construct: the construct's figures come from its own items only.
    expect(results.itemScores.some((s: any) => s.itemId.startsWith('custom.'))).toBe(false);
    expect(results.items.some((s: any) => s.itemId.startsWith('custom.'))).toBe(false);
  });

  it('hides a custom question below its threshold: k, or k_sensitive for sensitive and free text', async () => {
    const created = await admin.post('/api/campaigns', { ...campaign('pulse'), fiscalYear: 2025 });
    expect(created.status).toBe(201);
    const id = created.json.id;
    const path = `/api/campaigns/${id}/questions`;
    const plain = (await admin.post(path, likert())).json.id;
    const sensitive = (await admin.post(path, { ...likert(), sensitive: true })).json.id;
    const text = (await admin.post(path, { type: 'text', text: { ja: '意見', en: 'Views' }, constructId }))
      .json.id;
    const few = (await admin.post(path, { ...likert(), text: { ja: '少数', en: 'Few' } })).json.id;
    // 7 answer: at least k (5), under k_sensitive (10); only 3 answer the last question.
    await answer(id, 7, (i) => ({
      [plain]: 5,
      [sensitive]: 5,
      [text]: `意見 ${i}`,
      ...(i < 3 ? { [few]: 2 } : {}),
    }));
    expect((await admin.post(`/api/campaigns/${id}/close`)).status).toBe(200);
    const results = (await admin.get(`/api/campaigns/${id}/results`)).json;
    const item = (itemId: string) => results.customItems.find((c: any) => c.itemId === itemId);
    expect(item(plain)).toMatchObject({ n: 7, suppressed: false, favourable: 1 });
    const hidden = {
      n: null,
      suppressed: true,
      hiddenReason: 'few',
      favourable: null,
      distribution: null,
      mean: null,
    };
    expect(item(sensitive)).toMatchObject(hidden);
    expect(item(few)).toMatchObject(hidden);
    expect(item(text)).toMatchObject({ n: null, suppressed: true, hiddenReason: 'few', texts: [] });
  });

  it('keeps a pulse survey out of the annual figures even when it closes later', async () => {
    const indicators = (await admin.get('/api/indicators?from=2025&to=2025')).json;
    const values = indicators.pillars.flatMap((p: any) => p.indicators.flatMap((i: any) => i.values));
    const ids = new Set(values.map((v: any) => v.campaignId).filter(Boolean));
    expect([...ids]).toEqual([annualId]);
  });
});
