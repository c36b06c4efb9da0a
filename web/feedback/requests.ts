import type { FeedbackThread } from '../../shared/api/feedback';
import { requestJson } from '../common/http';
import type { KeyInfo } from './state';
import { type Blinded, type Draft, postIdOf, type Token, type Wallet } from './wallet';

/* The feedback box's requests to the public API. */

/** The unit key for a code; the code goes in the body, never in the URL (DESIGN §3, A7). */
export const fetchKey = (code: string) => requestJson<KeyInfo>('/api/public/feedback/key', { code });
const normalise = (text: string) => text.normalize('NFKC').trim();

/** A batch of blinded tokens, signed for a code (DESIGN §3). */
export const redeemBatch = (code: string, batch: Blinded[]) =>
  requestJson<{ fiscalYear: number; keyId: string; blindSignatures: string[] }>(
    '/api/public/feedback/redeem',
    {
      code,
      blindedMessages: batch.map((b) => b.blinded),
    },
  );

/** The draft, posted with one token. */
export const postDraft = (w: Wallet, token: Token, d: Draft) =>
  requestJson<{ postId: string }>('/api/public/feedback/posts', {
    fiscalYear: w.fiscalYear,
    keyId: w.keyId,
    token: token.token,
    signature: token.signature,
    kind: d.kind,
    pillarId: d.pillarId,
    title: d.title.trim(),
    body: d.body.trim(),
    ...(d.named ? { displayName: d.displayName.trim() } : {}),
  });

/** After 409 token_spent: the post this token made, if an earlier answer was lost on the way back. */
export async function findLostPost(fiscalYear: number, token: string): Promise<FeedbackThread | undefined> {
  const postId = await postIdOf(fiscalYear, token);
  const res = await requestJson<FeedbackThread>('/api/public/feedback/thread', { postId, receipt: token });
  return res.ok ? res.body : undefined;
}

/** A post found again is this draft: same kind and pillar, and the same title or text. */
export const isThisDraft = (lost: FeedbackThread, d: Draft) =>
  lost.kind === d.kind &&
  lost.pillarId === (d.pillarId ?? null) &&
  (normalise(lost.title) === normalise(d.title) || normalise(lost.body) === normalise(d.body));
