import type { Invitation, Participation } from '../../shared/api/campaign';
import type { Unit } from '../../shared/api/organisation';
import { unitRank } from '../../shared/organisation/order';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import { codeHash, formatInvitationCode, invitationCode } from '../crypto';
import type { LedgerEntry } from '../store/directory';
import type { CampaignRecord, UnitCounters } from '../store/campaigns';
import { getCampaignRecord } from './campaigns';
import { frozenPopulation, keyBook } from './frozen';
import { flushResponseCounts } from './response-counts';
import { subtreeOf } from './units';

/** Ledger entries written before the invitations they hold are handed on (`stored`). */
const LEDGER_SLICE = 2_000;

export async function campaignSecret(deps: AppDeps, record: CampaignRecord): Promise<Uint8Array> {
  if (!record.inviteSecret)
    throw new DomainError('internal', 'internal', 'campaign has no invitation secret');
  return deps.keys.unwrap(new Uint8Array(record.inviteSecret), `${record.id}#invite`);
}

/** The link a respondent opens; the code travels in the fragment, which browsers never send to a server. */
export function invitationUrl(baseUrl: string, campaignId: string, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/answer/#${campaignId}/${code}`;
}

/**
 * Invites the people frozen when the campaign opened (or some units'
 * subtrees of the frozen tree): one code per person, derived from the
 * campaign's secret so the same list can be downloaded again. A roster import
 * or unit change after open changes nothing here (A3). The ledger gets an
 * entry per new invitation; existing entries are left as they are, so
 * inviting again never resets a used invitation.
 */
export async function createInvitations(
  deps: AppDeps,
  campaignId: string,
  unitCodes?: string[],
  options: {
    /**
     * Told of invitations as soon as their ledger entries are stored (those already in the ledger
     * first, then each slice written), so that e-mailing can run beside the writing: a person is
     * never sent a code the ledger does not hold yet.
     */
    stored?: (ready: Invitation[]) => void;
  } = {},
): Promise<Invitation[]> {
  const record = await getCampaignRecord(deps, campaignId);
  if (record.status === 'closed') throw new DomainError('conflict', 'wrong_status', 'the campaign is closed');
  if (record.status !== 'open' || !record.frozen) {
    throw new DomainError(
      'conflict',
      'wrong_status',
      'open the campaign first: who is invited is fixed when it opens (対象者は調査の開始時に確定します)',
    );
  }
  const [{ organisation }, population] = await Promise.all([
    keyBook(deps, record),
    frozenPopulation(deps, record),
  ]);
  const units = organisation.units;
  let scope: Set<string> | undefined;
  if (unitCodes) {
    scope = new Set();
    for (const code of unitCodes) {
      if (!units.some((u) => u.code === code))
        throw new DomainError('invalid', 'unknown_unit', `unit ${code} is not part of this campaign`);
      for (const c of subtreeOf(units, code)) scope.add(c);
    }
  }
  const invited = population
    .filter(([, unitCode]) => !scope || scope.has(unitCode))
    .map(([staffNo, unitCode]) => ({ staffNo, unitCode }));
  const secret = await campaignSecret(deps, record);
  const existing = new Map((await deps.store.directory.listLedger(campaignId)).map((e) => [e.staffNo, e]));
  const fresh: LedgerEntry[] = [];
  const freshInvitations: Invitation[] = [];
  const known: Invitation[] = [];
  const invitations = invited.map((s) => {
    const code = invitationCode(secret, s.staffNo);
    const invitation = {
      staffNo: s.staffNo,
      unitCode: s.unitCode,
      code: formatInvitationCode(code),
      url: invitationUrl(deps.config.publicBaseUrl, campaignId, code),
    };
    if (!existing.has(s.staffNo)) {
      fresh.push({
        codeHash: codeHash(code),
        campaignId,
        staffNo: s.staffNo,
        unitCode: s.unitCode,
        state: 'invited',
      });
      freshInvitations.push(invitation);
    } else known.push(invitation);
    return invitation;
  });
  if (known.length > 0) options.stored?.(known);
  for (let i = 0; i < fresh.length; i += LEDGER_SLICE) {
    await deps.store.directory.addLedgerEntries(fresh.slice(i, i + LEDGER_SLICE));
    options.stored?.(freshInvitations.slice(i, i + LEDGER_SLICE));
  }
  const perUnit = new Map<string, number>();
  for (const e of [...existing.values(), ...fresh])
    perUnit.set(e.unitCode, (perUnit.get(e.unitCode) ?? 0) + 1);
  // Only counters that differ from the ledger are written: a second list (slips after the e-mails, a
  // reprint) changes none, and a city of 1,500 units would otherwise update all 1,500 again each time.
  // Compared with the stored counters, not with `fresh`, so a run cut short before this point is mended.
  const stored = new Map(
    (await deps.store.campaigns.listCounters(campaignId)).map((c) => [c.unitCode, c.invited]),
  );
  await Promise.all(
    [...perUnit]
      .filter(([unit, n]) => stored.get(unit) !== n)
      .map(([unit, n]) => deps.store.campaigns.setInvited(campaignId, unit, n)),
  );
  return invitations;
}

/**
 * Counters summed per key group (A3): answers know only their group, and a
 * unit of one must not show whether its person took a token. A row's
 * `unitCode` is then the group id.
 */
function byKeyGroup(counters: UnitCounters[], groupOf: Map<string, string> | undefined): UnitCounters[] {
  if (!groupOf) return counters;
  const out = new Map<string, UnitCounters>();
  for (const c of counters) {
    const id = groupOf.get(c.unitCode) ?? c.unitCode;
    const sum = out.get(id) ?? { unitCode: id, invited: 0, tokensIssued: 0, responses: 0 };
    sum.invited += c.invited;
    sum.tokensIssued += c.tokensIssued;
    sum.responses += c.responses;
    out.set(id, sum);
  }
  return [...out.values()];
}

/**
 * Invited, tokens issued and responses, overall and per key group. Counts only; never an answer.
 * Each row counts the unit's direct members (with its key group's); a unit with sub-units also gets
 * `total`, the counts of everything below it, which is what its results count (a unit whose direct
 * members are none still gets a row for that total). Rows come in the display order of the tree
 * frozen at open (the live tree before).
 */
export async function participation(deps: AppDeps, campaignId: string): Promise<Participation> {
  const record = await getCampaignRecord(deps, campaignId);
  // Counts this process has not written yet (response-counts.ts) are part of what it reports.
  await flushResponseCounts(deps.store);
  const book = record.frozen ? await keyBook(deps, record) : undefined;
  const tree: Unit[] = book ? book.organisation.units : await deps.store.directory.listUnits();
  const counters = byKeyGroup(await deps.store.campaigns.listCounters(campaignId), book?.groupOfUnit);
  const rate = (responses: number, invited: number) => (invited > 0 ? Math.min(1, responses / invited) : 0);
  const direct = new Map(counters.map((c) => [c.unitCode, c]));
  const hasChildren = new Set(tree.flatMap((u) => (u.parentCode ? [u.parentCode] : [])));
  // Units whose people count at their key group's top unit have no row of their own.
  const folded = new Set(
    book ? [...book.groupOfUnit].filter(([unit, group]) => unit !== group).map(([unit]) => unit) : [],
  );
  const units: Participation['units'] = [];
  for (const c of counters) {
    if (hasChildren.has(c.unitCode)) continue;
    units.push({
      unitCode: c.unitCode,
      invited: c.invited,
      responses: c.responses,
      rate: rate(c.responses, c.invited),
    });
  }
  for (const code of hasChildren) {
    if (folded.has(code)) continue;
    let invited = 0;
    let responses = 0;
    for (const below of subtreeOf(tree, code)) {
      const c = direct.get(below);
      if (!c) continue;
      invited += c.invited;
      responses += c.responses;
    }
    const own = direct.get(code);
    if (!own && invited === 0) continue;
    units.push({
      unitCode: code,
      invited: own?.invited ?? 0,
      responses: own?.responses ?? 0,
      rate: rate(own?.responses ?? 0, own?.invited ?? 0),
      total: { invited, responses, rate: rate(responses, invited) },
    });
  }
  const rank = unitRank(tree);
  units.sort(
    (a, b) =>
      (rank.get(a.unitCode) ?? -1) - (rank.get(b.unitCode) ?? -1) || a.unitCode.localeCompare(b.unitCode),
  );
  const sum = (f: (c: (typeof counters)[number]) => number) => counters.reduce((s, c) => s + f(c), 0);
  return {
    invited: sum((c) => c.invited),
    tokensIssued: sum((c) => c.tokensIssued),
    responses: sum((c) => c.responses),
    units,
  };
}
