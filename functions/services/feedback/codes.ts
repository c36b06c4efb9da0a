import { createHash, createHmac, type KeyObject, randomInt } from 'node:crypto';
import { FEEDBACK_BATCH_SIZE, type FeedbackRedeem } from '../../../shared/api/feedback';
import { groupOfUnit } from '../../../shared/disclosure';
import { ORGANISATION_GROUP, ORGANISATION_NAME } from '../../../shared/disclosure/organisation-group';
import {
  blindSign,
  codeHash,
  decodeBase64Url,
  encodeBase64Url,
  formatInvitationCode,
  invitationCode,
  normaliseInvitationCode,
} from '../../crypto';
import type { AppDeps } from '../../deps';
import type { FeedbackCodeEntry, FeedbackYearRecord } from '../../store/feedback';
import { DomainError } from '../errors';
import { ensureFeedbackYear, feedbackSecretContext, groupPrivateKey, keyOfGroup } from './keys';

/** Yearly feedback codes: deriving them, the key a code's batch is signed with, and redeeming a code once. */

/**
 * The key group of a unit in a year: its own, else its nearest ancestor's; a
 * unit made after the year was set up, outside every group, joins the
 * smallest group (a group only ever grows, never below k_sensitive).
 */
function groupResolver(year: FeedbackYearRecord, units: Array<{ code: string; parentCode?: string | null }>) {
  const direct = groupOfUnit(year.groups);
  const parent = new Map(units.map((u) => [u.code, u.parentCode ?? null]));
  const smallest = [...year.groups].sort((a, b) => a.invited - b.invited || (a.id < b.id ? -1 : 1))[0]!;
  return (unitCode: string): string => {
    const seen = new Set<string>();
    for (let u: string | null = unitCode; u && !seen.has(u); u = parent.get(u) ?? null) {
      seen.add(u);
      const g = direct.get(u);
      if (g) return g;
    }
    return smallest.id;
  };
}

export function feedbackUrl(baseUrl: string, fiscalYear: number, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/feedback/#${fiscalYear}/${code}`;
}

function shuffled<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * One yearly feedback code per person on the roster, derived from the year's
 * secret so the delivery path can print them again. The store keeps, per
 * code, only its hash and its key group: never whose it is. An entry, once
 * written, never changes (a person who moves keeps the group of their code).
 */
export async function feedbackCodes(deps: AppDeps, fiscalYear: number) {
  const year = await ensureFeedbackYear(deps, fiscalYear);
  const secret = await deps.keys.unwrap(new Uint8Array(year.secret), feedbackSecretContext(fiscalYear));
  const [staff, units, existing] = await Promise.all([
    deps.store.directory.listStaff(),
    deps.store.directory.listUnits(),
    deps.store.feedback.listCodeHashes(fiscalYear),
  ]);
  const groupOf = groupResolver(year, units);
  const fresh: FeedbackCodeEntry[] = [];
  const codes = staff.map((s) => {
    const code = invitationCode(secret, `feedback/${fiscalYear}/${s.staffNo}`);
    const hash = codeHash(code);
    if (!existing.has(hash)) fresh.push({ codeHash: hash, fiscalYear, groupId: groupOf(s.unitCode) });
    return {
      staffNo: s.staffNo,
      unitCode: s.unitCode,
      code: formatInvitationCode(code),
      url: feedbackUrl(deps.config.publicBaseUrl, fiscalYear, code),
    };
  });
  // Written in random order: the order of writes says nothing of the roster's.
  await deps.store.feedback.addCodes(shuffled(fresh));
  return codes;
}

async function entryFor(deps: AppDeps, code: string): Promise<FeedbackCodeEntry> {
  const entry = await deps.store.feedback.getCode(codeHash(code));
  if (!entry) throw new DomainError('not_found', 'unknown_code', 'this feedback code is not valid');
  return entry;
}

/** The group key a feedback code's batch will be signed with, and the group it serves. */
export async function feedbackKey(deps: AppDeps, code: string) {
  const entry = await entryFor(deps, code);
  const [key, unit] = await Promise.all([
    keyOfGroup(deps, entry.fiscalYear, entry.groupId),
    entry.groupId === ORGANISATION_GROUP ? undefined : deps.store.directory.getUnit(entry.groupId),
  ]);
  return {
    fiscalYear: entry.fiscalYear,
    keyId: key.keyId,
    publicKey: encodeBase64Url(new Uint8Array(key.publicKeySpki)),
    unit: {
      code: entry.groupId,
      name: unit?.name ?? (entry.groupId === ORGANISATION_GROUP ? ORGANISATION_NAME : { ja: entry.groupId }),
    },
    batchSize: FEEDBACK_BATCH_SIZE,
    ...(key.planName ? { planName: key.planName } : {}),
  };
}

const markKeys = new WeakMap<KeyObject, Buffer>();

/**
 * The row that marks a code redeemed is keyed by HMAC(group key, code): only
 * the holder of the group's private key (the public function) can tell which
 * code a mark belongs to. Whoever can derive every code (the delivery path)
 * still cannot read from a dump who redeemed.
 */
function redemptionMark(privateKey: KeyObject, code: string): string {
  let key = markKeys.get(privateKey);
  if (!key) {
    key = createHash('sha256')
      .update('koe-feedback-redeemed:')
      .update(privateKey.export({ type: 'pkcs8', format: 'der' }))
      .digest();
    markKeys.set(privateKey, key);
  }
  return createHmac('sha256', key).update(normaliseInvitationCode(code)).digest('hex');
}

/**
 * Signs a batch of blinded tokens for a feedback code, once. The same batch
 * again gets the same signatures; any other batch is refused.
 */
export async function redeemFeedbackCode(deps: AppDeps, input: FeedbackRedeem) {
  const entry = await entryFor(deps, input.code);
  const { key, privateKey } = await groupPrivateKey(deps, entry);
  const blinded = input.blindedMessages.map(decodeBase64Url);
  const signatures = blinded.map((m) => encodeBase64Url(blindSign(privateKey, m)));
  const batch = createHash('sha256');
  for (const m of blinded) batch.update(m);
  const claim = await deps.store.feedback.claimBatch(
    entry.fiscalYear,
    redemptionMark(privateKey, input.code),
    batch.digest('base64url'),
  );
  if (claim === 'used') {
    throw new DomainError(
      'conflict',
      'code_used',
      'this feedback code was already used on another device or browser',
    );
  }
  return { fiscalYear: entry.fiscalYear, keyId: key.keyId, blindSignatures: signatures };
}

/**
 * Whether a code was redeemed: for tests and for the public function only
 * (it needs the group's private key), never a route.
 */
export async function feedbackCodeRedeemed(deps: AppDeps, code: string): Promise<boolean> {
  const entry = await entryFor(deps, code);
  const { privateKey } = await groupPrivateKey(deps, entry);
  return deps.store.feedback.isRedeemed(entry.fiscalYear, redemptionMark(privateKey, code));
}
