import { describe, expect, it } from 'vitest';
import { annualStaffSurvey } from '../../../shared/instruments';
import type { Template } from '../../../shared/instruments/schema';
import { ResultsBuilder } from '../../../shared/results/compute';
import { recheckResults } from '../../../shared/results/hide';

/**
 * Harassment prevalence per unit, decided by the disclosure engine at
 * k_sensitive (10) with complementary suppression (DESIGN §4, §5).
 * Tree: 市 (no staff of its own) → 総務課 30 answering, 税務課 12, 福祉課 6.
 * Every unit's row is shown (k = 5), but 福祉課's 6 are too few for harassment
 * figures; the hidden part must reach 10, so the next smallest, 税務課, is
 * hidden too (6 + 12 = 18): 市 − 総務課 cannot then single out 福祉課. The
 * answering n of an optional question is not public, so both say `few`.
 */
const units = [
  { code: 'CITY', parentCode: null },
  { code: 'SOMU', parentCode: 'CITY' },
  { code: 'ZEIMU', parentCode: 'CITY' },
  { code: 'FUKUSHI', parentCode: 'CITY' },
];

function results(template: Template = annualStaffSurvey) {
  const builder = new ResultsBuilder({
    campaignId: 'c1',
    fiscalYear: 2025,
    minGroupSize: 5,
    template,
    units,
    computedAt: '2025-11-01T00:00:00.000Z',
  });
  const add = (unitCode: string, count: number, kinds: (i: number) => string[]) => {
    for (let i = 0; i < count; i++) {
      builder.add({
        unitCode,
        attributes: {},
        answers: { 'psy.raise_problems': 4, 'har.experienced_3y': kinds(i) },
      });
    }
  };
  // 総務課: 30 answer, 6 power, 3 customer (one of them both); 2 more would rather not say.
  add('SOMU', 30, (i) =>
    i < 1 ? ['power', 'customer'] : i < 6 ? ['power'] : i < 8 ? ['customer'] : ['none'],
  );
  add('SOMU', 2, () => ['decline']);
  add('ZEIMU', 12, (i) => (i < 3 ? ['customer'] : ['none']));
  add('FUKUSHI', 6, (i) => (i < 1 ? ['sexual'] : ['none']));
  return builder.finish().results;
}

describe('harassment prevalence per unit', () => {
  it('shows a unit at k_sensitive, hides the small one and its complement, and leaves the declined out', () => {
    const out = results();
    const byUnit = new Map(out.unitPrevalence!.map((u) => [u.unitCode, u]));
    expect(byUnit.get('SOMU')).toEqual({
      unitCode: 'SOMU',
      n: 30,
      suppressed: false,
      shares: { power: 6 / 30, sexual: 0, maternity: 0, customer: 3 / 30 },
    });
    for (const code of ['ZEIMU', 'FUKUSHI']) {
      expect(byUnit.get(code)).toEqual({
        unitCode: code,
        n: null,
        suppressed: true,
        hiddenReason: 'few',
        shares: { power: null, sexual: null, maternity: null, customer: null },
      });
    }
    // Their rows are shown: only the harassment figures are hidden.
    expect(out.units.filter((u) => u.suppressed)).toEqual([]);
    // The whole city: 48 answered (the 2 declined are not in it).
    expect(byUnit.get('CITY')).toMatchObject({ n: 48, suppressed: false });
    expect(byUnit.get('CITY')!.shares.power).toBeCloseTo(6 / 48, 12);
    // No shown cell leaves a hidden residual below k_sensitive: 48 − 30 = 18 ≥ 10.
    expect(byUnit.get('CITY')!.n! - byUnit.get('SOMU')!.n!).toBeGreaterThanOrEqual(10);
  });

  it('takes the reason of a hidden row', () => {
    const builder = new ResultsBuilder({
      campaignId: 'c2',
      fiscalYear: 2025,
      minGroupSize: 5,
      template: annualStaffSurvey,
      units,
      computedAt: '2025-11-01T00:00:00.000Z',
    });
    // 福祉課 3 (row hidden: few), 税務課 4 (row hidden to protect it: complementary), 総務課 30.
    for (const [unitCode, count] of [
      ['SOMU', 30],
      ['ZEIMU', 4],
      ['FUKUSHI', 3],
    ] as const) {
      for (let i = 0; i < count; i++)
        builder.add({
          unitCode,
          attributes: {},
          answers: { 'psy.raise_problems': 4, 'har.experienced_3y': ['none'] },
        });
    }
    const out = builder.finish().results;
    const reason = (code: string) => out.unitPrevalence!.find((u) => u.unitCode === code)!.hiddenReason;
    const row = (code: string) => out.units.find((u) => u.unitCode === code)!.hiddenReason;
    expect(row('FUKUSHI')).toBe('few');
    expect(reason('FUKUSHI')).toBe('few');
    expect(reason('ZEIMU')).toBe(row('ZEIMU'));
    // 総務課's row is shown, but its figures hide to protect the other two (3 + 4 = 7 < 10): `few`, as its
    // answering n is not public; the city, 37 in all, is shown.
    expect(row('SOMU')).toBeUndefined();
    expect(reason('SOMU')).toBe('few');
    expect(out.unitPrevalence!.find((u) => u.unitCode === 'CITY')).toMatchObject({
      n: 37,
      suppressed: false,
    });
  });

  it('is decided again when served: a raised k_sensitive hides what fell below it', () => {
    const stored = { ...results(), sensitiveMinGroupSize: 31 };
    const served = recheckResults(stored, annualStaffSurvey);
    const byUnit = new Map(served.unitPrevalence!.map((u) => [u.unitCode, u]));
    expect(byUnit.get('SOMU')).toMatchObject({ n: null, suppressed: true, shares: { power: null } });
    expect(byUnit.get('CITY')).toMatchObject({ n: 48, suppressed: false });
  });

  it('is absent where the template does not ask the 3-year question', () => {
    const without: Template = {
      ...annualStaffSurvey,
      constructs: annualStaffSurvey.constructs.map((c) => ({
        ...c,
        items: c.items.filter((i) => i.id !== 'har.experienced_3y'),
      })),
    };
    expect(results(without).unitPrevalence).toBeUndefined();
  });
});
