import { describe, expect, it } from 'vitest';
import { Template } from '../../../shared/instruments/schema';
import { type ResponseRecord, ResultsBuilder } from '../../../shared/results/compute';

/**
 * The pillar summary (DESIGN §5) and who counts in a construct's n, on a
 * template small enough to work by hand: two one-item constructs under
 * 組織文化 (culture), and an engagement construct under 人事管理 (personnel)
 * with a 0–10 item and a scored item.
 */

const t = (text: string) => ({ ja: text, en: text });
const likert = (id: string) => ({ id, type: 'likert5', text: t(id), required: false, scored: true });
const construct = (id: string, pillarId: string, items: unknown[], more: Record<string, unknown> = {}) => ({
  id,
  pillarId,
  name: t(id),
  description: t(id),
  priorities: ['career'],
  initiatives: [],
  items,
  indicator: 'favourable',
  ...more,
});

const template = Template.parse({
  id: 'pillar-test',
  title: t('pillar test'),
  description: t('pillar test'),
  constructs: [
    construct('c1', 'culture', [likert('c1.a')]),
    construct('c2', 'culture', [likert('c2.a')]),
    construct(
      'eng',
      'personnel',
      [{ id: 'eng.nps', type: 'nps', text: t('nps'), required: false, scored: false }, likert('eng.a')],
      { indicator: 'enps' },
    ),
    construct('sens', 'environment', [{ ...likert('sens.a'), sensitive: true }], { sensitive: true }),
  ],
  standaloneItems: [],
  sections: [
    { id: 'all', title: t('all'), sensitive: true, items: ['c1.a', 'c2.a', 'eng.nps', 'eng.a', 'sens.a'] },
  ],
  attributes: [],
});

function compute(answers: Array<ResponseRecord['answers']>) {
  const builder = new ResultsBuilder({
    campaignId: 'p1',
    fiscalYear: 2025,
    minGroupSize: 5,
    template,
    units: [{ code: 'A', parentCode: null }],
    computedAt: '2026-01-01T00:00:00.000Z',
    shuffle: (xs) => xs,
  });
  for (const a of answers) builder.add({ unitCode: 'A', attributes: {}, answers: a });
  return builder.finish();
}

/**
 * Three kinds of respondent, two of each (c1, c2 as asked): (5, 2), (4, 4), (1, 5). Each
 * construct is favourable for 4 of 6: p₁ = p₂ = 2/3, so the culture figure is θ = 2/3.
 * Respondent r's linearised contribution u_r = ½ Σ_c (f_rc − p_c a_rc)/A_c with A_c = 6:
 * (5, 2): ½(1/3 − 2/3)/6 = −1/36; (4, 4): ½(2/3)/6 = 1/18; (1, 5): −1/36.
 * Σu² = 2 · (1 + 4 + 1)/1296 = 1/108; Var = 6/5 · 1/108 = 1/90; SE = 0.105409.
 * 95%: 2/3 ± 1.959964 · 0.105409 = 2/3 ± 0.206598 → [0.460068, 0.873265].
 * (The same as the t-free interval of each person's own mean share 0.5, 1, 0.5 …: variance
 * 1/15, over 6 — as it must be when everyone answered every construct.)
 * A seventh person answered only the 0–10 item: counted in the eNPS, not in any n.
 */
const KINDS: Array<[number, number]> = [
  [5, 2],
  [4, 4],
  [1, 5],
];
const answers: Array<ResponseRecord['answers']> = [
  ...[...KINDS, ...KINDS].map(([a, b], i) => ({
    'c1.a': a,
    'c2.a': b,
    'eng.nps': 9,
    'eng.a': i < 3 ? 5 : 2,
  })),
  { 'eng.nps': 0 },
];

describe('pillar summary', () => {
  const { results, summary } = compute(answers);
  const culture = summary.pillars!.find((p) => p.pillarId === 'culture')!;

  it('is the mean of the constructs’ favourable shares with its delta-method interval (worked by hand)', () => {
    expect(culture.suppressed).toBe(false);
    expect(culture.constructIds).toEqual(['c1', 'c2']);
    expect(culture.n).toBe(6);
    expect(culture.value).toBeCloseTo(2 / 3, 12);
    expect(culture.ci![0]).toBeCloseTo(0.460068, 5);
    expect(culture.ci![1]).toBeCloseTo(0.873265, 5);
  });

  it('is published only through the disclosure engine: a hidden construct hides its pillar', () => {
    // The sensitive construct needs k_sensitive (10); nobody answered it here.
    const environment = summary.pillars!.find((p) => p.pillarId === 'environment')!;
    expect(environment).toEqual({
      pillarId: 'environment',
      value: null,
      ci: null,
      n: null,
      suppressed: true,
      constructIds: ['sens'],
    });
    // Six answer it: under k_sensitive, so hidden, while 6 ≥ k shows the plain constructs' pillar.
    const six = compute(answers.slice(0, 6).map((a) => ({ ...a, 'sens.a': 5 })));
    expect(six.summary.pillars!.find((p) => p.pillarId === 'environment')!.suppressed).toBe(true);
    expect(six.summary.pillars!.find((p) => p.pillarId === 'culture')!.suppressed).toBe(false);
    // Ten: shown, the one construct's share (all favourable) with its interval.
    const ten = compute([...answers.slice(0, 6), ...answers.slice(0, 4)].map((a) => ({ ...a, 'sens.a': 5 })));
    expect(ten.summary.pillars!.find((p) => p.pillarId === 'environment')).toMatchObject({
      value: 1,
      n: 10,
      suppressed: false,
    });
  });

  it('hides every pillar when the whole organisation is under k', () => {
    const few = compute(answers.slice(0, 4));
    for (const p of few.summary.pillars!)
      expect(p).toMatchObject({ value: null, ci: null, n: null, suppressed: true });
  });

  it('does not count a person who answered only the 0–10 item in the construct’s n', () => {
    const eng = results.overall.constructs.find((c) => c.constructId === 'eng')!;
    expect(results.overall.n).toBe(7);
    // Six answered the scored item: 3 favourable (5) of 6, not of 7.
    expect(eng.n).toBe(6);
    expect(eng.favourable).toBeCloseTo(0.5, 12);
    expect(summary.constructs.find((c) => c.constructId === 'eng')).toMatchObject({ n: 6, x: 3 });
    // The eNPS counts all seven 0–10 answers: 6 promoters, 1 detractor.
    expect(eng.enps).toBeCloseTo((6 - 1) / 7, 12);
    // …and the person is in no pillar's N.
    expect(summary.pillars!.find((p) => p.pillarId === 'personnel')!.n).toBe(6);
  });
});
