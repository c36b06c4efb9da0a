import { describe, expect, it } from 'vitest';
import { type PlanSource, planFromSource, type SourceRow } from '../../../shared/plan';
import { issuesOf, otherTownSource } from './fixtures';

/** The made-up town's source with one table's rows replaced. */
function withRows(table: number, rows: SourceRow[], change?: (s: PlanSource) => void): PlanSource {
  const source = structuredClone(otherTownSource());
  source.tables[table]!.rows = rows;
  change?.(source);
  return source;
}

describe('planFromSource', () => {
  it('numbers rows <prefix>-NN in table order and inherits blank 中項目/小項目 from the row above', () => {
    const plan = planFromSource(otherTownSource());
    expect(plan.initiatives.map((r) => [r.id, r.middle.ja, r.small.ja])).toEqual([
      ['tr-01', '基礎研修', '新任研修'],
      ['tr-02', '基礎研修', '新任研修'],
      ['tr-03', '基礎研修', '管理職研修'],
      ['wp-01', '働き方', '柔軟な勤務'],
      ['wp-02', '働き方', '柔軟な勤務'],
    ]);
    expect(plan.pillars).toEqual([
      { id: 'training', name: { ja: '研修', en: 'Training' }, order: 1 },
      { id: 'environment', name: { ja: '職場環境', en: 'Workplace' }, order: 2 },
    ]);
  });

  it('links a 再掲 row to the initiative of the same title and keeps nothing else of it', () => {
    const plan = planFromSource(otherTownSource());
    expect(plan.initiatives[4]).toEqual({
      id: 'wp-02',
      pillarId: 'environment',
      middle: { ja: '働き方', en: 'Ways of working' },
      small: { ja: '柔軟な勤務', en: 'Flexible hours and places' },
      refersTo: 'tr-02',
    });
  });

  it('points at the cell of a leading ⇒', () => {
    const rows: SourceRow[] = [['基礎研修', '新任研修', '新任職員研修の実施', '継続', '⇒', '実施', '⇒']];
    const source = withRows(0, rows, (s) => s.tables.pop());
    const issues = issuesOf(() => planFromSource(source));
    expect(issues).toEqual([
      { path: ['tables', 0, 'rows', 0, 4], message: expect.stringMatching(/no previous year/) },
    ]);
  });

  it('rejects a 再掲 row whose title no other row has', () => {
    const source = structuredClone(otherTownSource());
    source.tables[1]!.rows[1]![2] = '存在しない研修の実施【再掲】';
    const issues = issuesOf(() => planFromSource(source));
    expect(issues).toEqual([
      {
        path: ['tables', 1, 'rows', 1, 2],
        message: '「存在しない研修の実施」 is marked 再掲, but no other row of the plan has that title',
      },
    ]);
  });

  it('rejects a 再掲 row whose title two rows have', () => {
    const source = structuredClone(otherTownSource());
    source.tables[0]!.rows[2]![2] = 'デジタル基礎研修の実施';
    const [issue] = issuesOf(() => planFromSource(source));
    expect(issue?.message).toMatch(/2 rows have that title \(tr-02, tr-03\)/);
  });

  it('rejects a 再掲 row whose cells disagree with the initiative it re-lists', () => {
    const source = structuredClone(otherTownSource());
    source.tables[1]!.rows[1]![6] = '活用';
    const [issue] = issuesOf(() => planFromSource(source));
    expect(issue).toEqual({
      path: ['tables', 1, 'rows', 1],
      message:
        "the 再掲 row's 区分 or fiscal-year cells differ from those of tr-02, the initiative it re-lists",
    });
  });

  it('rejects blank merged cells with no row above, a wrong 区分 and a wrong number of years', () => {
    const rows: SourceRow[] = [
      ['', '', '研修の実施', '継続', '実施', '⇒', '⇒'],
      ['基礎研修', '', '別の研修の実施', '新規', '実施', '⇒', '⇒'],
      ['', '新任研修', '三つ目の研修', '新設', '実施', '⇒', '⇒'],
      ['', '', '四つ目の研修', '継続', '実施', '⇒'],
    ];
    const source = withRows(0, rows, (s) => s.tables.pop());
    const issues = issuesOf(() => planFromSource(source));
    expect(issues.map((i) => i.path)).toEqual([
      ['tables', 0, 'rows', 0, 0],
      ['tables', 0, 'rows', 0, 1],
      ['tables', 0, 'rows', 1, 1],
      ['tables', 0, 'rows', 2, 3],
      ['tables', 0, 'rows', 3],
      // The rows' Japanese is not in the glossary either.
      ['tables', 0, 'rows', 0, 2],
      ['tables', 0, 'rows', 1, 2],
      ['tables', 0, 'rows', 2, 2],
      ['tables', 0, 'rows', 3, 2],
    ]);
    expect(issues[3]?.message).toBe('"新設" is not a 区分: write 新規 or 継続');
    expect(issues[4]?.message).toBe('2 fiscal-year cells, but the plan runs 3 years (FY2025–FY2027)');
  });

  it('asks for English it does not have, once per phrase', () => {
    const source = structuredClone(otherTownSource());
    delete source.english.新任研修;
    const issues = issuesOf(() => planFromSource(source));
    expect(issues).toEqual([
      { path: ['tables', 0, 'rows', 0, 1], message: 'no English for 「新任研修」: add it to english' },
    ]);
  });

  it('checks the source shape before reading it', () => {
    const source = structuredClone(otherTownSource());
    source.tables[0]!.idPrefix = 'TR';
    const [issue] = issuesOf(() => planFromSource(source));
    expect(issue?.path).toEqual(['tables', 0, 'idPrefix']);
  });

  it('hands the built plan to parsePlan, so plan-level rules apply too', () => {
    const source = structuredClone(otherTownSource());
    source.tables[1]!.idPrefix = 'tr';
    const issues = issuesOf(() => planFromSource(source));
    expect(issues).toContainEqual({
      path: ['initiatives', 3, 'id'],
      message: 'duplicate id "tr-01" (already used at initiatives[0])',
    });
  });
});
