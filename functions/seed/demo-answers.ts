import type { PublicCampaign } from '../../shared/api/public';
import { DEMO_HARASSMENT_ITEMS, demoHarassment } from './demo-harassment';

/**
 * Plausible answers for the demo: each construct has a level per fiscal year
 * (some improve as the plan's initiatives take hold, some slip), each unit a
 * lean of its own, each person some noise. Reverse-keyed items are answered
 * the other way round, as people do.
 */

/** Mean level (1–5 scale) of each construct per fiscal year of the demo. */
const LEVELS: Record<string, number[]> = {
  //                          FY2023 FY2024 FY2025 FY2026
  psychological_safety: [3.25, 3.4, 3.55, 3.6],
  workstyle: [2.95, 3.1, 3.35, 3.45],
  harassment_climate: [3.3, 3.45, 3.6, 3.65],
  compliance: [3.5, 3.75, 3.8, 3.85],
  career: [3.05, 3.1, 3.25, 3.3],
  evaluation_fairness: [3.15, 3.1, 3.05, 3.15],
  digital_skills: [2.8, 3.05, 3.3, 3.45],
  learning_culture: [3.3, 3.35, 3.45, 3.5],
  training_effectiveness: [3.4, 3.45, 3.5, 3.55],
  health: [3.35, 3.3, 3.25, 3.35],
  engagement: [3.45, 3.5, 3.55, 3.6],
  recruitment_onboarding: [3.2, 3.3, 3.45, 3.5],
  organisational_goals: [3.1, 3.2, 3.3, 3.35],
  self_development: [2.9, 3.05, 3.2, 3.3],
  workplace_safety: [3.45, 3.5, 3.55, 3.6],
};

const COMMENTS = [
  '繁忙期の時間外勤務が特定の係に偏っていると感じます。業務分担の見直しをお願いしたいです。',
  'テレワークを試行してから、子どもの送迎と仕事の両立がしやすくなりました。',
  '職場ミーティングで出た改善案が実際に採用され、やりがいを感じました。',
  '研修で学んだことを職場で共有する時間がなかなか取れません。',
  'デジタルツールの研修をもっと実務に即した内容にしてほしいです。',
  '窓口での住民対応で強い口調の苦情が続き、精神的に負担を感じることがあります。',
  '若手が相談しやすい雰囲気があり、助かっています。',
  '人事評価の面談で、具体的な助言がもらえるとよいと思います。',
  '民間企業から転職してきましたが、前職の経験を生かせる場面が増えてきました。',
  '定年延長後の働き方について、早めに情報がほしいです。',
];

export interface DemoRespondent {
  unitLean: number;
  personLean: number;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Items the demo answers by a trend of their own (issue 14), so the work-style indicators and the
 * entry-route breakdown have something to show: leave taken rises, long overtime falls, about a third
 * were hired mid-career and feel their experience used more each year. Per fiscal year as LEVELS.
 */
const LEAVE_DAYS = [9.4, 10.6, 12.1, 12.6];
const OVERTIME_45 = [0.19, 0.14, 0.1, 0.09];
const MID_CAREER_LEAN = [-0.45, -0.25, -0.05, 0];

function entryRoute(random: () => number): string | undefined {
  const r = random();
  if (r < 0.08) return undefined;
  if (r < 0.62) return 'new_graduate';
  if (r < 0.84) return 'private_sector';
  if (r < 0.94) return 'public_sector';
  return 'other';
}

function trendAnswer(id: string, yearIndex: number, random: () => number): unknown {
  if (id === 'ws.leave_days')
    return random() < 0.9
      ? clamp(Math.round(LEAVE_DAYS[yearIndex]! + gaussian(random) * 4.5), 0, 40)
      : undefined;
  if (id === 'ws.overtime_band') {
    if (random() < OVERTIME_45[yearIndex]!) return random() < 0.15 ? '80plus' : '45to80';
    return ['none', 'lt10', '10to20', '20to45'][Math.floor(random() * 4)];
  }
  return undefined;
}

export function demoAnswers(
  survey: PublicCampaign['survey'],
  yearIndex: number,
  who: DemoRespondent,
  random: () => number,
  constructOf: (itemId: string) => { constructId: string; reverse: boolean } | undefined,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const route = entryRoute(random);
  const midCareer = route === 'private_sector' || route === 'public_sector';
  const harassment = demoHarassment(yearIndex, who, random);
  for (const section of survey.sections) {
    for (const q of section.questions) {
      if (q.id === 'rec.entry_route') {
        if (route) answers[q.id] = route;
        continue;
      }
      if (DEMO_HARASSMENT_ITEMS.has(q.id)) {
        if (harassment[q.id] !== undefined) answers[q.id] = harassment[q.id];
        continue;
      }
      if (q.id === 'ws.leave_days' || q.id === 'ws.overtime_band') {
        const v = trendAnswer(q.id, yearIndex, random);
        if (v !== undefined) answers[q.id] = v;
        continue;
      }
      const c = constructOf(q.id);
      const level = (c && LEVELS[c.constructId]?.[yearIndex]) ?? 3.3;
      const lean = midCareer && c?.constructId === 'recruitment_onboarding' ? MID_CAREER_LEAN[yearIndex]! : 0;
      const latent = level + lean + who.unitLean + who.personLean + gaussian(random) * 0.8;
      switch (q.type) {
        case 'likert5': {
          if (!q.required && random() < 0.1) break;
          // Some find a question does not apply to them (no newcomers, no public money): 該当しない;
          // experience from outside local government applies to mid-career hires only.
          const outsideOnly = q.id.startsWith('rec.prior_experience_');
          if (q.notApplicable && (outsideOnly ? !midCareer : random() < 0.15)) {
            answers[q.id] = 'na';
            break;
          }
          const x = clamp(Math.round(latent), 1, 5);
          answers[q.id] = c?.reverse ? 6 - x : x;
          break;
        }
        case 'nps':
          answers[q.id] = clamp(Math.round((latent - 1) * 2.5 + gaussian(random)), 0, 10);
          break;
        case 'number':
          if (random() < 0.85)
            answers[q.id] = clamp(Math.round(q.min! + (q.max! - q.min!) * random() * 0.5), q.min!, q.max!);
          break;
        case 'single':
          if (q.required || random() < 0.85) {
            const options = q.options!;
            // Better climates lean to the earlier (usually milder) options.
            const skew = clamp((4.2 - latent) / 3, 0, 1);
            answers[q.id] =
              options[
                Math.min(options.length - 1, Math.floor(random() * options.length * (0.4 + skew)))
              ]!.value;
          }
          break;
        case 'multi': {
          if (random() < 0.1) break;
          const options = q.options!;
          // "None" is the first exclusive choice (others, like 答えたくない, are never picked here).
          const none = options.find((o) => o.exclusive) ?? options[options.length - 1]!;
          const chance = clamp((4 - latent) / 6, 0.02, 0.4);
          const chosen = options
            .filter((o) => !o.exclusive && o !== none)
            .filter(() => random() < chance / 2)
            .map((o) => o.value);
          answers[q.id] = chosen.length ? chosen : [none.value];
          break;
        }
        case 'text':
          if (random() < 0.12) answers[q.id] = COMMENTS[Math.floor(random() * COMMENTS.length)]!;
          break;
      }
    }
  }
  return answers;
}
