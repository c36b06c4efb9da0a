import * as z from 'zod';
import { Localized } from '../i18n/localized';
import { PillarId, PriorityId } from './ids';
import { isRelisting, yearsOf } from './rows';

/**
 * The plan model: a city's HR development plan (人材育成推進プラン) as data.
 *
 * A plan runs over a range of fiscal years, is organised by pillars (柱), names
 * its priorities (重点的に取り組む施策), and lists its initiatives (具体的な取組)
 * row by row as its tables do. A row marked 再掲 re-lists an initiative from
 * elsewhere in the plan: it keeps its own place (pillar, 中項目, 小項目) but
 * takes everything else from the initiative it re-lists (`refersTo`).
 */

// ---------------------------------------------------------------------------
// Kinds and statuses

/** 区分: whether an initiative is new in this plan or continues from the last one. */
export const INITIATIVE_KINDS = ['new', 'continuing'] as const;
export const InitiativeKind = z.enum(INITIATIVE_KINDS);
export type InitiativeKind = z.infer<typeof InitiativeKind>;

/** What the plan says happens to an initiative in a fiscal year. */
export const INITIATIVE_STATUSES = ['implement', 'consider', 'research', 'utilize'] as const;
export const InitiativeStatus = z.enum(INITIATIVE_STATUSES);
export type InitiativeStatus = z.infer<typeof InitiativeStatus>;

/** 新規 / 継続. */
export const KIND_LABELS: Readonly<Record<InitiativeKind, Localized>> = {
  new: { ja: '新規', en: 'New' },
  continuing: { ja: '継続', en: 'Continuing' },
};

/** 実施 / 検討 / 研究 / 活用. */
export const STATUS_LABELS: Readonly<Record<InitiativeStatus, Localized>> = {
  implement: { ja: '実施', en: 'Implement' },
  consider: { ja: '検討', en: 'Consider' },
  research: { ja: '研究', en: 'Research' },
  utilize: { ja: '活用', en: 'Utilize' },
};

// ---------------------------------------------------------------------------
// Building blocks

/** A fiscal year, written as the Gregorian year it starts in (FY2023 = 令和5年度). */
export const FiscalYear = z.number().int().min(2000).max(2100);

/** The longest plan period accepted; plans run about five years. */
export const MAX_PLAN_YEARS = 20;

export const FiscalYearRange = z
  .strictObject({ from: FiscalYear, to: FiscalYear })
  .refine((r) => r.from <= r.to, {
    path: ['to'],
    abort: true,
    message: 'the plan cannot end before it starts',
  })
  .refine((r) => r.to - r.from < MAX_PLAN_YEARS, {
    path: ['to'],
    abort: true,
    message: `a plan runs at most ${MAX_PLAN_YEARS} fiscal years`,
  });
export type FiscalYearRange = z.infer<typeof FiscalYearRange>;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Plan and initiative ids: lower-case letters and digits joined by hyphens, e.g. `per-01`. */
export const Slug = z
  .string()
  .regex(SLUG, 'use lower-case letters and digits joined by hyphens, e.g. "per-01"');

/**
 * Status for each fiscal year of the plan, keyed by the year.
 * JSON keys are strings ("2023"); parsing turns them into numbers.
 */
export const StatusesByYear = z.record(
  z
    .string()
    .regex(/^\d{4}$/, 'a fiscal year is a four-digit year such as 2023')
    .transform(Number),
  InitiativeStatus,
);
export type StatusesByYear = z.output<typeof StatusesByYear>;

export const Pillar = z.strictObject({
  id: PillarId,
  name: Localized,
  /** Display order, 1 first. */
  order: z.number().int().positive(),
});
export type Pillar = z.infer<typeof Pillar>;

export const Priority = z.strictObject({
  id: PriorityId,
  /** ① … ⑤ */
  number: z.number().int().min(1).max(5),
  name: Localized,
  summary: Localized,
});
export type Priority = z.infer<typeof Priority>;

// ---------------------------------------------------------------------------
// Initiatives

/** Where a row sits in its table; every row has this, re-listing or not. */
const placement = {
  id: Slug,
  pillarId: PillarId,
  /** 中項目 */
  middle: Localized,
  /** 小項目 */
  small: Localized,
};

/** A row that carries its own initiative (具体的な取組). */
export const PrimaryInitiative = z.strictObject({
  ...placement,
  /** 具体的な取組 */
  title: Localized,
  kind: InitiativeKind,
  statuses: StatusesByYear,
});
export type PrimaryInitiative = z.output<typeof PrimaryInitiative>;

/** A 再掲 row: placed in its own table, but the initiative itself lives at `refersTo`. */
export const RelistedInitiative = z.strictObject({
  ...placement,
  refersTo: Slug,
});
export type RelistedInitiative = z.output<typeof RelistedInitiative>;

const OWN_FIELDS = ['title', 'kind', 'statuses'] as const;

/**
 * One table row. Parsed as a single object first so that a mistake is reported
 * at the field it concerns (not as "matches neither kind of row").
 */
export const Initiative = z
  .strictObject({
    ...placement,
    title: Localized.optional(),
    kind: InitiativeKind.optional(),
    statuses: StatusesByYear.optional(),
    refersTo: Slug.optional(),
  })
  .superRefine((row, ctx) => {
    for (const field of OWN_FIELDS) {
      if (row.refersTo !== undefined && row[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          continue: false,
          message: `a re-listing row (refersTo "${row.refersTo}") takes its ${field} from the initiative it re-lists; remove it here`,
        });
      }
      if (row.refersTo === undefined && row[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          continue: false,
          message: `${field} is required unless the row re-lists another initiative (refersTo)`,
        });
      }
    }
  })
  // The checks above leave exactly one of the two shapes.
  .transform((row) => row as Initiative);
export type Initiative = PrimaryInitiative | RelistedInitiative;

// isRelisting and yearsOf live in rows.ts (zod-free, for the console's first page).
export { isRelisting, yearsOf };

// ---------------------------------------------------------------------------
// The plan

export const PlanShape = z.strictObject({
  id: Slug,
  city: Localized,
  title: Localized,
  fiscalYears: FiscalYearRange,
  pillars: z.array(Pillar).min(1),
  priorities: z.array(Priority),
  initiatives: z.array(Initiative).min(1),
});

type PlanShape = z.output<typeof PlanShape>;

/** Reports every item whose key repeats an earlier item's key. */
function reportDuplicates<T>(
  ctx: z.RefinementCtx,
  list: 'pillars' | 'priorities' | 'initiatives',
  items: readonly T[],
  field: string,
  key: (item: T) => unknown,
): void {
  const first = new Map<unknown, number>();
  items.forEach((item, i) => {
    const value = key(item);
    const at = first.get(value);
    if (at === undefined) {
      first.set(value, i);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [list, i, field],
      message: `duplicate ${field} ${JSON.stringify(value)} (already used at ${list}[${at}])`,
    });
  });
}

/** Checks across fields: unique ids, existing references, statuses for exactly the plan's years. */
function checkPlan(plan: PlanShape, ctx: z.RefinementCtx): void {
  reportDuplicates(ctx, 'pillars', plan.pillars, 'id', (p) => p.id);
  reportDuplicates(ctx, 'pillars', plan.pillars, 'order', (p) => p.order);
  reportDuplicates(ctx, 'priorities', plan.priorities, 'id', (p) => p.id);
  reportDuplicates(ctx, 'priorities', plan.priorities, 'number', (p) => p.number);
  reportDuplicates(ctx, 'initiatives', plan.initiatives, 'id', (r) => r.id);

  const pillarIds = new Set(plan.pillars.map((p) => p.id));
  const rowsById = new Map<string, Initiative>();
  for (const row of plan.initiatives) if (!rowsById.has(row.id)) rowsById.set(row.id, row);
  const years = yearsOf(plan.fiscalYears);
  const span = `FY${plan.fiscalYears.from}–FY${plan.fiscalYears.to}`;

  plan.initiatives.forEach((row, i) => {
    if (!pillarIds.has(row.pillarId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['initiatives', i, 'pillarId'],
        message: `pillar "${row.pillarId}" is not one of this plan's pillars (${[...pillarIds].join(', ')})`,
      });
    }
    if (isRelisting(row)) {
      const target = rowsById.get(row.refersTo);
      const path = ['initiatives', i, 'refersTo'];
      if (row.refersTo === row.id) {
        ctx.addIssue({ code: 'custom', path, message: `row "${row.id}" cannot re-list itself` });
      } else if (target === undefined) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `refersTo "${row.refersTo}" names no initiative in this plan`,
        });
      } else if (isRelisting(target)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `refersTo "${row.refersTo}" is itself a re-listing; point to the initiative it re-lists ("${target.refersTo}")`,
        });
      }
      return;
    }
    const present = Object.keys(row.statuses).map(Number);
    const missing = years.filter((y) => !present.includes(y));
    if (missing.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['initiatives', i, 'statuses'],
        message: `no status for fiscal year ${missing.join(', ')} (the plan runs ${span})`,
      });
    }
    for (const y of present) {
      if (!years.includes(y)) {
        ctx.addIssue({
          code: 'custom',
          path: ['initiatives', i, 'statuses', String(y)],
          message: `fiscal year ${y} is outside the plan (${span})`,
        });
      }
    }
  });
}

/** A whole plan, checked field by field and across fields. Use `parsePlan` to load one. */
export const Plan = PlanShape.superRefine(checkPlan);
export type Plan = z.output<typeof Plan>;
