import { describe, expect, it } from 'vitest';
import { validateAnswer, validateAnswers } from '../../../shared/instruments/answers';
import { annualStaffSurvey, itemsOfTemplate } from '../../../shared/instruments';
import { Item, NOT_APPLICABLE } from '../../../shared/instruments/schema';

/** 「該当しない」: offered only where the bank says so, accepted only there, and it answers a required question. */

const t = (text: string) => ({ ja: text, en: text });
const offering = Item.parse({
  id: 'lrn.mentoring',
  type: 'likert5',
  text: t('mentoring'),
  required: true,
  scored: true,
  notApplicable: true,
});
const plain = Item.parse({ id: 'lrn.ojt', type: 'likert5', text: t('ojt'), required: true, scored: true });

describe('該当しない', () => {
  it("is stored as 'na'", () => {
    expect(NOT_APPLICABLE).toBe('na');
  });

  it('answers a required likert item that offers it', () => {
    expect(validateAnswer(offering, 'na')).toEqual({ ok: true, value: 'na' });
    expect(validateAnswers([offering], { 'lrn.mentoring': 'na' })).toEqual({
      ok: true,
      answers: { 'lrn.mentoring': 'na' },
    });
    // 1–5 still work, and a blank is still missing.
    expect(validateAnswer(offering, 3)).toEqual({ ok: true, value: 3 });
    expect(validateAnswer(offering, undefined)).toMatchObject({ ok: false, error: { code: 'required' } });
  });

  it('is refused on an item that does not offer it, and other strings on one that does', () => {
    expect(validateAnswer(plain, 'na')).toMatchObject({ ok: false, error: { code: 'invalid_type' } });
    expect(validateAnswer(offering, 'NA')).toMatchObject({ ok: false, error: { code: 'invalid_type' } });
    expect(validateAnswer(offering, '3')).toMatchObject({ ok: false, error: { code: 'invalid_type' } });
  });

  it('is only for likert5 items', () => {
    const nps = {
      id: 'eng.enps',
      type: 'nps',
      text: t('nps'),
      required: true,
      scored: false,
      notApplicable: true,
    };
    expect(Item.safeParse(nps).success).toBe(false);
  });

  it('is offered by the annual survey where a statement does not apply to everyone', () => {
    const offered = itemsOfTemplate(annualStaffSurvey)
      .filter((i) => i.notApplicable)
      .map((i) => i.id);
    expect(offered).toEqual(
      expect.arrayContaining(['lrn.mentoring', 'cmp.public_money_checks', 'saf.hazardous_work_trained']),
    );
    for (const id of offered) {
      const item = itemsOfTemplate(annualStaffSurvey).find((i) => i.id === id)!;
      expect(item.type, id).toBe('likert5');
    }
  });
});
