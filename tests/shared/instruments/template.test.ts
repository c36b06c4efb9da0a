import { describe, expect, it } from 'vitest';
import {
  CONSTRUCTS,
  type Construct,
  FREE_COMMENT,
  Template,
  annualStaffSurvey,
  buildTemplate,
  constructById,
  constructOfItem,
  itemsOfTemplate,
  likertItem,
  validateAnswers,
} from '../../../shared/instruments';

describe('annualStaffSurvey', () => {
  it('validates against its own schema', () => {
    const result = Template.safeParse(annualStaffSurvey);
    expect(result.success, result.error?.message).toBe(true);
    expect(annualStaffSurvey.id).toBe('annual-staff-survey-v1');
    expect(annualStaffSurvey.title).toEqual({ ja: '職員意識調査（年次）', en: 'Annual staff survey' });
  });

  it('survives a JSON round trip (it is stored and served as JSON)', () => {
    const copy = JSON.parse(JSON.stringify(annualStaffSurvey)) as unknown;
    expect(Template.parse(copy)).toEqual(annualStaffSurvey);
  });

  it('asks every construct of the bank exactly once, plus the free comment', () => {
    expect(annualStaffSurvey.constructs.map((c) => c.id).sort()).toEqual(CONSTRUCTS.map((c) => c.id).sort());
    const listed = annualStaffSurvey.sections.flatMap((s) => s.constructIds ?? []);
    expect(listed.sort()).toEqual(CONSTRUCTS.map((c) => c.id).sort());
    const items = itemsOfTemplate(annualStaffSurvey);
    expect(items.length).toBe(CONSTRUCTS.flatMap((c) => c.items).length + 1);
    expect(items.length).toBeGreaterThanOrEqual(55);
    // Issue 14 split double-barrelled items, measured cul-16, trn-01…04 and env-15…17, added the leave
    // items (env-04/05) and the harassment module (3-year window, how often, from whom, consulted, after):
    // still one sitting (shared/instruments/minutes.ts).
    expect(items.length).toBeLessThanOrEqual(95);
  });

  it('introduces the harassment section as sensitive, and only sensitive sections hold sensitive items', () => {
    const harassment = annualStaffSurvey.sections.find((s) => s.id === 'harassment')!;
    expect(harassment.sensitive).toBe(true);
    expect(harassment.constructIds).toEqual(['harassment_climate']);
    expect(harassment.description?.ja).toContain('任意回答');
    const items = new Map(itemsOfTemplate(annualStaffSurvey).map((i) => [i.id, i]));
    for (const s of annualStaffSurvey.sections) {
      const hasSensitive = s.items.some((id) => items.get(id)!.sensitive);
      expect(Boolean(s.sensitive), s.id).toBe(hasSensitive);
    }
  });

  it('closes with the optional, sensitive, unscored free comment', () => {
    const last = annualStaffSurvey.sections.at(-1)!;
    expect(last.id).toBe('comments');
    expect(last.items).toEqual(['comments.free']);
    expect(itemsOfTemplate(annualStaffSurvey).at(-1)).toEqual(FREE_COMMENT);
    expect(FREE_COMMENT).toMatchObject({
      type: 'text',
      required: false,
      sensitive: true,
      scored: false,
      text: { ja: '職場や人材育成について自由にご意見をお書きください' },
    });
    expect(annualStaffSurvey.standaloneItems).toEqual([FREE_COMMENT]);
  });

  it('asks the three self-reported attributes', () => {
    expect(annualStaffSurvey.attributes.map((a) => a.id)).toEqual(['jobLevel', 'ageBand', 'employmentType']);
  });
});

describe('lookups', () => {
  it('itemsOfTemplate follows section order', () => {
    const ids = itemsOfTemplate(annualStaffSurvey).map((i) => i.id);
    expect(ids).toEqual(annualStaffSurvey.sections.flatMap((s) => s.items));
    expect(ids[0]).toBe('eng.recommend');
  });

  it('constructOfItem finds the construct, or undefined outside constructs', () => {
    expect(constructOfItem('psy.raise_problems')?.id).toBe('psychological_safety');
    expect(constructOfItem('har.experienced', annualStaffSurvey)?.id).toBe('harassment_climate');
    expect(constructOfItem('comments.free')).toBeUndefined();
    expect(constructOfItem('nope.nothing')).toBeUndefined();
  });
});

describe('buildTemplate', () => {
  const teamwork: Construct = {
    id: 'teamwork',
    pillarId: 'culture',
    name: { ja: 'チームワーク', en: 'Teamwork' },
    description: { ja: '係内の協力', en: 'Cooperation within the team' },
    priorities: ['workstyle'],
    initiatives: ['cul-12'],
    indicator: 'favourable',
    items: [
      likertItem('team.help', { ja: '係内で互いに助け合っている', en: 'We help each other in the team.' }),
      likertItem('team.share', {
        ja: '係内で情報が共有されている',
        en: 'Information is shared in the team.',
      }),
    ],
  };
  const spec = {
    id: 'other-city-pulse',
    title: { ja: '簡易調査', en: 'Pulse survey' },
    description: { ja: '短い調査です。', en: 'A short survey.' },
  };

  it("assembles another city's own template from its own constructs", () => {
    const template = buildTemplate([teamwork, constructById('health')!], {
      ...spec,
      sections: [
        { id: 'team', title: { ja: 'チーム', en: 'Team' }, constructIds: ['teamwork'] },
        { id: 'health', title: { ja: '健康', en: 'Health' }, constructIds: ['health'] },
      ],
      attributes: [],
    });
    expect(template.sections.map((s) => s.items)).toEqual([
      ['team.help', 'team.share'],
      [
        'hlt.can_consult',
        'hlt.stress_manageable',
        'hlt.rest',
        'hlt.manager_notices_change',
        'hlt.manager_checks_in',
      ],
    ]);
    expect(template.constructs.map((c) => c.id)).toEqual(['teamwork', 'health']);
    expect(template.attributes).toEqual([]);
    expect(constructOfItem('team.help', template)?.id).toBe('teamwork');
    const answers = {
      'team.help': 5,
      'team.share': 2,
      'hlt.can_consult': 4,
      'hlt.stress_manageable': 3,
      'hlt.rest': 1,
      'hlt.manager_notices_change': 4,
      'hlt.manager_checks_in': 3,
    };
    expect(validateAnswers(template, answers)).toEqual({ ok: true, answers });
    expect(validateAnswers(template, { ...answers, 'psy.raise_problems': 3 }).ok).toBe(false);
  });

  it('marks sections with sensitive items as sensitive', () => {
    const template = buildTemplate(CONSTRUCTS, {
      ...spec,
      sections: [
        {
          id: 'safety',
          title: { ja: 'ハラスメント', en: 'Harassment' },
          constructIds: ['harassment_climate'],
        },
        { id: 'team', title: { ja: '職場', en: 'Workplace' }, constructIds: ['psychological_safety'] },
      ],
    });
    expect(template.sections.map((s) => s.sensitive)).toEqual([true, undefined]);
  });

  it('rejects an unknown construct id', () => {
    expect(() =>
      buildTemplate(CONSTRUCTS, {
        ...spec,
        sections: [{ id: 'x', title: { ja: 'エックス', en: 'X' }, constructIds: ['no_such_construct'] }],
      }),
    ).toThrow(/no_such_construct/);
  });

  it('rejects a construct asked twice', () => {
    expect(() =>
      buildTemplate(CONSTRUCTS, {
        ...spec,
        sections: [
          { id: 'a', title: { ja: 'エー', en: 'A' }, constructIds: ['health'] },
          { id: 'b', title: { ja: 'ビー', en: 'B' }, constructIds: ['health'] },
        ],
      }),
    ).toThrow(/health/);
  });
});

describe('Template schema consistency', () => {
  const base = () => JSON.parse(JSON.stringify(annualStaffSurvey)) as Template;
  const issues = (t: unknown) => {
    const result = Template.safeParse(t);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('rejects a section item that is defined nowhere', () => {
    const t = base();
    t.sections[0]!.items.push('ghost.item');
    expect(issues(t)).toContainEqual(expect.stringContaining('unknown item ghost.item'));
  });

  it('rejects a defined item that no section asks', () => {
    const t = base();
    t.sections[0]!.items = t.sections[0]!.items.filter((id) => id !== 'eng.motivated');
    expect(issues(t)).toContainEqual(expect.stringContaining('eng.motivated is defined but not asked'));
  });

  it('rejects sensitive items in a section not marked sensitive', () => {
    const t = base();
    delete t.sections.find((s) => s.id === 'harassment')!.sensitive;
    expect(issues(t)).toContainEqual(expect.stringContaining('must be marked sensitive'));
  });

  it('rejects an item asked in a section that does not list its construct', () => {
    const t = base();
    t.sections[0]!.items.push('psy.safe_to_try');
    t.sections[1]!.items = t.sections[1]!.items.filter((id) => id !== 'psy.safe_to_try');
    expect(issues(t)).toContainEqual(expect.stringContaining('belongs to psychological_safety'));
  });

  it('rejects duplicate section ids', () => {
    const t = base();
    t.sections[1]!.id = t.sections[0]!.id;
    expect(issues(t)).toContainEqual(expect.stringContaining('duplicate section id'));
  });
});
