import { randomBytes } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
  /**
   * Sign-in attempts counted since the last success: each attempt is counted
   * (beginLogin) before its password is checked, so it also holds the
   * attempts still being judged.
   */
  failedLogins: number;
  lockedUntil?: string;
  /** A disabled account cannot sign in and its sessions no longer work. */
  disabled?: boolean;
  /** Raised to end every session of the account (disable, role change, password reset). */
  sessionEpoch?: number;
  /** Sessions ended by signing out: token id → its expiry (seconds); expired ones are dropped. */
  revokedSessions?: Record<string, number>;
}

/** What beginLogin decided about one sign-in attempt. */
export type LoginAdmission =
  | { kind: 'admitted'; record: UserRecord }
  | { kind: 'unknown' }
  | { kind: 'locked'; until: string };

/** Changes the admin makes to an account (services/accounts.ts checks who may make them). */
export interface UserChange {
  role?: Role;
  /** A string sets the unit; null removes it. */
  unitCode?: string | null;
  disabled?: boolean;
  passwordHash?: string;
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

/** A ledger entry's item: under its code's hash, and in its campaign's index by staff number. */
const ledgerItem = (entry: LedgerEntry) => ({
  ...ledgerKey(entry.codeHash),
  gsi1pk: `CINV#${entry.campaignId}`,
  gsi1sk: entry.staffNo,
  entry,
});

/**
 * An entry once claimed for a blinded message: what claimInvitation's update (SET state, blindedHash;
 * REMOVE uncounted) makes of it, and what claimInvitations writes.
 */
export function claimedEntry(before: LedgerEntry, blindedHash: string): LedgerEntry {
  const { uncounted: _u, ...entry } = before;
  return { ...entry, state: 'issued', blindedHash };
}
const ROSTER_POINTER = { pk: 'ROSTER', sk: 'CURRENT' };
const ROSTER_LABELS = { pk: 'ROSTER', sk: 'LABELS' };

function toUnit(item: Record<string, unknown>): Unit {
  const name = item.name as { ja: string; en?: string };
  const order = item.order as number | undefined;
  return {
    code: item.sk as string,
    name,
    parentCode: (item.parentCode as string | undefined) ?? null,
    ...(typeof order === 'number' ? { order } : {}),
  };
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
            Item: {
              ...unitKey(unit.code),
              name: unit.name,
              parentCode: unit.parentCode ?? undefined,
              order: unit.order ?? undefined,
            },
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

    /**
     * Changes a unit's name and/or display order (null removes the order).
     * Undefined when there is no such unit.
     */
    async updateUnit(
      code: string,
      change: { name?: Unit['name']; order?: number | null },
    ): Promise<Unit | undefined> {
      const sets: string[] = [];
      const removes: string[] = [];
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      if (change.name !== undefined) {
        names['#name'] = 'name';
        values[':name'] = change.name;
        sets.push('#name = :name');
      }
      if (change.order === null) {
        names['#order'] = 'order';
        removes.push('#order');
      } else if (change.order !== undefined) {
        names['#order'] = 'order';
        values[':order'] = change.order;
        sets.push('#order = :order');
      }
      if (!sets.length && !removes.length) return this.getUnit(code);
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName,
            Key: unitKey(code),
            UpdateExpression: [
              sets.length ? `SET ${sets.join(', ')}` : '',
              removes.length ? `REMOVE ${removes.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join(' '),
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: names,
            ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes ? toUnit(out.Attributes) : undefined;
      } catch (err) {
        if (isConditionFailed(err)) return undefined;
        throw err;
      }
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

    /** The city's own roster label → code pairs per field (services/roster-labels.ts); {} before any. */
    async getRosterLabels(): Promise<Record<string, Record<string, string>>> {
      const out = await doc.send(new GetCommand({ TableName, Key: ROSTER_LABELS, ConsistentRead: true }));
      return (out.Item?.labels as Record<string, Record<string, string>> | undefined) ?? {};
    },

    async putRosterLabels(labels: Record<string, Record<string, string>>): Promise<void> {
      await doc.send(new PutCommand({ TableName, Item: { ...ROSTER_LABELS, labels } }));
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

    /**
     * Counts one sign-in attempt before its password is checked, in one
     * conditional write that fails when the account is at its limit or
     * locked: of any number of simultaneous attempts, at most `max` are
     * admitted (DESIGN §3; issue 13, finding 7). An expired lock is cleared
     * by exactly one attempt (conditional on the lock it saw), which starts a
     * fresh count. An account at its limit without a lock (attempts still
     * being judged, or lost with a crashed function) is locked until
     * `lockUntil`, so a lost attempt cannot lock it for good.
     */
    async beginLogin(email: string, nowIso: string, max: number, lockUntil: string): Promise<LoginAdmission> {
      const names = { '#u': 'user', '#f': 'failedLogins', '#l': 'lockedUntil' };
      for (let round = 0; round < 5; round++) {
        try {
          const out = await doc.send(
            new UpdateCommand({
              TableName,
              Key: userKey(email),
              UpdateExpression: 'SET #u.#f = #u.#f + :one',
              ConditionExpression:
                'attribute_exists(pk) AND #u.#f < :max AND (attribute_not_exists(#u.#l) OR #u.#l <= :now)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':one': 1, ':max': max, ':now': nowIso },
              ReturnValues: 'ALL_NEW',
            }),
          );
          return { kind: 'admitted', record: out.Attributes?.user as UserRecord };
        } catch (err) {
          if (!isConditionFailed(err)) throw err;
        }
        const record = await this.getUser(email);
        if (!record) return { kind: 'unknown' };
        if (record.lockedUntil && record.lockedUntil > nowIso)
          return { kind: 'locked', until: record.lockedUntil };
        try {
          if (record.lockedUntil) {
            // The lock has passed: whoever clears it first is the first attempt of a fresh count.
            const out = await doc.send(
              new UpdateCommand({
                TableName,
                Key: userKey(email),
                UpdateExpression: 'SET #u.#f = :one REMOVE #u.#l',
                ConditionExpression: 'attribute_exists(pk) AND #u.#l = :seen',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: { ':one': 1, ':seen': record.lockedUntil },
                ReturnValues: 'ALL_NEW',
              }),
            );
            return { kind: 'admitted', record: out.Attributes?.user as UserRecord };
          }
          if (record.failedLogins < max) continue;
          await doc.send(
            new UpdateCommand({
              TableName,
              Key: userKey(email),
              UpdateExpression: 'SET #u.#l = :until',
              ConditionExpression: 'attribute_exists(pk) AND #u.#f >= :max AND attribute_not_exists(#u.#l)',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: { ':until': lockUntil, ':max': max },
            }),
          );
          return { kind: 'locked', until: lockUntil };
        } catch (err) {
          if (!isConditionFailed(err)) throw err;
        }
      }
      // Heavy contention on one account: refuse rather than judge.
      return { kind: 'locked', until: lockUntil };
    },

    /**
     * Ends an admitted attempt: a success clears the count and any lock; a
     * failure leaves its count and locks the account once the count is at
     * `max`.
     */
    async endLogin(email: string, ok: boolean, max: number, lockUntil: string): Promise<void> {
      const names = { '#u': 'user', '#f': 'failedLogins', '#l': 'lockedUntil' };
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: userKey(email),
            ...(ok
              ? {
                  UpdateExpression: 'SET #u.#f = :zero REMOVE #u.#l',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':zero': 0 },
                }
              : {
                  UpdateExpression: 'SET #u.#l = :until',
                  ConditionExpression: 'attribute_exists(pk) AND #u.#f >= :max',
                  ExpressionAttributeValues: { ':until': lockUntil, ':max': max },
                }),
            ExpressionAttributeNames: names,
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    },

    /**
     * Changes an account in one conditional write. `endSessions` raises the
     * session epoch in the same write, so every token issued before stops
     * working at once. `expect` makes the write conditional on what the caller
     * read (the role and state it checked its rules against).
     */
    async updateUser(
      email: string,
      change: UserChange,
      options: { endSessions: boolean; expect?: Pick<UserRecord, 'role' | 'disabled'> },
    ): Promise<UserRecord | undefined> {
      const sets: string[] = [];
      const removes: string[] = [];
      const names: Record<string, string> = { '#u': 'user' };
      const values: Record<string, unknown> = {};
      const put = (field: keyof UserRecord, value: unknown) => {
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#u.#${field} = :${field}`);
      };
      if (change.role !== undefined) put('role', change.role);
      if (change.unitCode === null) {
        names['#unitCode'] = 'unitCode';
        removes.push('#u.#unitCode');
      } else if (change.unitCode !== undefined) put('unitCode', change.unitCode);
      if (change.disabled !== undefined) put('disabled', change.disabled);
      if (change.passwordHash !== undefined) {
        put('passwordHash', change.passwordHash);
        // A new password starts a fresh count and lifts a lock.
        put('failedLogins', 0);
        names['#lockedUntil'] = 'lockedUntil';
        removes.push('#u.#lockedUntil');
      }
      if (options.endSessions) {
        names['#ep'] = 'sessionEpoch';
        values[':zero'] = 0;
        values[':one'] = 1;
        sets.push('#u.#ep = if_not_exists(#u.#ep, :zero) + :one');
        // Every earlier token is dead by its epoch: the list of single revoked ones can go.
        names['#rs'] = 'revokedSessions';
        removes.push('#u.#rs');
      }
      const conditions = ['attribute_exists(pk)'];
      if (options.expect) {
        names['#role'] = 'role';
        names['#disabled'] = 'disabled';
        values[':expectRole'] = options.expect.role;
        conditions.push('#u.#role = :expectRole');
        if (options.expect.disabled) {
          values[':true'] = true;
          conditions.push('#u.#disabled = :true');
        } else {
          values[':true'] = true;
          conditions.push('(attribute_not_exists(#u.#disabled) OR #u.#disabled <> :true)');
        }
      }
      if (sets.length === 0 && removes.length === 0) return this.getUser(email);
      try {
        const out = await doc.send(
          new UpdateCommand({
            TableName,
            Key: userKey(email),
            UpdateExpression: [
              sets.length ? `SET ${sets.join(', ')}` : '',
              removes.length ? `REMOVE ${removes.join(', ')}` : '',
            ]
              .join(' ')
              .trim(),
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes?.user as UserRecord;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        if (!(await this.getUser(email))) return undefined;
        throw new ConflictError('the account changed meanwhile; reload and try again', 'user_changed');
      }
    },

    /**
     * Ends one session (sign out) until its token expires: its id goes into
     * the account's small map of revoked sessions, from which expired ones
     * are dropped in the same write.
     */
    async revokeSession(email: string, jti: string, exp: number, nowSeconds: number): Promise<void> {
      const names = { '#u': 'user', '#r': 'revokedSessions' };
      const record = await this.getUser(email);
      if (!record) return;
      if (!record.revokedSessions) {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: userKey(email),
            UpdateExpression: 'SET #u.#r = if_not_exists(#u.#r, :empty)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':empty': {} },
          }),
        );
      }
      const expired = Object.entries(record.revokedSessions ?? {})
        .filter(([id, until]) => until <= nowSeconds && id !== jti)
        .slice(0, 50)
        .map(([id]) => id);
      const gone = Object.fromEntries(expired.map((id, i) => [`#x${i}`, id]));
      try {
        await doc.send(
          new UpdateCommand({
            TableName,
            Key: userKey(email),
            UpdateExpression: `SET #u.#r.#j = :exp${
              expired.length
                ? ` REMOVE ${Object.keys(gone)
                    .map((k) => `#u.#r.${k}`)
                    .join(', ')}`
                : ''
            }`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { ...names, '#j': jti, ...gone },
            ExpressionAttributeValues: { ':exp': exp },
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    },

    /** Deletes an account; says whether there was one. */
    async deleteUser(email: string): Promise<boolean> {
      const out = await doc.send(
        new DeleteCommand({ TableName, Key: userKey(email), ReturnValues: 'ALL_OLD' }),
      );
      return out.Attributes !== undefined;
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
      await batchPut(doc, TableName, entries.map(ledgerItem));
    },

    /**
     * Claims many unclaimed invitations at once with BatchWriteItem (the demo seed: services/respond.ts
     * issueTokens): each ledger item written whole as {@link claimInvitation} leaves it
     * ({@link claimedEntry}). BatchWriteItem has no condition: the caller passes only entries it has
     * just read as `invited`, of a campaign no one else can be answering.
     */
    async claimInvitations(
      claims: ReadonlyArray<{ entry: LedgerEntry; blindedHash: string }>,
    ): Promise<void> {
      await batchPut(
        doc,
        TableName,
        claims.map(({ entry, blindedHash }) => ledgerItem(claimedEntry(entry, blindedHash))),
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
        return {
          kind: 'claimed',
          entry: claimedEntry(before, blindedHash),
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
