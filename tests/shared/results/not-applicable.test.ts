import { describe, expect, it } from 'vitest';
import { Template } from '../../../shared/instruments/schema';
import { type ResponseRecord, ResultsBuilder } from '../../../shared/results/compute';
import { cronbachAlpha } from '../../../shared/stats';

/**
 * 「該当しない」 (stored as 'na') is scored as missing: it answers a required
 * question, but enters no favourable share, mean, α, item distribution or n.
 * Worked by hand on a two-item construct whose second item offers it.
 */

const t = (text: string) => ({ ja: text, en: text });
const template = Template.parse({
  id: 'na-test',
  title: t('na test'),
  description: t('na test'),
  constructs: [
    {
      id: 'learning',
      pillarId: 'culture',
      name: t('learning'),
      description: t('learning'),
      priorities: ['career'],
      initiatives: [],
      indicator: 'favourable',
      items: [
        { id: 'lrn.ojt', type: 'likert5', text: t('ojt'), required: false, scored: true },
        {
          id: 'lrn.mentoring',
          type: 'likert5',
          text: t('mentoring'),
          required: true,
          scored: true,
          notApplicable: true,
        },
      ],
    },
  ],
  standaloneItems: [],
  sections: [{ id: 'all', title: t('all'), items: ['lrn.ojt', 'lrn.mentoring'] }],
  attributes: [],
});

/** (ojt, mentoring) per respondent; undefined = not answered. */
const ROWS: Array<[number | undefined, number | 'na']> = [
  [4, 5],
  [5, 5],
  [3, 4],
  [4, 4],
  [2, 3],
  [5, 4],
  [2, 'na'],
  [2, 'na'],
  [undefined, 'na'],
  [undefined, 'na'],
];

function compute(rows: ResponseRecord[]) {
  const builder = new ResultsBuilder({
    campaignId: 'c1',
    fiscalYear: 2026,
    minGroupSize: 5,
    template,
    units: [{ code: 'A', parentCode: null }],
    computedAt: '2026-11-01T00:00:00.000Z',
    shuffle: (xs) => xs,
  });
  for (const r of rows) builder.add(r);
  return builder.finish();
}

const record = (answers: ResponseRecord['answers']): ResponseRecord => ({
  unitCode: 'A',
  attributes: {},
  answers,
});
const withNa = ROWS.map(([ojt, mentoring]) =>
  record({ ...(ojt === undefined ? {} : { 'lrn.ojt': ojt }), 'lrn.mentoring': mentoring }),
);

describe('「該当しない」 is scored as missing', () => {
  const { results } = compute(withNa);
  const learning = results.overall.constructs.find((c) => c.constructId === 'learning')!;
  const item = (id: string) => results.itemScores.find((s) => s.itemId === id)!;

  it('counts everyone who answered in the group, but in the construct only those with a scored answer', () => {
    expect(results.overall.n).toBe(10);
    // The two who answered only 該当しない have no scored answer: not in n.
    expect(learning.n).toBe(8);
  });

  it('favourable share: 9 favourable of the 14 scored answers (6 full rows, 2 ojt-only)', () => {
    expect(learning.favourable).toBeCloseTo(9 / 14, 12);
  });

  it("mean of respondents' means: (4.5 + 5 + 3.5 + 4 + 2.5 + 4.5 + 2 + 2) / 8 = 3.5", () => {
    expect(learning.mean).toBeCloseTo(3.5, 12);
  });

  it('α over the six complete rows only', () => {
    const complete = ROWS.slice(0, 6).map(([o, m]) => [o as number, m as number]);
    expect(learning.alpha).toBeCloseTo(cronbachAlpha(complete)!, 12);
  });

  it('the item that offers it: n and distribution of its 1–5 answers only', () => {
    expect(item('lrn.mentoring')).toMatchObject({ n: 6, suppressed: false });
    expect(item('lrn.mentoring').favourable).toBeCloseTo(5 / 6, 12);
    expect(item('lrn.mentoring').distribution).toEqual([0, 0, 1 / 6, 3 / 6, 2 / 6]);
    expect(item('lrn.ojt')).toMatchObject({ n: 8 });
  });

  it('gives the same figures as leaving the question unanswered', () => {
    const blank = withNa.map((r) => {
      const answers = { ...r.answers };
      if (answers['lrn.mentoring'] === 'na') delete answers['lrn.mentoring'];
      return { ...r, answers };
    });
    const again = compute(blank).results;
    expect(again.overall.constructs).toEqual(results.overall.constructs);
    expect(again.itemScores).toEqual(results.itemScores);
  });
});
