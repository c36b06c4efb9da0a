import { describe, expect, it } from 'vitest';
import {
  favourableCount,
  type IndicatorYear,
  indicatorsOf,
  proportionOf,
  proportionsOf,
  yearOverYear,
} from '../../../shared/results/indicators';

/**
 * The one indicator series the API and the console both build. Worked example (as in
 * tests/functions/api/indicators.test.ts): 60/100 → 75/100 is +0.15, pooled p = 0.675,
 * z = 2.264 > 1.96; 75/100 → 81/100 is +0.06, z = 1.02, not significant.
 */
const year = (campaignId: string, favourable: number, n = 100): IndicatorYear => ({
  campaignId,
  proportions: proportionsOf([
    { constructId: 'psychological_safety', favourable, n, suppressed: false },
    { constructId: 'health', favourable: null, n: null, suppressed: true },
  ]),
});

const constructs = [
  { constructId: 'psychological_safety', pillarId: 'culture' as const },
  { constructId: 'health', pillarId: 'environment' as const },
];

describe('proportionOf', () => {
  it('takes x as favourable × n rounded unless the cell carries it', () => {
    expect(favourableCount(0.605, 200)).toBe(121);
    expect(proportionOf({ favourable: 0.6, n: 10 })).toEqual({ favourable: 0.6, n: 10, x: 6 });
    expect(proportionOf({ favourable: 0.6, n: 10, x: 7 })).toEqual({ favourable: 0.6, n: 10, x: 7 });
  });

  it('has no proportion for a hidden or empty cell', () => {
    expect(proportionOf({ favourable: 0.6, n: 10, suppressed: true })).toBeUndefined();
    expect(proportionOf({ favourable: null, n: 10 })).toBeUndefined();
    expect(proportionOf({ favourable: 0.6, n: null })).toBeUndefined();
    expect(proportionOf({ favourable: 0.6, n: 10, x: null })).toBeUndefined();
  });
});

describe('yearOverYear', () => {
  it('tests the change with the pooled two-proportion z-test', () => {
    const up = yearOverYear({ favourable: 0.6, n: 100, x: 60 }, { favourable: 0.75, n: 100, x: 75 });
    expect(up.delta).toBeCloseTo(0.15, 12);
    expect(up.significant).toBe(true);
    const small = yearOverYear({ favourable: 0.6, n: 100, x: 60 }, { favourable: 0.66, n: 100, x: 66 });
    expect(small.significant).toBe(false);
  });
});

describe('indicatorsOf', () => {
  const indicators = indicatorsOf({
    from: 2023,
    to: 2027,
    pillarIds: ['personnel', 'training', 'culture', 'environment'],
    constructs,
    years: new Map([
      [2022, year('fy2022', 0.5)],
      [2023, year('fy2023', 0.6)],
      [2024, year('fy2024', 0.75)],
      [2025, { campaignId: 'fy2025', proportions: new Map() }],
      [2026, year('fy2026', 0.81)],
    ]),
    targets: [{ constructId: 'psychological_safety', fiscalYear: 2024, favourable: 0.7 }],
  });
  const culture = indicators.pillars.find((p) => p.pillarId === 'culture')!;
  const [y23, y24, y25, y26, y27] = culture.indicators[0]!.values;

  it('lists every pillar in order and each construct under its own', () => {
    expect(indicators.years).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(indicators.pillars.map((p) => [p.pillarId, p.indicators.map((i) => i.constructId)])).toEqual([
      ['personnel', []],
      ['training', []],
      ['culture', ['psychological_safety']],
      ['environment', ['health']],
    ]);
  });

  it('takes the first change from the year before the range', () => {
    expect(y23).toMatchObject({
      fiscalYear: 2023,
      campaignId: 'fy2023',
      favourable: 0.6,
      n: 100,
      target: null,
    });
    expect(y23!.delta).toBeCloseTo(0.1, 12);
  });

  it('flags a significant change and carries the target', () => {
    expect(y24).toMatchObject({ fiscalYear: 2024, favourable: 0.75, significant: true, target: 0.7 });
    expect(y24!.delta).toBeCloseTo(0.15, 12);
  });

  it('leaves a year without a value empty and measures the next change from the last value', () => {
    expect(y25).toEqual({
      fiscalYear: 2025,
      campaignId: 'fy2025',
      favourable: null,
      n: null,
      delta: null,
      significant: null,
      target: null,
    });
    expect(y26!.delta).toBeCloseTo(0.06, 12);
    expect(y26!.significant).toBe(false);
    expect(y27).toMatchObject({ fiscalYear: 2027, campaignId: null, favourable: null, delta: null });
  });

  it('shows a hidden cell as no value, never as a zero', () => {
    const health = indicators.pillars.find((p) => p.pillarId === 'environment')!.indicators[0]!;
    expect(health.values.every((v) => v.favourable === null && v.n === null && v.delta === null)).toBe(true);
  });
});
