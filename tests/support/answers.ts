/** Fills a survey (as the public API describes it) with answers from a generator. */
export function answersFor(
  survey: { sections: Array<{ questions: Array<any> }> },
  pick: () => number = Math.random,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const section of survey.sections) {
    for (const q of section.questions) {
      const r = pick();
      switch (q.type) {
        case 'likert5':
          answers[q.id] = 1 + Math.floor(r * 5);
          break;
        case 'nps':
          answers[q.id] = Math.floor(r * 11);
          break;
        case 'number':
          answers[q.id] = q.min + Math.floor(r * (q.max - q.min + 1));
          break;
        case 'single':
          answers[q.id] = q.options[Math.floor(r * q.options.length)].value;
          break;
        case 'multi': {
          // "none"-style options are exclusive: pick the first option alone.
          answers[q.id] = [q.options[Math.floor(r * (q.options.length - 1))].value];
          break;
        }
        case 'text':
          if (r < 0.5) answers[q.id] = `改善してほしい点があります（${Math.floor(r * 1000)}）`;
          break;
      }
    }
  }
  return answers;
}
