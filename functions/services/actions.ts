import {
  type Action,
  type ActionCreate,
  type ActionNoteCreate,
  type ActionOutcomes,
  type ActionUpdate,
  MAX_ACTIONS_PER_UNIT,
  type PublicAction,
  type PublicActionList,
  type UnitChange,
} from '../../shared/api/actions';
import type { User } from '../../shared/api/auth';
import type { CampaignResults } from '../../shared/api/results';
import type { Template } from '../../shared/instruments/schema';
import { findInitiative, resolveInitiative } from '../../shared/plan/query';
import { fiscalYearOf, jstDay } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import type { ActionRecord } from '../store/actions';
import { getCampaignRecord } from './campaigns';
import { DomainError, notFound } from './errors';
import { keyBook } from './frozen';
import { resultsFor } from './insights';
import { subtreeOf } from './units';

/**
 * Action plans (docs/DESIGN.md §5, "Action plans"): after a campaign closes a
 * unit's manager (their subtree only) drafts up to three actions, HR (admin)
 * approves them, progress notes follow; staff read the approved ones on a
 * page without sign-in, which carries no figure. An action is identified as
 * `<fiscal year>-<slot>-<unit code>`.
 */

/** Progress notes kept per action. */
export const MAX_NOTES = 24;

const nowOf = (deps: Pick<AppDeps, 'now'>) => deps.now?.() ?? new Date();

interface ActionRef {
  fiscalYear: number;
  slot: number;
  unitCode: string;
}

function parseId(id: string): ActionRef {
  const m = /^(\d{4})-([1-9])-(.{1,32})$/.exec(id);
  if (!m) throw notFound('the action');
  return { fiscalYear: Number(m[1]), slot: Number(m[2]), unitCode: m[3]! };
}

const idOf = (fiscalYear: number, slot: number, unitCode: string) => `${fiscalYear}-${slot}-${unitCode}`;

/** Managers act for their own subtree; HR (admin) for any unit; nobody else writes actions. */
async function requireWriter(deps: AppDeps, user: User, unitCode: string): Promise<void> {
  if (user.role === 'admin') return;
  if (user.role === 'manager') {
    const scope = subtreeOf(await deps.store.directory.listUnits(), user.unitCode ?? '');
    if (scope.has(unitCode)) return;
  }
  throw new DomainError('forbidden', 'forbidden', 'only the unit’s manager or HR may change its actions');
}

async function readAction(deps: AppDeps, id: string): Promise<{ ref: ActionRef; record: ActionRecord }> {
  const ref = parseId(id);
  const record = await deps.store.actions.getAction(ref.fiscalYear, ref.unitCode, ref.slot);
  if (!record) throw notFound('the action');
  return { ref, record };
}

type Name = PublicAction['unitName'];
const nameOf = (text: { ja: string; en?: string | undefined }): Name => ({
  ja: text.ja,
  ...(text.en ? { en: text.en } : {}),
});

function publicEntry(
  action: Action,
  names: { unit: Name; construct?: Name; initiative?: Name },
): PublicAction {
  const {
    id,
    fiscalYear,
    unitCode,
    title,
    description,
    constructId,
    initiativeId,
    owner,
    dueDate,
    status,
    notes,
  } = action;
  return {
    id,
    fiscalYear,
    unitCode,
    unitName: names.unit,
    title,
    ...(description ? { description } : {}),
    ...(constructId ? { constructId } : {}),
    ...(names.construct ? { constructName: names.construct } : {}),
    ...(initiativeId ? { initiativeId } : {}),
    ...(names.initiative ? { initiativeTitle: names.initiative } : {}),
    owner,
    dueDate,
    status,
    notes,
  };
}

/** Writes the staff page's copy of an approved action, with the names it shows. */
async function project(deps: AppDeps, slot: number, record: ActionRecord): Promise<void> {
  const { action } = record;
  if (action.approval !== 'approved') return;
  const [units, campaign, plan] = await Promise.all([
    deps.store.directory.listUnits(),
    getCampaignRecord(deps, action.campaignId),
    deps.store.plan.getPlan(),
  ]);
  const unit = units.find((u) => u.code === action.unitCode);
  const construct = (campaign.template as Template).constructs.find((c) => c.id === action.constructId);
  const initiative = plan && action.initiativeId ? resolveInitiative(plan, action.initiativeId) : undefined;
  await deps.store.actions.putPublicAction(
    slot,
    publicEntry(action, {
      unit: unit ? nameOf(unit.name) : { ja: action.unitCode },
      ...(construct ? { construct: nameOf(construct.name) } : {}),
      ...(initiative ? { initiative: nameOf(initiative.title) } : {}),
    }),
    record.version,
  );
}

async function checkTies(
  deps: AppDeps,
  template: Template,
  constructId?: string | null,
  initiativeId?: string | null,
) {
  if (constructId && !template.constructs.some((c) => c.id === constructId)) {
    throw new DomainError(
      'invalid',
      'unknown_construct',
      `the campaign's survey has no construct ${constructId}`,
    );
  }
  if (initiativeId) {
    const plan = await deps.store.plan.getPlan();
    if (!plan || !findInitiative(plan, initiativeId)) {
      throw new DomainError('invalid', 'unknown_initiative', `the plan has no initiative ${initiativeId}`);
    }
  }
}

/** A manager's (or HR's) draft for one unit of a closed campaign; at most three per unit. */
export async function createAction(deps: AppDeps, user: User, input: ActionCreate): Promise<Action> {
  await requireWriter(deps, user, input.unitCode);
  const campaign = await getCampaignRecord(deps, input.campaignId);
  if (campaign.status !== 'closed') {
    throw new DomainError('conflict', 'campaign_open', 'actions are drafted once the campaign has closed');
  }
  const tree = campaign.frozen
    ? (await keyBook(deps, campaign)).organisation.units
    : await deps.store.directory.listUnits();
  if (!tree.some((u) => u.code === input.unitCode)) {
    throw new DomainError('invalid', 'unknown_unit', `the campaign did not survey unit ${input.unitCode}`);
  }
  await checkTies(deps, campaign.template as Template, input.constructId, input.initiativeId);
  const at = nowOf(deps).toISOString();
  for (let slot = 1; slot <= MAX_ACTIONS_PER_UNIT; slot++) {
    const action: Action = {
      id: idOf(campaign.fiscalYear, slot, input.unitCode),
      campaignId: campaign.id,
      fiscalYear: campaign.fiscalYear,
      unitCode: input.unitCode,
      title: input.title,
      ...(input.description ? { description: input.description } : {}),
      ...(input.constructId ? { constructId: input.constructId } : {}),
      ...(input.initiativeId ? { initiativeId: input.initiativeId } : {}),
      owner: input.owner,
      dueDate: input.dueDate,
      status: 'planned',
      approval: 'draft',
      notes: [],
      createdAt: at,
      updatedAt: at,
    };
    if (await deps.store.actions.createAction(slot, { action, createdBy: user.email, version: 1 }))
      return action;
  }
  throw new DomainError(
    'conflict',
    'too_many_actions',
    `a unit has at most ${MAX_ACTIONS_PER_UNIT} actions per fiscal year (1部署につき${MAX_ACTIONS_PER_UNIT}件まで)`,
  );
}

/** The actions of a fiscal year's results: all for HR and analysts, the subtree's for a manager. */
export async function listActions(deps: AppDeps, user: User, fiscalYear: number): Promise<Action[]> {
  const all = (await deps.store.actions.listActions(fiscalYear)).map((r) => r.action);
  if (user.role === 'admin' || user.role === 'analyst') return all;
  if (user.role !== 'manager') throw new DomainError('forbidden', 'forbidden', 'not for this role');
  const scope = subtreeOf(await deps.store.directory.listUnits(), user.unitCode ?? '');
  return all.filter((a) => scope.has(a.unitCode));
}

async function change(
  deps: AppDeps,
  user: User,
  id: string,
  edit: (action: Action) => Action,
): Promise<Action> {
  const { ref, record } = await readAction(deps, id);
  await requireWriter(deps, user, ref.unitCode);
  const action = { ...edit(record.action), updatedAt: nowOf(deps).toISOString() };
  const next = { ...record, action, version: record.version + 1 };
  await deps.store.actions.replaceAction(ref.slot, next, record.version);
  await project(deps, ref.slot, next);
  return action;
}

/** A draft's fields; once approved only its status changes (HR approved what it says). */
export async function updateAction(
  deps: AppDeps,
  user: User,
  id: string,
  patch: ActionUpdate,
): Promise<Action> {
  const { record } = await readAction(deps, id);
  const { status, ...fields } = patch;
  if (record.action.approval === 'approved' && Object.keys(fields).length > 0) {
    throw new DomainError(
      'conflict',
      'action_approved',
      'an approved action keeps its wording; only its status changes',
    );
  }
  const campaign = await getCampaignRecord(deps, record.action.campaignId);
  await checkTies(deps, campaign.template as Template, patch.constructId, patch.initiativeId);
  return change(deps, user, id, (a) => {
    const next: Action = { ...a };
    if (fields.title !== undefined) next.title = fields.title;
    if (fields.description !== undefined) next.description = fields.description;
    if (fields.owner !== undefined) next.owner = fields.owner;
    if (fields.dueDate !== undefined) next.dueDate = fields.dueDate;
    if (status !== undefined) next.status = status;
    if (fields.constructId === null) delete next.constructId;
    else if (fields.constructId !== undefined) next.constructId = fields.constructId;
    if (fields.initiativeId === null) delete next.initiativeId;
    else if (fields.initiativeId !== undefined) next.initiativeId = fields.initiativeId;
    if (next.constructId === undefined && next.initiativeId === undefined) {
      throw new DomainError(
        'invalid',
        'invalid_request',
        'an action stays tied to a construct or an initiative',
      );
    }
    return next;
  });
}

/** HR approves a draft: from now on staff see it. */
export async function approveAction(deps: AppDeps, user: User, id: string): Promise<Action> {
  if (user.role !== 'admin') throw new DomainError('forbidden', 'forbidden', 'only HR approves actions');
  return change(deps, user, id, (a) => {
    if (a.approval === 'approved') throw new DomainError('conflict', 'action_approved', 'already approved');
    return { ...a, approval: 'approved', approvedAt: nowOf(deps).toISOString() };
  });
}

/** A progress note through the year (its day only; the audit log says who). */
export async function addActionNote(
  deps: AppDeps,
  user: User,
  id: string,
  note: ActionNoteCreate,
): Promise<Action> {
  return change(deps, user, id, (a) => {
    if (a.notes.length >= MAX_NOTES) {
      throw new DomainError('conflict', 'too_many_notes', `at most ${MAX_NOTES} notes per action`);
    }
    return { ...a, notes: [...a.notes, { day: jstDay(nowOf(deps)), text: note.text }] };
  });
}

/** Withdraws a draft; an approved action stays (its status may become dropped). */
export async function deleteAction(deps: AppDeps, user: User, id: string): Promise<void> {
  const { ref, record } = await readAction(deps, id);
  await requireWriter(deps, user, ref.unitCode);
  if (record.action.approval === 'approved') {
    throw new DomainError(
      'conflict',
      'action_approved',
      'an approved action is not deleted; set its status to dropped',
    );
  }
  await deps.store.actions.deleteDraft(ref.fiscalYear, ref.unitCode, ref.slot, record.version);
}

/**
 * The staff page: approved actions of a fiscal year's results, without sign-in.
 * Without a year, the latest of the last three years that has any.
 */
export async function publicActions(deps: AppDeps, fiscalYear?: number): Promise<PublicActionList> {
  const current = fiscalYearOf(nowOf(deps));
  const years = fiscalYear !== undefined ? [fiscalYear] : [current, current - 1, current - 2, current - 3];
  for (const year of years) {
    const actions = await deps.store.actions.listPublicActions(year);
    if (actions.length > 0 || year === years.at(-1)) {
      return { fiscalYear: year, actions: actions.sort((a, b) => a.id.localeCompare(b.id)) };
    }
  }
  return { fiscalYear: years[0]!, actions: [] };
}

/** The latest closed campaign with results of an earlier fiscal year (the previous annual campaign). */
async function previousResults(
  deps: AppDeps,
  current: CampaignResults,
  user: User,
): Promise<CampaignResults | undefined> {
  const earlier = (await deps.store.campaigns.listCampaignHeads())
    .filter((c) => c.status === 'closed' && c.kind !== 'pulse' && c.fiscalYear < current.fiscalYear)
    .sort((a, b) => b.fiscalYear - a.fiscalYear || (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  for (const head of earlier) {
    try {
      return await resultsFor(deps, head.id, user);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'results_pending') continue;
      throw err;
    }
  }
  return undefined;
}

/** A unit's construct value as published (undefined where the row or the cell is hidden). */
function shownValue(results: CampaignResults, unitCode: string, constructId: string): number | undefined {
  const row = results.units.find((u) => u.unitCode === unitCode);
  if (!row || row.suppressed) return undefined;
  const cell = row.constructs.find((c) => c.constructId === constructId);
  return cell && !cell.suppressed && cell.favourable !== null ? cell.favourable : undefined;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Unit change (heatmap): each unit's change per construct from its previous
 * annual campaign, only where both years' cells are published (DESIGN §4): the
 * difference of two published values, so it tells the reader nothing new.
 */
export async function unitChange(deps: AppDeps, user: User, campaignId: string): Promise<UnitChange> {
  const now = await resultsFor(deps, campaignId, user);
  const before = await previousResults(deps, now, user);
  return {
    campaignId,
    comparedWith: before ? { campaignId: before.campaignId, fiscalYear: before.fiscalYear } : null,
    units: now.units.map((u) => ({
      unitCode: u.unitCode,
      constructs: u.constructs.map((c) => {
        const a = before ? shownValue(before, u.unitCode, c.constructId) : undefined;
        const b = shownValue(now, u.unitCode, c.constructId);
        return {
          constructId: c.constructId,
          delta: a !== undefined && b !== undefined ? round(b - a) : null,
        };
      }),
    })),
  };
}

/**
 * Next year's results beside last year's actions: each approved action of the
 * previous annual campaign's results in the reader's scope, with its
 * construct's favourable share in that unit then and now; hidden where either
 * year's cell is.
 */
export async function actionOutcomes(deps: AppDeps, user: User, campaignId: string): Promise<ActionOutcomes> {
  const now = await resultsFor(deps, campaignId, user);
  const before = await previousResults(deps, now, user);
  if (!before) return { campaignId, comparedWith: null, outcomes: [] };
  const inScope = new Set(now.units.map((u) => u.unitCode));
  for (const u of before.units) inScope.add(u.unitCode);
  const actions = (await deps.store.actions.listActions(before.fiscalYear))
    .map((r) => r.action)
    .filter((a) => a.approval === 'approved' && inScope.has(a.unitCode))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    campaignId,
    comparedWith: { campaignId: before.campaignId, fiscalYear: before.fiscalYear },
    outcomes: actions.map((action) => {
      if (!action.constructId) return { action, before: null, after: null, delta: null, hidden: false };
      const a = shownValue(before, action.unitCode, action.constructId);
      const b = shownValue(now, action.unitCode, action.constructId);
      const shown = a !== undefined && b !== undefined;
      return {
        action,
        before: shown ? a : null,
        after: shown ? b : null,
        delta: shown ? round(b - a) : null,
        hidden: !shown,
      };
    }),
  };
}
