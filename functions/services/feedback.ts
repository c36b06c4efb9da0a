import { createHash, randomBytes } from 'node:crypto';
import type {
  FeedbackBoardPost,
  FeedbackIndicators,
  FeedbackPostCreate,
  FeedbackRedeem,
  FeedbackThread,
  FeedbackTriagePost,
} from '../../shared/api/feedback';
import { FEEDBACK_BATCH_SIZE } from '../../shared/api/feedback';
import { discloseUnitTree, policyFrom } from '../../shared/disclosure';
import { PILLAR_IDS } from '../../shared/plan/ids';
import { maskPersonalData } from '../../shared/text/mask';
import { jstDay } from '../../shared/time/fiscal-year';
import type { AppDeps } from '../api/deps';
import { HttpError } from '../api/http-error';
import {
  blindSign,
  codeHash,
  decodeBase64Url,
  encodeBase64Url,
  formatInvitationCode,
  generateUnitKey,
  invitationCode,
  newCampaignSecret,
  tokenHash,
  unwrapPrivateKey,
  verifyToken,
} from '../crypto';
import type { FeedbackKeyRecord, FeedbackLedgerEntry, PostRecord } from '../store/feedback';
import { postBuffer } from './post-buffer';

const today = (deps: AppDeps) => jstDay(deps.now?.() ?? new Date());
const newId = () => randomBytes(6).toString('hex');

/**
 * A year's feedback set-up, made once: a wrapped secret for the codes and one
 * RSA-2048 key per unit, so a post proves its unit without saying who.
 */
export async function ensureFeedbackYear(deps: AppDeps, fiscalYear: number) {
  const { feedback } = deps.store;
  const year =
    (await feedback.getYear(fiscalYear)) ??
    (await feedback.createYear({
      fiscalYear,
      secret: await deps.keys.wrap(newCampaignSecret(), `feedback/${fiscalYear}`),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
    }));
  const units = await deps.store.directory.listUnits();
  const have = new Set((await feedback.listKeys(fiscalYear)).map((k) => k.unitCode));
  const missing = units.filter((u) => !have.has(u.code));
  const keys: FeedbackKeyRecord[] = [];
  for (let i = 0; i < missing.length; i += 8) {
    keys.push(
      ...(await Promise.all(
        missing.slice(i, i + 8).map(async (unit) => {
          const key = await generateUnitKey();
          return {
            fiscalYear,
            unitCode: unit.code,
            keyId: key.keyId,
            publicKeySpki: key.publicKeySpki,
            wrappedPrivateKey: await deps.keys.wrap(
              key.privateKeyPkcs8,
              `feedback/${fiscalYear}/${unit.code}`,
            ),
          };
        }),
      )),
    );
  }
  await feedback.putKeys(keys);
  return year;
}

export function feedbackUrl(baseUrl: string, fiscalYear: number, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/feedback/#${fiscalYear}/${code}`;
}

/** One yearly feedback code per person on the roster, derived so HR can print them again. */
export async function feedbackCodes(deps: AppDeps, fiscalYear: number) {
  const year = await ensureFeedbackYear(deps, fiscalYear);
  const secret = await deps.keys.unwrap(new Uint8Array(year.secret), `feedback/${fiscalYear}`);
  const staff = await deps.store.directory.listStaff();
  const existing = new Set((await deps.store.feedback.listLedger(fiscalYear)).map((e) => e.staffNo));
  const fresh: FeedbackLedgerEntry[] = [];
  const codes = staff.map((s) => {
    const code = invitationCode(secret, `feedback/${fiscalYear}/${s.staffNo}`);
    if (!existing.has(s.staffNo)) {
      fresh.push({
        codeHash: codeHash(code),
        fiscalYear,
        staffNo: s.staffNo,
        unitCode: s.unitCode,
        state: 'invited',
      });
    }
    return {
      staffNo: s.staffNo,
      unitCode: s.unitCode,
      code: formatInvitationCode(code),
      url: feedbackUrl(deps.config.publicBaseUrl, fiscalYear, code),
    };
  });
  await deps.store.feedback.addLedgerEntries(fresh);
  return codes;
}

async function entryFor(deps: AppDeps, code: string): Promise<FeedbackLedgerEntry> {
  const entry = await deps.store.feedback.getLedgerEntry(codeHash(code));
  if (!entry) throw new HttpError(404, 'unknown_code', 'this feedback code is not valid');
  return entry;
}

async function keyOfUnit(deps: AppDeps, fiscalYear: number, unitCode: string): Promise<FeedbackKeyRecord> {
  const key = (await deps.store.feedback.listKeys(fiscalYear)).find((k) => k.unitCode === unitCode);
  if (!key) throw new HttpError(409, 'feedback_not_open', 'feedback is not set up for your unit this year');
  return key;
}

/** The unit key a feedback code's batch will be signed with. */
export async function feedbackKey(deps: AppDeps, code: string) {
  const entry = await entryFor(deps, code);
  const [key, unit] = await Promise.all([
    keyOfUnit(deps, entry.fiscalYear, entry.unitCode),
    deps.store.directory.getUnit(entry.unitCode),
  ]);
  return {
    fiscalYear: entry.fiscalYear,
    keyId: key.keyId,
    publicKey: encodeBase64Url(new Uint8Array(key.publicKeySpki)),
    unit: { code: entry.unitCode, name: unit?.name ?? { ja: entry.unitCode } },
    batchSize: FEEDBACK_BATCH_SIZE,
  };
}

/**
 * Signs a batch of blinded tokens for a feedback code, once. The same batch
 * again gets the same signatures; any other batch is refused.
 */
export async function redeemFeedbackCode(deps: AppDeps, input: FeedbackRedeem) {
  const entry = await entryFor(deps, input.code);
  const key = await keyOfUnit(deps, entry.fiscalYear, entry.unitCode);
  const privateKey = await unwrapPrivateKey(
    deps.keys,
    new Uint8Array(key.wrappedPrivateKey),
    `feedback/${entry.fiscalYear}/${entry.unitCode}`,
    key.keyId,
  );
  const blinded = input.blindedMessages.map(decodeBase64Url);
  const signatures = blinded.map((m) => encodeBase64Url(blindSign(privateKey, m)));
  const batch = createHash('sha256');
  for (const m of blinded) batch.update(m);
  const claim = await deps.store.feedback.claimBatch(codeHash(input.code), batch.digest('base64url'));
  if (claim.kind === 'unknown') throw new HttpError(404, 'unknown_code', 'this feedback code is not valid');
  if (claim.kind === 'used') {
    throw new HttpError(409, 'code_used', 'this feedback code was already used on another device or browser');
  }
  return { fiscalYear: entry.fiscalYear, keyId: key.keyId, blindSignatures: signatures };
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
    throw new HttpError(401, 'bad_signature', 'the feedback token is not valid');
  }
  const hash = tokenHash(token);
  const postId = postIdOf(input.fiscalYear, hash);
  const buffer = postBuffer(deps.store);
  if (
    buffer.holdsToken(input.fiscalYear, hash) ||
    (await deps.store.feedback.isSpent(input.fiscalYear, hash))
  ) {
    throw new HttpError(409, 'token_spent', 'this token has already been used for a post');
  }
  const post: PostRecord = {
    id: postId,
    fiscalYear: input.fiscalYear,
    unitCode: key.unitCode,
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
    throw new HttpError(404, 'not_found', 'no post matches this receipt');
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
  if (!post) throw new HttpError(404, 'not_found', `post ${postId} was not found`);
  return post;
}

export async function updateTriage(
  deps: AppDeps,
  postId: string,
  change: { status?: PostRecord['status']; assignedUnitCode?: string | null; published?: boolean },
): Promise<FeedbackTriagePost> {
  const post = await postForHr(deps, postId);
  if (change.assignedUnitCode && !(await deps.store.directory.getUnit(change.assignedUnitCode))) {
    throw new HttpError(400, 'unknown_unit', `unit ${change.assignedUnitCode} does not exist`);
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
 * Feedback indicators: posts per pillar and year, adoption rate and median
 * days to HR's first reply; posts by unit under disclosure control at
 * k_sensitive, so a small unit's count is never shown.
 */
export async function feedbackIndicators(
  deps: AppDeps,
  from: number,
  to: number,
): Promise<FeedbackIndicators> {
  if (to < from || to - from > 20)
    throw new HttpError(400, 'invalid_request', 'from..to must span 1 to 21 years');
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const units = await deps.store.directory.listUnits();
  const policy = policyFrom();
  const perYear = await Promise.all(years.map((y) => deps.store.feedback.listPosts(y)));
  return {
    years,
    pillars: PILLAR_IDS.map((pillarId) => ({
      pillarId,
      values: years.map((fiscalYear, i) => {
        const posts = perYear[i]!.filter((p) => p.pillarId === pillarId);
        const adopted = posts.filter((p) => p.status === 'adopted').length;
        const decided = adopted + posts.filter((p) => p.status === 'declined').length;
        const replyDays = posts.flatMap((p) => {
          const first = p.messages.find((m) => m.from === 'hr');
          return first ? [daysBetween(p.day, first.day)] : [];
        });
        return {
          fiscalYear,
          posts: posts.length,
          adopted,
          adoptionRate: decided > 0 ? adopted / decided : null,
          medianDaysToFirstReply: median(replyDays),
        };
      }),
    })),
    units: years.map((fiscalYear, i) => {
      const counts = new Map<string, number>();
      for (const p of perYear[i]!) counts.set(p.unitCode, (counts.get(p.unitCode) ?? 0) + 1);
      const known = new Set(units.map((u) => u.code));
      const tree = discloseUnitTree(
        units.map((u) => ({
          code: u.code,
          parentCode: u.parentCode && known.has(u.parentCode) ? u.parentCode : null,
          ownCount: counts.get(u.code) ?? 0,
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
