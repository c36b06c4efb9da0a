import * as z from 'zod';

/** The city's retention setting: whole years (1–100), or `null` to keep raw answers and posts forever. */
export const RetentionSettingInput = z.strictObject({
  years: z.number().int().min(1).max(100).nullable(),
});
export type RetentionSettingInput = z.infer<typeof RetentionSettingInput>;

export interface RetentionSetting {
  years: number | null;
  updatedAt?: string;
  updatedBy?: string;
}

/** What a retention run deletes (or, in a dry run, would delete): counts only, never content. */
export interface RetentionPlan {
  years: number | null;
  /** Answers of campaigns whose answering period ended before this instant go; so do posts of fiscal years ended before it. */
  cutoff: string | null;
  campaigns: Array<{ campaignId: string; fiscalYear: number; endedAt: string; responses: number }>;
  feedback: Array<{ fiscalYear: number; posts: number }>;
}

export interface RetentionRun extends RetentionPlan {
  dryRun: boolean;
}
