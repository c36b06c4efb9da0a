import * as z from 'zod';
import {
  CustomQuestion,
  CustomQuestionInput,
  CustomQuestionList,
} from '../../../shared/api/custom-questions';
import type { AppDeps } from '../../deps';
import {
  addCustomQuestion,
  listCustomQuestions,
  removeCustomQuestion,
} from '../../services/custom-questions';
import type { AuthEnv } from '../middleware/auth';
import { BODY_ERRORS, defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

const tags = ['campaigns'];
const QuestionParam = IdParam.extend({ questionId: z.string() });

const list = defineRoute({
  method: 'get',
  path: '/{id}/questions',
  tags,
  summary: "A campaign's custom questions, and whether they can still change (only in a draft)",
  access: 'signed-in',
  request: { params: IdParam },
  responses: { 200: ok(CustomQuestionList), ...errors({ 404: 'no such campaign' }) },
});
const add = defineRoute({
  method: 'post',
  path: '/{id}/questions',
  tags,
  summary: 'Add a custom question to a draft campaign (likert5, single, multi, number, text; ja + en)',
  access: ['admin'],
  request: { params: IdParam, body: jsonRequest(CustomQuestionInput) },
  responses: {
    201: ok(CustomQuestion, 'added'),
    ...errors({
      ...BODY_ERRORS,
      404: 'no such campaign',
      409: 'the campaign is not a draft (questions_frozen), or has the most questions (too_many_questions)',
    }),
  },
});
const remove = defineRoute({
  method: 'delete',
  path: '/{id}/questions/{questionId}',
  tags,
  summary: 'Remove a custom question from a draft campaign',
  access: ['admin'],
  request: { params: QuestionParam },
  responses: {
    204: { description: 'removed' },
    ...errors({ 404: 'no such campaign or question', 409: 'the campaign is not a draft (questions_frozen)' }),
  },
});

/** Custom questions (DESIGN §5): HR edits them on a draft; they freeze with its survey at open. */
export function customQuestionRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  app.openapi(list, async (c) => c.json(await listCustomQuestions(deps, c.req.valid('param').id)));
  app.openapi(add, async (c) =>
    c.json(await addCustomQuestion(deps, c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(remove, async (c) => {
    const { id, questionId } = c.req.valid('param');
    await removeCustomQuestion(deps, id, questionId);
    return c.body(null, 204);
  });
  return app;
}
