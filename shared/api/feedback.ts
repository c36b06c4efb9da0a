import * as z from 'zod';
import { PillarId } from '../plan/ids';
import { Base64Url, Code } from './common';
import { InvitationCode } from './public';

/**
 * Year-round anonymous feedback and staff proposals (職員提案). Staff redeem a
 * yearly feedback code for a batch of blind-signed tokens; each post spends
 * one. The token's hash is the post's receipt: it lets the poster read HR's
 * replies and add to the thread without saying who they are.
 */

export const FEEDBACK_BATCH_SIZE = 12;
export const FEEDBACK_KINDS = ['proposal', 'concern', 'question'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

/** 受付 → 検討中 → 採用 / 見送り / 対応済 */
export const FEEDBACK_STATUSES = ['received', 'reviewing', 'adopted', 'declined', 'done'] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES);
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

export const FiscalYearParam = z.coerce.number().int().min(2000).max(2100);

const Rsa2048 = Base64Url.length(342, 'must be 256 bytes');

/** `POST /api/public/feedback/key`: the code in the body, never in the URL (A7). */
export const FeedbackKeyRequest = z.strictObject({ code: InvitationCode });

export const FeedbackRedeem = z.strictObject({
  code: InvitationCode,
  blindedMessages: z.array(Rsa2048).min(1).max(FEEDBACK_BATCH_SIZE),
});
export type FeedbackRedeem = z.infer<typeof FeedbackRedeem>;

export const FeedbackKeyResponse = z.strictObject({
  fiscalYear: z.number().int(),
  keyId: z.string(),
  publicKey: Base64Url,
  unit: z.strictObject({
    code: z.string(),
    name: z.strictObject({ ja: z.string(), en: z.string().optional() }),
  }),
  batchSize: z.number().int(),
  /** The HR development plan's name as stored (store.plan); absent when no plan is loaded. */
  planName: z.strictObject({ ja: z.string(), en: z.string().optional() }).optional(),
});

const Title = z.string().trim().min(1).max(120);
const Body = z.string().trim().min(1).max(4000);

export const FeedbackPostCreate = z.strictObject({
  fiscalYear: z.number().int().min(2000).max(2100),
  keyId: z.string().min(1).max(128),
  token: Base64Url.min(22).max(200),
  signature: Rsa2048,
  kind: FeedbackKind,
  /** Optional: staff who do not know the plan's pillars leave it to HR, who set it in triage. */
  pillarId: PillarId.optional(),
  title: Title,
  body: Body,
  /** Posting under one's name is an explicit opt-in, for proposals that want credit. */
  displayName: z.string().trim().min(1).max(60).optional(),
});
export type FeedbackPostCreate = z.infer<typeof FeedbackPostCreate>;

/** The receipt is the token itself (base64url); the server keeps only its hash. */
export const FeedbackThreadRead = z.strictObject({
  postId: z.string().min(1).max(64),
  receipt: Base64Url.min(22).max(200),
});
export const FeedbackThreadAdd = FeedbackThreadRead.extend({ body: Body });

const FeedbackMessage = z.strictObject({
  id: z.string(),
  from: z.enum(['poster', 'hr']),
  body: z.string(),
  day: z.string(),
  /** HR replies only: shown on the public board when the post is published. */
  public: z.boolean(),
});

/** What the poster sees with their receipt: the post and every message to or from them. Never internal notes. */
export const FeedbackThread = z.strictObject({
  id: z.string(),
  fiscalYear: z.number().int(),
  kind: FeedbackKind,
  /** null: not chosen by the poster and not yet set by HR (未分類). */
  pillarId: PillarId.nullable(),
  title: z.string(),
  body: z.string(),
  day: z.string(),
  status: FeedbackStatus,
  published: z.boolean(),
  messages: z.array(FeedbackMessage),
  /** Received and held for the next shuffled batch (A2): not written yet, not visible to HR yet. */
  pending: z.boolean().optional(),
});
export type FeedbackThread = z.infer<typeof FeedbackThread>;

const FeedbackNote = z.strictObject({
  id: z.string(),
  author: z.string(),
  body: z.string(),
  day: z.string(),
});

/** HR's view: the thread plus triage fields and internal notes. */
export const FeedbackTriagePost = FeedbackThread.extend({
  displayName: z.string().nullable(),
  assignedUnitCode: z.string().nullable(),
  notes: z.array(FeedbackNote),
  firstReplyDay: z.string().nullable(),
});
export type FeedbackTriagePost = z.infer<typeof FeedbackTriagePost>;

export const FeedbackTriageUpdate = z
  .strictObject({
    status: FeedbackStatus.optional(),
    assignedUnitCode: Code.nullable().optional(),
    /** HR sets (or clears) the pillar of a post the poster left unclassified. */
    pillarId: PillarId.nullable().optional(),
    published: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const FeedbackNoteCreate = z.strictObject({ body: Body });
export const FeedbackReplyCreate = z.strictObject({ body: Body, public: z.boolean() });

/** The staff board: published posts and HR's public replies only. */
export const FeedbackBoardPost = z.strictObject({
  id: z.string(),
  fiscalYear: z.number().int(),
  kind: FeedbackKind,
  /** null: not chosen by the poster and not yet set by HR (未分類). */
  pillarId: PillarId.nullable(),
  title: z.string(),
  body: z.string(),
  day: z.string(),
  status: FeedbackStatus,
  displayName: z.string().nullable(),
  replies: z.array(z.strictObject({ body: z.string(), day: z.string() })),
});
export type FeedbackBoardPost = z.infer<typeof FeedbackBoardPost>;

export const FeedbackBoardQuery = z.strictObject({
  pillar: PillarId.optional(),
  status: FeedbackStatus.optional(),
  fiscalYear: FiscalYearParam.optional(),
});

export const FeedbackCodesRequest = z.strictObject({ fiscalYear: z.number().int().min(2000).max(2100) });
export const FeedbackCode = z.strictObject({
  staffNo: z.string(),
  unitCode: z.string(),
  code: z.string(),
  url: z.string(),
});

/** Posts per pillar and fiscal year, adoption rate and median days to first reply. */
export const FeedbackIndicators = z.strictObject({
  years: z.array(z.number().int()),
  /** Counts are a snapshot made once a day: posts dated before this day (JST), never live. */
  asOf: z.string(),
  pillars: z.array(
    z.strictObject({
      /** null: posts no one has given a pillar yet (未分類); listed only when there are some. */
      pillarId: PillarId.nullable(),
      values: z.array(
        z.strictObject({
          fiscalYear: z.number().int(),
          posts: z.number().int(),
          adopted: z.number().int(),
          /** adopted ÷ (adopted + declined); null before any decision. */
          adoptionRate: z.number().min(0).max(1).nullable(),
          medianDaysToFirstReply: z.number().nullable(),
        }),
      ),
    }),
  ),
  /**
   * Posts by unit, with disclosure control at k_sensitive: small counts hidden. A post carries only
   * its key group, so it counts at the group's top unit (and that unit's ancestors).
   */
  units: z.array(
    z.strictObject({
      fiscalYear: z.number().int(),
      cells: z.array(
        z.strictObject({ unitCode: z.string(), posts: z.number().int().nullable(), suppressed: z.boolean() }),
      ),
    }),
  ),
});
export type FeedbackIndicators = z.infer<typeof FeedbackIndicators>;
