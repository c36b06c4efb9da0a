import { createHash, randomBytes } from 'node:crypto';
import type { FeedbackThread } from '../../../shared/api/feedback';
import { jstDay } from '../../../shared/time/fiscal-year';
import type { AppDeps } from '../../deps';
import type { PostRecord } from '../../store/feedback';

/** Helpers the feedback services share: today's JST day, ids, receipts and the poster's view of a post. */

export const today = (deps: AppDeps) => jstDay(deps.now?.() ?? new Date());

export const newId = () => randomBytes(6).toString('hex');

export const receiptHash = (token: Uint8Array) =>
  createHash('sha256').update('koe-feedback-receipt:').update(token).digest('hex');

export function threadView(post: PostRecord): FeedbackThread {
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
