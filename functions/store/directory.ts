import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../shared/api/auth';
import type { StaffRow, Unit } from '../../shared/api/organisation';
import { batchDelete, batchGet, batchPut, queryAll } from './batch';
import type { StoreContext } from './context';
import { ConflictError, isConditionFailed } from './errors';

/**
 * The directory table: who people are. Units, the roster (versioned), admin
 * accounts and the invitation ledger. Never an answer. Key shapes: KEYS.md.
 */

export interface UserRecord {
  email: string;
  role: Role;
  unitCode?: string;
  passwordHash: string;
  failedLogins: number;
  lockedUntil?: string;
}

export interface LedgerEntry {
  codeHash: string;
  campaignId: string;
  staffNo: string;
  unitCode: string;
  state: 'invited' | 'issued';
  blindedHash?: string;
  /** Set when the invitation was claimed but counting the token failed: the next claim counts it. */
  uncounted?: true;
}

export type ClaimOutcome =
  | { kind: 'claimed'; entry: LedgerEntry; first: boolean }
  | { kind: 'unknown' }
  | { kind: 'used' };

const unitKey = (code: string) => ({ pk: 'UNIT', sk: code });
const userKey = (email: string) => ({ pk: 'USER', sk: email.toLowerCase() });
const ledgerKey = (codeHash: string) => ({ pk: `INV#${codeHash}`, sk: 'INV' });
const ROSTER_POINTER = { pk: 'ROSTER', sk: 'CURRENT' };

function toUnit(item: Record<string, unknown>): Unit {
  const name = item.name as { ja: string; en?: string };
  return { code: item.sk as string, name, parentCode: (item.parentCode as string | undefined) ?? null };
}

export function directoryStore(ctx: StoreContext) {
  const { doc } = ctx;
  const TableName = ctx.config.tables.directory;

  return {
    async createUnit(unit: Unit): Promise<Unit> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...unitKey(unit.code), name: unit.name, parentCode: unit.parentCode ?? undefined },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (err) {
        if (isConditionFailed(err))
          throw new ConflictError(`unit ${unit.code} already exists`, 'unit_exists');
        throw err;
      }
      return unit;
    },

    async listUnits(): Promise<Unit[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'UNIT' },
        ConsistentRead: true,
      });
      return items.map(toUnit);
    },

    async getUnit(code: string): Promise<Unit | undefined> {
      const out = await doc.send(new GetCommand({ TableName, Key: unitKey(code), ConsistentRead: true }));
      return out.Item ? toUnit(out.Item) : undefined;
    },

    /** The roster version readers should use ('' before any import). */
    async rosterVersion(): Promise<string> {
      const out = await doc.send(new GetCommand({ TableName, Key: ROSTER_POINTER, ConsistentRead: true }));
      return (out.Item?.version as string | undefined) ?? '';
    },

    async listStaff(version?: string): Promise<StaffRow[]> {
      const v = version ?? (await this.rosterVersion());
      if (v === '') return [];
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `STAFF#${v}` },
        ConsistentRead: true,
      });
      return items.map((i) => i.staff as StaffRow);
    },

    /**
     * Writes a whole new roster version, then flips the pointer with one
     * conditional write: readers see the old roster or the new one, never half.
     * A failure before the flip leaves an unreferenced version and no change;
     * every import writes under a fresh version id, so a stale import never
     * touches the rows readers use.
     */
    async replaceRoster(fromVersion: string, staff: StaffRow[]): Promise<string> {
      const version = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
      await batchPut(
        doc,
        TableName,
        staff.map((s) => ({ pk: `STAFF#${version}`, sk: s.staffNo, staff: s })),
      );
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...ROSTER_POINTER, version },
            ConditionExpression: fromVersion === '' ? 'attribute_not_exists(pk)' : 'version = :from',
            ...(fromVersion === '' ? {} : { ExpressionAttributeValues: { ':from': fromVersion } }),
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) {
          throw new ConflictError('another roster import finished first; try again', 'roster_changed');
        }
        throw err;
      }
      return version;
    },

    async getUser(email: string): Promise<UserRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName, Key: userKey(email), ConsistentRead: true }));
      return out.Item ? (out.Item.user as UserRecord) : undefined;
    },

    async listUsers(): Promise<UserRecord[]> {
      const items = await queryAll(doc, {
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'USER' },
        ConsistentRead: true,
      });
      return items.map((i) => i.user as UserRecord);
    },

    async createUser(user: UserRecord): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName,
            Item: { ...userKey(user.email), user: { ...user, email: user.email.toLowerCase() } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (err) {
        if (isConditionFailed(err))
          throw new ConflictError(`user ${user.email} already exists`, 'user_exists');
        throw err;
      }
    },

    async recordLogin(email: string, failedLogins: number, lockedUntil?: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: userKey(email),
          UpdateExpression: lockedUntil
            ? 'SET #u.failedLogins = :f, #u.lockedUntil = :l'
            : 'SET #u.failedLogins = :f REMOVE #u.lockedUntil',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#u': 'user' },
          ExpressionAttributeValues: { ':f': failedLogins, ...(lockedUntil ? { ':l': lockedUntil } : {}) },
        }),
      );
    },

    /** Ledger entries of one campaign (by the gsi1 index). */
    async listLedger(campaignId: string): Promise<LedgerEntry[]> {
      const items = await queryAll(doc, {
        TableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `CINV#${campaignId}` },
      });
      return items.map((i) => i.entry as LedgerEntry);
    },

    async getLedgerEntries(codeHashes: string[]): Promise<LedgerEntry[]> {
      const items = await batchGet(doc, TableName, codeHashes.map(ledgerKey));
      return items.map((i) => i.entry as LedgerEntry);
    },

    /** Adds ledger entries; the caller passes only entries that do not exist yet. */
    async addLedgerEntries(entries: LedgerEntry[]): Promise<void> {
      await batchPut(
        doc,
        TableName,
        entries.map((entry) => ({
          ...ledgerKey(entry.codeHash),
          gsi1pk: `CINV#${entry.campaignId}`,
          gsi1sk: entry.staffNo,
          entry,
        })),
      );
    },

    /**
     * Deletes ledger entries (a closed campaign's, once its per-unit counts are
     * recorded): per-person issuance state does not outlive the campaign (A2).
     */
    async deleteLedgerEntries(codeHashes: string[]): Promise<void> {
      await batchDelete(doc, TableName, codeHashes.map(ledgerKey));
    },

    async getLedgerEntry(codeHash: string): Promise<LedgerEntry | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName, Key: ledgerKey(codeHash), ConsistentRead: true }),
      );
      return out.Item ? (out.Item.entry as LedgerEntry) : undefined;
    },

    /**
     * Claims an invitation for one blinded message, in one conditional write.
     * The same blinded message again succeeds again (idempotent retry); another
     * blinded message for a claimed invitation is refused.
     */
    async claimInvitation(codeHash: string, blindedHash: string): Promise<ClaimOutcome> {
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName,
            Key: ledgerKey(codeHash),
            // Removing the `uncounted` mark in the same write makes exactly one retry count it.
            UpdateExpression: 'SET #e.#s = :issued, #e.blindedHash = :b REMOVE #e.uncounted',
            ConditionExpression: 'attribute_exists(pk) AND (#e.#s = :invited OR #e.blindedHash = :b)',
            ExpressionAttributeNames: { '#e': 'entry', '#s': 'state' },
            ExpressionAttributeValues: { ':issued': 'issued', ':invited': 'invited', ':b': blindedHash },
            ReturnValues: 'ALL_OLD',
          }),
        );
        const before = out.Attributes?.entry as LedgerEntry;
        const { uncounted: _u, ...entry } = before;
        return {
          kind: 'claimed',
          entry: { ...entry, state: 'issued', blindedHash },
          // First claim, or a retry after the token count failed (see markUncounted).
          first: before.state === 'invited' || before.uncounted === true,
        };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        const existing = await this.getLedgerEntry(codeHash);
        return existing ? { kind: 'used' } : { kind: 'unknown' };
      }
    },

    /**
     * Marks a claimed invitation whose token count failed, so that the
     * client's retry (same blinded message) counts it. Without transactions
     * the claim and the count are two writes; this keeps a failure between
     * them from losing the count for good.
     */
    async markUncounted(codeHash: string): Promise<void> {
      await doc.send(
        new UpdateCommand({
          TableName,
          Key: ledgerKey(codeHash),
          UpdateExpression: 'SET #e.uncounted = :t',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#e': 'entry' },
          ExpressionAttributeValues: { ':t': true },
        }),
      );
    },
  };
}

export type DirectoryStore = ReturnType<typeof directoryStore>;
