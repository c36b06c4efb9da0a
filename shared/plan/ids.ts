import * as z from 'zod';

/** The four pillars (柱) every plan is organised by. */
export const PILLAR_IDS = ['personnel', 'training', 'culture', 'environment'] as const;
export const PillarId = z.enum(PILLAR_IDS);
export type PillarId = z.infer<typeof PillarId>;

/** The priorities (重点施策) that constructs may inform. */
export const PRIORITY_IDS = ['workstyle', 'compliance', 'career', 'midcareer', 'digital'] as const;
export const PriorityId = z.enum(PRIORITY_IDS);
export type PriorityId = z.infer<typeof PriorityId>;
