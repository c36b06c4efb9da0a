import { PlanError, type PlanIssue, type PlanSource } from '../../../shared/plan';

/**
 * A made-up plan for a made-up town (架空町), three years long, two pillars,
 * with a ⇒, a 新規 row and a 再掲 row that re-lists across pillars.
 */
export function otherTownSource(): PlanSource {
  return {
    id: 'kaku-town-fy2025-2027',
    city: { ja: '架空町', en: 'Kaku Town' },
    title: { ja: '架空町職員育成計画', en: 'Kaku Town Staff Development Plan' },
    fiscalYears: { from: 2025, to: 2027 },
    priorities: [
      {
        id: 'digital',
        number: 1,
        name: { ja: 'デジタル人材の育成', en: 'Developing digital talent' },
        summary: {
          ja: '全職員がデジタル技術を使いこなせるようにします。',
          en: 'Every employee learns to use digital tools well.',
        },
      },
    ],
    tables: [
      {
        pillarId: 'training',
        heading: { ja: '研修', en: 'Training' },
        idPrefix: 'tr',
        rows: [
          ['基礎研修', '新任研修', '新任職員研修の実施', '継続', '実施', '⇒', '⇒'],
          ['', '', 'デジタル基礎研修の実施', '新規', '検討', '実施', '⇒'],
          ['', '管理職研修', '管理職向け面談研修の実施', '継続', '研究', '⇒', '活用'],
        ],
      },
      {
        pillarId: 'environment',
        heading: { ja: '職場環境', en: 'Workplace' },
        idPrefix: 'wp',
        rows: [
          ['働き方', '柔軟な勤務', 'テレワークの試行', '新規', '検討', '⇒', '実施'],
          ['', '', 'デジタル基礎研修の実施【再掲】', '新規', '検討', '実施', '⇒'],
        ],
      },
    ],
    english: {
      基礎研修: 'Basic training',
      新任研修: 'Induction',
      新任職員研修の実施: 'Induction training for new staff',
      デジタル基礎研修の実施: 'Basic digital skills training',
      管理職研修: 'Training for managers',
      管理職向け面談研修の実施: 'Interview-skills training for managers',
      働き方: 'Ways of working',
      柔軟な勤務: 'Flexible hours and places',
      テレワークの試行: 'A telework trial',
    },
  };
}

/** The same town's plan written directly in the plan model (what an API would send as JSON). */
export function otherTownPlan() {
  const name = (ja: string, en: string) => ({ ja, en });
  return {
    id: 'kaku-town-fy2025-2027',
    city: name('架空町', 'Kaku Town'),
    title: name('架空町職員育成計画', 'Kaku Town Staff Development Plan'),
    fiscalYears: { from: 2025, to: 2027 },
    pillars: [
      { id: 'training', name: name('研修', 'Training'), order: 1 },
      { id: 'environment', name: name('職場環境', 'Workplace'), order: 2 },
    ],
    priorities: [
      {
        id: 'digital',
        number: 1,
        name: name('デジタル人材の育成', 'Developing digital talent'),
        summary: name(
          '全職員がデジタル技術を使いこなせるようにします。',
          'Every employee learns to use digital tools well.',
        ),
      },
    ],
    initiatives: [
      {
        id: 'tr-01',
        pillarId: 'training',
        middle: name('基礎研修', 'Basic training'),
        small: name('新任研修', 'Induction'),
        title: name('新任職員研修の実施', 'Induction training for new staff'),
        kind: 'continuing',
        statuses: { '2025': 'implement', '2026': 'implement', '2027': 'implement' },
      },
      {
        id: 'tr-02',
        pillarId: 'training',
        middle: name('基礎研修', 'Basic training'),
        small: name('新任研修', 'Induction'),
        title: name('デジタル基礎研修の実施', 'Basic digital skills training'),
        kind: 'new',
        statuses: { '2025': 'consider', '2026': 'implement', '2027': 'implement' },
      },
      {
        id: 'tr-03',
        pillarId: 'training',
        middle: name('基礎研修', 'Basic training'),
        small: name('管理職研修', 'Training for managers'),
        title: name('管理職向け面談研修の実施', 'Interview-skills training for managers'),
        kind: 'continuing',
        statuses: { '2025': 'research', '2026': 'research', '2027': 'utilize' },
      },
      {
        id: 'wp-01',
        pillarId: 'environment',
        middle: name('働き方', 'Ways of working'),
        small: name('柔軟な勤務', 'Flexible hours and places'),
        title: name('テレワークの試行', 'A telework trial'),
        kind: 'new',
        statuses: { '2025': 'consider', '2026': 'consider', '2027': 'implement' },
      },
      {
        id: 'wp-02',
        pillarId: 'environment',
        middle: name('働き方', 'Ways of working'),
        small: name('柔軟な勤務', 'Flexible hours and places'),
        refersTo: 'tr-02',
      },
    ],
  };
}

/** Runs `fn`, which must throw a PlanError, and returns its issues. */
export function issuesOf(fn: () => unknown): readonly PlanIssue[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlanError) return error.issues;
    throw error;
  }
  throw new Error('expected a PlanError, but nothing was thrown');
}
