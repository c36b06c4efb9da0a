import type { FeedbackThread } from '../../../shared/api/feedback';
import { maskPersonalData } from '../../../shared/text/mask';
import { decodeBase64Url } from '../../crypto';
import type { AppDeps } from '../../deps';
import type { PostRecord } from '../../store/feedback';
import { DomainError } from '../errors';
import { postBuffer } from '../post-buffer';
import { newId, receiptHash, threadView, today } from './common';

/** The poster's side of a post, reached with its receipt only. */

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
  if (await postBuffer(deps.store).update(next)) return { ...threadView(next), pending: true };
  return threadView(await deps.store.feedback.savePost(next));
}
