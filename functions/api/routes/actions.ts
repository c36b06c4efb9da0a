import * as z from 'zod';
import {
  Action,
  ActionCreate,
  ActionNoteCreate,
  ActionOutcomes,
  ActionsQuery,
  ActionUpdate,
  InitiativeProgress,
  ProgressSet,
  PublicActionList,
  UnitChange,
} from '../../../shared/api/actions';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import type { AppDeps } from '../../deps';
import {
  actionOutcomes,
  addActionNote,
  approveAction,
  createAction,
  deleteAction,
  listActions,
  publicActions,
  unitChange,
  updateAction,
} from '../../services/actions';
import { recordAudit } from '../../services/audit';
import { listProgress, setProgress } from '../../services/plan-progress';
import type { AuthEnv } from '../middleware/auth';
import { defineRoute, errors, IdParam, jsonRequest, KoeApi, ok } from '../route-kit';

/*
 * Action plans, the plan's progress and unit change (issue 15; docs/DESIGN.md §5,
 * "Action plans"). Managers write their own subtree's actions (403 elsewhere),
 * HR (admin) approves; staff read approved actions at /api/public/actions.
 */

const tags = ['actions'];
const writers = ['admin', 'manager'] as const;
const readers = ['admin', 'analyst', 'manager'] as const;

const list = defineRoute({
  method: 'get',
  path: '/actions',
  tags,
  summary: "Actions on a fiscal year's results (default: last year); a manager: their subtree",
  access: readers,
  request: { query: ActionsQuery },
  responses: { 200: ok(z.array(Action)) },
});
const create = defineRoute({
  method: 'post',
  path: '/actions',
  tags,
  summary: 'Draft an action for a unit of a closed campaign (at most three per unit)',
  access: writers,
  request: { body: jsonRequest(ActionCreate) },
  responses: {
    201: ok(Action, 'drafted'),
    ...errors({
      403: 'a unit outside the manager’s subtree',
      404: 'no such campaign',
      409: 'campaign still open (campaign_open), or the unit has three actions (too_many_actions)',
    }),
  },
});
const update = defineRoute({
  method: 'patch',
  path: '/actions/{id}',
  tags,
  summary: "Change a draft's wording, or any action's status",
  access: writers,
  request: { params: IdParam, body: jsonRequest(ActionUpdate) },
  responses: {
    200: ok(Action),
    ...errors({
      404: 'no such action',
      409: 'approved actions change status only (action_approved), or a concurrent change',
    }),
  },
});
const remove = defineRoute({
  method: 'delete',
  path: '/actions/{id}',
  tags,
  summary: 'Withdraw a draft',
  access: writers,
  request: { params: IdParam },
  responses: { 204: { description: 'withdrawn' }, ...errors({ 404: 'no such action', 409: 'approved' }) },
});
const approve = defineRoute({
  method: 'post',
  path: '/actions/{id}/approve',
  tags,
  summary: 'HR approves a draft; staff see it from then on',
  access: ['admin'],
  request: { params: IdParam },
  responses: { 200: ok(Action), ...errors({ 404: 'no such action', 409: 'already approved' }) },
});
const note = defineRoute({
  method: 'post',
  path: '/actions/{id}/notes',
  tags,
  summary: 'Add a progress note',
  access: writers,
  request: { params: IdParam, body: jsonRequest(ActionNoteCreate) },
  responses: { 201: ok(Action, 'noted'), ...errors({ 404: 'no such action', 409: 'too many notes' }) },
});
const outcomes = defineRoute({
  method: 'get',
  path: '/campaigns/{id}/action-outcomes',
  tags,
  summary:
    "Last year's approved actions beside their construct's change in the unit (hidden where either year's cell is); audited",
  access: readers,
  request: { params: IdParam },
  responses: { 200: ok(ActionOutcomes), ...errors({ 404: 'no such campaign', 409: 'open or pending' }) },
});
const change = defineRoute({
  method: 'get',
  path: '/campaigns/{id}/unit-change',
  tags,
  summary:
    "Each unit's change per construct from its previous annual campaign (both years published); audited",
  access: readers,
  request: { params: IdParam },
  responses: { 200: ok(UnitChange), ...errors({ 404: 'no such campaign', 409: 'open or pending' }) },
});
const progress = defineRoute({
  method: 'get',
  path: '/plan/progress',
  tags,
  summary: "The plan's progress: each initiative's actual status per fiscal year beside the planned one",
  access: readers,
  responses: { 200: ok(z.array(InitiativeProgress)), ...errors({ 404: 'no plan stored yet' }) },
});
const setProgressRoute = defineRoute({
  method: 'put',
  path: '/plan/progress',
  tags,
  summary: "Record an initiative's actual status for a fiscal year (short note, optional link)",
  access: ['admin'],
  request: { body: jsonRequest(ProgressSet) },
  responses: {
    200: ok(InitiativeProgress),
    ...errors({ 400: 'unknown initiative, or a year outside the plan' }),
  },
});

export function actionRoutes(deps: AppDeps) {
  const app = new KoeApi<AuthEnv>();
  const audit = (actor: string, action: string, target: string) =>
    recordAudit(deps, { actor, action, target });

  app.openapi(list, async (c) => {
    const fy = c.req.valid('query').fiscalYear ?? fiscalYearOf(deps.now?.() ?? new Date()) - 1;
    return c.json(await listActions(deps, c.get('user'), fy));
  });
  app.openapi(create, async (c) => {
    const user = c.get('user');
    const made = await createAction(deps, user, c.req.valid('json'));
    await audit(user.email, 'action.drafted', made.id);
    return c.json(made, 201);
  });
  app.openapi(update, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const out = await updateAction(deps, user, id, c.req.valid('json'));
    await audit(user.email, 'action.updated', id);
    return c.json(out);
  });
  app.openapi(remove, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    await deleteAction(deps, user, id);
    await audit(user.email, 'action.withdrawn', id);
    return c.body(null, 204);
  });
  app.openapi(approve, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const out = await approveAction(deps, user, id);
    await audit(user.email, 'action.approved', id);
    return c.json(out);
  });
  app.openapi(note, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const out = await addActionNote(deps, user, id, c.req.valid('json'));
    await audit(user.email, 'action.noted', id);
    return c.json(out, 201);
  });
  // Both read results (the reader's scope, through the disclosure engine), so both are audited as results reads.
  app.openapi(outcomes, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const out = await actionOutcomes(deps, user, id);
    await audit(user.email, 'results.read', id);
    return c.json(out);
  });
  app.openapi(change, async (c) => {
    const user = c.get('user');
    const { id } = c.req.valid('param');
    const out = await unitChange(deps, user, id);
    await audit(user.email, 'results.read', id);
    return c.json(out);
  });
  app.openapi(progress, async (c) => c.json(await listProgress(deps)));
  app.openapi(setProgressRoute, async (c) =>
    c.json(await setProgress(deps, c.get('user'), c.req.valid('json'))),
  );
  return app;
}

const publicList = defineRoute({
  method: 'get',
  path: '/',
  tags,
  summary:
    "Approved actions of a fiscal year's results, for staff without sign-in (default: the latest year with any); no figures",
  access: 'public',
  request: { query: ActionsQuery },
  responses: { 200: ok(PublicActionList) },
});

/** The staff page's read: the public projection of approved actions only. */
export function publicActionRoutes(deps: AppDeps) {
  const app = new KoeApi();
  app.openapi(publicList, async (c) => c.json(await publicActions(deps, c.req.valid('query').fiscalYear)));
  return app;
}
