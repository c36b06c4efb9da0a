import type {
  CodeLookup,
  PublicCampaign,
  PublicKeyList,
  ResponseStatusRequest,
  ResponseSubmit,
  SurveyQuestion,
  TokenRequest,
} from '../../shared/api/public';
import { formatFingerprint } from '../../shared/crypto/fingerprint';
import { coarsenAttributes } from '../../shared/disclosure/coarsen';
import { validateAttributes } from '../../shared/instruments/attributes';
import { validateAnswers } from '../../shared/instruments/answers';
import type { Item, Template } from '../../shared/instruments/schema';
import { maskPersonalData } from '../../shared/text/mask';
import { jstDay } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import {
  blindSign,
  codeHash,
  decodeBase64Url,
  encodeBase64Url,
  receiptOf,
  shardOf,
  tokenHash,
  unwrapPrivateKey,
  verifyToken,
} from '../crypto';
import { answersDigest, type StoredResponse } from '../store/responses';
import { storedDigest } from './digest-lookups';
import type { CampaignRecord, FrozenGroup, UnitKeyRecord } from '../store/campaigns';
import type { LedgerEntry } from '../store/directory';
import { UnavailableError } from '../store/errors';
import { SENSITIVE_MIN_GROUP_SIZE } from './campaigns';
import { groupKey, type KeyBook, keyBook } from './frozen';
import { campaignGate } from './open-campaigns';
import { answerBuffer } from './answer-buffer';
import { createHash } from 'node:crypto';

const notOpen = (record: CampaignRecord) =>
  new DomainError(
    'conflict',
    record.status === 'closed' ? 'campaign_closed' : 'campaign_not_open',
    record.status === 'closed' ? 'this survey has closed' : 'this survey is not open yet',
  );

async function campaignOf(deps: AppDeps, id: string): Promise<CampaignRecord> {
  const record = await deps.store.campaigns.getCampaign(id);
  if (!record) throw new DomainError('not_found', 'not_found', 'no such survey');
  return record;
}

function question(item: Item): SurveyQuestion {
  return {
    id: item.id,
    type: item.type,
    required: item.required,
    text: item.text,
    ...(item.options
      ? {
          options: item.options.map((o) => ({
            value: o.value,
            label: o.label,
            ...(o.exclusive ? { exclusive: true } : {}),
          })),
        }
      : {}),
    ...(item.type === 'likert5' ? { min: 1, max: 5 } : {}),
    ...(item.type === 'nps' ? { min: 0, max: 10 } : {}),
    ...(item.type === 'number' ? { min: item.min!, max: item.max! } : {}),
    ...(item.type === 'text' ? { maxLength: item.maxLength ?? 2000 } : {}),
    ...(item.sensitive ? { sensitive: true } : {}),
    ...(item.notApplicable ? { notApplicable: true } : {}),
  };
}

export function surveyOf(template: Template): PublicCampaign['survey'] {
  const items = new Map<string, Item>();
  for (const c of template.constructs) for (const i of c.items) items.set(i.id, i);
  for (const i of template.standaloneItems) items.set(i.id, i);
  return {
    sections: template.sections.map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.description ? { description: s.description } : {}),
      questions: s.items.map((id) => question(items.get(id)!)),
    })),
    attributes: template.attributes.map((a) => ({
      id: a.id,
      label: a.label,
      options: a.options.map((o) => ({ value: o.value, label: o.label })),
    })),
  };
}

/** Fingerprint of a key group's public key (A4): SHA-256 of the SPKI DER, grouped hex. */
export function keyFingerprint(key: UnitKeyRecord): string {
  return formatFingerprint(createHash('sha256').update(new Uint8Array(key.publicKeySpki)).digest());
}

/** A key group as the respondent sees it: its units by name, how many it serves, its key's fingerprint. */
async function groupView(deps: AppDeps, record: CampaignRecord, book: KeyBook, group: FrozenGroup) {
  const names = new Map(book.organisation.units.map((u) => [u.code, u.name]));
  const key = await groupKey(deps, record, group.keyId);
  return {
    id: group.id,
    units: group.units.map((code) => ({ code, name: names.get(code) ?? { ja: code } })),
    invited: group.invited,
    key,
  };
}

/**
 * What a respondent's browser needs to answer: the survey, their unit, their
 * key group (its units, invited count and key fingerprint, to compare with
 * the published list) and the group's public key.
 */
export async function publicCampaign(
  deps: AppDeps,
  campaignId: string,
  code: string,
): Promise<PublicCampaign> {
  const entry = await deps.store.directory.getLedgerEntry(codeHash(code));
  if (!entry || entry.campaignId !== campaignId) {
    // A closed campaign's ledger is reduced to counts: its codes are no longer known, but it says closed.
    const closed = await deps.store.campaigns.getCampaign(campaignId);
    if (closed?.status === 'closed') throw notOpen(closed);
    throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
  }
  const record = await campaignOf(deps, campaignId);
  if (record.status !== 'open') throw notOpen(record);
  const book = await keyBook(deps, record);
  const group = book.groups.get(book.groupOfUnit.get(entry.unitCode) ?? '');
  const unit = book.organisation.units.find((u) => u.code === entry.unitCode);
  if (!group || !unit)
    throw new DomainError('conflict', 'campaign_not_open', 'this survey has no key for your unit yet');
  const view = await groupView(deps, record, book, group);
  return {
    campaign: {
      id: record.id,
      title: record.title,
      fiscalYear: record.fiscalYear,
      opensAt: record.opensAt,
      closesAt: record.closesAt,
      status: record.status,
      minGroupSize: record.minGroupSize,
      sensitiveMinGroupSize: Math.max(SENSITIVE_MIN_GROUP_SIZE, record.minGroupSize),
    },
    unit: { code: unit.code, name: unit.name },
    ...(record.planName ? { planName: record.planName } : {}),
    keyGroup: {
      id: view.id,
      units: view.units,
      invited: view.invited,
      fingerprint: keyFingerprint(view.key),
    },
    keyId: view.key.keyId,
    publicKey: encodeBase64Url(new Uint8Array(view.key.publicKeySpki)),
    survey: surveyOf(record.template),
  };
}

/** The campaign id read for a code the ledger does not hold: no campaign has it, so the read finds nothing. */
const NO_CAMPAIGN = '-';

/**
 * The open survey an invitation code belongs to, for a code typed alone off a
 * paper slip. The ledger is keyed by the code's hash (store/KEYS.md), so this
 * is one read of the ledger and one of the campaign. It says only the
 * campaign's id, title and dates: never the unit, nor whether the code was
 * used. An unknown code and a code whose survey is not open (a draft, or
 * closed: a closed campaign's ledger is gone anyway) get the same 404, after
 * the same two reads, so neither the answer nor its timing tells them apart.
 */
export async function campaignOfCode(deps: AppDeps, code: string): Promise<CodeLookup> {
  const entry = await deps.store.directory.getLedgerEntry(codeHash(code));
  const record = await deps.store.campaigns.getCampaign(entry?.campaignId ?? NO_CAMPAIGN);
  if (!entry || !record || record.status !== 'open') {
    throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
  }
  return {
    campaign: { id: record.id, title: record.title, opensAt: record.opensAt, closesAt: record.closesAt },
  };
}

/**
 * A4: every key group of an opened campaign with its units, invited count and
 * key fingerprint. Public and the same for everyone: no code, no session.
 */
export async function publicKeys(deps: AppDeps, campaignId: string): Promise<PublicKeyList> {
  const record = await campaignOf(deps, campaignId);
  if (record.status === 'draft' || !record.frozen) throw notOpen(record);
  const book = await keyBook(deps, record);
  const groups = await Promise.all(
    book.organisation.groups.map(async (g) => {
      const view = await groupView(deps, record, book, g);
      return {
        groupId: view.id,
        units: view.units,
        invited: view.invited,
        keyId: view.key.keyId,
        fingerprint: keyFingerprint(view.key),
      };
    }),
  );
  return {
    campaign: { id: record.id, title: record.title, fiscalYear: record.fiscalYear, status: record.status },
    groups,
  };
}

/**
 * Signs a blinded token for an invitation, once. The server never sees the
 * token: only the blinded message, whose hash it keeps to recognise a retry.
 */
export async function issueToken(
  deps: AppDeps,
  input: TokenRequest,
): Promise<{ keyId: string; blindSignature: string }> {
  const entry = await deps.store.directory.getLedgerEntry(codeHash(input.code));
  if (!entry) throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
  // The campaign's status from the submit path's cache (open-campaigns.ts), not a read of the whole
  // record (its template snapshot: ~10 read units) per token: issue 18 measured that read as the
  // largest part of issuing at 100,000 staff. A close is seen at once here, elsewhere within 1 s.
  const admission = await campaignGate(deps.store).admit(entry.campaignId);
  if (!admission) throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
  if (!admission.signal) throw notOpen(admission.record);
  try {
    return await signFor(deps, admission.record, entry, input);
  } finally {
    admission.release();
  }
}

async function signFor(
  deps: AppDeps,
  record: CampaignRecord,
  entry: { unitCode: string },
  input: TokenRequest,
): Promise<{ keyId: string; blindSignature: string }> {
  // Sign before claiming, so a bad blinded message never uses up an invitation.
  const { key, signature, blindedHash } = await signBlinded(deps, record, entry, input);
  const claim = await deps.store.directory.claimInvitation(codeHash(input.code), blindedHash);
  if (claim.kind === 'unknown')
    throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
  if (claim.kind === 'used') {
    throw new DomainError(
      'conflict',
      'code_used',
      'this invitation was already used on another device or browser',
    );
  }
  if (claim.first) {
    try {
      await deps.store.campaigns.addCount(record.id, entry.unitCode, 'tokensIssued');
    } catch (err) {
      // The invitation is claimed but not counted: mark it so the client's retry (503 → same
      // blinded message) counts it once. If even the mark fails, the live count misses one token.
      await deps.store.directory.markUncounted(codeHash(input.code)).catch(() => {});
      throw err;
    }
  }
  return { keyId: key.keyId, blindSignature: encodeBase64Url(signature) };
}

/**
 * The blind signature of a request's blinded message by the key of the invitation's key group (A3:
 * never a key of their unit alone), and the hash of the message the claim keeps.
 */
async function signBlinded(
  deps: AppDeps,
  record: CampaignRecord,
  entry: { unitCode: string },
  input: TokenRequest,
): Promise<{ key: UnitKeyRecord; signature: Uint8Array; blindedHash: string }> {
  const book = await keyBook(deps, record);
  const group = book.groups.get(book.groupOfUnit.get(entry.unitCode) ?? '');
  if (!group)
    throw new DomainError('conflict', 'campaign_not_open', 'this survey has no key for your unit yet');
  const key = await groupKey(deps, record, group.keyId);
  const blinded = decodeBase64Url(input.blindedMessage);
  const blindedHash = createHash('sha256').update(blinded).digest('base64url');
  const privateKey = await unwrapPrivateKey(
    deps.keys,
    new Uint8Array(key.wrappedPrivateKey),
    `${record.id}/${key.unitCode}`,
    key.keyId,
  );
  return { key, signature: blindSign(privateKey, blinded), blindedHash };
}

/**
 * {@link issueToken} for many invitations of one campaign at once, for the demo seed
 * (seed/demo.ts): the same checks and the same blind signatures, with the ledger read in
 * BatchGetItem, the claims written with BatchWriteItem (directory.claimInvitations: the very items
 * claimInvitation leaves) and the tokens counted once per unit. BatchWriteItem has no condition, so
 * every invitation must be unclaimed when read: one already claimed is refused as `code_used`, even
 * for the same blinded message (no retries here), and nothing of the batch is claimed. Only for
 * invitations no one else can be claiming meanwhile (the seed's own, never delivered).
 */
export async function issueTokens(
  deps: AppDeps,
  campaignId: string,
  inputs: readonly TokenRequest[],
): Promise<Array<{ keyId: string; blindSignature: string }>> {
  const hashes = inputs.map((input) => codeHash(input.code));
  if (new Set(hashes).size !== hashes.length)
    throw new DomainError('invalid', 'duplicate_code', 'an invitation code is given twice');
  const entries = new Map((await deps.store.directory.getLedgerEntries(hashes)).map((e) => [e.codeHash, e]));
  const admission = await campaignGate(deps.store).admit(campaignId);
  if (!admission) throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
  if (!admission.signal) throw notOpen(admission.record);
  try {
    const record = admission.record;
    const signed: Array<{ keyId: string; blindSignature: string }> = [];
    const claims: Array<{ entry: LedgerEntry; blindedHash: string }> = [];
    const issued = new Map<string, number>();
    for (const [i, input] of inputs.entries()) {
      const entry = entries.get(hashes[i]!);
      if (!entry || entry.campaignId !== campaignId)
        throw new DomainError('not_found', 'unknown_code', 'this invitation code is not valid');
      if (entry.state !== 'invited')
        throw new DomainError(
          'conflict',
          'code_used',
          'this invitation was already used on another device or browser',
        );
      const { key, signature, blindedHash } = await signBlinded(deps, record, entry, input);
      claims.push({ entry, blindedHash });
      issued.set(entry.unitCode, (issued.get(entry.unitCode) ?? 0) + 1);
      signed.push({ keyId: key.keyId, blindSignature: encodeBase64Url(signature) });
    }
    await deps.store.directory.claimInvitations(claims);
    for (const [unitCode, n] of issued)
      await deps.store.campaigns.addCount(record.id, unitCode, 'tokensIssued', n);
    return signed;
  } finally {
    admission.release();
  }
}

/**
 * Accepts answers under the hash of a verified token. The unit comes from the
 * key that signed it; nothing about the request itself is kept.
 *
 * The answers are not written now: they wait in the answer buffer
 * (answer-buffer.ts) and are written with others in a shuffled batch at a
 * fixed time, so that no file or backup orders them among token claims
 * (DESIGN §3, A2). The reply says `pending`; `stored` only when the very same
 * answers are already stored. The campaign's status comes from the submit
 * path's cache (open-campaigns.ts), so a submission costs one read.
 */
export async function submitResponse(
  deps: AppDeps,
  input: ResponseSubmit,
): Promise<{ receipt: string; status: 'pending' | 'stored' }> {
  const admission = await campaignGate(deps.store).admit(input.campaignId);
  if (!admission) throw new DomainError('not_found', 'not_found', 'no such survey');
  if (!admission.signal) throw notOpen(admission.record);
  try {
    return await storeResponse(deps, admission.record, admission.signal, input);
  } finally {
    admission.release();
  }
}

async function storeResponse(
  deps: AppDeps,
  record: CampaignRecord,
  signal: AbortSignal,
  input: ResponseSubmit,
): Promise<{ receipt: string; status: 'pending' | 'stored' }> {
  const book = await keyBook(deps, record);
  const group = book.byKeyId.get(input.keyId);
  const key = group && (await groupKey(deps, record, group.keyId));
  const token = decodeBase64Url(input.token);
  const signature = decodeBase64Url(input.signature);
  if (!group || !key || !verifyToken(new Uint8Array(key.publicKeySpki), token, signature)) {
    throw new DomainError(
      'unauthenticated',
      'bad_signature',
      'the token signature is not valid for this survey',
    );
  }
  const { template } = record;
  const { items, textItems } = compiled(template);
  const answers = validateAnswers(items, input.answers);
  if (!answers.ok) {
    const first = answers.errors[0]!;
    throw new DomainError('invalid', 'invalid_answers', `${first.questionId}: ${first.message.en}`, {
      errors: answers.errors.map((e) => ({ questionId: e.questionId, code: e.code, message: e.message })),
    });
  }
  const attributes = validateAttributes(template.attributes, input.attributes);
  if (!attributes.ok) {
    const first = attributes.errors[0]!;
    throw new DomainError('invalid', 'invalid_attributes', `${first.attributeId}: ${first.message.en}`);
  }
  // The validated answers are a fresh object: mask free text in place.
  const cleaned = answers.answers;
  for (const id of textItems) {
    const v = cleaned[id];
    if (typeof v === 'string') cleaned[id] = maskPersonalData(v);
  }
  const hash = tokenHash(token);
  const shard = shardOf(hash);
  const response = answerRow(
    book,
    group,
    attributes.attributes as Record<string, string>,
    cleaned,
    deps.now?.() ?? new Date(),
  );
  const buffer = answerBuffer(deps.store);
  // A resubmission of answers that are already stored, unchanged, is answered without a write.
  let isNew = false;
  if (!buffer.pending(record.id, hash)) {
    let stored: string | undefined;
    try {
      stored = await storedDigest(deps.store, record.id, shard, hash, signal);
    } catch (err) {
      if (signal.aborted) throw new UnavailableError('the answers could not be checked in time');
      throw err;
    }
    // The digest is worked out only to compare with one stored (the batch's write works out its own).
    if (stored !== undefined && stored === answersDigest(response))
      return { receipt: receiptOf(hash), status: 'stored' };
    isNew = stored === undefined;
  }
  // Held in memory and written with others in a shuffled batch at a fixed time (answer-buffer.ts).
  await buffer.add({ campaignId: record.id, tokenHash: hash, shard, response, isNew });
  return { receipt: receiptOf(hash), status: 'pending' };
}

export type AnswerStatus = 'pending' | 'stored' | 'unknown';

/**
 * Where a token's answers are: waiting in this process's buffer, stored, or
 * unknown here (never sent, or held by a process that lost them: the browser
 * then sends them again). Needs the token, like a submission; says nothing else.
 */
export async function answerStatus(
  deps: AppDeps,
  input: ResponseStatusRequest,
): Promise<{ receipt: string; status: AnswerStatus }> {
  const record = await campaignOf(deps, input.campaignId);
  const hash = tokenHash(decodeBase64Url(input.token));
  const receipt = receiptOf(hash);
  if (answerBuffer(deps.store).pending(record.id, hash)) return { receipt, status: 'pending' };
  const stored = await deps.store.responses.storedDigest(record.id, shardOf(hash), hash);
  return { receipt, status: stored !== undefined ? 'stored' : 'unknown' };
}

/**
 * The row stored for an answer (A1, A3): the key group's id as its unit, and
 * the stated attributes coarsened until at least k people of the group, as
 * frozen at open, share them (shared/disclosure/coarsen.ts). Nothing else
 * about the respondent or the request.
 */
export function answerRow(
  book: KeyBook,
  group: FrozenGroup,
  stated: Record<string, string>,
  answers: StoredResponse['answers'],
  now: Date,
): StoredResponse {
  return {
    unitCode: group.id,
    attributes: coarsened(stated, group.counts, book.organisation.k),
    answers,
    day: jstDay(now),
  };
}

/**
 * `coarsenAttributes`, remembered per group's frozen counts (fixed at open) and stated
 * combination: a group sees a few hundred combinations at most, and working one out scans the
 * group's counts once per coarsening step, on every submission (issue 18). Bounded per group.
 */
const coarsenings = new WeakMap<FrozenGroup['counts'], Map<string, Record<string, string>>>();
const COARSENINGS_PER_GROUP = 4_096;

function coarsened(stated: Record<string, string>, counts: FrozenGroup['counts'], k: number) {
  let byStated = coarsenings.get(counts);
  if (!byStated) {
    byStated = new Map();
    coarsenings.set(counts, byStated);
  }
  const key = `${k}\0${JSON.stringify(stated)}`;
  let kept = byStated.get(key);
  if (!kept) {
    kept = coarsenAttributes(stated, counts, k) as Record<string, string>;
    if (byStated.size < COARSENINGS_PER_GROUP) byStated.set(key, kept);
  }
  // Each stored response gets its own object.
  return { ...kept };
}

const compiledTemplates = new WeakMap<Template, { items: Item[]; textItems: string[] }>();

/**
 * What submit needs of a template, worked out once per template object (the
 * campaign record is cached, so once per campaign read): its items in the
 * order asked, and which of them are free text (masked before storage).
 */
function compiled(template: Template): { items: Item[]; textItems: string[] } {
  let out = compiledTemplates.get(template);
  if (!out) {
    const byId = new Map<string, Item>();
    for (const c of template.constructs) for (const i of c.items) byId.set(i.id, i);
    for (const i of template.standaloneItems) byId.set(i.id, i);
    const items = template.sections.flatMap((s) => s.items.flatMap((id) => byId.get(id) ?? []));
    out = { items, textItems: items.filter((i) => i.type === 'text').map((i) => i.id) };
    compiledTemplates.set(template, out);
  }
  return out;
}
