import {
  ORGANISATION_GROUP,
  ORGANISATION_NAME,
  underOrganisation,
} from '../../shared/disclosure/organisation-group';
import { createHash, createHmac, type KeyObject, randomBytes, randomInt } from 'node:crypto';
import type {
  FeedbackBoardPost,
  FeedbackIndicators,
  FeedbackPostCreate,
  FeedbackRedeem,
  FeedbackThread,
  FeedbackTriagePost,
} from '../../shared/api/feedback';
import { FEEDBACK_BATCH_SIZE } from '../../shared/api/feedback';
import {
  discloseUnitTree,
  groupOfUnit,
  type KeyGroup,
  KeyGroupError,
  keyGroups,
  policyFrom,
} from '../../shared/disclosure';
import { PILLAR_IDS } from '../../shared/plan/ids';
import { maskPersonalData } from '../../shared/text/mask';
import { jstDay } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../deps';
import { DomainError } from './errors';
import {
  blindSign,
  codeHash,
  decodeBase64Url,
  encodeBase64Url,
  formatInvitationCode,
  generateUnitKey,
  invitationCode,
  newCampaignSecret,
  normaliseInvitationCode,
  tokenHash,
  unwrapPrivateKey,
  verifyToken,
} from '../crypto';
import type {
  FeedbackCodeEntry,
  FeedbackCountSnapshot,
  FeedbackKeyRecord,
  FeedbackYearRecord,
  PostRecord,
} from '../store/feedback';
import { postBuffer } from './post-buffer';

const today = (deps: AppDeps) => jstDay(deps.now?.() ?? new Date());
const newId = () => randomBytes(6).toString('hex');

/** KMS encryption contexts: the code secret (delivery only) and a group's signing key (public only). */
export const feedbackSecretContext = (fiscalYear: number) => `feedback/${fiscalYear}#codes`;
export const feedbackKeyContext = (fiscalYear: number, groupId: string) =>
  `feedback/${fiscalYear}/${groupId}`;

/**
 * Key groups from the roster's unit counts (DESIGN §3, A1 and A3 for posts):
 * no feedback key serves fewer than k_sensitive people, so a post, which
 * carries its key's group and nothing finer, is among at least that many.
 */
async function groupsFromRoster(deps: AppDeps): Promise<KeyGroup[]> {
  const [units, staff] = await Promise.all([
    deps.store.directory.listUnits(),
    deps.store.directory.listStaff(),
  ]);
  const invited = new Map<string, number>();
  for (const s of staff) invited.set(s.unitCode, (invited.get(s.unitCode) ?? 0) + 1);
  const { kSensitive } = policyFrom();
  // Several top-level units: a small one joins the others under the whole
  // organisation's group instead of refusing the year (as campaigns do).
  try {
    return keyGroups(
      underOrganisation(units).map((u) => ({
        code: u.code,
        parentCode: u.parentCode,
        invited: invited.get(u.code) ?? 0,
      })),
      kSensitive,
    );
  } catch (err) {
    if (!(err instanceof KeyGroupError)) throw err;
    throw new DomainError(
      'conflict',
      'too_few_staff',
      `feedback needs groups of at least ${kSensitive} people on the roster: ${err.message}`,
    );
  }
}

/**
 * A year's feedback set-up, made once: a wrapped secret for the codes, the
 * key groups (fixed for the year) and one RSA-2048 key per group.
 */
export async function ensureFeedbackYear(deps: AppDeps, fiscalYear: number): Promise<FeedbackYearRecord> {
  const { feedback } = deps.store;
  const year =
    (await feedback.getYear(fiscalYear)) ??
    (await feedback.createYear({
      fiscalYear,
      secret: await deps.keys.wrap(newCampaignSecret(), feedbackSecretContext(fiscalYear)),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
      groups: await groupsFromRoster(deps),
    }));
  const have = new Set((await feedback.listKeys(fiscalYear)).map((k) => k.groupId));
  const missing = year.groups.filter((g) => !have.has(g.id));
  const keys: FeedbackKeyRecord[] = [];
  for (let i = 0; i < missing.length; i += 8) {
    keys.push(
      ...(await Promise.all(
        missing.slice(i, i + 8).map(async (group) => {
          const key = await generateUnitKey();
          return {
            fiscalYear,
            groupId: group.id,
            keyId: key.keyId,
            publicKeySpki: key.publicKeySpki,
            wrappedPrivateKey: await deps.keys.wrap(
              key.privateKeyPkcs8,
              feedbackKeyContext(fiscalYear, group.id),
            ),
          };
        }),
      )),
    );
  }
  await feedback.putKeys(keys);
  return year;
}

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

async function keyOfGroup(deps: AppDeps, fiscalYear: number, groupId: string): Promise<FeedbackKeyRecord> {
  const key = (await deps.store.feedback.listKeys(fiscalYear))
    .filter((k) => k.groupId === groupId)
    .sort((a, b) => (a.keyId < b.keyId ? -1 : 1))[0];
  if (!key)
    throw new DomainError('conflict', 'feedback_not_open', 'feedback is not set up for your unit this year');
  return key;
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

/** The code's group key, unwrapped (only the public function may: A6). */
async function groupPrivateKey(deps: AppDeps, entry: { fiscalYear: number; groupId: string }) {
  const key = await keyOfGroup(deps, entry.fiscalYear, entry.groupId);
  const privateKey = await unwrapPrivateKey(
    deps.keys,
    new Uint8Array(key.wrappedPrivateKey),
    feedbackKeyContext(entry.fiscalYear, entry.groupId),
    key.keyId,
  );
  return { key, privateKey };
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

const receiptHash = (token: Uint8Array) =>
  createHash('sha256').update('koe-feedback-receipt:').update(token).digest('hex');
const postIdOf = (fiscalYear: number, hash: string) =>
  `${fiscalYear}-${createHash('sha256').update(`post:${hash}`).digest('hex').slice(0, 20)}`;

/**
 * Posts with one blind-signed token. The post and its spent-token mark are
 * held for the next shuffled batch (post-buffer.ts, A2), not written now; a
 * token already spent or held is refused. The post's id is derived from the
 * token, so the same token can only ever make the same post.
 */
export async function createFeedbackPost(
  deps: AppDeps,
  input: FeedbackPostCreate,
): Promise<{ postId: string; created: boolean }> {
  const key = (await deps.store.feedback.listKeys(input.fiscalYear)).find((k) => k.keyId === input.keyId);
  const token = decodeBase64Url(input.token);
  const signature = decodeBase64Url(input.signature);
  if (!key || !verifyToken(new Uint8Array(key.publicKeySpki), token, signature)) {
    throw new DomainError('unauthenticated', 'bad_signature', 'the feedback token is not valid');
  }
  const hash = tokenHash(token);
  const postId = postIdOf(input.fiscalYear, hash);
  const buffer = postBuffer(deps.store);
  if (
    buffer.holdsToken(input.fiscalYear, hash) ||
    (await deps.store.feedback.isSpent(input.fiscalYear, hash))
  ) {
    throw new DomainError('conflict', 'token_spent', 'this token has already been used for a post');
  }
  const post: PostRecord = {
    id: postId,
    fiscalYear: input.fiscalYear,
    groupId: key.groupId,
    kind: input.kind,
    pillarId: input.pillarId,
    title: maskPersonalData(input.title),
    body: maskPersonalData(input.body),
    day: today(deps),
    displayName: input.displayName ?? null,
    receiptHash: receiptHash(token),
    status: 'received',
    published: false,
    assignedUnitCode: null,
    messages: [],
    notes: [],
    version: 0,
  };
  await buffer.add({ post, tokenHash: hash });
  return { postId, created: true };
}

function threadView(post: PostRecord): FeedbackThread {
  return {
    id: post.id,
    fiscalYear: post.fiscalYear,
    kind: post.kind,
    pillarId: post.pillarId,
    title: post.title,
    body: post.body,
    day: post.day,
    status: post.status,
    published: post.published,
    messages: post.messages,
  };
}

/** A post by id: from the table, or held for the next batch (then marked pending). */
async function findPost(deps: AppDeps, fiscalYear: number, postId: string): Promise<PostRecord | undefined> {
  const held = postBuffer(deps.store).get(postId);
  if (held) return held;
  return deps.store.feedback.getPost(fiscalYear, postId);
}

async function postByReceipt(deps: AppDeps, postId: string, receipt: string): Promise<PostRecord> {
  const fiscalYear = Number(postId.split('-')[0]);
  const post = Number.isInteger(fiscalYear) ? await findPost(deps, fiscalYear, postId) : undefined;
  const token = decodeBase64Url(receipt);
  if (!post || post.receiptHash !== receiptHash(token)) {
    throw new DomainError('not_found', 'not_found', 'no post matches this receipt');
  }
  return post;
}

/** The poster's view of their thread: HR's replies to them, never internal notes. */
export async function readThread(deps: AppDeps, postId: string, receipt: string): Promise<FeedbackThread> {
  const post = await postByReceipt(deps, postId, receipt);
  // Held for the next batch: the poster sees it received (受付済み), HR does not see it yet.
  return postBuffer(deps.store).get(post.id) ? { ...threadView(post), pending: true } : threadView(post);
}

export async function addToThread(
  deps: AppDeps,
  postId: string,
  receipt: string,
  body: string,
): Promise<FeedbackThread> {
  const post = await postByReceipt(deps, postId, receipt);
  const next: PostRecord = {
    ...post,
    messages: [
      ...post.messages,
      { id: newId(), from: 'poster', body: maskPersonalData(body), day: today(deps), public: false },
    ],
  };
  // Still held for the next batch: the addition joins it there.
  if (postBuffer(deps.store).update(next)) return { ...threadView(next), pending: true };
  return threadView(await deps.store.feedback.savePost(next));
}

function triageView(post: PostRecord): FeedbackTriagePost {
  return {
    ...threadView(post),
    displayName: post.displayName,
    assignedUnitCode: post.assignedUnitCode,
    notes: post.notes,
    firstReplyDay: post.messages.find((m) => m.from === 'hr')?.day ?? null,
  };
}

/** HR's board: every post of a year with its triage fields. The poster's unit is never shown. */
export async function triagePosts(deps: AppDeps, fiscalYear: number): Promise<FeedbackTriagePost[]> {
  const posts = await deps.store.feedback.listPosts(fiscalYear);
  return posts.sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id)).map(triageView);
}

async function postForHr(deps: AppDeps, postId: string): Promise<PostRecord> {
  const fiscalYear = Number(postId.split('-')[0]);
  const post = Number.isInteger(fiscalYear)
    ? await deps.store.feedback.getPost(fiscalYear, postId)
    : undefined;
  if (!post) throw new DomainError('not_found', 'not_found', `post ${postId} was not found`);
  return post;
}

export async function updateTriage(
  deps: AppDeps,
  postId: string,
  change: { status?: PostRecord['status']; assignedUnitCode?: string | null; published?: boolean },
): Promise<FeedbackTriagePost> {
  const post = await postForHr(deps, postId);
  if (change.assignedUnitCode && !(await deps.store.directory.getUnit(change.assignedUnitCode))) {
    throw new DomainError('invalid', 'unknown_unit', `unit ${change.assignedUnitCode} does not exist`);
  }
  const next = { ...post };
  if (change.status) next.status = change.status;
  if (change.assignedUnitCode !== undefined) next.assignedUnitCode = change.assignedUnitCode;
  if (change.published !== undefined) next.published = change.published;
  return triageView(await deps.store.feedback.savePost(next));
}

export async function addNote(
  deps: AppDeps,
  postId: string,
  author: string,
  body: string,
): Promise<FeedbackTriagePost> {
  const post = await postForHr(deps, postId);
  return triageView(
    await deps.store.feedback.savePost({
      ...post,
      notes: [...post.notes, { id: newId(), author, body, day: today(deps) }],
    }),
  );
}

export async function addReply(
  deps: AppDeps,
  postId: string,
  body: string,
  isPublic: boolean,
): Promise<FeedbackTriagePost> {
  const post = await postForHr(deps, postId);
  const messages = [
    ...post.messages,
    { id: newId(), from: 'hr' as const, body, day: today(deps), public: isPublic },
  ];
  const status = post.status === 'received' ? 'reviewing' : post.status;
  return triageView(await deps.store.feedback.savePost({ ...post, messages, status }));
}

/** The staff board: published posts and HR's public replies. No notes, no unit, no private message. */
export async function board(
  deps: AppDeps,
  query: { pillar?: string | undefined; status?: string | undefined; fiscalYear?: number | undefined },
): Promise<FeedbackBoardPost[]> {
  const now = deps.now?.() ?? new Date();
  const current = Number(jstDay(now).slice(0, 4)) - (Number(jstDay(now).slice(5, 7)) < 4 ? 1 : 0);
  const years = query.fiscalYear ? [query.fiscalYear] : [current, current - 1, current - 2, current - 3];
  const posts = (await Promise.all(years.map((y) => deps.store.feedback.listPosts(y)))).flat();
  return posts
    .filter((p) => p.published)
    .filter((p) => !query.pillar || p.pillarId === query.pillar)
    .filter((p) => !query.status || p.status === query.status)
    .sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id))
    .map((p) => ({
      id: p.id,
      fiscalYear: p.fiscalYear,
      kind: p.kind,
      pillarId: p.pillarId,
      title: p.title,
      body: p.body,
      day: p.day,
      status: p.status,
      displayName: p.displayName,
      replies: p.messages
        .filter((m) => m.from === 'hr' && m.public)
        .map((m) => ({ body: m.body, day: m.day })),
    }));
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A year's counts as HR may read them (DESIGN §4: never live): the posts
 * dated before today, computed once today, stored, and served as stored until
 * tomorrow. A post that arrives today moves nothing HR reads today.
 */
export async function feedbackSnapshot(deps: AppDeps, fiscalYear: number): Promise<FeedbackCountSnapshot> {
  const day = today(deps);
  const stored = await deps.store.feedback.getSnapshot(fiscalYear);
  if (stored && stored.asOf >= day) return stored;
  const snapshot: FeedbackCountSnapshot = { fiscalYear, asOf: day, groups: {}, pillars: {} };
  for (const p of await deps.store.feedback.listPosts(fiscalYear)) {
    if (p.day >= day) continue;
    snapshot.groups[p.groupId] = (snapshot.groups[p.groupId] ?? 0) + 1;
    const pillar = snapshot.pillars[p.pillarId] ?? { posts: 0, adopted: 0, declined: 0, replyDays: [] };
    snapshot.pillars[p.pillarId] = pillar;
    pillar.posts++;
    if (p.status === 'adopted') pillar.adopted++;
    if (p.status === 'declined') pillar.declined++;
    const first = p.messages.find((m) => m.from === 'hr');
    if (first) pillar.replyDays.push(daysBetween(p.day, first.day));
  }
  for (const pillar of Object.values(snapshot.pillars)) pillar.replyDays.sort((a, b) => a - b);
  return deps.store.feedback.putSnapshot(snapshot);
}

/**
 * Feedback indicators, from each year's daily snapshot: posts per pillar and
 * year, adoption rate and median days to HR's first reply; posts by key
 * group (counted at the group's top unit) under disclosure control at
 * k_sensitive, so a small count is never shown.
 */
export async function feedbackIndicators(
  deps: AppDeps,
  from: number,
  to: number,
): Promise<FeedbackIndicators> {
  if (to < from || to - from > 20)
    throw new DomainError('invalid', 'invalid_request', 'from..to must span 1 to 21 years');
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const units = await deps.store.directory.listUnits();
  const policy = policyFrom();
  const snapshots = await Promise.all(years.map((y) => feedbackSnapshot(deps, y)));
  const known = new Set(units.map((u) => u.code));
  return {
    years,
    asOf: snapshots[0]!.asOf,
    pillars: PILLAR_IDS.map((pillarId) => ({
      pillarId,
      values: years.map((fiscalYear, i) => {
        const c = snapshots[i]!.pillars[pillarId] ?? { posts: 0, adopted: 0, declined: 0, replyDays: [] };
        const decided = c.adopted + c.declined;
        return {
          fiscalYear,
          posts: c.posts,
          adopted: c.adopted,
          adoptionRate: decided > 0 ? c.adopted / decided : null,
          medianDaysToFirstReply: median(c.replyDays),
        };
      }),
    })),
    units: years.map((fiscalYear, i) => {
      const counts = snapshots[i]!.groups;
      const tree = discloseUnitTree(
        units.map((u) => ({
          code: u.code,
          parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
          ownCount: counts[u.code] ?? 0,
        })),
        policy,
        { sensitive: true },
      );
      return {
        fiscalYear,
        cells: units.map((u) => {
          const cell = tree.cells.get(u.code);
          return cell?.shown
            ? { unitCode: u.code, posts: cell.n, suppressed: false }
            : { unitCode: u.code, posts: null, suppressed: true };
        }),
      };
    }),
  };
}
