import type { CustomQuestionInput } from '../../shared/api/custom-questions';
import type { PublicCampaign } from '../../shared/api/public';
import { isCustomItemId } from '../../shared/instruments/custom';
import { fiscalYearBounds, jstDay } from '../../shared/time/fiscal-year';
import { endOfJstDay } from '../../shared/time/deadline';
import type { AppDeps } from '../deps';
import { closeCampaign, createCampaign, openCampaign } from '../services/campaigns';
import { addCustomQuestion } from '../services/custom-questions';
import { createInvitations } from '../services/invitations';
import { seededRandom } from './demo-organisation';

/**
 * The demo's custom questions (FY2025) and pulse survey (January 2026, FY2025): DESIGN §5. Both
 * draw on random streams of their own, so the annual campaigns' answers, and with them the
 * dashboard, are exactly what they are without them.
 */

/** The fiscal year whose annual campaign asks the demo's custom questions. */
export const DEMO_CUSTOM_YEAR = 2025;

const QUESTIONS: CustomQuestionInput[] = [
  {
    type: 'likert5',
    text: {
      ja: '新しい文書管理システムは、日々の業務に役立っている',
      en: 'The new document management system helps my daily work',
    },
    constructId: 'digital_skills',
  },
  {
    type: 'number',
    text: {
      ja: 'この1年間に、業務時間外に自主的に学んだ日数（おおよそ）',
      en: 'Days you studied on your own outside working hours in the past year (roughly)',
    },
    min: 0,
    max: 60,
    initiativeId: 'trn-01',
  },
];

/** Adds the demo's custom questions to a draft campaign. */
export async function addDemoCustomQuestions(deps: AppDeps, campaignId: string): Promise<void> {
  for (const q of QUESTIONS) await addCustomQuestion(deps, campaignId, q);
}

/** The survey without its custom sections: what the annual answers are drawn from. */
export function withoutCustomSections(survey: PublicCampaign['survey']): PublicCampaign['survey'] {
  return {
    ...survey,
    sections: survey.sections.filter((s) => !s.questions.every((q) => isCustomItemId(q.id))),
  };
}

/** Answers to the custom questions of a survey, from their own random stream. */
export function customAnswersFor(
  survey: PublicCampaign['survey'],
  random: () => number,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of survey.sections.flatMap((s) => s.questions)) {
    if (!isCustomItemId(q.id) || random() < 0.08) continue;
    if (q.type === 'likert5') answers[q.id] = Math.min(5, 1 + Math.floor(random() * 4.6 + random()));
    else if (q.type === 'number')
      answers[q.id] = Math.round((q.max! - q.min!) * random() ** 2.5 * 0.6) + q.min!;
  }
  return answers;
}

/** A random stream for custom answers, apart from the seed's own. */
export const customRandom = () => seededRandom(2025_01);

/**
 * One pulse survey of FY2025, in January 2026 on the same questionnaire: answered by about a
 * quarter of staff, closed, with results on its own page. It never stands in for FY2025's annual
 * figures (the dashboard reads annual campaigns only).
 */
export async function seedDemoPulse(
  deps: AppDeps,
  scale: number,
  answerAll: (
    campaignId: string,
    invitations: ReadonlyArray<{ code: string; unitCode: string; staffNo: string }>,
    random: () => number,
  ) => Promise<void>,
): Promise<{ campaignId: string; responses: number }> {
  const { start } = fiscalYearBounds(DEMO_CUSTOM_YEAR);
  const january = Date.parse(start) + 285 * 86_400_000;
  const campaign = await createCampaign(deps, {
    fiscalYear: DEMO_CUSTOM_YEAR,
    templateId: 'annual-staff-survey-v1',
    kind: 'pulse',
    title: { ja: '令和7年度 パルス調査（1月）', en: 'Pulse survey, January (FY2025)' },
    opensAt: new Date(january).toISOString(),
    closesAt: endOfJstDay(jstDay(new Date(january + 13 * 86_400_000))),
  });
  await openCampaign(deps, campaign.id);
  const invitations = await createInvitations(deps, campaign.id);
  const random = seededRandom(2026_01);
  const answering = invitations.filter(() => random() < 0.25 * scale);
  await answerAll(campaign.id, answering, random);
  await closeCampaign(deps, campaign.id);
  return { campaignId: campaign.id, responses: answering.length };
}
