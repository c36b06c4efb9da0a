import { describe, expect, it } from 'vitest';
import { aizuwakamatsuPlan as plan } from '../../../shared/plan/data/aizuwakamatsu';
import {
  distinctInitiatives,
  findInitiative,
  initiativesByPillar,
  isRelisting,
  PILLAR_IDS,
  parsePlan,
  planFiscalYears,
  resolveInitiative,
  statusIn,
} from '../../../shared/plan';

const YEARS = [2023, 2024, 2025, 2026, 2027];

function statusesOf(id: string) {
  return YEARS.map((y) => statusIn(plan, id, y));
}

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
}

describe('会津若松市人材育成推進プラン as data', () => {
  it('runs FY2023–FY2027 (令和5〜9年度)', () => {
    expect(plan.fiscalYears).toEqual({ from: 2023, to: 2027 });
    expect(planFiscalYears(plan)).toEqual(YEARS);
    expect(plan.city).toEqual({ ja: '会津若松市', en: 'Aizuwakamatsu City' });
  });

  it('has the four pillars in the plan’s order, Japanese first', () => {
    expect(plan.pillars).toEqual([
      { id: 'personnel', name: { ja: '人事管理', en: 'Personnel management' }, order: 1 },
      { id: 'training', name: { ja: '職員研修', en: 'Staff training' }, order: 2 },
      { id: 'culture', name: { ja: '組織文化', en: 'Organisational culture' }, order: 3 },
      { id: 'environment', name: { ja: '働きやすい環境づくり', en: 'A good place to work' }, order: 4 },
    ]);
  });

  it('has the five priorities ①–⑤ with their names and a summary', () => {
    expect(plan.priorities.map((p) => [p.number, p.id, p.name.ja])).toEqual([
      [1, 'workstyle', '働き方改革の推進'],
      [2, 'compliance', 'コンプライアンス意識の啓発・強化'],
      [3, 'career', 'キャリア開発の支援による人材育成'],
      [4, 'midcareer', '社会人採用の強化'],
      [5, 'digital', 'デジタル人材の育成'],
    ]);
    for (const p of plan.priorities) {
      expect(p.summary.ja).toMatch(/。$/);
      expect(p.summary.ja.split('。').filter(Boolean)).toHaveLength(1);
      expect(p.summary.en).toMatch(/\.$/);
    }
    expect(plan.priorities[1]?.summary.ja).toContain('不祥事を発生させない組織づくり');
  });

  it('has all 73 rows: 19, 16, 21 and 17 by pillar, with the fixed ids in table order', () => {
    expect(plan.initiatives).toHaveLength(73);
    const counts = { personnel: 19, training: 16, culture: 21, environment: 17 } as const;
    const prefixes = { personnel: 'per', training: 'trn', culture: 'cul', environment: 'env' } as const;
    for (const pillar of PILLAR_IDS) {
      expect(initiativesByPillar(plan, pillar).map((r) => r.id)).toEqual(
        ids(prefixes[pillar], counts[pillar]),
      );
    }
    expect(plan.initiatives.map((r) => r.id)).toEqual([
      ...ids('per', 19),
      ...ids('trn', 16),
      ...ids('cul', 21),
      ...ids('env', 17),
    ]);
  });

  it('has 17 新規 rows and 69 distinct initiatives', () => {
    const resolved = plan.initiatives.map((r) => resolveInitiative(plan, r.id)!);
    expect(resolved.filter((r) => r.kind === 'new')).toHaveLength(17);
    expect(distinctInitiatives(plan)).toHaveLength(69);
    expect(
      distinctInitiatives(plan)
        .filter((r) => r.kind === 'new')
        .map((r) => r.id),
    ).toEqual([
      'per-05',
      'per-08',
      'per-09',
      'per-17',
      'trn-01',
      'trn-02',
      'trn-04',
      'trn-06',
      'trn-08',
      'trn-10',
      'trn-15',
      'trn-16',
      'cul-06',
      'cul-13',
      'cul-15',
      'cul-21',
      'env-01',
    ]);
  });

  it('per-09 人事評価結果の分析及び研修企画等への活用: research two years, then utilize', () => {
    expect(resolveInitiative(plan, 'per-09')?.title.ja).toBe('人事評価結果の分析及び研修企画等への活用');
    expect(statusesOf('per-09')).toEqual(['research', 'research', 'utilize', 'utilize', 'utilize']);
  });

  it('per-17 若手職員のキャリア形成を支援することができる管理監督職の育成: research, consider, then implement', () => {
    expect(resolveInitiative(plan, 'per-17')?.title.ja).toBe(
      '若手職員のキャリア形成を支援することができる管理監督職の育成',
    );
    expect(resolveInitiative(plan, 'per-17')?.kind).toBe('new');
    expect(statusesOf('per-17')).toEqual(['research', 'consider', 'implement', 'implement', 'implement']);
  });

  it('cul-06, shifted a column in the source text, sits under 市民主体意識の徹底', () => {
    const row = resolveInitiative(plan, 'cul-06')!;
    expect(row.middle.ja).toBe('市民主体意識の徹底');
    expect(row.small.ja).toBe('市民、民間企業等との交流機会の検討');
    expect(row.title.ja).toBe('市民、民間企業等との協働によるセミナー等の検討');
    expect(row.kind).toBe('new');
    expect(statusesOf('cul-06')).toEqual(['consider', 'implement', 'implement', 'implement', 'implement']);
    // It is the sixth row of 組織文化, between the 地域活動 rows and 学習的職場風土づくり.
    expect(initiativesByPillar(plan, 'culture')[5]?.id).toBe('cul-06');
    expect(resolveInitiative(plan, 'cul-07')?.middle.ja).toBe('学習的職場風土づくり');
  });

  it('links each 再掲 row to the initiative it re-lists, and stores no copy of it', () => {
    const relistings = Object.fromEntries(
      plan.initiatives.flatMap((r) => (isRelisting(r) ? [[r.id, r.refersTo]] : [])),
    );
    expect(relistings).toEqual({
      'cul-09': 'trn-12',
      'cul-19': 'trn-07',
      'cul-20': 'cul-12',
      'env-02': 'cul-12',
    });

    for (const [id, target] of Object.entries(relistings)) {
      const stored = findInitiative(plan, id)!;
      expect(Object.keys(stored).sort()).toEqual(['id', 'middle', 'pillarId', 'refersTo', 'small']);
      const row = resolveInitiative(plan, id)!;
      const original = resolveInitiative(plan, target)!;
      expect(row.title).toEqual(original.title);
      expect(row.kind).toBe(original.kind);
      expect(row.statuses).toEqual(original.statuses);
      expect(row.refersTo).toBe(target);
      // The re-listing keeps its own place in its own table.
      expect(row.id).toBe(id);
      expect(row.small).not.toEqual(original.small);
    }
    expect(resolveInitiative(plan, 'cul-09')?.title.ja).toBe(
      '専門の外部研修機関等の研修受講後の職場研修実施の徹底',
    );
    expect(resolveInitiative(plan, 'env-02')?.pillarId).toBe('environment');
  });

  it('holds each title once: no duplicated titles, no 再掲 markers left', () => {
    const titles = distinctInitiatives(plan).map((r) => r.title.ja);
    expect(new Set(titles).size).toBe(69);
    for (const t of titles) expect(t).not.toMatch(/再掲/);
  });

  it('fills blank 中項目/小項目 cells from the row above', () => {
    const place = (id: string) => {
      const r = findInitiative(plan, id)!;
      return [r.middle.ja, r.small.ja];
    };
    expect(place('per-02')).toEqual(['職員採用', '職員採用のための効果的な情報発信']);
    expect(place('per-06')).toEqual(['職員採用', '多様な人材の確保']);
    expect(place('per-17')).toEqual(['配置管理', 'キャリア形成支援']);
    expect(place('trn-08')).toEqual(['研修所研修', '階層別研修の充実']);
    expect(place('trn-15')).toEqual(['派遣研修', '民間企業等への派遣研修']);
    expect(place('cul-05')).toEqual(['市民主体意識の徹底', '地域活動等への参加の促進']);
    expect(place('cul-20')).toEqual(['働き方改革の推進', '仕事の生産性の向上を図るための取組の検討及び推進']);
    expect(place('env-02')).toEqual(['ワーク・ライフ・バランス', '長時間労働の縮減の推進']);
    expect(place('env-17')).toEqual(['労働安全管理', '職場安全教育の推進']);
  });

  it('has English for every text, translated rather than copied', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const texts = [
      plan.title,
      plan.city,
      ...plan.pillars.map((p) => p.name),
      ...plan.priorities.flatMap((p) => [p.name, p.summary]),
      ...plan.initiatives.flatMap((r) => [r.middle, r.small, ...(isRelisting(r) ? [] : [r.title])]),
    ];
    for (const text of texts) {
      expect(text.en, text.ja).not.toMatch(japanese);
      expect(text.en.trim()).not.toBe('');
    }
  });

  it('survives a JSON round trip through parsePlan unchanged', () => {
    expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
  });
});

describe('look-ups', () => {
  it('statusIn follows a 再掲 row and is undefined outside the plan', () => {
    expect(statusIn(plan, 'env-02', 2025)).toBe(statusIn(plan, 'cul-12', 2025));
    expect(statusIn(plan, 'env-02', 2025)).toBe('implement');
    expect(statusIn(plan, 'per-09', 2022)).toBeUndefined();
    expect(statusIn(plan, 'per-09', 2028)).toBeUndefined();
    expect(statusIn(plan, 'per-99', 2023)).toBeUndefined();
  });

  it('resolveInitiative returns undefined for an unknown id and the row itself for an original', () => {
    expect(resolveInitiative(plan, 'nope')).toBeUndefined();
    expect(resolveInitiative(plan, 'trn-12')).toEqual(findInitiative(plan, 'trn-12'));
    expect(resolveInitiative(plan, 'trn-12')?.refersTo).toBeUndefined();
  });

  it('initiativesByPillar gives a pillar’s rows in order, 再掲 rows resolved in place', () => {
    const culture = initiativesByPillar(plan, 'culture');
    expect(culture).toHaveLength(21);
    expect(culture[8]).toMatchObject({
      id: 'cul-09',
      pillarId: 'culture',
      small: { ja: '職場研修（OJT）の推進' },
      title: { ja: '専門の外部研修機関等の研修受講後の職場研修実施の徹底' },
      refersTo: 'trn-12',
    });
    expect(culture.every((r) => r.pillarId === 'culture')).toBe(true);
  });

  it('resolving a row whose referent is missing fails loudly', () => {
    const damaged = { ...plan, initiatives: plan.initiatives.filter((r) => r.id !== 'cul-12') };
    expect(() => resolveInitiative(damaged, 'env-02')).toThrow(/re-lists cul-12/);
  });
});
