import { describe, expect, it } from 'vitest';
import type { BreakdownResult } from '../../../shared/api/results';
import { Template } from '../../../shared/instruments/schema';
import { recheckResults } from '../../../shared/results/hide';
import { type ResponseRecord, ResultsBuilder } from '../../../shared/results/compute';
import { entryRouteOf } from '../../../shared/results/entry-route';
import { leaveBand, type WorkstyleYear, workstyleIndicators } from '../../../shared/results/workstyle';
import { twoProportionZ, welchT, wilson } from '../../../shared/stats';

/**
 * Worked examples of the work-style indicators (shared/results/workstyle.ts)
 * and of the entry-route breakdown (shared/results/entry-route.ts), through
 * ResultsBuilder: a small template with the work-style items, the entry route
 * and one scored construct.
 */

const t = (text: string) => ({ ja: text, en: text });
const likert = (id: string) => ({ id, type: 'likert5', text: t(id), required: false, scored: true });
const single = (id: string, values: string[]) => ({
  id,
  type: 'single',
  text: t(id),
  required: false,
  scored: false,
  options: values.map((value) => ({ value, label: t(value) })),
});

const template = Template.parse({
  id: 'ws-test',
  title: t('ws'),
  description: t('ws'),
  constructs: [
    {
      id: 'workstyle',
      pillarId: 'environment',
      name: t('workstyle'),
      description: t('workstyle'),
      priorities: ['workstyle'],
      initiatives: ['env-04', 'env-05'],
      indicator: 'favourable',
      items: [
        single('ws.overtime_band', ['none', 'lt10', '10to20', '20to45', '45to80', '80plus']),
        {
          id: 'ws.leave_days',
          type: 'number',
          text: t('days'),
          required: false,
          scored: false,
          min: 0,
          max: 40,
        },
        single('ws.flex_used', ['both', 'flex', 'telework', 'neither', 'not_eligible']),
        likert('ws.men_childcare_leave'),
        likert('ws.carer_leave'),
      ],
    },
    {
      id: 'recruitment_onboarding',
      pillarId: 'personnel',
      name: t('rec'),
      description: t('rec'),
      priorities: ['midcareer'],
      initiatives: [],
      indicator: 'favourable',
      items: [
        single('rec.entry_route', ['new_graduate', 'private_sector', 'public_sector', 'other']),
        { ...likert('rec.onboarding_support'), required: true },
      ],
    },
  ],
  standaloneItems: [],
  sections: [
    {
      id: 'all',
      title: t('all'),
      items: [
        'ws.overtime_band',
        'ws.leave_days',
        'ws.flex_used',
        'ws.men_childcare_leave',
        'ws.carer_leave',
        'rec.entry_route',
        'rec.onboarding_support',
      ],
    },
  ],
  attributes: [],
});

function compute(responses: Array<ResponseRecord['answers']>, minGroupSize = 5) {
  const builder = new ResultsBuilder({
    campaignId: 'c1',
    fiscalYear: 2025,
    minGroupSize,
    template,
    units: [{ code: 'ROOT', parentCode: null }],
    computedAt: '2026-03-01T00:00:00.000Z',
    shuffle: (xs) => xs,
  });
  for (const answers of responses) builder.add({ unitCode: 'ROOT', attributes: {}, answers });
  return builder.finish();
}

describe('work-style indicators', () => {
  // Ten respondents: overtime 45 h or more for 3, leave days 0…40, flexitime/telework used by 3
  // of the 4 for whom it is available, men's childcare leave favourable for 6 of 10, carer's for 2 of 4.
  const overtime = [
    'none',
    'lt10',
    'lt10',
    '10to20',
    '10to20',
    '20to45',
    '20to45',
    '45to80',
    '45to80',
    '80plus',
  ];
  const leave = [0, 4, 5, 9, 10, 12, 15, 20, 25, 40];
  const flex: Array<string | undefined> = ['both', 'flex', 'telework', 'neither', 'not_eligible'];
  const childcare = [5, 4, 4, 4, 5, 4, 3, 2, 1, 3];
  const carer: Array<number | undefined> = [5, 4, 2, 1];
  const responses = overtime.map((band, i) => {
    const a: ResponseRecord['answers'] = {
      'ws.overtime_band': band,
      'ws.leave_days': leave[i]!,
      'ws.men_childcare_leave': childcare[i]!,
      'rec.onboarding_support': 4,
    };
    if (flex[i]) a['ws.flex_used'] = flex[i]!;
    if (carer[i] !== undefined) a['ws.carer_leave'] = carer[i]!;
    return a;
  });

  it('computes each figure by hand: shares with Wilson intervals, the leave mean, bands and ≥ 10 days', () => {
    const { summary } = compute(responses);
    const f = summary.workstyle!.figures;
    const w = wilson(3, 10)!;
    expect(f.overtime45).toEqual({ value: 0.3, ci: [w.lower, w.upper], n: 10, suppressed: false, x: 3 });
    // Mean 14; Σ(x − 14)² = 196+100+81+25+16+4+1+36+121+676 = 1,256 → sd = √(1256/9).
    expect(f.leaveDays!.value).toBeCloseTo(14, 12);
    expect(f.leaveDays!.sd).toBeCloseTo(Math.sqrt(1256 / 9), 12);
    expect(f.leaveDays!.n).toBe(10);
    expect(f.leave10).toMatchObject({ value: 0.6, n: 10, x: 6 });
    // 0–4: 0, 4; 5–9: 5, 9; 10–14: 10, 12; 15–19: 15; 20+: 20, 25, 40.
    expect(summary.workstyle!.leaveBands).toEqual([0.2, 0.2, 0.2, 0.1, 0.3]);
    // not_eligible is out of the base: 3 of the 4 others used flexitime or telework. 4 < k: hidden.
    expect(f.flexUse).toEqual({ value: null, ci: null, n: null, suppressed: true });
    expect(f.menChildcareLeave).toMatchObject({ value: 0.6, n: 10, x: 6 });
    expect(f.carerLeave).toEqual({ value: null, ci: null, n: null, suppressed: true });
  });

  it('shows a figure once it has k answers: one more makes the flexitime share 3 of 5', () => {
    const more = [...responses, { 'ws.flex_used': 'neither', 'rec.onboarding_support': 4 }];
    const f = compute(more).summary.workstyle!.figures.flexUse!;
    expect(f).toMatchObject({ value: 3 / 5, n: 5, x: 3, suppressed: false });
  });

  it('hides every figure when the whole organisation is hidden', () => {
    const { summary } = compute(responses.slice(0, 4));
    for (const f of Object.values(summary.workstyle!.figures)) expect(f!.suppressed).toBe(true);
    expect(summary.workstyle!.leaveBands).toBeNull();
  });

  it('bands leave days at 5, 10, 15 and 20', () => {
    expect([0, 4, 5, 9, 10, 14, 15, 19, 20, 40].map(leaveBand)).toEqual([
      '0to4',
      '0to4',
      '5to9',
      '5to9',
      '10to14',
      '10to14',
      '15to19',
      '15to19',
      '20plus',
      '20plus',
    ]);
  });

  it('builds the trend: a skipped year compares with the last one, shares by z, the mean by Welch, BH q', () => {
    const share = (x: number, n: number) => ({ value: x / n, ci: null, n, suppressed: false, x });
    const year = (campaignId: string, overtime: number, mean: number): WorkstyleYear => ({
      campaignId,
      summary: {
        figures: {
          overtime45: share(overtime, 200),
          leaveDays: { value: mean, ci: null, n: 200, suppressed: false, sd: 5 },
        },
        leaveBands: [0.1, 0.2, 0.3, 0.2, 0.2],
      },
    });
    const out = workstyleIndicators(
      2023,
      2025,
      new Map([
        [2023, year('c23', 40, 10)],
        [2025, year('c25', 20, 11)],
      ]),
    );
    expect(out.years).toEqual([2023, 2024, 2025]);
    const overtime = out.indicators.find((i) => i.id === 'overtime45')!;
    const leave = out.indicators.find((i) => i.id === 'leaveDays')!;
    expect(overtime.values[1]).toMatchObject({
      fiscalYear: 2024,
      value: null,
      campaignId: null,
      delta: null,
    });
    const o = overtime.values[2]!;
    expect(o).toMatchObject({ comparedWith: 2023, test: 'z' });
    expect(o.delta).toBeCloseTo(-0.1, 12);
    expect(o.p).toBeCloseTo(twoProportionZ(40, 200, 20, 200).p, 12);
    const l = leave.values[2]!;
    expect(l).toMatchObject({ comparedWith: 2023, test: 'welch', delta: 1 });
    const pw = welchT({ mean: 10, sd: 5, n: 200 }, { mean: 11, sd: 5, n: 200 }).p;
    expect(l.p).toBeCloseTo(pw, 12);
    // Two tests: BH q₍₁₎ = min(2·p₍₁₎, p₍₂₎), q₍₂₎ = p₍₂₎.
    expect(out.tests).toBe(2);
    const [lo, hi] = [o.p!, l.p!].sort((a, b) => a - b) as [number, number];
    const qs = [o.q!, l.q!].sort((a, b) => a - b);
    expect(qs[0]).toBeCloseTo(Math.min(2 * lo, hi), 12);
    expect(qs[1]).toBeCloseTo(hi, 12);
    // p(overtime 20% → 10% on 200 each) ≈ 0.006: significant; the 1-day change (p ≈ 0.046, q ≈ 0.046) too.
    expect(o.significant).toBe(o.q! <= 0.05);
    expect(o.significant).toBe(true);
    expect(leave.initiatives).toEqual([]);
    expect(out.indicators.find((i) => i.id === 'menChildcareLeave')!.initiatives).toEqual(['env-04']);
    expect(out.indicators.find((i) => i.id === 'carerLeave')!.initiatives).toEqual(['env-05']);
    expect(out.leaveDistribution.map((d) => d.bands?.[0]?.share ?? null)).toEqual([0.1, null, 0.1]);
  });
});

describe('entry-route breakdown', () => {
  const answers = (route: string | undefined, x: number): ResponseRecord['answers'] =>
    route ? { 'rec.entry_route': route, 'rec.onboarding_support': x } : { 'rec.onboarding_support': x };
  const cell = (results: ReturnType<typeof compute>['results'], key: string) =>
    results.breakdowns.entryRoute!.find((g) => g.key === key)!;
  const rec = (g: BreakdownResult) => g.constructs.find((c) => c.constructId === 'recruitment_onboarding')!;

  it('groups both kinds of prior employment as mid-career', () => {
    expect(entryRouteOf({ 'rec.entry_route': 'private_sector' })).toBe('mid_career');
    expect(entryRouteOf({ 'rec.entry_route': 'public_sector' })).toBe('mid_career');
    expect(entryRouteOf({ 'rec.entry_route': 'new_graduate' })).toBe('new_graduate');
    expect(entryRouteOf({ 'rec.entry_route': 'other' })).toBe('other');
    expect(entryRouteOf({})).toBeUndefined();
    expect(entryRouteOf({ 'rec.entry_route': 'made_up' })).toBeUndefined();
  });

  it('breaks every construct down by entry route: 6 of 7 mid-career answers favourable', () => {
    const responses = [
      ...Array.from({ length: 12 }, () => answers('new_graduate', 5)),
      ...Array.from({ length: 6 }, () => answers('private_sector', 4)),
      answers('public_sector', 2),
      ...Array.from({ length: 5 }, () => answers('other', 3)),
    ];
    const { results } = compute(responses);
    expect(results.breakdowns.entryRoute!.map((g) => g.key)).toEqual(['new_graduate', 'mid_career', 'other']);
    const mid = cell(results, 'mid_career');
    expect(mid).toMatchObject({ n: 7, suppressed: false });
    expect(rec(mid)).toMatchObject({ n: 7, suppressed: false });
    expect(rec(mid).favourable).toBeCloseTo(6 / 7, 12);
    expect(rec(cell(results, 'new_graduate')).favourable).toBe(1);
    expect(rec(cell(results, 'other')).favourable).toBe(0);
    // Every construct has a cell in every group.
    for (const g of results.breakdowns.entryRoute!) expect(g.constructs).toHaveLength(2);
  });

  it('hides a small group and, when the hidden add up to fewer than k, the next-smallest too (reason few)', () => {
    // new 12, mid-career 7, other 2, one who did not say: other is hidden (2 < 5); 2 + 1 < 5,
    // so mid-career is hidden as well; 12 stays.
    const responses = [
      ...Array.from({ length: 12 }, () => answers('new_graduate', 5)),
      ...Array.from({ length: 7 }, () => answers('private_sector', 4)),
      ...Array.from({ length: 2 }, () => answers('other', 3)),
      answers(undefined, 4),
    ];
    const { results } = compute(responses);
    const other = cell(results, 'other');
    const mid = cell(results, 'mid_career');
    for (const g of [other, mid]) {
      expect(g).toMatchObject({ n: null, suppressed: true, hiddenReason: 'few' });
      expect(rec(g)).toMatchObject({ n: null, favourable: null, suppressed: true });
    }
    expect(cell(results, 'new_graduate')).toMatchObject({ n: 12, suppressed: false });
    // Served again under the same rule, nothing hidden comes back.
    const served = recheckResults(results, template);
    expect(served.breakdowns.entryRoute!.map((g) => g.suppressed)).toEqual([false, true, true]);
  });
});
