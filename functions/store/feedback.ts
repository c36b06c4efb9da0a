import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedbackKind, FeedbackStatus } from '../../shared/api/feedback';
import type { PillarId } from '../../shared/plan/ids';
import { batchPut, queryAll } from './batch';
import type { StoreContext } from './context';
import { ConflictError, isConditionFailed } from './errors';

/**
 * Year-round feedback. The feedback table holds posts and spent tokens; the
 * directory holds the feedback-code ledger (who got a batch, nothing more);
 * the surveys table holds each year's wrapped secret and unit keys. A post
 * carries no identity, no code and no time finer than the day; its unit
 * (certified by the key) is kept only for counts under disclosure control.
 */

export interface FeedbackYearRecord {
  fiscalYear: number;
  secret: Uint8Array;
  createdAt: string;
}

export interface FeedbackKeyRecord {
  fiscalYear: number;
  unitCode: string;
  keyId: string;
  publicKeySpki: Uint8Array;
  wrappedPrivateKey: Uint8Array;
}

export interface FeedbackLedgerEntry {
  codeHash: string;
  fiscalYear: number;
  staffNo: string;
  unitCode: string;
  state: 'invited' | 'issued';
  batchHash?: string;
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
  unitCode: string;
  kind: FeedbackKind;
  pillarId: PillarId;
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

export type FeedbackClaim =
  | { kind: 'claimed'; entry: FeedbackLedgerEntry }
  | { kind: 'unknown' }
  | { kind: 'used' };

const ledgerKey = (codeHash: string) => ({ pk: `FINV#${codeHash}`, sk: 'INV' });

export function feedbackStore(ctx: StoreContext) {
  const { doc } = ctx;
  const { directory, surveys, feedback } = ctx.config.tables;

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

    async listLedger(fiscalYear: number): Promise<FeedbackLedgerEntry[]> {
      const items = await queryAll(doc, {
        TableName: directory,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `CFINV#${fiscalYear}` },
      });
      return items.map((i) => i.entry as FeedbackLedgerEntry);
    },

    async addLedgerEntries(entries: FeedbackLedgerEntry[]): Promise<void> {
      await batchPut(
        doc,
        directory,
        entries.map((entry) => ({
          ...ledgerKey(entry.codeHash),
          gsi1pk: `CFINV#${entry.fiscalYear}`,
          gsi1sk: entry.staffNo,
          entry,
        })),
      );
    },

    async getLedgerEntry(codeHash: string): Promise<FeedbackLedgerEntry | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: directory, Key: ledgerKey(codeHash), ConsistentRead: true }),
      );
      return out.Item?.entry as FeedbackLedgerEntry | undefined;
    },

    /** Marks a code's batch issued, once; the same batch again succeeds again. */
    async claimBatch(codeHash: string, batchHash: string): Promise<FeedbackClaim> {
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName: directory,
            Key: ledgerKey(codeHash),
            UpdateExpression: 'SET #e.#s = :issued, #e.batchHash = :b',
            ConditionExpression: 'attribute_exists(pk) AND (#e.#s = :invited OR #e.batchHash = :b)',
            ExpressionAttributeNames: { '#e': 'entry', '#s': 'state' },
            ExpressionAttributeValues: { ':issued': 'issued', ':invited': 'invited', ':b': batchHash },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { kind: 'claimed', entry: out.Attributes?.entry as FeedbackLedgerEntry };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return (await this.getLedgerEntry(codeHash)) ? { kind: 'used' } : { kind: 'unknown' };
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
