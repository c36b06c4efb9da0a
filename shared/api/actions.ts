import * as z from 'zod';
import { FiscalYear, Slug } from '../plan/schema';
import { ActualStatus } from '../plan/progress';

/**
 * Action plans (アクションプラン) and the plan's progress (issue 15; docs/DESIGN.md §5,
 * "Action plans"). After a campaign closes a unit's manager drafts up to three
 * actions for their unit, each tied to a construct and/or a plan initiative;
 * HR approves them; progress notes follow through the year. An action holds
 * no result: the public page lists approved ones without any figure.
 */

/** At most this many actions per unit and campaign. */
export const MAX_ACTIONS_PER_UNIT = 3;

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** draft: the manager's, editable; approved: HR approved it, shown to staff. */
export const ActionApproval = z.enum(['draft', 'approved']);
export type ActionApproval = z.infer<typeof ActionApproval>;

const NameText = z.strictObject({ ja: z.string(), en: z.string().optional() });

const Day = z.iso.date({ error: 'a date as YYYY-MM-DD' });
const Text = (max: number) => z.string().trim().min(1).max(max);

const actionFields = {
  title: Text(120),
  description: z.string().trim().max(1000).optional(),
  constructId: z.string().min(1).max(64).optional(),
  initiativeId: Slug.max(64).optional(),
  /** Who carries it out: a post or a team (係長, 庶務係), not an account. */
  owner: Text(80),
  dueDate: Day,
};
const tied = {
  message: 'tie the action to a construct, a plan initiative or both (constructId / initiativeId)',
  path: ['constructId'],
};

export const ActionCreate = z
  .strictObject({
    campaignId: z.string().min(1).max(100),
    unitCode: z.string().min(1).max(32),
    ...actionFields,
  })
  .refine((a) => a.constructId !== undefined || a.initiativeId !== undefined, tied);
export type ActionCreate = z.infer<typeof ActionCreate>;

/** A draft's fields, or (also once approved) its status. */
export const ActionUpdate = z
  .strictObject({
    title: actionFields.title.optional(),
    description: actionFields.description,
    constructId: actionFields.constructId.nullable(),
    initiativeId: actionFields.initiativeId.nullable(),
    owner: actionFields.owner.optional(),
    dueDate: Day.optional(),
    status: ActionStatus.optional(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' });
export type ActionUpdate = z.infer<typeof ActionUpdate>;

export const ActionNoteCreate = z.strictObject({ text: Text(500) });
export type ActionNoteCreate = z.infer<typeof ActionNoteCreate>;

/** A progress note: its day (JST) and text; who wrote it stays in the audit log. */
export const ActionNote = z.strictObject({ day: z.string(), text: z.string() });
export type ActionNote = z.infer<typeof ActionNote>;

export const Action = z.strictObject({
  id: z.string(),
  campaignId: z.string(),
  /** The fiscal year of the results the action answers. */
  fiscalYear: z.number().int(),
  unitCode: z.string(),
  title: z.string(),
  description: z.string().optional(),
  constructId: z.string().optional(),
  initiativeId: z.string().optional(),
  owner: z.string(),
  dueDate: z.string(),
  status: ActionStatus,
  approval: ActionApproval,
  notes: z.array(ActionNote),
  createdAt: z.string(),
  updatedAt: z.string(),
  approvedAt: z.string().optional(),
});
export type Action = z.infer<typeof Action>;

/** What staff see without signing in: the approved action, no campaign, no account, no figure. */
export const PublicAction = Action.pick({
  id: true,
  fiscalYear: true,
  unitCode: true,
  title: true,
  description: true,
  constructId: true,
  initiativeId: true,
  owner: true,
  dueDate: true,
  status: true,
  notes: true,
}).extend({
  unitName: NameText,
  /** The construct's and the initiative's names, as they were when it was approved: the staff page reads no template or plan. */
  constructName: NameText.optional(),
  initiativeTitle: NameText.optional(),
});
export type PublicAction = z.infer<typeof PublicAction>;

export const PublicActionList = z.strictObject({
  fiscalYear: z.number().int(),
  actions: z.array(PublicAction),
});
export type PublicActionList = z.infer<typeof PublicActionList>;

export const ActionsQuery = z.strictObject({
  fiscalYear: z
    .string()
    .regex(/^\d{4}$/, 'a fiscal year such as 2024')
    .transform(Number)
    .pipe(FiscalYear)
    .optional(),
});

/**
 * Each action of the previous year's results beside its construct's change in
 * that unit: `before` and `after` are the unit's favourable shares as
 * published; both null (and `hidden`) where either year's cell is hidden.
 */
export const ActionOutcome = z.strictObject({
  action: Action,
  before: z.number().nullable(),
  after: z.number().nullable(),
  delta: z.number().nullable(),
  hidden: z.boolean(),
});
export const ActionOutcomes = z.strictObject({
  campaignId: z.string(),
  comparedWith: z.strictObject({ campaignId: z.string(), fiscalYear: z.number().int() }).nullable(),
  outcomes: z.array(ActionOutcome),
});
export type ActionOutcomes = z.infer<typeof ActionOutcomes>;

/** Each unit's change per construct from its previous annual campaign; null where either year is hidden. */
export const UnitChange = z.strictObject({
  campaignId: z.string(),
  comparedWith: z.strictObject({ campaignId: z.string(), fiscalYear: z.number().int() }).nullable(),
  units: z.array(
    z.strictObject({
      unitCode: z.string(),
      constructs: z.array(z.strictObject({ constructId: z.string(), delta: z.number().nullable() })),
    }),
  ),
});
export type UnitChange = z.infer<typeof UnitChange>;

/** HR's record of what actually happened to an initiative in a fiscal year. */
export const ProgressSet = z.strictObject({
  initiativeId: Slug.max(64),
  fiscalYear: FiscalYear,
  status: ActualStatus,
  note: z.string().trim().max(200).optional(),
  link: z
    .url({ protocol: /^https?$/, error: 'a link starting with https:// or http://' })
    .max(500)
    .optional(),
});
export type ProgressSet = z.infer<typeof ProgressSet>;

export const InitiativeProgress = ProgressSet.extend({
  /** The plan's status for that year, if it sets one. */
  planned: z.string().optional(),
  behind: z.boolean(),
  updatedAt: z.string(),
});
export type InitiativeProgress = z.infer<typeof InitiativeProgress>;
