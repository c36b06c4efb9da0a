import { describe, expect, it } from 'vitest';
import {
  ANSWER_ERROR_CODES,
  type AnswerValidation,
  type Item,
  annualStaffSurvey,
  itemsOfTemplate,
  validateAnswer,
  validateAnswers,
} from '../../../shared/instruments';

const items = itemsOfTemplate(annualStaffSurvey);

/** A complete, valid answer set for the annual survey. */
function fullAnswers(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of items) {
    switch (item.type) {
      case 'likert5':
        answers[item.id] = 4;
        break;
      case 'nps':
        answers[item.id] = 9;
        break;
      case 'number':
        answers[item.id] = item.min;
        break;
      case 'single':
        answers[item.id] = item.options![0]!.value;
        break;
      case 'multi':
        answers[item.id] = [item.options![0]!.value, item.options![1]!.value];
        break;
      case 'text':
        answers[item.id] = '研修の機会が増えてありがたいです。';
        break;
    }
  }
  return answers;
}

function errorsOf(result: AnswerValidation) {
  if (result.ok) throw new Error('expected the answers to be rejected');
  return result.errors.map((e) => ({ questionId: e.questionId, code: e.code }));
}

/** The full answer set with one answer replaced (or removed, with `undefined`). */
function withAnswer(id: string, value: unknown): Record<string, unknown> {
  const answers = fullAnswers();
  if (value === undefined) delete answers[id];
  else answers[id] = value;
  return answers;
}

describe('validateAnswers: accepting', () => {
  it('accepts a complete valid answer set and returns it unchanged', () => {
    const answers = fullAnswers();
    const result = validateAnswers(annualStaffSurvey, answers);
    expect(result).toEqual({ ok: true, answers });
    expect(Object.keys(answers).length).toBe(items.length);
  });

  it('accepts only the required answers, dropping blanks of optional questions', () => {
    const answers: Record<string, unknown> = {};
    for (const item of items) answers[item.id] = item.required ? fullAnswers()[item.id] : null;
    answers['comments.free'] = '   ';
    answers['har.experienced'] = [];
    const result = validateAnswers(annualStaffSurvey, answers);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.answers).sort()).toEqual(
      items
        .filter((i) => i.required)
        .map((i) => i.id)
        .sort(),
    );
    expect(result.answers['comments.free']).toBeUndefined();
  });

  it('cleans answers: multi choices in option order, text trimmed with \\n line endings', () => {
    const result = validateAnswers(annualStaffSurvey, {
      ...fullAnswers(),
      'har.witnessed': ['customer', 'power'],
      'comments.free': '  一行目\r\n二行目\u0007  ',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers['har.witnessed']).toEqual(['power', 'customer']);
    expect(result.answers['comments.free']).toBe('一行目\n二行目');
  });

  it('accepts text of exactly maxLength code points (emoji count once)', () => {
    expect(validateAnswers(annualStaffSurvey, withAnswer('comments.free', 'あ'.repeat(2000))).ok).toBe(true);
    expect(validateAnswers(annualStaffSurvey, withAnswer('comments.free', '😀'.repeat(2000))).ok).toBe(true);
  });

  it('accepts the ends of each scale', () => {
    for (const [id, value] of [
      ['psy.raise_problems', 1],
      ['psy.raise_problems', 5],
      ['eng.recommend', 0],
      ['eng.recommend', 10],
      ['ws.leave_days', 0],
      ['ws.leave_days', 40],
    ] as const) {
      expect(validateAnswers(annualStaffSurvey, withAnswer(id, value)).ok, `${id}=${value}`).toBe(true);
    }
  });

  it('works with a plain list of items', () => {
    const subset = items.filter((i) => i.id.startsWith('psy.'));
    const answers = Object.fromEntries(subset.map((i) => [i.id, 3]));
    expect(validateAnswers(subset, answers)).toEqual({ ok: true, answers });
    expect(errorsOf(validateAnswers(subset, { ...answers, 'eng.recommend': 9 }))).toEqual([
      { questionId: 'eng.recommend', code: 'unknown_question' },
    ]);
  });
});

describe('validateAnswers: rejecting, naming the question', () => {
  const cases: [string, string, unknown, string][] = [
    ['wrong type (string for likert)', 'psy.raise_problems', '4', 'invalid_type'],
    ['wrong type (boolean for nps)', 'eng.recommend', true, 'invalid_type'],
    ['wrong type (NaN)', 'ws.leave_days', Number.NaN, 'invalid_type'],
    ['wrong type (number for single)', 'ws.overtime_band', 3, 'invalid_type'],
    ['wrong type (string for multi)', 'har.experienced', 'power', 'invalid_type'],
    ['wrong type (number inside multi)', 'har.experienced', ['power', 2], 'invalid_type'],
    ['wrong type (array for text)', 'comments.free', ['a'], 'invalid_type'],
    ['not an integer', 'psy.safe_to_try', 3.5, 'not_integer'],
    ['likert below range', 'psy.safe_to_try', 0, 'out_of_range'],
    ['likert above range', 'psy.safe_to_try', 6, 'out_of_range'],
    ['nps above range', 'eng.recommend', 11, 'out_of_range'],
    ['number above max', 'ws.leave_days', 41, 'out_of_range'],
    ['number below min', 'ws.leave_days', -1, 'out_of_range'],
    ['unknown single option', 'ws.overtime_band', '100plus', 'unknown_option'],
    ['unknown multi option', 'har.witnessed', ['power', 'moral'], 'unknown_option'],
    ['duplicate multi option', 'har.experienced', ['power', 'power'], 'duplicate_option'],
    ['"none" combined with a kind', 'har.experienced', ['power', 'none'], 'exclusive_option'],
    ['too long text', 'comments.free', 'あ'.repeat(2001), 'too_long'],
    ['missing required (absent)', 'psy.raise_problems', undefined, 'required'],
    ['missing required (null)', 'eng.recommend', null, 'required'],
    ['missing required (empty string)', 'hlt.rest', '', 'required'],
    ['unknown question', 'psy.made_up', 3, 'unknown_question'],
  ];

  it.each(cases)('%s', (_label, id, value, code) => {
    expect(errorsOf(validateAnswers(annualStaffSurvey, withAnswer(id, value)))).toEqual([
      { questionId: id, code },
    ]);
  });

  it('covers every error code', () => {
    expect(new Set(cases.map((c) => c[3]))).toEqual(new Set(ANSWER_ERROR_CODES));
  });

  it('reports every faulty question in question order, then unknown ids, with Japanese and English messages', () => {
    const answers: Record<string, unknown> = {
      ...withAnswer('eng.recommend', 12),
      'x.unknown': 1,
      'psy.raise_problems': 'yes',
    };
    delete answers['hlt.rest'];
    const result = validateAnswers(annualStaffSurvey, answers);
    expect(errorsOf(result)).toEqual([
      { questionId: 'eng.recommend', code: 'out_of_range' },
      { questionId: 'psy.raise_problems', code: 'invalid_type' },
      { questionId: 'hlt.rest', code: 'required' },
      { questionId: 'x.unknown', code: 'unknown_question' },
    ]);
    if (result.ok) return;
    expect(result.errors[0]!.message).toEqual({
      ja: '0〜10の範囲で回答してください。',
      en: 'Answer with a value from 0 to 10.',
    });
    for (const e of result.errors) {
      expect(e.message.ja).not.toBe('');
      expect(e.message.en).not.toBe('');
    }
  });

  it('rejects answers that are not an object', () => {
    for (const bad of [null, 'answers', 42, [1, 2]]) {
      expect(errorsOf(validateAnswers(annualStaffSurvey, bad))).toEqual([
        { questionId: '', code: 'invalid_type' },
      ]);
    }
  });

  it('treats inherited and prototype keys as unknown questions, without polluting anything', () => {
    const parsed = JSON.parse(`{"__proto__": {"polluted": 1}, "constructor": 3}`) as Record<string, unknown>;
    const errors = errorsOf(validateAnswers(annualStaffSurvey, { ...fullAnswers(), ...parsed }));
    expect(errors).toEqual([
      { questionId: '__proto__', code: 'unknown_question' },
      { questionId: 'constructor', code: 'unknown_question' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateAnswer (one field)', () => {
  const text: Item = {
    id: 't.short',
    type: 'text',
    text: { ja: '短い記述', en: 'Short text' },
    required: true,
    scored: false,
    maxLength: 5,
  };

  it('uses the item maxLength and reports the length in the message', () => {
    expect(validateAnswer(text, 'あいうえお')).toEqual({ ok: true, value: 'あいうえお' });
    const result = validateAnswer(text, 'あいうえおか');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ questionId: 't.short', code: 'too_long' });
    expect(result.error.message.ja).toContain('5文字以内');
    expect(result.error.message.ja).toContain('6文字');
  });

  it('returns undefined for a skipped optional question and an error for a skipped required one', () => {
    expect(validateAnswer({ ...text, required: false }, undefined)).toEqual({ ok: true, value: undefined });
    expect(validateAnswer(text, '  ')).toMatchObject({ ok: false, error: { code: 'required' } });
  });
});
