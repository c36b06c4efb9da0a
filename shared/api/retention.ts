import * as z from 'zod';

/** The city's retention setting: whole years (1–100), or `null` to keep raw answers and posts forever. */
export const RetentionSettingInput = z.strictObject({
  years: z.number().int().min(1).max(100).nullable(),
});
export type RetentionSettingInput = z.infer<typeof RetentionSettingInput>;

export const RetentionSetting = z.object({
  years: z.number().int().nullable(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type RetentionSetting = z.infer<typeof RetentionSetting>;

/** What a retention run deletes (or, in a dry run, would delete): counts only, never content. */
export const RetentionPlan = z.object({
  years: z.number().int().nullable(),
  /** Answers of campaigns whose answering period ended before this instant go; so do posts of fiscal years ended before it. */
  cutoff: z.string().nullable(),
  campaigns: z.array(
    z.object({
      campaignId: z.string(),
      fiscalYear: z.number().int(),
      endedAt: z.string(),
      responses: z.number().int(),
    }),
  ),
  feedback: z.array(z.object({ fiscalYear: z.number().int(), posts: z.number().int() })),
});
export type RetentionPlan = z.infer<typeof RetentionPlan>;

export interface RetentionRun extends RetentionPlan {
  dryRun: boolean;
}
