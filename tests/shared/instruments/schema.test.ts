import { describe, expect, it } from 'vitest';
import { Answers, Construct, Item, constructById } from '../../../shared/instruments';

const text = { ja: '設問', en: 'Question' };
const options = [
  { value: 'a', label: { ja: 'あ', en: 'A' } },
  { value: 'b', label: { ja: 'い', en: 'B' } },
];

function itemIssues(item: unknown): string[] {
  const result = Item.safeParse(item);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('Item schema', () => {
  it('accepts a well-formed item of each type', () => {
    const good = [
      { id: 'x.likert', type: 'likert5', text, required: true, scored: true, reverse: true },
      { id: 'x.nps', type: 'nps', text, required: true, scored: false },
      { id: 'x.single', type: 'single', text, required: false, scored: false, options },
      {
        id: 'x.multi',
        type: 'multi',
        text,
        required: false,
        scored: false,
        options: [...options, { ...options[0]!, value: 'none', exclusive: true }],
      },
      { id: 'x.number', type: 'number', text, required: false, scored: false, min: 0, max: 40 },
      { id: 'x.text', type: 'text', text, required: false, scored: false, maxLength: 500, sensitive: true },
    ];
    for (const item of good) expect(itemIssues(item), item.id).toEqual([]);
  });

  it.each([
    [
      'reverse on a non-likert item',
      { id: 'x.y', type: 'nps', text, required: true, scored: false, reverse: true },
      'reverse',
    ],
    [
      'scored non-likert item',
      { id: 'x.y', type: 'single', text, required: true, scored: true, options },
      'scored',
    ],
    ['single without options', { id: 'x.y', type: 'single', text, required: true, scored: false }, 'options'],
    [
      'single with one option',
      { id: 'x.y', type: 'single', text, required: true, scored: false, options: [options[0]] },
      'options',
    ],
    [
      'duplicate option values',
      { id: 'x.y', type: 'multi', text, required: true, scored: false, options: [options[0], options[0]] },
      'options',
    ],
    [
      'exclusive on a single',
      {
        id: 'x.y',
        type: 'single',
        text,
        required: true,
        scored: false,
        options: [{ ...options[0]!, exclusive: true }, options[1]],
      },
      'options',
    ],
    [
      'options on likert',
      { id: 'x.y', type: 'likert5', text, required: true, scored: true, options },
      'options',
    ],
    ['number without bounds', { id: 'x.y', type: 'number', text, required: true, scored: false }, 'min'],
    [
      'number with min > max',
      { id: 'x.y', type: 'number', text, required: true, scored: false, min: 5, max: 1 },
      'max',
    ],
    ['min on a likert', { id: 'x.y', type: 'likert5', text, required: true, scored: true, min: 1 }, 'min'],
    [
      'maxLength on a single',
      { id: 'x.y', type: 'single', text, required: true, scored: false, options, maxLength: 5 },
      'maxLength',
    ],
    [
      'non-ascii option value',
      {
        id: 'x.y',
        type: 'single',
        text,
        required: true,
        scored: false,
        options: [{ value: 'はい', label: text }, options[1]],
      },
      'options',
    ],
    ['id without prefix', { id: 'plain', type: 'likert5', text, required: true, scored: true }, 'id'],
    [
      'empty English text',
      { id: 'x.y', type: 'likert5', text: { ja: '設問', en: '' }, required: true, scored: true },
      'text',
    ],
    ['unknown field', { id: 'x.y', type: 'likert5', text, required: true, scored: true, weight: 2 }, ''],
  ])('rejects %s', (_label, item, path) => {
    const found = itemIssues(item);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((m) => m.startsWith(path))).toBe(true);
  });
});

describe('Construct schema', () => {
  const psy = constructById('psychological_safety')!;
  const eng = constructById('engagement')!;
  const fails = (c: unknown) => !Construct.safeParse(c).success;

  it('requires a scored likert item for a favourable indicator', () => {
    expect(fails({ ...psy, items: psy.items.map((i) => ({ ...i, scored: false })) })).toBe(true);
  });

  it('requires exactly one nps item for an enps indicator', () => {
    expect(fails({ ...psy, indicator: 'enps' })).toBe(true);
    expect(fails({ ...eng, items: [...eng.items, { ...eng.items[0]!, id: 'eng.recommend_again' }] })).toBe(
      true,
    );
    expect(fails(eng)).toBe(false);
  });

  it('requires every item of a sensitive construct to be sensitive', () => {
    expect(fails({ ...psy, sensitive: true })).toBe(true);
    expect(fails({ ...psy, sensitive: true, items: psy.items.map((i) => ({ ...i, sensitive: true })) })).toBe(
      false,
    );
  });

  it('rejects duplicate item ids, malformed initiative ids, unknown pillars and priorities', () => {
    expect(fails({ ...psy, items: [...psy.items, psy.items[0]] })).toBe(true);
    expect(fails({ ...psy, initiatives: ['culture-12'] })).toBe(true);
    expect(fails({ ...psy, initiatives: ['cul-12', 'cul-12'] })).toBe(true);
    expect(fails({ ...psy, pillarId: 'finance' })).toBe(true);
    expect(fails({ ...psy, priorities: ['overtime'] })).toBe(true);
    expect(fails({ ...psy, priorities: [] })).toBe(true);
  });
});

describe('Answers schema', () => {
  it('accepts stored answer shapes and rejects others', () => {
    expect(Answers.safeParse({ 'a.b': 3, 'a.c': 'x', 'a.d': ['p', 'q'] }).success).toBe(true);
    expect(Answers.safeParse({ 'a.b': { nested: true } }).success).toBe(false);
    expect(Answers.safeParse({ nodot: 1 }).success).toBe(false);
  });
});
