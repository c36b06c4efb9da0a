import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { KeyWrapper } from '../crypto/key-wrap';
import type { StoreConfig } from '../store/config';

/**
 * What the move to AWS (`npm run migrate`) does with each stored item, in one
 * place. Items travel as raw DynamoDB attribute maps, so numbers, binaries and
 * nesting reach the target exactly as the local store holds them; only these
 * change:
 *
 * - keys still needed on AWS are **re-wrapped** (unwrapped with the local key
 *   file, wrapped again with KMS under the same context): the invitation secret
 *   of every campaign not yet closed, the signing keys of open campaigns, and
 *   every feedback year's code secret and group keys;
 * - what a closed campaign no longer needs is **left behind**: its invitation
 *   secret and its signing keys' private halves (the public halves travel), so
 *   nothing on AWS can sign for, or derive codes of, a closed campaign;
 * - sign-out records (`revokedSessions`) stay behind: no local session is valid
 *   on AWS (it signs sessions with another secret), so there is nothing to revoke.
 *
 * Accounts travel with their scrypt hashes, roles, lock state and session epoch.
 */

export type Item = Record<string, AttributeValue>;
export type TableKey = keyof StoreConfig['tables'];
/** The order tables are copied in: who and what first, answers and posts last. */
export const TABLE_ORDER: TableKey[] = ['directory', 'surveys', 'feedback', 'responses'];

/** A wrapped key inside an item: the path of its binary attribute and the context it is bound to. */
export interface WrappedField {
  path: string[];
  context: string;
}

export interface ItemPlan {
  /** Attribute paths left behind. */
  drop: string[][];
  /** Wrapped keys to unwrap locally and wrap again for the target. */
  rewrap: WrappedField[];
}

/** Campaign id → status, read from the source before anything is copied. */
export type CampaignStatuses = ReadonlyMap<string, string>;

const s = (v: AttributeValue | undefined): string | undefined => (v && 'S' in v ? v.S : undefined);
const m = (v: AttributeValue | undefined): Item | undefined => (v && 'M' in v ? v.M : undefined);
const n = (v: AttributeValue | undefined): string | undefined => (v && 'N' in v ? v.N : undefined);

/** What happens to one item of `table` on its way to the target. */
export function planItem(table: TableKey, item: Item, statuses: CampaignStatuses): ItemPlan {
  const plan: ItemPlan = { drop: [], rewrap: [] };
  const pk = s(item.pk) ?? '';
  if (table === 'directory' && pk === 'USER') {
    if (m(item.user)?.revokedSessions) plan.drop.push(['user', 'revokedSessions']);
  }
  if (table !== 'surveys') return plan;
  if (pk === 'CAMPAIGN') {
    const campaign = m(item.campaign);
    const id = s(campaign?.id) ?? s(item.sk) ?? '';
    if (campaign?.inviteSecret) {
      if (s(campaign.status) === 'closed') plan.drop.push(['campaign', 'inviteSecret']);
      else plan.rewrap.push({ path: ['campaign', 'inviteSecret'], context: `${id}#invite` });
    }
  } else if (pk.startsWith('KEY#')) {
    const campaignId = pk.slice('KEY#'.length);
    const key = m(item.key);
    if (key?.wrappedPrivateKey) {
      if (statuses.get(campaignId) === 'open') {
        plan.rewrap.push({
          path: ['key', 'wrappedPrivateKey'],
          context: `${campaignId}/${s(key.unitCode) ?? ''}`,
        });
      } else {
        // Closed (or a key of an open that lost its race): no one signs with it again.
        plan.drop.push(['key', 'wrappedPrivateKey']);
      }
    }
  } else if (pk.startsWith('FEEDBACK#') && s(item.sk) === 'META') {
    const year = m(item.year);
    if (year?.secret) {
      plan.rewrap.push({ path: ['year', 'secret'], context: `feedback/${n(year.fiscalYear)}#codes` });
    }
  } else if (pk.startsWith('FKEY#')) {
    const key = m(item.key);
    if (key?.wrappedPrivateKey) {
      plan.rewrap.push({
        path: ['key', 'wrappedPrivateKey'],
        context: `feedback/${n(key.fiscalYear)}/${s(key.groupId) ?? ''}`,
      });
    }
  }
  return plan;
}

function parentOf(item: Item, path: string[]): Item | undefined {
  let at: Item | undefined = item;
  for (const name of path.slice(0, -1)) at = m(at?.[name]);
  return at;
}

function binaryAt(item: Item, path: string[]): Uint8Array | undefined {
  const v = parentOf(item, path)?.[path.at(-1)!];
  return v && 'B' in v ? v.B : undefined;
}

/** A deep copy of the attribute map (binaries copied too). */
export function cloneItem(item: Item): Item {
  return structuredClone(item);
}

/** The item as it leaves: dropped attributes removed, wrapped keys not yet touched. */
export function withoutDropped(item: Item, plan: ItemPlan): Item {
  const copy = cloneItem(item);
  for (const path of plan.drop) {
    const parent = parentOf(copy, path);
    if (parent) delete parent[path.at(-1)!];
  }
  return copy;
}

/** The item for the target: dropped attributes removed and every needed key wrapped again. */
export async function itemForTarget(
  item: Item,
  plan: ItemPlan,
  source: KeyWrapper,
  target: KeyWrapper,
): Promise<Item> {
  const copy = withoutDropped(item, plan);
  for (const field of plan.rewrap) {
    const wrapped = binaryAt(copy, field.path);
    if (!wrapped) continue;
    const plain = await source.unwrap(new Uint8Array(wrapped), field.context);
    try {
      parentOf(copy, field.path)![field.path.at(-1)!] = { B: await target.wrap(plain, field.context) };
    } finally {
      plain.fill(0);
    }
  }
  return copy;
}

/** JSON with sorted keys and binaries in base64: the same item gives the same text. */
export function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify({ $b: Buffer.from(value).toString('base64') });
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The item's digest for verification: wrapped keys count by what they unwrap
 * to (a KMS ciphertext never equals the local one), so the digest of an item
 * in the source (after `withoutDropped`) and of its copy in the target agree
 * exactly when the copy is faithful.
 */
export async function itemDigest(item: Item, wrapped: WrappedField[], keys: KeyWrapper): Promise<string> {
  const copy = cloneItem(item);
  for (const field of wrapped) {
    const bytes = binaryAt(copy, field.path);
    if (!bytes) continue;
    const plain = await keys.unwrap(new Uint8Array(bytes), field.context);
    try {
      parentOf(copy, field.path)![field.path.at(-1)!] = {
        S: `unwrapped-sha256:${createHash('sha256').update(plain).digest('hex')}`,
      };
    } finally {
      plain.fill(0);
    }
  }
  return createHash('sha256').update(canonical(copy)).digest('hex');
}

/** `pk` and `sk` of an item, for keys and for sorting. */
export function keyOf(item: Item): { pk: string; sk: string } {
  return { pk: s(item.pk) ?? '', sk: s(item.sk) ?? '' };
}
