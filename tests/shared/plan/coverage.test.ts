import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COVERAGE_DOC, renderCoverage } from '../../../scripts/coverage-doc';
import { CONSTRUCTS } from '../../../shared/instruments/constructs/index';
import { planCoverage } from '../../../shared/instruments/coverage';
import { distinctInitiatives } from '../../../shared/plan';
import { aizuwakamatsuPlan } from '../../../shared/plan/data/aizuwakamatsu';
import { aizuwakamatsuNotMeasured } from '../../../shared/plan/data/aizuwakamatsu-coverage';

/**
 * Every initiative of the plan is either measured by a construct or listed as
 * deliberately not measured, with its reason — never both, never neither —
 * and docs/COVERAGE.md is the table rendered from exactly that.
 */

const coverage = planCoverage(aizuwakamatsuPlan, CONSTRUCTS, aizuwakamatsuNotMeasured);

describe('coverage of the plan by the survey', () => {
  it('accounts for every initiative once', () => {
    expect(coverage.problems).toEqual([]);
    const ids = [...coverage.measured, ...coverage.notMeasured].map((r) => r.initiative.id).sort();
    expect(ids).toEqual(
      distinctInitiatives(aizuwakamatsuPlan)
        .map((i) => i.id)
        .sort(),
    );
    expect(ids).toHaveLength(69);
  });

  it('measures organisational goals, self-development and safety (issue 14)', () => {
    const measuredBy = (id: string) =>
      coverage.measured.find((m) => m.initiative.id === id)?.constructs.map((c) => c.id);
    expect(measuredBy('cul-16')).toEqual(['organisational_goals']);
    for (const id of ['trn-01', 'trn-02', 'trn-03', 'trn-04'])
      expect(measuredBy(id)).toEqual(['self_development']);
    for (const id of ['env-15', 'env-16', 'env-17']) expect(measuredBy(id)).toEqual(['workplace_safety']);
  });

  it('gives each initiative it does not measure a reason in both languages', () => {
    for (const { initiative, reason } of coverage.notMeasured) {
      expect(reason.ja, initiative.id).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(reason.en.length, initiative.id).toBeGreaterThan(20);
    }
  });

  it('reports an initiative left out, listed twice, or unknown', () => {
    const { 'cul-02': _dropped, ...missing } = aizuwakamatsuNotMeasured;
    expect(planCoverage(aizuwakamatsuPlan, CONSTRUCTS, missing).problems).toEqual([
      'cul-02 is neither measured by a construct nor listed as not measured, with a reason',
    ]);
    const twice = { ...aizuwakamatsuNotMeasured, 'env-16': { ja: '理由', en: 'reason' } };
    expect(planCoverage(aizuwakamatsuPlan, CONSTRUCTS, twice).problems).toEqual([
      'env-16 is measured by workplace_safety and also listed as not measured: remove it from the list',
    ]);
    const unknown = { ...aizuwakamatsuNotMeasured, 'env-99': { ja: '理由', en: 'reason' } };
    expect(planCoverage(aizuwakamatsuPlan, CONSTRUCTS, unknown).problems).toEqual([
      'env-99 is listed as not measured but is not in plan aizuwakamatsu-fy2023-2027',
    ]);
    const relisted = { ...aizuwakamatsuNotMeasured, 'cul-09': { ja: '理由', en: 'reason' } };
    expect(planCoverage(aizuwakamatsuPlan, CONSTRUCTS, relisted).problems).toEqual([
      'cul-09 is listed as not measured but is a 再掲 row of trn-12',
    ]);
    expect(() => renderCoverage(aizuwakamatsuPlan, CONSTRUCTS, missing)).toThrow(/cul-02/);
  });

  it('docs/COVERAGE.md is current (regenerate: npx tsx scripts/coverage-doc.ts)', () => {
    const doc = readFileSync(COVERAGE_DOC, 'utf8');
    expect(doc, 'docs/COVERAGE.md is stale: run `npx tsx scripts/coverage-doc.ts`').toBe(renderCoverage());
    // It names each construct's items and every not-measured initiative's reason.
    for (const c of CONSTRUCTS) for (const i of c.items) expect(doc).toContain(`\`${i.id}\``);
    for (const reason of Object.values(aizuwakamatsuNotMeasured)) expect(doc).toContain(reason.ja);
  });
});
