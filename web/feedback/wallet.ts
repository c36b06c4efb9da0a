import type { FeedbackKind, FeedbackStatus } from '../../shared/api/feedback';
import { blind, finalize, importPublicKey, prepare } from '../../shared/crypto/blind-rsa-client';
import { fromBase64Url, toBase64Url } from '../../shared/encoding/base64url';
import type { PillarId } from '../../shared/plan/ids';
import { keep, keptKey, readKept, unkeep } from '../common/kept';
import type { Text } from '../common/lang';

/**
 * What this browser keeps for one feedback code (DESIGN §3, a batch instead
 * of one token): the unit's key, the batch of tokens, the posts made with
 * them and a draft. The code itself is never stored; the record's name is
 * the fiscal year and a hash of the code, so two people on one computer keep
 * two wallets.
 */

/** A token before its signature arrives: the prepared message, the blinded message sent, and the inverse. */
export interface Blinded {
  token: string;
  blinded: string;
  inv: string;
}

/** A finished token: the prepared message and its unblinded signature. Spent once a post used it. */
export interface Token {
  token: string;
  signature: string;
  spent?: boolean;
}

/** A post sent from this browser. The receipt is the token it spent, the only proof it is mine. */
export interface MyPost {
  postId: string;
  receipt: string;
  title: string;
  day: string;
  kind: FeedbackKind;
  /** null: left to HR (未分類). */
  pillarId: PillarId | null;
  /** Last seen from the server: the status and how many replies HR has written. */
  status?: FeedbackStatus;
  hrReplies?: number;
  /** HR replies the poster has opened the thread to read. */
  seenReplies?: number;
}

export interface Draft {
  kind?: FeedbackKind;
  pillarId?: PillarId;
  title: string;
  body: string;
  named: boolean;
  displayName: string;
}

export const emptyDraft = (): Draft => ({ title: '', body: '', named: false, displayName: '' });

export interface Wallet {
  fiscalYear: number;
  keyId: string;
  publicKey: string;
  unit: { code: string; name: Text };
  /** Saved before the batch is sent, so a retry sends the very same batch (another one gets 409). */
  batch?: Blinded[];
  tokens: Token[];
  /** The token a post is being sent with: a retry after a lost answer uses it again. */
  sending?: number;
  draft?: Draft;
  posts: MyPost[];
}

export const tokensLeft = (w: Wallet): number => w.tokens.filter((t) => !t.spent).length;

export const walletKey = (fiscalYear: number, code: string): Promise<string> =>
  keptKey(`koe:feedback:${fiscalYear}`, `feedback/${fiscalYear}/${code}`);

export const loadWallet = (key: string): Wallet | undefined =>
  readKept<Wallet>(key, (w) => Array.isArray(w.tokens) && Array.isArray(w.posts));

/** Saves; false when the browser refuses (private mode, full storage). */
export const saveWallet = (key: string, wallet: Wallet): boolean => keep(key, wallet);

export const forgetWallet = (key: string): void => unkeep(key);

/** Makes `count` random tokens and blinds each for the unit's key (SPKI DER, base64url). */
export async function makeBatch(spki: string, count: number): Promise<Blinded[]> {
  const pk = await importPublicKey(fromBase64Url(spki));
  const batch: Blinded[] = [];
  for (let i = 0; i < count; i++) {
    const token = prepare(crypto.getRandomValues(new Uint8Array(32)));
    const { blindedMsg, inv } = await blind(pk, token);
    batch.push({ token: toBase64Url(token), blinded: toBase64Url(blindedMsg), inv: toBase64Url(inv) });
  }
  return batch;
}

/** Unblinds and verifies every signature of the batch; throws when one does not verify. */
export async function finishBatch(
  spki: string,
  batch: Blinded[],
  blindSignatures: string[],
): Promise<Token[]> {
  if (blindSignatures.length !== batch.length) throw new Error('the batch came back incomplete');
  const pk = await importPublicKey(fromBase64Url(spki));
  return Promise.all(
    batch.map(async (b, i) => {
      const signature = await finalize(
        pk,
        fromBase64Url(b.token),
        fromBase64Url(blindSignatures[i]!),
        fromBase64Url(b.inv),
      );
      return { token: b.token, signature: toBase64Url(signature) };
    }),
  );
}

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The id the server gives a post made with this token (it derives the id
 * from the token's hash, so a retry finishes the same post). Used only to
 * find a post whose answer was lost on the way back; when it does not match,
 * the token is simply counted as spent.
 */
export async function postIdOf(fiscalYear: number, token: string): Promise<string> {
  const sha = (data: BufferSource) => crypto.subtle.digest('SHA-256', data);
  const tokenHash = hex(await sha(fromBase64Url(token) as BufferSource));
  return `${fiscalYear}-${hex(await sha(new TextEncoder().encode(`post:${tokenHash}`))).slice(0, 20)}`;
}

/** Marks a token spent, and records the post it made when known. */
export function spendToken(w: Wallet, index: number, post?: MyPost): Wallet {
  const { sending: _done, ...rest } = w;
  return {
    ...rest,
    tokens: w.tokens.map((t, i) => (i === index ? { ...t, spent: true } : t)),
    posts: post && !w.posts.some((p) => p.postId === post.postId) ? [...w.posts, post] : w.posts,
  };
}
