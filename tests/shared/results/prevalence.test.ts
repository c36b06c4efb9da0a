import { describe, expect, it } from 'vitest';
import {
  type PrevalenceYear,
  prevalence,
  prevalenceCounts,
  prevalenceTrend,
} from '../../../shared/results/prevalence';

/** A published distribution of a kind-of-harassment question. */
const dist = (n: number, shares: Record<string, number>) => ({
  n,
  suppressed: false,
  options: ['power', 'sexual', 'maternity', 'customer', 'none', 'decline'].map((value) => ({
    value,
    share: shares[value] ?? 0,
  })),
});

describe('harassment prevalence with Wilson intervals (worked example)', () => {
  it('12 of 80 is 15.0% with the Wilson 95% interval 8.79%–24.41%', () => {
    // p = 0.15, z = 1.959964, z²/n = 0.048018; centre = (0.15 + z²/160) / 1.048018 = 0.166036;
    // half = z / 1.048018 · √(0.15·0.85/80 + z²/25600) = 0.078094 → [0.087940, 0.244132].
    const p = prevalence({ x: 12, n: 80 })!;
    expect(p.share).toBe(0.15);
    expect(p.ci[0]).toBeCloseTo(0.08794, 5);
    expect(p.ci[1]).toBeCloseTo(0.244132, 5);
  });

  it('0 of n starts its interval at exactly 0; nobody answering gives no figure', () => {
    expect(prevalence({ x: 0, n: 40 })!.ci[0]).toBe(0);
    expect(prevalence({ x: 0, n: 0 })).toBeNull();
  });

  it('leaves 答えたくない out of the base: 100 answered, 5 declined, 19 power → 19 of 95 = 20%', () => {
    const counts = prevalenceCounts(
      dist(100, { power: 0.19, customer: 0.35, decline: 0.05, none: 0.5 }),
      10,
    )!;
    expect(counts.get('power')).toEqual({ x: 19, n: 95 });
    expect(counts.get('customer')).toEqual({ x: 35, n: 95 });
    const power = prevalence(counts.get('power')!)!;
    expect(power.share).toBeCloseTo(0.2, 10);
    expect(power.ci[0]).toBeCloseTo(0.131945, 5);
    expect(power.ci[1]).toBeCloseTo(0.291373, 5);
  });

  it('gives no figure for a hidden distribution, or when the base without the declined is below k_sensitive', () => {
    expect(prevalenceCounts({ n: null, suppressed: true, options: [] }, 10)).toBeUndefined();
    expect(prevalenceCounts(undefined, 10)).toBeUndefined();
    // 12 answered, 3 would rather not say: 9 < 10.
    expect(prevalenceCounts(dist(12, { power: 2 / 12, decline: 3 / 12 }), 10)).toBeUndefined();
    expect(prevalenceCounts(dist(13, { power: 2 / 13, decline: 3 / 13 }), 10)!.get('power')).toEqual({
      x: 2,
      n: 10,
    });
  });
});

describe('prevalence trend', () => {
  const year = (campaignId: string, x: number, n: number): PrevalenceYear => ({
    campaignId,
    counts: { '3y': new Map([['power', { x, n }]]) },
  });

  it('compares with the last year that has a value, tests by the pooled z-test, and adjusts by BH', () => {
    // FY2023 12/80 = 15.0%, FY2024 not surveyed, FY2025 6/90 = 6.67%.
    // pooled 18/170; SE = √(0.105882·0.894118·(1/80 + 1/90)) = 0.047279; z = −1.76259; p = 0.077970.
    const out = prevalenceTrend({
      from: 2023,
      to: 2025,
      years: new Map([
        [2023, year('c23', 12, 80)],
        [2025, year('c25', 6, 90)],
      ]),
    });
    expect(out.years).toEqual([2023, 2024, 2025]);
    const power = out.kinds.find((k) => k.kind === 'power')!.windows['3y'];
    expect(power[0]).toMatchObject({ share: 0.15, n: 80, suppressed: false, comparedWith: null, p: null });
    expect(power[1]).toMatchObject({ share: null, ci: null, n: null, suppressed: true, campaignId: null });
    expect(power[2]!.comparedWith).toBe(2023);
    expect(power[2]!.delta).toBeCloseTo(6 / 90 - 0.15, 12);
    expect(power[2]!.p).toBeCloseTo(0.07797, 5);
    // One test in the family: q = p, not significant at 0.05.
    expect(power[2]!.q).toBeCloseTo(0.07797, 5);
    expect(power[2]!.significant).toBe(false);
    expect(power[2]!.ci![0]).toBeCloseTo(0.03091, 5);
    expect(power[2]!.ci![1]).toBeCloseTo(0.137901, 5);
    // Kinds without counts are empty in every year, never zero.
    const sexual = out.kinds.find((k) => k.kind === 'sexual')!.windows['3y'];
    expect(sexual.every((v) => v.share === null && v.suppressed)).toBe(true);
  });

  it('adjusts every change of the response together (BH over both windows and all kinds)', () => {
    const both = (x3: number, x12: number): PrevalenceYear => ({
      campaignId: 'c',
      counts: {
        '3y': new Map([['power', { x: x3, n: 400 }]]),
        '12m': new Map([['power', { x: x12, n: 400 }]]),
      },
    });
    const out = prevalenceTrend({
      from: 2025,
      to: 2025,
      years: new Map([
        [2024, both(100, 40)],
        [2025, both(60, 38)],
      ]),
    });
    const power = out.kinds.find((k) => k.kind === 'power')!.windows;
    const p3 = power['3y'][0]!.p!;
    const p12 = power['12m'][0]!.p!;
    expect(p3).toBeLessThan(p12);
    // Two tests: q of the smaller p is min(2·p₍₁₎, q₍₂₎); of the larger, p₍₂₎ itself.
    expect(power['3y'][0]!.q).toBeCloseTo(Math.min(2 * p3, p12), 12);
    expect(power['12m'][0]!.q).toBeCloseTo(p12, 12);
    expect(power['3y'][0]!.significant).toBe(true);
    expect(power['12m'][0]!.significant).toBe(false);
  });
});
