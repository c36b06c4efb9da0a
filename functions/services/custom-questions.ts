import {
  CUSTOM_QUESTION_LIMIT,
  type CustomQuestion,
  type CustomQuestionInput,
  type CustomQuestionList,
} from '../../shared/api/custom-questions';
import { customQuestionOf, nextCustomId, withCustomQuestions } from '../../shared/instruments/custom';
import { Template } from '../../shared/instruments/schema';
import { findInitiative } from '../../shared/plan/query';
import type { AppDeps } from '../deps';
import type { CampaignRecord } from '../store/campaigns';
import { getCampaignRecord } from './campaigns';
import { DomainError } from './errors';

/**
 * HR's custom questions of one campaign (DESIGN §5). They live in the campaign record beside the
 * template snapshot that asks them, so they freeze with it at open (A3): only a draft's change.
 */

export async function listCustomQuestions(deps: AppDeps, campaignId: string): Promise<CustomQuestionList> {
  const record = await getCampaignRecord(deps, campaignId);
  return { editable: record.status === 'draft', questions: record.customQuestions ?? [] };
}

function assertDraft(record: CampaignRecord): void {
  if (record.status !== 'draft') {
    throw new DomainError(
      'conflict',
      'questions_frozen',
      `追加設問は開始時に確定しています。下書きの調査だけが変更できます / custom questions are frozen when a campaign opens; this one is ${record.status}`,
    );
  }
}

export async function addCustomQuestion(
  deps: AppDeps,
  campaignId: string,
  input: CustomQuestionInput,
): Promise<CustomQuestion> {
  const record = await getCampaignRecord(deps, campaignId);
  assertDraft(record);
  const questions = record.customQuestions ?? [];
  if (questions.length >= CUSTOM_QUESTION_LIMIT) {
    throw new DomainError(
      'conflict',
      'too_many_questions',
      `追加設問は1つの調査につき${CUSTOM_QUESTION_LIMIT}問までです / at most ${CUSTOM_QUESTION_LIMIT} custom questions per campaign`,
    );
  }
  if (
    input.constructId !== undefined &&
    !record.template.constructs.some((c) => c.id === input.constructId)
  ) {
    throw new DomainError(
      'invalid',
      'unknown_construct',
      `構成概念 ${input.constructId} はこの調査の質問票にありません / construct ${input.constructId} is not in this campaign's questionnaire`,
    );
  }
  if (input.initiativeId !== undefined) {
    const plan = await deps.store.plan.getPlan();
    if (!plan || !findInitiative(plan, input.initiativeId)) {
      throw new DomainError(
        'invalid',
        'unknown_initiative',
        `施策 ${input.initiativeId} は計画にありません / initiative ${input.initiativeId} is not in the plan`,
      );
    }
  }
  const question = customQuestionOf(nextCustomId(questions), input);
  const next = withQuestions(record, [...questions, question]);
  await deps.store.campaigns.updateCampaign(next, 'draft');
  return question;
}

export async function removeCustomQuestion(
  deps: AppDeps,
  campaignId: string,
  questionId: string,
): Promise<void> {
  const record = await getCampaignRecord(deps, campaignId);
  assertDraft(record);
  const questions = record.customQuestions ?? [];
  if (!questions.some((q) => q.id === questionId)) {
    throw new DomainError('not_found', 'not_found', `custom question ${questionId} was not found`);
  }
  await deps.store.campaigns.updateCampaign(
    withQuestions(
      record,
      questions.filter((q) => q.id !== questionId),
    ),
    'draft',
  );
}

/** The record with these questions, its template rebuilt and checked whole before it is stored. */
function withQuestions(record: CampaignRecord, questions: CustomQuestion[]): CampaignRecord {
  const template = withCustomQuestions(record.template, questions);
  const checked = Template.safeParse(template);
  if (!checked.success) {
    throw new DomainError(
      'internal',
      'invalid_template',
      `the survey with custom questions is invalid: ${checked.error.message}`,
    );
  }
  return { ...record, customQuestions: questions, template };
}
