import { createHash, randomBytes } from 'node:crypto';
import type { Campaign, CampaignCreate, CampaignUpdate } from '../../shared/api/campaign';
import { withCustomQuestions } from '../../shared/instruments/custom';
import { fiscalYearLabel } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import { generateUnitKey, newCampaignSecret } from '../crypto';
import type { StaffRow, Unit } from '../../shared/api/organisation';
import { countCombinations } from '../../shared/disclosure/coarsen';
import { type KeyGroup, KeyGroupError, groupOfUnit } from '../../shared/disclosure/key-groups';
import { ORGANISATION_GROUP, rosterKeyGroups } from '../../shared/disclosure/organisation-group';
import { MIN_K, policyFrom } from '../../shared/disclosure/policy';
import type { CampaignRecord, FrozenGroup, UnitKeyRecord } from '../store/campaigns';
import { flushAnswers } from './answer-buffer';
import { reduceLedgerToCounts } from './ledger-reduction';
import { campaignClosed } from './open-campaigns';
import { flushResponseCounts } from './response-counts';

export const DEFAULT_MIN_GROUP_SIZE = 5;
export const SENSITIVE_MIN_GROUP_SIZE = 10;

/**
 * The campaign as the API shows it: no template snapshot, no secret; a closed
 * campaign whose results are not computed yet says so (the console's overdue
 * banner, shared/time/overdue.ts).
 */
export function publicView(record: CampaignRecord): Campaign {
  const {
    template: _t,
    inviteSecret: _s,
    resultsState,
    frozen: _f,
    planName: _p,
    customQuestions: _q,
    ...rest
  } = record;
  const campaign = { ...rest, kind: record.kind ?? 'annual' };
  return record.status === 'closed' && resultsState === 'pending'
    ? { ...campaign, resultsPending: true }
    : campaign;
}

/** Every campaign, newest fiscal year first (its annual one, then the newest created), as the API shows it. */
export async function listCampaigns(deps: AppDeps): Promise<Campaign[]> {
  const all = await deps.store.campaigns.listCampaigns();
  // Within a year the annual campaign first, then pulse surveys.
  const pulse = (c: CampaignRecord) => Number(c.kind === 'pulse');
  all.sort(
    (a, b) => b.fiscalYear - a.fiscalYear || pulse(a) - pulse(b) || b.createdAt.localeCompare(a.createdAt),
  );
  return all.map(publicView);
}

const campaignId = () => `c${randomBytes(8).toString('hex')}`;

/**
 * At most one annual campaign per fiscal year (DESIGN §5): a second would replace that year's
 * figures on the dashboard. A pulse survey is always allowed. `self` is the campaign being edited.
 * Checked before the write, so two admins creating the same year's annual campaign at the same
 * instant could both pass; the console creates one at a time.
 */
async function assertAnnualFree(deps: AppDeps, fiscalYear: number, self?: string): Promise<void> {
  const heads = await deps.store.campaigns.listCampaignHeads();
  const other = heads.find(
    (c) => c.id !== self && c.fiscalYear === fiscalYear && (c.kind ?? 'annual') === 'annual',
  );
  if (other) {
    throw new DomainError(
      'conflict',
      'annual_exists',
      `${fiscalYearLabel(fiscalYear, 'ja')}の年次調査はすでにあります（${other.id}）。同じ年度の追加の調査はパルス調査（kind: "pulse"）として作成してください / ` +
        `FY${fiscalYear} already has an annual campaign (${other.id}); make another survey of that year a pulse survey (kind: "pulse")`,
      { campaignId: other.id },
    );
  }
}

export async function createCampaign(deps: AppDeps, input: CampaignCreate): Promise<Campaign> {
  const [template, plan] = await Promise.all([
    deps.store.plan.getTemplate(input.templateId),
    deps.store.plan.getPlan(),
  ]);
  if (!template)
    throw new DomainError('invalid', 'unknown_template', `template ${input.templateId} does not exist`);
  const kind = input.kind ?? 'annual';
  if (kind === 'annual') await assertAnnualFree(deps, input.fiscalYear);
  const id = campaignId();
  const now = (deps.now?.() ?? new Date()).toISOString();
  const record: CampaignRecord = {
    id,
    fiscalYear: input.fiscalYear,
    templateId: input.templateId,
    title: input.title ?? {
      ja: `${fiscalYearLabel(input.fiscalYear, 'ja')} ${template.title.ja}`,
      en: `${template.title.en} ${fiscalYearLabel(input.fiscalYear, 'en')}`,
    },
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    minGroupSize: input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    kind,
    status: 'draft',
    createdAt: now,
    template,
    ...(plan ? { planName: plan.title } : {}),
    inviteSecret: await deps.keys.wrap(newCampaignSecret(), `${id}#invite`),
  };
  await deps.store.campaigns.createCampaign(record);
  return publicView(record);
}

export async function getCampaignRecord(deps: AppDeps, id: string): Promise<CampaignRecord> {
  const record = await deps.store.campaigns.getCampaign(id);
  if (!record) throw new DomainError('not_found', 'not_found', `campaign ${id} was not found`);
  return record;
}

export async function updateCampaign(deps: AppDeps, id: string, input: CampaignUpdate): Promise<Campaign> {
  const record = await getCampaignRecord(deps, id);
  if (record.status !== 'draft') {
    throw new DomainError('conflict', 'wrong_status', 'only a draft campaign can be edited');
  }
  const next: CampaignRecord = { ...record };
  if (input.templateId && input.templateId !== record.templateId) {
    const template = await deps.store.plan.getTemplate(input.templateId);
    if (!template)
      throw new DomainError('invalid', 'unknown_template', `template ${input.templateId} does not exist`);
    next.templateId = input.templateId;
    next.template = withCustomQuestions(template, record.customQuestions ?? []);
  }
  if (input.fiscalYear !== undefined) next.fiscalYear = input.fiscalYear;
  if (input.kind !== undefined) next.kind = input.kind;
  if (
    (next.kind ?? 'annual') === 'annual' &&
    ((record.kind ?? 'annual') !== 'annual' || next.fiscalYear !== record.fiscalYear)
  ) {
    await assertAnnualFree(deps, next.fiscalYear, id);
  }
  if (input.title) next.title = input.title;
  if (input.opensAt) next.opensAt = input.opensAt;
  if (input.closesAt) next.closesAt = input.closesAt;
  if (input.minGroupSize !== undefined) next.minGroupSize = input.minGroupSize;
  if (Date.parse(next.closesAt) <= Date.parse(next.opensAt)) {
    throw new DomainError('invalid', 'invalid_request', 'closesAt must be after opensAt');
  }
  await deps.store.campaigns.updateCampaign(next, 'draft');
  return publicView(next);
}

/** The fewest invited people a campaign's signing key serves, for the draft's k (DESIGN §3, A3). */
export function campaignKeyGroupSize(minGroupSize: number): number {
  const policy = policyFrom(minGroupSize);
  return Math.max(SENSITIVE_MIN_GROUP_SIZE, policy.kSensitive, policy.k);
}

/** Who a draft would invite and the key groups they would form, from the roster and units as they are now. */
async function planKeyGroups(
  deps: AppDeps,
  record: CampaignRecord,
  read?: { units: Unit[]; version: string },
) {
  const [units, staff] = await Promise.all([
    read?.units ?? deps.store.directory.listUnits(),
    deps.store.directory.listStaff(read?.version),
  ]);
  if (units.length === 0)
    throw new DomainError('conflict', 'no_units', 'create units before opening a campaign');
  if (!(record.minGroupSize >= MIN_K)) {
    throw new DomainError(
      'conflict',
      'invalid_k',
      `minGroupSize ${record.minGroupSize} is below ${MIN_K}; edit the draft first (最小集計人数は${MIN_K}以上にしてください)`,
    );
  }
  const policy = policyFrom(record.minGroupSize);
  const minSize = campaignKeyGroupSize(record.minGroupSize);
  const known = new Set(units.map((u) => u.code));
  const population = staff.filter((s) => known.has(s.unitCode));
  let groups: KeyGroup[];
  try {
    // Several top-level units form their groups under the whole organisation (organisation-group.ts).
    groups = rosterKeyGroups(units, population, minSize).map((g) => ({
      ...g,
      units: g.units.filter((code) => code !== ORGANISATION_GROUP),
    }));
  } catch (err) {
    if (!(err instanceof KeyGroupError)) throw err;
    throw new DomainError(
      'conflict',
      'too_few_people',
      `the roster has too few people for anonymous answers: every signing key must serve at least ${minSize} invited people (${err.message}) ` +
        `(名簿の人数が少なすぎます。匿名性を保つため、署名鍵1つにつき${minSize}人以上の対象者が必要です)`,
    );
  }
  return { units, population, policy, groups };
}

/** Keys made at once (on Node's thread pool, or taken from `deps.signingKeys`). */
const KEYS_AT_ONCE = 8;

/** A group's key: made now, wrapped with the group's context (`campaignId/groupId`). */
async function makeGroupKey(deps: AppDeps, id: string, groupId: string): Promise<UnitKeyRecord> {
  const key = await (deps.signingKeys?.take() ?? generateUnitKey());
  return {
    campaignId: id,
    unitCode: groupId,
    keyId: key.keyId,
    publicKeySpki: key.publicKeySpki,
    wrappedPrivateKey: await deps.keys.wrap(key.privateKeyPkcs8, `${id}/${groupId}`),
  };
}

export interface KeysAhead {
  /** Key groups the draft would have if it opened now. */
  groups: number;
  /** Of those, groups whose key is made and stored. */
  ready: number;
  /** Keys this call made. */
  made: number;
}

/**
 * Makes a draft's group keys ahead of its open, until `until` (epoch ms) or until every group the
 * roster forms now has one, a few at a time, each few stored as soon as made: a run cut short keeps
 * what it made, and the next run goes on. An RSA-2048 key takes 0.1–0.5 s of CPU, so a city of 1,500
 * units (884 groups) is minutes of key generation — more than the scheduler's 2 minutes at open
 * (docs/BENCHMARKS.md, scale). The scheduler runs this for drafts between its runs' other work
 * (lambda/campaign-schedule.ts); open takes the keys of the groups it forms and makes only the rest.
 *
 * A key is wrapped with the context its group's open key has (`campaignId/groupId`), so nothing is
 * unwrapped or rewrapped at open and no role gains a right (infra/permissions.ts). A group that has
 * gone when the campaign opens (the roster changed) leaves its key unused, and open deletes it.
 * Not a draft, or a roster that cannot form groups: nothing is made.
 */
export async function prepareCampaignKeys(deps: AppDeps, id: string, until: number): Promise<KeysAhead> {
  const record = await getCampaignRecord(deps, id);
  if (record.status !== 'draft') return { groups: 0, ready: 0, made: 0 };
  // Every run of the scheduler asks again. Once all keys are made, the roster (100,000 rows at scale)
  // is read again only when it, the units or k changed: the last complete run left their fingerprint.
  const [version, units, done] = await Promise.all([
    deps.store.directory.rosterVersion(),
    deps.store.directory.listUnits(),
    deps.store.campaigns.getKeysAheadMark(id),
  ]);
  const mark = createHash('sha256')
    .update(JSON.stringify([version, record.minGroupSize, units.map((u) => [u.code, u.parentCode])]))
    .digest('base64url');
  if (done?.mark === mark) return { groups: done.groups, ready: done.groups, made: 0 };
  let groups: KeyGroup[];
  try {
    ({ groups } = await planKeyGroups(deps, record, { units, version }));
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'conflict') return { groups: 0, ready: 0, made: 0 };
    throw err;
  }
  const made = new Set((await deps.store.campaigns.listKeysAhead(id)).map((k) => k.unitCode));
  const missing = groups.filter((g) => !made.has(g.id));
  const before = groups.length - missing.length;
  let ready = before;
  for (let i = 0; i < missing.length && Date.now() < until; i += KEYS_AT_ONCE) {
    const keys = await Promise.all(
      missing.slice(i, i + KEYS_AT_ONCE).map((group) => makeGroupKey(deps, id, group.id)),
    );
    await deps.store.campaigns.putKeysAhead(keys);
    ready += keys.length;
  }
  if (ready === groups.length) await deps.store.campaigns.putKeysAheadMark(id, { mark, groups: ready });
  return { groups: groups.length, ready, made: ready - before };
}

/**
 * Opens a draft (A3). Freezes, in one snapshot the campaign record then
 * names: who is invited (staff number → unit, from the roster as it is now),
 * the unit tree, the key groups (at least max(k_sensitive, k) invited people
 * each), k, and per group the people per roster attribute combination (for
 * A1 at submit). The template was snapshotted when the draft was made and
 * cannot change once open. One RSA-2048 key per key group, private halves
 * wrapped — those made ahead (`prepareCampaignKeys`) taken as they are, the
 * rest made now; then the status flips, conditional on still being a draft.
 * A snapshot or keys made by a losing concurrent call are never referenced
 * (two calls may both take a group's key made ahead: the same key, for the
 * same group, written twice).
 */
export async function openCampaign(deps: AppDeps, id: string): Promise<Campaign> {
  const record = await getCampaignRecord(deps, id);
  if (record.status !== 'draft') {
    throw new DomainError(
      'conflict',
      'wrong_status',
      `campaign is ${record.status}; only a draft can be opened`,
    );
  }
  const [{ units, population, policy, groups }, ahead] = await Promise.all([
    planKeyGroups(deps, record),
    deps.store.campaigns.listKeysAhead(id),
  ]);
  const groupOf = groupOfUnit(groups);
  const people = new Map<string, StaffRow[]>();
  for (const s of population) {
    const g = groupOf.get(s.unitCode)!;
    const list = people.get(g) ?? [];
    list.push(s);
    people.set(g, list);
  }
  const madeAhead = new Map(ahead.map((k) => [k.unitCode, k]));
  const keys: UnitKeyRecord[] = groups.map((g) => madeAhead.get(g.id)!);
  const toMake = groups.flatMap((g, i) => (madeAhead.has(g.id) ? [] : [i]));
  for (let i = 0; i < toMake.length; i += KEYS_AT_ONCE) {
    await Promise.all(
      toMake.slice(i, i + KEYS_AT_ONCE).map(async (at) => {
        keys[at] = await makeGroupKey(deps, id, groups[at]!.id);
      }),
    );
  }
  const frozenGroups: FrozenGroup[] = groups.map((group, i) => ({
    id: group.id,
    units: group.units,
    invited: group.invited,
    keyId: keys[i]!.keyId,
    counts: countCombinations(people.get(group.id) ?? []),
  }));
  await deps.store.campaigns.putUnitKeys(keys);
  const frozen = await deps.store.campaigns.putFrozen(
    id,
    {
      k: policy.k,
      kSensitive: policy.kSensitive,
      // The display order too, so a closed campaign keeps listing its units as they were ordered at open.
      units: units.map((u) => ({
        code: u.code,
        name: u.name,
        parentCode: u.parentCode,
        ...(u.order !== undefined ? { order: u.order } : {}),
      })),
      groups: frozenGroups,
    },
    population.map((s) => [s.staffNo, s.unitCode]),
  );
  const next: CampaignRecord = {
    ...record,
    status: 'open',
    openedAt: (deps.now?.() ?? new Date()).toISOString(),
    frozen,
  };
  await deps.store.campaigns.updateCampaign(next, 'draft');
  // The keys made ahead are the open keys now (or unused, for groups that went): none stays behind.
  await deps.store.campaigns.deleteKeysAhead(id);
  return publicView(next);
}

/**
 * Closes an open campaign: submissions stop, waiting answers are written,
 * results are computed, and the invitation ledger is reduced to per-unit
 * counts (ledger-reduction.ts).
 */
export async function closeCampaign(deps: AppDeps, id: string): Promise<Campaign> {
  const record = await getCampaignRecord(deps, id);
  // A close that failed after the status flipped (the results could not be computed or stored:
  // 503) is finished by the client's retry: closing a closed campaign without results runs them.
  if (record.status === 'closed' && !(await deps.store.results.getResultSummary(id))) {
    await flushAnswers(deps.store, id);
    await deps.runResults(id);
    await reduceLedgerToCounts(deps.store, id);
    return publicView(record);
  }
  if (record.status !== 'open') {
    throw new DomainError(
      'conflict',
      'wrong_status',
      `campaign is ${record.status}; only an open campaign can be closed`,
    );
  }
  const next: CampaignRecord = {
    ...record,
    status: 'closed',
    closedAt: (deps.now?.() ?? new Date()).toISOString(),
    resultsState: 'pending',
  };
  await deps.store.campaigns.updateCampaign(next, 'open');
  // Submissions stop here at once; those already admitted here finish before results read answers.
  await campaignClosed(deps.store, next);
  // Answers held for the next batch (answer-buffer.ts) are written, shuffled, before results read them.
  await flushAnswers(deps.store, id);
  await flushResponseCounts(deps.store);
  await deps.runResults(id);
  await reduceLedgerToCounts(deps.store, id);
  return publicView(next);
}
