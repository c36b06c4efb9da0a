import { describe, expect, it } from 'vitest';
import {
  isRelisting,
  type PlanIssue,
  PlanError,
  parsePlan,
  planFromSource,
  resolveInitiative,
} from '../../../shared/plan';
import { issuesOf, otherTownPlan, otherTownSource } from './fixtures';

type Draft = ReturnType<typeof otherTownPlan>;
type Row = Draft['initiatives'][number];

/** A copy of the made-up plan with one change. */
function broken(change: (plan: Draft) => void): Draft {
  const plan = structuredClone(otherTownPlan());
  change(plan);
  return plan;
}

function row(plan: Draft, i: number): Record<string, unknown> {
  return plan.initiatives[i] as Row & Record<string, unknown>;
}

function only(issues: readonly PlanIssue[]): PlanIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

describe('parsePlan: another city loads through the same validator', () => {
  it('accepts a small made-up plan written as JSON', () => {
    const plan = parsePlan(JSON.parse(JSON.stringify(otherTownPlan())));
    expect(plan.city.ja).toBe('架空町');
    expect(plan.initiatives.map((r) => r.id)).toEqual(['tr-01', 'tr-02', 'tr-03', 'wp-01', 'wp-02']);
    expect(plan.initiatives[0]).toMatchObject({ statuses: { 2025: 'implement', 2027: 'implement' } });
    const relisted = plan.initiatives[4]!;
    expect(isRelisting(relisted)).toBe(true);
    expect(resolveInitiative(plan, 'wp-02')?.title.ja).toBe('デジタル基礎研修の実施');
  });

  it('builds the same plan from the town’s table rows', () => {
    expect(planFromSource(otherTownSource())).toEqual(parsePlan(otherTownPlan()));
  });

  it('turns fiscal-year keys into numbers', () => {
    const plan = parsePlan(otherTownPlan());
    const first = plan.initiatives[0]!;
    if (isRelisting(first)) throw new Error('tr-01 is not a re-listing');
    expect(Object.keys(first.statuses)).toEqual(['2025', '2026', '2027']);
    expect(first.statuses[2026]).toBe('implement');
  });
});

describe('parsePlan: invalid plans are rejected with the path and a clear message', () => {
  it('a refersTo that names no initiative', () => {
    const issue = only(issuesOf(() => parsePlan(broken((p) => (row(p, 4).refersTo = 'tr-99')))));
    expect(issue.path).toEqual(['initiatives', 4, 'refersTo']);
    expect(issue.message).toBe('refersTo "tr-99" names no initiative in this plan');
  });

  it('a refersTo that names another re-listing', () => {
    const plan = broken((p) => {
      p.initiatives.push({ ...p.initiatives[4]!, id: 'wp-03', refersTo: 'wp-02' } as Row);
    });
    const issue = only(issuesOf(() => parsePlan(plan)));
    expect(issue.path).toEqual(['initiatives', 5, 'refersTo']);
    expect(issue.message).toContain(
      '"wp-02" is itself a re-listing; point to the initiative it re-lists ("tr-02")',
    );
  });

  it('a row that re-lists itself', () => {
    const issue = only(issuesOf(() => parsePlan(broken((p) => (row(p, 4).refersTo = 'wp-02')))));
    expect(issue.message).toBe('row "wp-02" cannot re-list itself');
  });

  it('a duplicate id, pointing at the first use', () => {
    const issue = only(issuesOf(() => parsePlan(broken((p) => (row(p, 2).id = 'tr-01')))));
    expect(issue.path).toEqual(['initiatives', 2, 'id']);
    expect(issue.message).toBe('duplicate id "tr-01" (already used at initiatives[0])');
  });

  it('a missing fiscal year', () => {
    const plan = broken((p) => {
      delete (row(p, 1).statuses as Record<string, string>)['2026'];
    });
    const issue = only(issuesOf(() => parsePlan(plan)));
    expect(issue.path).toEqual(['initiatives', 1, 'statuses']);
    expect(issue.message).toBe('no status for fiscal year 2026 (the plan runs FY2025–FY2027)');
  });

  it('a fiscal year outside the plan', () => {
    const plan = broken((p) => {
      (row(p, 0).statuses as Record<string, string>)['2028'] = 'implement';
    });
    const issue = only(issuesOf(() => parsePlan(plan)));
    expect(issue.path).toEqual(['initiatives', 0, 'statuses', '2028']);
    expect(issue.message).toMatch(/2028 is outside the plan/);
  });

  it('a pillar the plan does not have', () => {
    const issue = only(issuesOf(() => parsePlan(broken((p) => (row(p, 3).pillarId = 'culture')))));
    expect(issue.path).toEqual(['initiatives', 3, 'pillarId']);
    expect(issue.message).toBe('pillar "culture" is not one of this plan\'s pillars (training, environment)');
  });

  it('a pillar id that is not a pillar at all', () => {
    const issue = only(issuesOf(() => parsePlan(broken((p) => (row(p, 3).pillarId = 'finance')))));
    expect(issue.path).toEqual(['initiatives', 3, 'pillarId']);
  });

  it('a re-listing that carries its own copy of the title', () => {
    const plan = broken((p) => (row(p, 4).title = { ja: '重複', en: 'Copy' }));
    const issue = only(issuesOf(() => parsePlan(plan)));
    expect(issue.path).toEqual(['initiatives', 4, 'title']);
    expect(issue.message).toMatch(/takes its title from the initiative it re-lists/);
  });

  it('a row with neither statuses nor refersTo', () => {
    const plan = broken((p) => delete row(p, 0).statuses);
    const issue = only(issuesOf(() => parsePlan(plan)));
    expect(issue.path).toEqual(['initiatives', 0, 'statuses']);
    expect(issue.message).toMatch(/statuses is required unless the row re-lists/);
  });

  it('an unknown status, an unknown field, a bad year key', () => {
    const issues = issuesOf(() =>
      parsePlan(
        broken((p) => {
          (row(p, 0).statuses as Record<string, string>)['2025'] = 'done';
          row(p, 1).note = 'x';
          (row(p, 2).statuses as Record<string, string>).next = 'implement';
        }),
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        ['initiatives', 0, 'statuses', '2025'],
        ['initiatives', 1],
        ['initiatives', 2, 'statuses', 'next'],
      ]),
    );
  });

  it('a plan that ends before it starts, and duplicate pillars and priorities', () => {
    const issues = issuesOf(() =>
      parsePlan(
        broken((p) => {
          p.fiscalYears = { from: 2027, to: 2025 };
        }),
      ),
    );
    expect(issues[0]).toEqual({
      path: ['fiscalYears', 'to'],
      message: 'the plan cannot end before it starts',
    });

    const dupes = issuesOf(() =>
      parsePlan(
        broken((p) => {
          p.pillars.push({ ...p.pillars[0]!, order: 3 });
          p.priorities.push({ ...p.priorities[0]!, id: 'career' });
        }),
      ),
    );
    expect(dupes).toEqual([
      { path: ['pillars', 2, 'id'], message: 'duplicate id "training" (already used at pillars[0])' },
      { path: ['priorities', 1, 'number'], message: 'duplicate number 1 (already used at priorities[0])' },
    ]);
  });

  it('reports every problem at once, one line each in the message', () => {
    const plan = broken((p) => {
      row(p, 4).refersTo = 'nope';
      row(p, 2).id = 'tr-01';
    });
    let message = '';
    try {
      parsePlan(plan);
    } catch (error) {
      expect(error).toBeInstanceOf(PlanError);
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'invalid plan:',
      'initiatives[2].id: duplicate id "tr-01" (already used at initiatives[0])',
      'initiatives[4].refersTo: refersTo "nope" names no initiative in this plan',
    ]);
  });

  it('rejects what is not a plan', () => {
    expect(() => parsePlan(null)).toThrow(PlanError);
    expect(() => parsePlan({})).toThrow(/id: /);
  });
});
