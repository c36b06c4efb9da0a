import { describe, expect, it } from 'vitest';
import { CustomQuestionInput } from '../../../shared/api/custom-questions';
import {
  customQuestionOf,
  nextCustomId,
  withCustomQuestions,
  withoutCustomQuestions,
} from '../../../shared/instruments/custom';
import { Template } from '../../../shared/instruments/schema';
import { annualStaffSurvey } from '../../../shared/instruments/template';

/** Custom questions in a campaign's survey (DESIGN §5): where they are asked and how they are stored. */

const input = (extra: Record<string, unknown>) =>
  CustomQuestionInput.parse({
    type: 'likert5',
    text: { ja: '新庁舎は働きやすい', en: 'The new building is a good place to work' },
    constructId: 'health',
    ...extra,
  });

describe('custom questions in a template', () => {
  const plain = customQuestionOf('custom.q1', input({}));
  const choice = customQuestionOf(
    'custom.q2',
    input({ type: 'multi', options: [{ label: { ja: 'A', en: 'A' } }, { label: { ja: 'B', en: 'B' } }] }),
  );
  const sensitive = customQuestionOf('custom.q3', input({ sensitive: true }));

  it('asks them in their own sections before the free comment, sensitive ones introduced as such', () => {
    const t = withCustomQuestions(annualStaffSurvey, [plain, choice, sensitive]);
    expect(Template.safeParse(t).success).toBe(true);
    const ids = t.sections.map((s) => s.id);
    const comments = t.sections.findIndex((s) => s.items.includes('comments.free'));
    expect(comments).toBeGreaterThan(0);
    expect(ids.slice(comments - 2, comments)).toEqual(['custom', 'custom_sensitive']);
    expect(t.sections[comments - 2]!.items).toEqual(['custom.q1', 'custom.q2']);
    expect(t.sections[comments - 1]).toMatchObject({ sensitive: true, items: ['custom.q3'] });
    // Never scored: they feed no construct's figure.
    expect(t.standaloneItems.filter((i) => i.id.startsWith('custom.')).every((i) => !i.scored)).toBe(true);
    expect(choice.options!.map((o) => o.value)).toEqual(['o1', 'o2']);
  });

  it('replaces earlier ones, and takes them all away again', () => {
    const once = withCustomQuestions(annualStaffSurvey, [plain, choice]);
    const again = withCustomQuestions(once, [choice]);
    expect(again.standaloneItems.filter((i) => i.id.startsWith('custom.')).map((i) => i.id)).toEqual([
      'custom.q2',
    ]);
    expect(withoutCustomQuestions(again)).toEqual(annualStaffSurvey);
    expect(withCustomQuestions(again, [])).toEqual(annualStaffSurvey);
  });

  it('numbers a new question after the highest in use', () => {
    expect(nextCustomId([])).toBe('custom.q1');
    expect(nextCustomId([plain, sensitive])).toBe('custom.q4');
  });
});
