import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expandStatuses,
  INITIATIVE_STATUSES,
  type InitiativeStatus,
  KIND_LABELS,
  PlanError,
  STATUS_LABELS,
  stripRelistingMarker,
} from '../../../shared/plan';
import { issuesOf } from './fixtures';

describe('expandStatuses (⇒ = same as the previous year)', () => {
  it('reads the status words of a five-year row', () => {
    expect(expandStatuses(['研究', '検討', '実施', '活用', '実施'], 2023)).toEqual({
      2023: 'research',
      2024: 'consider',
      2025: 'implement',
      2026: 'utilize',
      2027: 'implement',
    });
  });

  it('repeats the previous year for each ⇒, across a change of status', () => {
    expect(expandStatuses(['研究', '⇒', '活用', '⇒', '⇒'], 2023)).toEqual({
      2023: 'research',
      2024: 'research',
      2025: 'utilize',
      2026: 'utilize',
      2027: 'utilize',
    });
  });

  it('keys the years from the given first year', () => {
    expect(Object.keys(expandStatuses(['検討', '⇒'], 2031)).map(Number)).toEqual([2031, 2032]);
  });

  it('ignores spaces around a cell', () => {
    expect(expandStatuses([' 実施', '⇒ '], 2023)).toEqual({ 2023: 'implement', 2024: 'implement' });
  });

  it('rejects a ⇒ in the first year, saying there is no previous year', () => {
    const issues = issuesOf(() => expandStatuses(['⇒', '実施'], 2023));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual([0]);
    expect(issues[0]?.message).toMatch(/first fiscal year.*FY2023.*no previous year/);
    expect(() => expandStatuses(['⇒'], 2023)).toThrow(PlanError);
  });

  it('rejects a word that is not a status, naming the cell and the allowed words', () => {
    const issues = issuesOf(() => expandStatuses(['実施', '完了', '⇒'], 2023));
    // The ⇒ after the bad cell is not reported a second time.
    expect(issues).toEqual([
      { path: [1], message: expect.stringContaining('"完了" (FY2024) is not a status') },
    ]);
    expect(issues[0]?.message).toContain('実施, 検討, 研究, 活用');
  });

  it('rejects an empty cell and an empty row', () => {
    expect(issuesOf(() => expandStatuses(['実施', ''], 2023))[0]?.path).toEqual([1]);
    expect(issuesOf(() => expandStatuses([], 2023))[0]?.message).toMatch(/no fiscal-year cells/);
  });

  it('agrees with a plain reading of any row that starts with a status word', () => {
    const words = INITIATIVE_STATUSES.map((s) => STATUS_LABELS[s].ja);
    const cell = fc.constantFrom(...words, '⇒');
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.array(cell, { maxLength: 9 }),
        fc.integer({ min: 2000, max: 2090 }),
        (first, rest, from) => {
          const cells = [first, ...rest];
          const expanded = expandStatuses(cells, from);
          let last: InitiativeStatus | undefined;
          cells.forEach((c, i) => {
            if (c !== '⇒') last = INITIATIVE_STATUSES.find((s) => STATUS_LABELS[s].ja === c);
            expect(expanded[from + i]).toBe(last);
          });
          expect(Object.keys(expanded)).toHaveLength(cells.length);
        },
      ),
    );
  });
});

describe('labels', () => {
  it('names the kinds and statuses in Japanese and English', () => {
    expect(KIND_LABELS).toEqual({
      new: { ja: '新規', en: 'New' },
      continuing: { ja: '継続', en: 'Continuing' },
    });
    expect(STATUS_LABELS).toEqual({
      implement: { ja: '実施', en: 'Implement' },
      consider: { ja: '検討', en: 'Consider' },
      research: { ja: '研究', en: 'Research' },
      utilize: { ja: '活用', en: 'Utilize' },
    });
  });
});

describe('stripRelistingMarker', () => {
  it.each([
    ['職場研修の徹底（再掲）', '職場研修の徹底'],
    ['職場研修の徹底【再掲】', '職場研修の徹底'],
    ['職場研修の徹底 (再掲)', '職場研修の徹底'],
  ])('strips the marker from %s', (title, stripped) => {
    expect(stripRelistingMarker(title)).toEqual({ title: stripped, relisting: true });
  });

  it('leaves other titles alone, including 再掲 in the middle of a title', () => {
    expect(stripRelistingMarker('再掲資料の整理')).toEqual({ title: '再掲資料の整理', relisting: false });
    expect(stripRelistingMarker('研修（OJT）の推進')).toEqual({
      title: '研修（OJT）の推進',
      relisting: false,
    });
  });
});
