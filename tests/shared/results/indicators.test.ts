import { describe, expect, it } from 'vitest';
import {
  favourableCount,
  type IndicatorYear,
  indicatorsOf,
  type Measure,
  proportionOf,
  proportionsOf,
  yearOverYear,
} from '../../../shared/results/indicators';

/**
 * The one indicator series the API and the console both build. Worked example (as in
 * tests/functions/api/indicators.test.ts): 60/100 → 75/100 is +0.15, pooled p = 0.675,
 * z = 2.264, raw p = 0.0235; 75/100 → 81/100 is +0.06, z = 1.02, p = 0.306; 50/100 → 60/100
 * is z = 1.42, p = 0.155. Benjamini–Hochberg over these three (m = 3): sorted p 0.0235, 0.155,
 * 0.306 give q = min(3/1 · 0.0235, …) = 0.0706, 3/2 · 0.155 = 0.233, 0.306 — so the +0.15,
 * significant on its own, is not once the three are tested together at FDR 0.05.
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
  it('tests a share with the pooled two-proportion z-test', () => {
    const up = yearOverYear({ favourable: 0.6, n: 100, x: 60 }, { favourable: 0.75, n: 100, x: 75 });
    expect(up.delta).toBeCloseTo(0.15, 12);
    expect(up.test).toBe('z');
    // z = 0.15 / √(0.675 · 0.325 · 2/100) = 2.2646; two-sided p = 2(1 − Φ(2.2646)).
    expect(up.p).toBeCloseTo(0.02354, 5);
    const small = yearOverYear({ favourable: 0.6, n: 100, x: 60 }, { favourable: 0.66, n: 100, x: 66 });
    expect(small.p).toBeGreaterThan(0.05);
  });

  it("tests a mean with Welch's t (worked by hand)", () => {
    // 10 people, mean 5, sd 2 → 12 people, mean 7, sd 3: s1²/n1 = 0.4, s2²/n2 = 0.75, SE² = 1.15,
    // t = 2/√1.15 = 1.8650, df = 1.15² / (0.4²/9 + 0.75²/11) = 1.3225 / 0.068914 = 19.19;
    // t₀.₉₇₅ at 19 df is 2.093 > 1.865, so p > 0.05 (0.0775).
    const change = yearOverYear(
      { kind: 'mean', n: 10, mean: 5, sd: 2 },
      { kind: 'mean', n: 12, mean: 7, sd: 3 },
    );
    expect(change.test).toBe('welch');
    expect(change.delta).toBe(2);
    expect(change.p).toBeCloseTo(0.0775, 3);
    expect(change.p).toBeGreaterThan(0.05);
  });

  it('refuses to compare a mean with a share', () => {
    expect(() =>
      yearOverYear({ favourable: 0.6, n: 100, x: 60 }, { kind: 'mean', n: 12, mean: 7, sd: 3 }),
    ).toThrow(TypeError);
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

  it('keeps the raw p, adds the Benjamini–Hochberg q over all changes, and flags on q', () => {
    expect(indicators.fdr).toBe(0.05);
    expect(y24).toMatchObject({
      fiscalYear: 2024,
      favourable: 0.75,
      test: 'z',
      comparedWith: 2023,
      target: 0.7,
    });
    expect(y24!.delta).toBeCloseTo(0.15, 12);
    expect(y24!.p).toBeCloseTo(0.02354, 5);
    expect(y24!.q).toBeCloseTo(3 * 0.02354, 4);
    expect(y24!.significant).toBe(false);
    expect(y23!.p).toBeCloseTo(0.15522, 5);
    expect(y23!.q).toBeCloseTo((3 / 2) * 0.15522, 4);
    expect(y26!.p).toBeCloseTo(0.30575, 5);
    expect(y26!.q).toBeCloseTo(0.30575, 5);
  });

  it('flags a change whose q stays within the false discovery rate', () => {
    const alone = indicatorsOf({
      from: 2024,
      to: 2024,
      pillarIds: ['culture'],
      constructs: [constructs[0]!],
      years: new Map([
        [2023, year('fy2023', 0.6)],
        [2024, year('fy2024', 0.75)],
      ]),
      targets: [],
    });
    const only = alone.pillars[0]!.indicators[0]!.values[0]!;
    // One test: q = p = 0.0235 ≤ 0.05.
    expect(only.q).toBeCloseTo(only.p!, 12);
    expect(only.significant).toBe(true);
  });

  it('leaves a year without a value empty and measures the next change from the last value', () => {
    expect(y25).toEqual({
      fiscalYear: 2025,
      campaignId: 'fy2025',
      favourable: null,
      n: null,
      delta: null,
      comparedWith: null,
      test: null,
      p: null,
      q: null,
      significant: null,
      target: null,
    });
    expect(y26!.delta).toBeCloseTo(0.06, 12);
    expect(y26!.significant).toBe(false);
    // FY2025 had no value: the change is from FY2024, and says so.
    expect(y26!.comparedWith).toBe(2024);
    expect(y24!.comparedWith).toBe(2023);
    expect(y23!.comparedWith).toBe(2022);
    expect(y27).toMatchObject({ fiscalYear: 2027, campaignId: null, favourable: null, delta: null });
  });

  it('shows a hidden cell as no value, never as a zero', () => {
    const health = indicators.pillars.find((p) => p.pillarId === 'environment')!.indicators[0]!;
    expect(health.values.every((v) => v.favourable === null && v.n === null && v.delta === null)).toBe(true);
  });

  it('carries each pillar summary as published, and nothing for a year without one', () => {
    const withPillars = indicatorsOf({
      from: 2024,
      to: 2025,
      pillarIds: ['culture', 'environment'],
      constructs,
      years: new Map([
        [
          2024,
          {
            ...year('fy2024', 0.75),
            pillars: new Map([
              ['culture', { value: 0.7, ci: [0.65, 0.75] as [number, number], n: 100, suppressed: false }],
              ['environment', { value: null, ci: null, n: null, suppressed: true }],
            ]),
          },
        ],
      ]),
      targets: [],
    });
    expect(withPillars.pillars.map((p) => p.summary)).toEqual([
      [
        { fiscalYear: 2024, campaignId: 'fy2024', value: 0.7, ci: [0.65, 0.75], n: 100, suppressed: false },
        { fiscalYear: 2025, campaignId: null, value: null, ci: null, n: null, suppressed: false },
      ],
      [
        { fiscalYear: 2024, campaignId: 'fy2024', value: null, ci: null, n: null, suppressed: true },
        { fiscalYear: 2025, campaignId: null, value: null, ci: null, n: null, suppressed: false },
      ],
    ]);
  });
});

describe('indicatorsOf with mean-type indicators', () => {
  it("tests a mean's change with Welch's t inside the same Benjamini–Hochberg family", () => {
    const mean = (m: number, sd: number, n: number) => ({ kind: 'mean' as const, mean: m, sd, n });
    const out = indicatorsOf({
      from: 2024,
      to: 2024,
      pillarIds: ['environment'],
      constructs: [
        { constructId: 'leave_days', pillarId: 'environment' },
        { constructId: 'health', pillarId: 'environment' },
      ],
      years: new Map([
        [
          2023,
          {
            campaignId: 'a',
            proportions: new Map<string, Measure>([
              ['leave_days', mean(5, 2, 10)],
              ['health', { favourable: 0.6, n: 100, x: 60 }],
            ]),
          },
        ],
        [
          2024,
          {
            campaignId: 'b',
            proportions: new Map<string, Measure>([
              ['leave_days', mean(7, 3, 12)],
              ['health', { favourable: 0.75, n: 100, x: 75 }],
            ]),
          },
        ],
      ]),
      targets: [],
    });
    const [leave, health] = out.pillars[0]!.indicators.map((i) => i.values[0]!);
    expect(leave).toMatchObject({
      mean: 7,
      favourable: null,
      n: 12,
      delta: 2,
      test: 'welch',
      comparedWith: 2023,
    });
    expect(health).toMatchObject({ favourable: 0.75, test: 'z' });
    // m = 2: sorted p 0.0235 (q = 2 · 0.0235 = 0.0471) and 0.0775 (q = 0.0775).
    expect(health!.q).toBeCloseTo(2 * health!.p!, 12);
    expect(health!.significant).toBe(true);
    expect(leave!.q).toBeCloseTo(leave!.p!, 12);
    expect(leave!.significant).toBe(false);
  });
});
