import { describe, expect, it } from 'vitest';
import {
  CONSTRUCTS,
  Construct,
  annualStaffSurvey,
  constructById,
  itemsOfTemplate,
} from '../../../shared/instruments';
import { PILLAR_IDS, PRIORITY_IDS } from '../../../shared/plan/ids';

/** Plan rows that repeat another row (【再掲】); constructs must link the original instead. */
const REPEATED_ROWS = ['cul-09', 'cul-19', 'cul-20', 'env-02'];

const allItems = CONSTRUCTS.flatMap((c) => c.items);

describe('construct bank', () => {
  it('every construct is valid against the Construct schema', () => {
    for (const c of CONSTRUCTS) {
      const result = Construct.safeParse(c);
      expect(result.success, `${c.id}: ${result.error?.message}`).toBe(true);
    }
  });

  it('construct ids are unique', () => {
    const ids = CONSTRUCTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('contains the constructs of DESIGN §5 in their pillars', () => {
    const pillarOf = Object.fromEntries(CONSTRUCTS.map((c) => [c.id, c.pillarId]));
    expect(pillarOf).toMatchObject({
      psychological_safety: 'culture',
      workstyle: 'environment',
      harassment_climate: 'environment',
      compliance: 'training',
      career: 'personnel',
      evaluation_fairness: 'personnel',
      digital_skills: 'training',
      learning_culture: 'culture',
      training_effectiveness: 'training',
      health: 'environment',
      engagement: 'personnel',
      recruitment_onboarding: 'personnel',
    });
  });

  it.each(PILLAR_IDS)('pillar %s has at least two constructs', (pillar) => {
    expect(CONSTRUCTS.filter((c) => c.pillarId === pillar).length).toBeGreaterThanOrEqual(2);
  });

  it.each(PRIORITY_IDS)('priority %s is informed by at least one construct', (priority) => {
    expect(CONSTRUCTS.filter((c) => c.priorities.includes(priority)).length).toBeGreaterThanOrEqual(1);
  });

  it('psychological safety has 7 likert items, exactly the three expected ones reverse-keyed', () => {
    const psy = constructById('psychological_safety')!;
    expect(psy.items).toHaveLength(7);
    expect(psy.items.every((i) => i.type === 'likert5' && i.scored)).toBe(true);
    expect(
      psy.items
        .filter((i) => i.reverse)
        .map((i) => i.id)
        .sort(),
    ).toEqual(['psy.hard_to_ask_help', 'psy.mistakes_held_against', 'psy.reject_difference']);
  });

  it('item ids are unique across the bank and the template', () => {
    const ids = itemsOfTemplate(annualStaffSurvey).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const bankIds = allItems.map((i) => i.id);
    expect(new Set(bankIds).size).toBe(bankIds.length);
  });

  it('every item, option and construct has non-empty Japanese and English', () => {
    const texts = [
      ...CONSTRUCTS.flatMap((c) => [c.name, c.description]),
      ...itemsOfTemplate(annualStaffSurvey).flatMap((i) => [
        i.text,
        ...(i.options ?? []).map((o) => o.label),
      ]),
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts) {
      expect(t.ja.trim(), JSON.stringify(t)).not.toBe('');
      expect(t.en.trim(), JSON.stringify(t)).not.toBe('');
      // Japanese text is actually Japanese (contains kana or kanji).
      expect(t.ja, t.en).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('links 2–8 canonical plan initiatives per construct, never a 再掲 row', () => {
    for (const c of CONSTRUCTS) {
      expect(c.initiatives.length, c.id).toBeGreaterThanOrEqual(2);
      // Work style also ties men's childcare leave (env-04) and carer's leave (env-05): 8.
      expect(c.initiatives.length, c.id).toBeLessThanOrEqual(8);
      for (const id of c.initiatives) {
        expect(id).toMatch(/^(per|trn|cul|env)-\d{2}$/);
        expect(REPEATED_ROWS, `${c.id} links ${id}`).not.toContain(id);
      }
    }
  });

  it('reverse keying and scoring appear only on likert5 items', () => {
    expect(allItems.filter((i) => i.reverse).length).toBeGreaterThanOrEqual(3);
    for (const item of allItems) {
      if (item.reverse !== undefined) expect(item.type, item.id).toBe('likert5');
      if (item.scored) expect(item.type, item.id).toBe('likert5');
      if (item.type === 'likert5') expect(item.scored, item.id).toBe(true);
    }
  });

  it('descriptive work-style items are not scored', () => {
    const ws = constructById('workstyle')!;
    const byId = Object.fromEntries(ws.items.map((i) => [i.id, i]));
    expect(byId['ws.overtime_band']).toMatchObject({ type: 'single', scored: false });
    expect(byId['ws.overtime_band']!.options!.map((o) => o.value)).toEqual([
      'none',
      'lt10',
      '10to20',
      '20to45',
      '45to80',
      '80plus',
    ]);
    expect(byId['ws.leave_days']).toMatchObject({ type: 'number', min: 0, max: 40, scored: false });
    expect(byId['ws.flex_used']).toMatchObject({ type: 'single', scored: false });
    expect(byId['ws.flex_wish']).toMatchObject({ type: 'single', scored: false });
    expect(ws.items.filter((i) => i.scored).length).toBeGreaterThanOrEqual(3);
    // The double-barrelled ws.manager_adjusts_load is asked as two statements; env-04/05 have items.
    expect(byId['ws.manager_adjusts_load']).toBeUndefined();
    expect(byId['ws.manager_knows_load']).toMatchObject({ type: 'likert5', scored: true });
    expect(byId['ws.manager_rebalances_load']).toMatchObject({ type: 'likert5', scored: true });
    expect(byId['ws.men_childcare_leave']).toMatchObject({ type: 'likert5', scored: true });
    expect(byId['ws.carer_leave']).toMatchObject({ type: 'likert5', scored: true });
    expect(ws.initiatives).toEqual(expect.arrayContaining(['env-04', 'env-05']));
  });

  it('asks prior experience as two optional statements, not of everyone (該当しない: left blank)', () => {
    const rec = CONSTRUCTS.find((c) => c.id === 'recruitment_onboarding')!;
    const ids = rec.items.map((i) => i.id);
    expect(ids).not.toContain('rec.prior_experience_valued');
    for (const id of ['rec.prior_experience_respected', 'rec.prior_experience_used']) {
      const item = rec.items.find((i) => i.id === id)!;
      // Asked of everyone, with 該当しない for those without such experience (scored as missing).
      expect(item).toMatchObject({ type: 'likert5', scored: true, notApplicable: true });
      expect(item.required).not.toBe(false);
    }
    expect(rec.items.find((i) => i.id === 'rec.entry_route')!.options!.map((o) => o.value)).toEqual([
      'new_graduate',
      'private_sector',
      'public_sector',
      'other',
    ]);
  });

  it('the harassment module is sensitive, optional, and asks about each kind with an exclusive "none" and "rather not say"', () => {
    const har = constructById('harassment_climate')!;
    expect(har.sensitive).toBe(true);
    for (const item of har.items) {
      expect(item.sensitive, item.id).toBe(true);
      expect(item.required, item.id).toBe(false);
    }
    for (const id of ['har.experienced_3y', 'har.experienced', 'har.witnessed']) {
      const item = har.items.find((i) => i.id === id)!;
      expect(item.type).toBe('multi');
      expect(item.options!.map((o) => o.value)).toEqual([
        'power',
        'sexual',
        'maternity',
        'customer',
        'none',
        'decline',
      ]);
      expect(item.options!.filter((o) => o.exclusive).map((o) => o.value)).toEqual(['none', 'decline']);
    }
    // The follow-ups: how often, from whom, whether and whom consulted, what happened after; each can be declined.
    for (const id of ['har.frequency', 'har.source', 'har.consulted', 'har.outcome']) {
      const item = har.items.find((i) => i.id === id)!;
      expect(
        item.options!.map((o) => o.value),
        id,
      ).toContain('decline');
    }
    const consulted = har.items.find((i) => i.id === 'har.consulted')!;
    expect(consulted.options!.filter((o) => o.exclusive).map((o) => o.value)).toEqual(['nobody', 'decline']);
    // The double-barrelled "looked into and acted on" is two questions.
    const ids = har.items.map((i) => i.id);
    expect(ids).toContain('har.report_investigated');
    expect(ids).toContain('har.report_acted_on');
    expect(ids.indexOf('har.report_investigated')).toBe(ids.indexOf('har.report_acted_on') - 1);
    // Only the harassment construct is sensitive.
    expect(CONSTRUCTS.filter((c) => c.sensitive).map((c) => c.id)).toEqual(['harassment_climate']);
  });

  it("the engagement construct's indicator is eNPS from one 0–10 item", () => {
    const eng = constructById('engagement')!;
    expect(eng.indicator).toBe('enps');
    expect(eng.items.filter((i) => i.type === 'nps').map((i) => i.id)).toEqual(['eng.recommend']);
    expect(eng.items.filter((i) => i.type === 'likert5').length).toBeGreaterThanOrEqual(3);
    expect(CONSTRUCTS.filter((c) => c.indicator === 'enps').map((c) => c.id)).toEqual(['engagement']);
  });

  it('each favourable-indicator construct has enough scored likert items', () => {
    const minimum: Record<string, number> = { learning_culture: 5, recruitment_onboarding: 3, engagement: 3 };
    for (const c of CONSTRUCTS) {
      const scored = c.items.filter((i) => i.type === 'likert5' && i.scored).length;
      expect(scored, c.id).toBeGreaterThanOrEqual(minimum[c.id] ?? 3);
    }
  });

  it('item ids of a construct share one prefix', () => {
    for (const c of CONSTRUCTS) {
      const prefixes = new Set(c.items.map((i) => i.id.split('.')[0]));
      expect(prefixes.size, c.id).toBe(1);
    }
  });

  it('constructById finds bank constructs and returns undefined for unknown ids', () => {
    expect(constructById('health')?.pillarId).toBe('environment');
    expect(constructById('no_such_construct')).toBeUndefined();
  });
});
