import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import type {
  CampaignRecord,
  FrozenGroup,
  FrozenOrganisation,
  FrozenPopulation,
  UnitKeyRecord,
} from '../store/campaigns';

/**
 * What a campaign froze at open (A3), read once per process: a snapshot never
 * changes once the campaign record names it, so it is cached for good, keyed
 * by the snapshot's id.
 */

export interface KeyBook {
  organisation: FrozenOrganisation;
  groups: Map<string, FrozenGroup>;
  byKeyId: Map<string, FrozenGroup>;
  /** unit code → its key group's id. */
  groupOfUnit: Map<string, string>;
}

type Cache = Map<string, Promise<unknown>>;
const caches = new WeakMap<AppDeps['store'], Cache>();

function cached<T>(deps: AppDeps, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(deps.store);
  if (!cache) {
    cache = new Map();
    caches.set(deps.store, cache);
  }
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

function refOf(record: CampaignRecord) {
  if (!record.frozen) {
    throw new DomainError('conflict', 'campaign_not_open', 'this survey has not been opened yet');
  }
  return record.frozen;
}

/** The frozen tree, key groups and k of an opened campaign. */
export function keyBook(deps: AppDeps, record: CampaignRecord): Promise<KeyBook> {
  const ref = refOf(record);
  return cached(deps, `org#${record.id}#${ref.id}`, async () => {
    const organisation = await deps.store.campaigns.getFrozenOrganisation(record.id, ref);
    const groups = new Map(organisation.groups.map((g) => [g.id, g]));
    const byKeyId = new Map(organisation.groups.map((g) => [g.keyId, g]));
    const groupOfUnit = new Map<string, string>();
    for (const g of organisation.groups) for (const u of g.units) groupOfUnit.set(u, g.id);
    return { organisation, groups, byKeyId, groupOfUnit };
  });
}

/** Who an opened campaign invites: staff number → unit, as frozen at open. */
export function frozenPopulation(deps: AppDeps, record: CampaignRecord): Promise<FrozenPopulation> {
  const ref = refOf(record);
  return cached(deps, `pop#${record.id}#${ref.id}`, () =>
    deps.store.campaigns.getFrozenPopulation(record.id, ref),
  );
}

/** A key group's signing key (public and wrapped private halves). */
export function groupKey(deps: AppDeps, record: CampaignRecord, keyId: string): Promise<UnitKeyRecord> {
  return cached(deps, `key#${record.id}#${keyId}`, async () => {
    const key = await deps.store.campaigns.getUnitKey(record.id, keyId);
    if (!key) throw new DomainError('conflict', 'campaign_not_open', 'this survey has no key for your group');
    return key;
  });
}
