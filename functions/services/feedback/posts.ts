import { createHash } from 'node:crypto';
import type { FeedbackPostCreate } from '../../../shared/api/feedback';
import { maskPersonalData } from '../../../shared/text/mask';
import { decodeBase64Url, tokenHash, verifyToken } from '../../crypto';
import type { AppDeps } from '../../deps';
import type { PostRecord } from '../../store/feedback';
import { DomainError } from '../errors';
import { postBuffer } from '../post-buffer';
import { receiptHash, today } from './common';

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
    pillarId: input.pillarId ?? null,
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
