import { describe, expect, it } from 'vitest';
import type { CampaignResults } from '../../../shared/api/results';
import { Template } from '../../../shared/instruments/schema';
import { type ResponseRecord, ResultsBuilder } from '../../../shared/results/compute';
import { recheckResults } from '../../../shared/results/hide';
import { cronbachAlpha, wilson } from '../../../shared/stats';

/**
 * ResultsBuilder on its own, without HTTP: what it shows, what it hides, and
 * that what it shows is scored as DESIGN §4–5 say. A small template: a
 * favourable construct with a reverse-keyed item, a sensitive construct, an
 * eNPS construct, a choice item (and a sensitive one) and a comment box.
 */

const t = (text: string) => ({ ja: text, en: text });
const likert = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  type: 'likert5',
  text: t(id),
  required: false,
  scored: true,
  ...more,
});
const choice = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  type: 'single',
  text: t(id),
  required: false,
  scored: false,
  options: ['a', 'b', 'c'].map((value) => ({ value, label: t(value) })),
  ...more,
});
const construct = (id: string, pillarId: string, items: unknown[], more: Record<string, unknown> = {}) => ({
  id,
  pillarId,
  name: t(id),
  description: t(id),
  priorities: ['compliance'],
  initiatives: [],
  items,
  indicator: 'favourable',
  ...more,
});

const template = Template.parse({
  id: 'unit-test',
  title: t('unit test'),
  description: t('unit test'),
  constructs: [
    construct('safety', 'culture', [likert('safety.speak_up'), likert('safety.blamed', { reverse: true })]),
    construct(
      'harassment',
      'environment',
      [
        likert('harassment.safe_to_report', { sensitive: true }),
        likert('harassment.acted_on', { sensitive: true }),
      ],
      { sensitive: true },
    ),
    construct(
      'engagement',
      'personnel',
      [{ id: 'engagement.enps', type: 'nps', text: t('enps'), required: false, scored: false }],
      { indicator: 'enps' },
    ),
  ],
  standaloneItems: [
    choice('work.overtime'),
    choice('work.experienced', { sensitive: true }),
    { id: 'free.comment', type: 'text', text: t('comment'), required: false, scored: false },
  ],
  sections: [
    {
      id: 'all',
      title: t('all'),
      sensitive: true,
      items: [
        'safety.speak_up',
        'safety.blamed',
        'harassment.safe_to_report',
        'harassment.acted_on',
        'engagement.enps',
        'work.overtime',
        'work.experienced',
        'free.comment',
      ],
    },
  ],
  attributes: [],
});

const UNITS = [
  { code: 'ROOT', parentCode: null },
  { code: 'A', parentCode: 'ROOT' },
  { code: 'B', parentCode: 'ROOT' },
  { code: 'C', parentCode: 'ROOT' },
];

/** An answer to every item but the comment: neutral, so the figures do not matter where they are not checked. */
const ANSWERS = {
  'safety.speak_up': 4,
  'safety.blamed': 2,
  'harassment.safe_to_report': 4,
  'harassment.acted_on': 4,
  'engagement.enps': 8,
  'work.overtime': 'a',
  'work.experienced': 'b',
};

function response(
  unitCode: string,
  more: Partial<ResponseRecord> & { answers?: ResponseRecord['answers'] } = {},
): ResponseRecord {
  return { unitCode, attributes: {}, ...more, answers: { ...ANSWERS, ...more.answers } };
}

function compute(
  responses: ResponseRecord[],
  options: {
    minGroupSize?: number;
    units?: typeof UNITS;
    keyGroups?: Array<{ id: string; units: string[] }>;
  } = {},
) {
  const builder = new ResultsBuilder({
    campaignId: 'c1',
    fiscalYear: 2026,
    minGroupSize: options.minGroupSize ?? 5,
    template,
    units: options.units ?? UNITS,
    ...(options.keyGroups ? { keyGroups: options.keyGroups } : {}),
    computedAt: '2026-11-01T00:00:00.000Z',
    shuffle: (xs) => [...xs].reverse(),
  });
  for (const r of responses) builder.add(r);
  return builder.finish();
}

/** The response without answers to the given items (all optional). */
function without(r: ResponseRecord, ...itemIds: string[]): ResponseRecord {
  const answers = { ...r.answers };
  for (const id of itemIds) delete answers[id];
  return { ...r, answers };
}

const times = (n: number, make: (i: number) => ResponseRecord) =>
  Array.from({ length: n }, (_, i) => make(i));
const unit = (results: CampaignResults, code: string) => results.units.find((u) => u.unitCode === code)!;
const cell = (group: CampaignResults['overall'], constructId: string) =>
  group.constructs.find((c) => c.constructId === constructId)!;

/** A hidden cell carries no value and no exact n: every field but its names is null. */
function expectHidden(value: { suppressed: boolean } & Record<string, unknown>, names: string[]) {
  expect(value.suppressed).toBe(true);
  for (const [key, v] of Object.entries(value)) {
    if (key === 'suppressed' || names.includes(key)) continue;
    if (key === 'constructs') continue;
    // Why it is hidden (DESIGN §4) is published: few or complementary, never a number.
    if (key === 'hiddenReason') {
      expect(['few', 'complementary']).toContain(v);
      continue;
    }
    if (key === 'options') {
      for (const o of v as Array<{ share: unknown }>) expect(o.share).toBeNull();
      continue;
    }
    expect(v, key).toBeNull();
  }
}

describe('ResultsBuilder: empty input', () => {
  const { results, summary } = compute([]);

  it('hides every cell and publishes no comment', () => {
    expect(results.overall).toMatchObject({ n: null, suppressed: true });
    for (const c of results.overall.constructs) expectHidden(c, ['constructId', 'pillarId']);
    for (const u of results.units) {
      expect(u).toMatchObject({ n: null, suppressed: true });
      for (const c of u.constructs) expectHidden(c, ['constructId', 'pillarId']);
    }
    expect(results.breakdowns).toEqual({ jobLevel: [], ageBand: [], employmentType: [], entryRoute: [] });
    for (const i of results.items) expectHidden(i, ['itemId']);
    for (const i of results.itemScores) expectHidden(i, ['itemId', 'constructId']);
    expect(results.comments).toEqual({ suppressed: true, texts: [] });
  });

  it('keeps the shape: every unit, choice item and scored item is listed', () => {
    expect(results.units.map((u) => u.unitCode)).toEqual(['ROOT', 'A', 'B', 'C']);
    expect(results.items.map((i) => i.itemId)).toEqual(['work.overtime', 'work.experienced']);
    expect(results.items[0]!.options.map((o) => o.value)).toEqual(['a', 'b', 'c']);
    expect(results.itemScores.map((i) => i.itemId)).toEqual([
      'safety.speak_up',
      'safety.blamed',
      'harassment.safe_to_report',
      'harassment.acted_on',
    ]);
    expect(results.minGroupSize).toBe(5);
    expect(results.sensitiveMinGroupSize).toBe(10);
  });

  it('gives indicators no value', () => {
    expect(summary.constructs).toEqual([
      { constructId: 'safety', pillarId: 'culture', favourable: null, n: null, x: null },
      { constructId: 'harassment', pillarId: 'environment', favourable: null, n: null, x: null },
      { constructId: 'engagement', pillarId: 'personnel', favourable: null, n: null, x: null },
    ]);
  });

  it('refuses a minimum group size below 5', () => {
    expect(() => compute([], { minGroupSize: 3 })).toThrow();
  });
});

describe('ResultsBuilder: small cells and complementary suppression', () => {
  // DESIGN §4's example: units of 12, 6 and 3 under a parent with no staff of its own.
  const people = [
    ...times(12, () => response('A')),
    ...times(6, () => response('B')),
    ...times(3, () => response('C')),
  ];
  const { results } = compute(people);

  it('hides the unit under k and the next-smallest sibling with it; shows the rest', () => {
    expect(unit(results, 'A')).toMatchObject({ n: 12, suppressed: false });
    expect(unit(results, 'ROOT')).toMatchObject({ n: 21, suppressed: false });
    expect(results.overall).toMatchObject({ n: 21, suppressed: false });
    for (const code of ['B', 'C']) {
      expectHidden(unit(results, code), ['unitCode']);
      for (const c of unit(results, code).constructs) expectHidden(c, ['constructId', 'pillarId']);
    }
  });

  it('leaves nothing that subtraction can isolate: parent minus shown children covers at least k', () => {
    const shown = results.units.filter((u) => u.unitCode !== 'ROOT' && !u.suppressed);
    const rest = unit(results, 'ROOT').n! - shown.reduce((sum, u) => sum + u.n!, 0);
    expect(rest).toBe(9);
    expect(rest).toBeGreaterThanOrEqual(5);
  });

  it('without the smallest unit, a unit of 6 is shown', () => {
    const { results: two } = compute([...times(12, () => response('A')), ...times(6, () => response('B'))]);
    expect(unit(two, 'B')).toMatchObject({ n: 6, suppressed: false });
    expect(unit(two, 'C')).toMatchObject({ n: null, suppressed: true });
  });

  it('hides a stated group when the only other part of the total is the few who did not say', () => {
    // 15 state their job level, 2 do not: showing the 15 would show the 2 by subtraction from the total.
    const { results: few } = compute([
      ...times(15, () => response('A', { attributes: { jobLevel: 'staff' } })),
      ...times(2, () => response('A')),
    ]);
    expect(few.overall).toMatchObject({ n: 17, suppressed: false });
    expect(few.breakdowns.jobLevel).toHaveLength(1);
    expectHidden(few.breakdowns.jobLevel[0]!, ['key']);
    // With none left unstated, the same 15 are shown.
    const { results: all } = compute(times(15, () => response('A', { attributes: { jobLevel: 'staff' } })));
    expect(all.breakdowns.jobLevel[0]).toMatchObject({ key: 'staff', n: 15, suppressed: false });
  });

  it('applies complementary suppression within a breakdown (12, 6, 3)', () => {
    const level = (jobLevel: string) => () => response('A', { attributes: { jobLevel } });
    const { results: byLevel } = compute([
      ...times(12, level('staff')),
      ...times(6, level('senior')),
      ...times(3, level('chief')),
    ]);
    const cells = Object.fromEntries(byLevel.breakdowns.jobLevel.map((g) => [g.key, g]));
    expect(cells.staff).toMatchObject({ n: 12, suppressed: false });
    expect(cells.senior).toMatchObject({ n: null, suppressed: true });
    expect(cells.chief).toMatchObject({ n: null, suppressed: true });
    for (const c of cells.senior!.constructs) expectHidden(c, ['constructId', 'pillarId']);
  });

  it('hides everything when the whole organisation is under k', () => {
    const { results: tiny } = compute(
      times(4, () => response('A', { answers: { 'free.comment': 'hello' } })),
    );
    expect(tiny.overall).toMatchObject({ n: null, suppressed: true });
    expect(tiny.units.every((u) => u.suppressed && u.n === null)).toBe(true);
    expect(tiny.items.every((i) => i.suppressed)).toBe(true);
    expect(tiny.itemScores.every((i) => i.suppressed)).toBe(true);
    expect(tiny.comments).toEqual({ suppressed: true, texts: [] });
    expect(JSON.stringify(tiny)).not.toMatch(/"n":4/);
  });

  it('lists a unit inside a key group without figures of its own', () => {
    const { results: grouped } = compute(
      [...times(12, () => response('A')), ...times(8, () => response('B'))],
      {
        keyGroups: [{ id: 'B', units: ['B', 'C'] }],
      },
    );
    expect(unit(grouped, 'B')).toMatchObject({ n: 8, suppressed: false });
    expect(unit(grouped, 'C')).toMatchObject({ reason: 'in_key_group', n: null, suppressed: true });
  });
});

describe('ResultsBuilder: sensitive content needs n ≥ k_sensitive', () => {
  it('hides a sensitive construct, its items, sensitive choices and comments under k_sensitive', () => {
    const { results, summary } = compute(times(8, () => response('A', { answers: { 'free.comment': 'x' } })));
    expect(results.overall).toMatchObject({ n: 8, suppressed: false });
    expect(cell(results.overall, 'safety')).toMatchObject({ n: 8, suppressed: false });
    expectHidden(cell(results.overall, 'harassment'), ['constructId', 'pillarId']);
    expectHidden(cell(unit(results, 'A'), 'harassment'), ['constructId', 'pillarId']);
    for (const i of results.itemScores.filter((s) => s.constructId === 'harassment'))
      expectHidden(i, ['itemId', 'constructId']);
    expect(results.items.find((i) => i.itemId === 'work.overtime')).toMatchObject({
      n: 8,
      suppressed: false,
    });
    expectHidden(results.items.find((i) => i.itemId === 'work.experienced')!, ['itemId']);
    expect(results.comments).toEqual({ suppressed: true, texts: [] });
    expect(summary.constructs.find((c) => c.constructId === 'harassment')).toMatchObject({
      favourable: null,
      n: null,
      x: null,
    });
  });

  it('shows them at k_sensitive, and each sensitive item only when its own n reaches it', () => {
    // 12 answer the module, but only 9 of them the second item.
    const { results } = compute(
      times(12, (i) => {
        const r = response('A', { answers: { 'free.comment': i === 0 ? '   ' : `comment ${i}` } });
        return i < 3 ? without(r, 'harassment.acted_on') : r;
      }),
    );
    expect(cell(results.overall, 'harassment')).toMatchObject({ n: 12, suppressed: false });
    const scores = Object.fromEntries(results.itemScores.map((s) => [s.itemId, s]));
    expect(scores['harassment.safe_to_report']).toMatchObject({ n: 12, suppressed: false });
    expectHidden(scores['harassment.acted_on']!, ['itemId', 'constructId']);
    expect(results.items.find((i) => i.itemId === 'work.experienced')).toMatchObject({
      n: 12,
      suppressed: false,
    });
    // Comments: every non-blank one, shuffled (here: reversed).
    expect(results.comments.suppressed).toBe(false);
    expect(results.comments.texts).toEqual(Array.from({ length: 11 }, (_, i) => `comment ${11 - i}`));
  });

  it('a unit of 8 shows its other constructs but not the sensitive one', () => {
    const { results } = compute([...times(12, () => response('A')), ...times(8, () => response('B'))]);
    const b = unit(results, 'B');
    expect(b).toMatchObject({ n: 8, suppressed: false });
    expect(cell(b, 'safety')).toMatchObject({ n: 8, suppressed: false });
    expectHidden(cell(b, 'harassment'), ['constructId', 'pillarId']);
    expect(cell(results.overall, 'harassment')).toMatchObject({ n: 20, suppressed: false });
  });
});

describe('ResultsBuilder: scoring', () => {
  // speak_up as asked 5 4 3 2 1; blamed (reverse-keyed) as asked 1 1 5 5 3, recoded 5 5 1 1 3.
  const speakUp = [5, 4, 3, 2, 1];
  const blamed = [1, 1, 5, 5, 3];
  const nps = [10, 9, 9, 6, 0];
  const overtime = ['a', 'a', 'b', 'c', 'a'];
  const { results, summary } = compute(
    speakUp.map((s, i) =>
      response('A', {
        answers: {
          'safety.speak_up': s,
          'safety.blamed': blamed[i]!,
          'engagement.enps': nps[i]!,
          'work.overtime': overtime[i]!,
        },
      }),
    ),
  );
  const safety = cell(results.overall, 'safety');

  it('favourable is the share of 4–5 answers after recoding, with its Wilson interval', () => {
    // Favourable answers: speak_up 5, 4; blamed recoded 5, 5: 4 of 10.
    expect(safety.favourable).toBeCloseTo(0.4, 12);
    const ci = wilson(2, 5)!;
    expect(safety.favourableCi![0]).toBeCloseTo(ci.lower, 12);
    expect(safety.favourableCi![1]).toBeCloseTo(ci.upper, 12);
    expect(safety.n).toBe(5);
  });

  it('mean is of each respondent’s mean score, with a t interval around it', () => {
    // Respondents' means: 5, 4.5, 2, 1.5, 2 → 3.
    expect(safety.mean).toBeCloseTo(3, 12);
    expect(safety.meanCi![0]).toBeLessThan(3);
    expect(safety.meanCi![1]).toBeGreaterThan(3);
  });

  it("Cronbach's α overall is that of the recoded rows", () => {
    const rows = speakUp.map((s, i) => [s, 6 - blamed[i]!]);
    expect(safety.alpha).toBeCloseTo(cronbachAlpha(rows)!, 12);
    expect(cell(unit(results, 'A'), 'safety').alpha).toBeUndefined();
  });

  it('eNPS is the share of 9–10 minus the share of 0–6', () => {
    expect(cell(results.overall, 'engagement').enps).toBeCloseTo((3 - 2) / 5, 12);
    expect(safety.enps).toBeUndefined();
  });

  it('item scores give the favourable share and the distribution as asked', () => {
    const scores = Object.fromEntries(results.itemScores.map((s) => [s.itemId, s]));
    expect(scores['safety.speak_up']).toMatchObject({ n: 5, suppressed: false });
    expect(scores['safety.speak_up']!.favourable).toBeCloseTo(0.4, 12);
    expect(scores['safety.speak_up']!.distribution).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    // Reverse-keyed: favourable is the share of 1–2 as asked.
    expect(scores['safety.blamed']!.favourable).toBeCloseTo(0.4, 12);
    expect(scores['safety.blamed']!.distribution).toEqual([0.4, 0, 0.2, 0, 0.4]);
  });

  it('choice items give the share of respondents per option', () => {
    const item = results.items.find((i) => i.itemId === 'work.overtime')!;
    expect(item).toMatchObject({ n: 5, suppressed: false });
    expect(item.options).toEqual([
      { value: 'a', share: 0.6 },
      { value: 'b', share: 0.2 },
      { value: 'c', share: 0.2 },
    ]);
  });

  it('the summary carries favourable, n and the z-test’s x', () => {
    expect(summary).toMatchObject({ campaignId: 'c1', fiscalYear: 2026, templateId: 'unit-test' });
    expect(summary.constructs.find((c) => c.constructId === 'safety')).toEqual({
      constructId: 'safety',
      pillarId: 'culture',
      favourable: safety.favourable,
      n: 5,
      x: 2,
    });
  });

  it('counts a respondent in a construct only if they answered one of its items', () => {
    const { results: partial } = compute([
      ...times(6, () => response('A')),
      ...times(3, () => without(response('A'), 'safety.speak_up', 'safety.blamed')),
    ]);
    expect(partial.overall.n).toBe(9);
    expect(cell(partial.overall, 'safety').n).toBe(6);
  });
});

describe('recheckResults: the rule applied again when results are served', () => {
  const people = [
    ...times(12, (i) => response('A', { answers: { 'free.comment': `c${i}` } })),
    ...times(6, () => response('B')),
    ...times(3, () => response('C')),
  ];
  const { results } = compute(people);

  it('leaves results the builder made as they are', () => {
    expect(recheckResults(results, template)).toEqual(results);
  });

  it('hides a stored cell under k whatever it says, with every value', () => {
    const tampered: CampaignResults = structuredClone(results);
    const c = tampered.units.find((u) => u.unitCode === 'C')!;
    Object.assign(c, { n: 3, suppressed: false });
    c.constructs = unit(results, 'A').constructs.map((x) => ({ ...x, n: 3 }));
    const served = recheckResults(tampered, template);
    expectHidden(unit(served, 'C'), ['unitCode']);
    for (const x of unit(served, 'C').constructs) expectHidden(x, ['constructId', 'pillarId']);
    expect(unit(served, 'A')).toEqual(unit(results, 'A'));
  });

  it('never applies a stored minimum group size below the floors', () => {
    const lowered: CampaignResults = {
      ...structuredClone(results),
      minGroupSize: 2,
      sensitiveMinGroupSize: 2,
    };
    const a = lowered.units.find((u) => u.unitCode === 'A')!;
    const harassment = a.constructs.find((x) => x.constructId === 'harassment')!;
    Object.assign(harassment, { ...cell(unit(results, 'A'), 'safety'), constructId: 'harassment', n: 9 });
    lowered.comments = { suppressed: false, texts: ['leak'] };
    lowered.overall = { ...lowered.overall, n: 9 };
    const served = recheckResults(lowered, template);
    // Overall 9: shown at k = 5, but comments need k_sensitive = 10.
    expect(served.overall).toMatchObject({ n: 9, suppressed: false });
    expect(served.comments).toEqual({ suppressed: true, texts: [] });
    // A sensitive construct at n = 9 < 10.
    expectHidden(cell(unit(served, 'A'), 'harassment'), ['constructId', 'pillarId']);
  });

  it('hides everything under a hidden overall cell', () => {
    const hidden: CampaignResults = { ...structuredClone(results), overall: { ...results.overall, n: 4 } };
    const served = recheckResults(hidden, template);
    expect(served.overall).toMatchObject({ n: null, suppressed: true });
    expect(served.units.every((u) => u.suppressed)).toBe(true);
    expect(served.items.every((i) => i.suppressed && i.options.every((o) => o.share === null))).toBe(true);
    expect(served.itemScores.every((i) => i.suppressed && i.favourable === null)).toBe(true);
    expect(served.comments).toEqual({ suppressed: true, texts: [] });
  });
});
