import { describe, expect, it } from 'vitest';
import { type Item, isFavourable, npsCategory, recode } from '../../../shared/instruments';

const forward: Item = {
  id: 't.forward',
  type: 'likert5',
  text: { ja: '前向き', en: 'Forward' },
  required: true,
  scored: true,
};
const reverse: Item = { ...forward, id: 't.reverse', reverse: true };
const nps: Item = {
  id: 't.nps',
  type: 'nps',
  text: { ja: '推奨', en: 'Recommend' },
  required: true,
  scored: false,
};
const single: Item = {
  id: 't.single',
  type: 'single',
  text: { ja: '選択', en: 'Choice' },
  required: false,
  scored: false,
  options: [
    { value: 'a', label: { ja: 'あ', en: 'A' } },
    { value: 'b', label: { ja: 'い', en: 'B' } },
  ],
};

describe('recode', () => {
  it('leaves forward-keyed likert answers unchanged', () => {
    expect([1, 2, 3, 4, 5].map((v) => recode(forward, v))).toEqual([1, 2, 3, 4, 5]);
  });

  it('maps reverse-keyed likert answers to 6 − x', () => {
    expect([1, 2, 3, 4, 5].map((v) => recode(reverse, v))).toEqual([5, 4, 3, 2, 1]);
  });

  it('returns nps answers unchanged', () => {
    expect(recode(nps, 0)).toBe(0);
    expect(recode(nps, 10)).toBe(10);
  });

  it('throws on values outside the scale and on items without a scale', () => {
    expect(() => recode(forward, 0)).toThrow(RangeError);
    expect(() => recode(reverse, 6)).toThrow(RangeError);
    expect(() => recode(forward, 2.5)).toThrow(RangeError);
    expect(() => recode(nps, 11)).toThrow(RangeError);
    expect(() => recode(single, 1)).toThrow(TypeError);
  });
});

describe('isFavourable', () => {
  it('counts 4 and 5 as favourable on forward items', () => {
    expect([1, 2, 3, 4, 5].map((v) => isFavourable(forward, v))).toEqual([false, false, false, true, true]);
  });

  it('counts 1 and 2 as favourable on reverse items (2 → 4)', () => {
    expect(recode(reverse, 2)).toBe(4);
    expect(isFavourable(reverse, 2)).toBe(true);
    expect([1, 2, 3, 4, 5].map((v) => isFavourable(reverse, v))).toEqual([true, true, false, false, false]);
  });

  it('rejects non-likert items', () => {
    expect(() => isFavourable(nps, 10)).toThrow(TypeError);
  });
});

describe('npsCategory', () => {
  it('splits 0–10 into detractors (0–6), passives (7–8) and promoters (9–10)', () => {
    const categories = Array.from({ length: 11 }, (_, v) => npsCategory(v));
    expect(categories).toEqual([...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter']);
    expect(() => npsCategory(-1)).toThrow(RangeError);
  });
});
