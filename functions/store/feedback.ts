import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackBoardPost, FeedbackKind, FeedbackStatus } from '../../shared/api/feedback';
import type { KeyGroup } from '../../shared/disclosure/key-groups';
import type { PillarId } from '../../shared/plan/ids';
import { batchPut, queryAll } from './batch';
import type { StoreContext } from './context';
import { ConflictError, isConditionFailed } from './errors';

/**
 * Year-round feedback. The feedback table holds posts, spent tokens, the
 * marks of redeemed codes and the daily count snapshots; the directory holds
 * the valid feedback codes (by hash, with their key group, never a person);
 * the surveys table holds each year's wrapped code secret, its key groups and
 * one signing key per group. A post carries no identity, no code, no unit and
 * no time finer than the day: only its key group (at least k_sensitive
 * people), certified by the key.
 */

export interface FeedbackYearRecord {
  fiscalYear: number;
  /** Derives every code of the year; wrapped with context `feedback/<fy>#codes` (delivery only). */
  secret: Uint8Array;
  createdAt: string;
  /** Key groups made from the roster's unit counts when the year was set up; fixed for the year. */
  groups: KeyGroup[];
}

export interface FeedbackKeyRecord {
  fiscalYear: number;
  /** The key group (its top unit's code) this key signs for. */
  groupId: string;
  keyId: string;
  publicKeySpki: Uint8Array;
  wrappedPrivateKey: Uint8Array;
  /** The HR plan's name when the key was made, for the feedback page (which may not read the plan). */
  planName?: { ja: string; en: string };
}

/**
 * A valid feedback code: its hash and the key group its batch is signed with.
 * No staff number, no unit, no state: whether it was redeemed is recorded
 * apart (REDEEMED#), under a mark only the signing key can compute.
 */
export interface FeedbackCodeEntry {
  codeHash: string;
  fiscalYear: number;
  groupId: string;
}

/** Feedback counts as of the start of a day (posts dated before it), computed once that day. */
export interface FeedbackCountSnapshot {
  fiscalYear: number;
  /** The JST day the snapshot was made; it counts posts dated before this day. */
  asOf: string;
  /** Posts per key group. */
  groups: Record<string, number>;
  /** Per pillar; `none` counts the posts without one (未分類). */
  pillars: Partial<
    Record<PillarId | 'none', { posts: number; adopted: number; declined: number; replyDays: number[] }>
  >;
  /** Set by retention once the year's posts are deleted: the counts stay as they were (store/retention.ts). */
  final?: boolean;
}

export interface StoredMessage {
  id: string;
  from: 'poster' | 'hr';
  body: string;
  day: string;
  public: boolean;
}

export interface StoredNote {
  id: string;
  author: string;
  body: string;
  day: string;
}

export interface PostRecord {
  id: string;
  fiscalYear: number;
  /** The key group whose key signed the token (≥ k_sensitive people); never shown. */
  groupId: string;
  kind: FeedbackKind;
  /** null until the poster or HR gives one (未分類). */
  pillarId: PillarId | null;
  title: string;
  body: string;
  day: string;
  displayName: string | null;
  receiptHash: string;
  status: FeedbackStatus;
  published: boolean;
  assignedUnitCode: string | null;
  messages: StoredMessage[];
  notes: StoredNote[];
  /** Optimistic lock: every change is conditional on the version read. */
  version: number;
}

export type FeedbackClaim = 'claimed' | 'used';

/**
 * What the staff board shows of a published post, and nothing else: no
 * notes, no key group, no receipt, no assignment, no message but HR's public
 * replies. Written to the board projection (`BOARD#<fy>`), the only feedback
 * items the public function may list.
 */
export function boardEntryOf(post: PostRecord): FeedbackBoardPost {
  return {
    id: post.id,
    fiscalYear: post.fiscalYear,
    kind: post.kind,
    pillarId: post.pillarId,
    title: post.title,
    body: post.body,
    day: post.day,
    status: post.status,
    displayName: post.displayName,
    replies: post.messages
      .filter((m) => m.from === 'hr' && m.public)
      .map((m) => ({ body: m.body, day: m.day })),
  };
}

const ledgerKey = (codeHash: string) => ({ pk: `FINV#${codeHash}`, sk: 'INV' });

export function feedbackStore(ctx: StoreContext) {
  const { doc } = ctx;
  const { directory, surveys, feedback } = ctx.config.tables;

  async function putBoardItem(
    fiscalYear: number,
    postId: string,
    version: number,
    entry: FeedbackBoardPost | undefined,
  ): Promise<void> {
    try {
      await doc.send(
        new PutCommand({
          TableName: feedback,
          Item: { pk: `BOARD#${fiscalYear}`, sk: postId, version, ...(entry ? { entry } : {}) },
          ConditionExpression: 'attribute_not_exists(pk) OR version < :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (err) {
      // A newer state of the post is on the board already: it stands.
      if (!isConditionFailed(err)) throw err;
    }
  }

  return {
    async getYear(fiscalYear: number): Promise<FeedbackYearRecord | undefined> {
      const out = await doc.send(
        new GetCommand({
          TableName: surveys,
          Key: { pk: `FEEDBACK#${fiscalYear}`, sk: 'META' },
          ConsistentRead: true,
        }),
      );
      return out.Item?.year as FeedbackYearRecord | undefined;
    },

    /** Creates a year's record once; a second caller gets the first one's. */
    async createYear(year: FeedbackYearRecord): Promise<FeedbackYearRecord> {
      try {
        await doc.send(
          new PutCommand({
            TableName: surveys,
            Item: { pk: `FEEDBACK#${year.fiscalYear}`, sk: 'META', year },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return year;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return (await this.getYear(year.fiscalYear))!;
      }
    },

    async putKeys(keys: FeedbackKeyRecord[]): Promise<void> {
      await batchPut(
        doc,
        surveys,
        keys.map((k) => ({ pk: `FKEY#${k.fiscalYear}`, sk: k.keyId, key: k })),
      );
    },

    async listKeys(fiscalYear: number): Promise<FeedbackKeyRecord[]> {
      const items = await queryAll(doc, {
        TableName: surveys,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `FKEY#${fiscalYear}` },
        ConsistentRead: true,
      });
      return items.map((i) => i.key as FeedbackKeyRecord);
    },

    /** The hashes of a year's valid codes (to add only new ones; an entry never changes). */
    async listCodeHashes(fiscalYear: number): Promise<Set<string>> {
      const items = await queryAll(doc, {
        TableName: directory,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `CFINV#${fiscalYear}` },
        ProjectionExpression: 'gsi1sk',
      });
      return new Set(items.map((i) => i.gsi1sk as string));
    },

    async addCodes(entries: FeedbackCodeEntry[]): Promise<void> {
      await batchPut(
        doc,
        directory,
        entries.map((entry) => ({
          ...ledgerKey(entry.codeHash),
          gsi1pk: `CFINV#${entry.fiscalYear}`,
          gsi1sk: entry.codeHash,
          entry,
        })),
      );
    },

    async getCode(codeHash: string): Promise<FeedbackCodeEntry | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: directory, Key: ledgerKey(codeHash), ConsistentRead: true }),
      );
      return out.Item?.entry as FeedbackCodeEntry | undefined;
    },

    /**
     * Marks a code redeemed for one batch, once; the same batch again succeeds
     * again. `mark` is a keyed hash of the code (services/feedback/codes.ts): the row
     * says neither the code, its group nor its person.
     */
    async claimBatch(fiscalYear: number, mark: string, batchHash: string): Promise<FeedbackClaim> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: feedback,
            Key: { pk: `REDEEMED#${fiscalYear}`, sk: mark },
            UpdateExpression: 'SET batchHash = :b',
            ConditionExpression: 'attribute_not_exists(pk) OR batchHash = :b',
            ExpressionAttributeValues: { ':b': batchHash },
          }),
        );
        return 'claimed';
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return 'used';
      }
    },

    async isRedeemed(fiscalYear: number, mark: string): Promise<boolean> {
      const out = await doc.send(
        new GetCommand({
          TableName: feedback,
          Key: { pk: `REDEEMED#${fiscalYear}`, sk: mark },
          ConsistentRead: true,
        }),
      );
      return out.Item !== undefined;
    },

    async getSnapshot(fiscalYear: number): Promise<FeedbackCountSnapshot | undefined> {
      const out = await doc.send(
        new GetCommand({
          TableName: feedback,
          Key: { pk: `FCOUNT#${fiscalYear}`, sk: 'SNAPSHOT' },
          ConsistentRead: true,
        }),
      );
      return out.Item?.snapshot as FeedbackCountSnapshot | undefined;
    },

    /**
     * Stores a day's snapshot unless one for that day (or later) is there;
     * returns the one that stands.
     */
    async putSnapshot(snapshot: FeedbackCountSnapshot): Promise<FeedbackCountSnapshot> {
      try {
        await doc.send(
          new PutCommand({
            TableName: feedback,
            Item: { pk: `FCOUNT#${snapshot.fiscalYear}`, sk: 'SNAPSHOT', asOf: snapshot.asOf, snapshot },
            ConditionExpression: '(attribute_not_exists(pk) OR asOf < :d) AND attribute_not_exists(#f)',
            ExpressionAttributeNames: { '#f': 'final' },
            ExpressionAttributeValues: { ':d': snapshot.asOf },
          }),
        );
        return snapshot;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return (await this.getSnapshot(snapshot.fiscalYear))!;
      }
    },

    /**
     * Spends a token for a post. Returns the post id the token was spent on
     * before, if it was (so a retry after a crash can finish the same post).
     */
    async spendToken(fiscalYear: number, tokenHash: string, postId: string): Promise<'spent' | 'already'> {
      try {
        await doc.send(
          new PutCommand({
            TableName: feedback,
            Item: { pk: `SPENT#${fiscalYear}`, sk: tokenHash, postId },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'spent';
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return 'already';
      }
    },

    async createPost(post: PostRecord): Promise<boolean> {
      try {
        await doc.send(
          new PutCommand({
            TableName: feedback,
            Item: { pk: `POSTS#${post.fiscalYear}`, sk: post.id, post },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return false;
      }
    },

    /**
     * Writes a batch of new posts and their spent-token marks with
     * BatchWriteItem, in the order given (services/post-buffer.ts shuffles).
     * The buffer has refused a token already spent or held.
     */
    async writePostBatch(entries: ReadonlyArray<{ post: PostRecord; tokenHash: string }>): Promise<void> {
      // Posts, then their spent marks: two requests, each within one IAM statement's partitions.
      await batchPut(
        doc,
        feedback,
        entries.map(({ post }) => ({ pk: `POSTS#${post.fiscalYear}`, sk: post.id, post })),
      );
      await batchPut(
        doc,
        feedback,
        entries.map(({ post, tokenHash }) => ({
          pk: `SPENT#${post.fiscalYear}`,
          sk: tokenHash,
          postId: post.id,
        })),
      );
    },

    /** Whether a token was spent (a post written with it). */
    async isSpent(fiscalYear: number, tokenHash: string): Promise<boolean> {
      const out = await doc.send(
        new GetCommand({
          TableName: feedback,
          Key: { pk: `SPENT#${fiscalYear}`, sk: tokenHash },
          ConsistentRead: true,
        }),
      );
      return out.Item !== undefined;
    },

    async getPost(fiscalYear: number, id: string): Promise<PostRecord | undefined> {
      const out = await doc.send(
        new GetCommand({
          TableName: feedback,
          Key: { pk: `POSTS#${fiscalYear}`, sk: id },
          ConsistentRead: true,
        }),
      );
      return out.Item?.post as PostRecord | undefined;
    },

    async listPosts(fiscalYear: number): Promise<PostRecord[]> {
      const items = await queryAll(doc, {
        TableName: feedback,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `POSTS#${fiscalYear}` },
        ConsistentRead: true,
      });
      return items.map((i) => i.post as PostRecord);
    },

    /**
     * The board projection (`BOARD#<fy>`/post id): the public fields of a
     * published post (boardEntryOf) with the post's version. Each write is
     * conditional on being newer than what stands, so a late write of an
     * older state never puts back what HR has since unpublished. An
     * unpublished post leaves a marker without `entry` (its version only).
     * Read eventually consistent: the board may show a change a moment late.
     */
    async putBoardEntry(post: PostRecord): Promise<void> {
      if (!post.published) throw new Error('only a published post goes on the board');
      await putBoardItem(post.fiscalYear, post.id, post.version, boardEntryOf(post));
    },

    /** Takes a post off the board as of `version` (the version its unpublishing save gives it). */
    async hideBoardEntry(fiscalYear: number, postId: string, version: number): Promise<void> {
      await putBoardItem(fiscalYear, postId, version, undefined);
    },

    /** Removes a post's board item outright (its post is gone). */
    async removeBoardEntry(fiscalYear: number, postId: string): Promise<void> {
      await doc.send(
        new DeleteCommand({ TableName: feedback, Key: { pk: `BOARD#${fiscalYear}`, sk: postId } }),
      );
    },

    /** The year's board entries (published posts only). */
    async listBoard(fiscalYear: number): Promise<FeedbackBoardPost[]> {
      const items = await queryAll(doc, {
        TableName: feedback,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `BOARD#${fiscalYear}` },
        ConsistentRead: false,
      });
      return items.flatMap((i) => (i.entry ? [i.entry as FeedbackBoardPost] : []));
    },

    /** Every board item id of a year, entries and markers (for a rebuild). */
    async listBoardIds(fiscalYear: number): Promise<string[]> {
      const items = await queryAll(doc, {
        TableName: feedback,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `BOARD#${fiscalYear}` },
        ProjectionExpression: 'sk',
        ConsistentRead: true,
      });
      return items.map((i) => i.sk as string);
    },

    /** Saves a changed post if nobody changed it since it was read. */
    async savePost(post: PostRecord): Promise<PostRecord> {
      const next = { ...post, version: post.version + 1 };
      try {
        await doc.send(
          new PutCommand({
            TableName: feedback,
            Item: { pk: `POSTS#${post.fiscalYear}`, sk: post.id, post: next },
            ConditionExpression: 'post.version = :v',
            ExpressionAttributeValues: { ':v': post.version },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err))
          throw new ConflictError('the post changed meanwhile; reload and try again', 'post_changed');
        throw err;
      }
      return next;
    },
  };
}

export type FeedbackStore = ReturnType<typeof feedbackStore>;
