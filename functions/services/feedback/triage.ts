import type { FeedbackTriagePost } from '../../../shared/api/feedback';
import type { AppDeps } from '../../deps';
import type { PostRecord } from '../../store/feedback';
import { DomainError } from '../errors';
import { savePostAndBoard } from './board';
import { newId, threadView, today } from './common';

/** HR's side of posts: the triage board, status and assignment, internal notes and replies. */

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
  change: {
    status?: PostRecord['status'];
    assignedUnitCode?: string | null;
    pillarId?: PostRecord['pillarId'] | undefined;
    published?: boolean;
  },
): Promise<FeedbackTriagePost> {
  const post = await postForHr(deps, postId);
  if (change.assignedUnitCode && !(await deps.store.directory.getUnit(change.assignedUnitCode))) {
    throw new DomainError('invalid', 'unknown_unit', `unit ${change.assignedUnitCode} does not exist`);
  }
  const next = { ...post };
  if (change.status) next.status = change.status;
  if (change.assignedUnitCode !== undefined) next.assignedUnitCode = change.assignedUnitCode;
  if (change.pillarId !== undefined) next.pillarId = change.pillarId;
  if (change.published !== undefined) next.published = change.published;
  return triageView(await savePostAndBoard(deps, next));
}

export async function addNote(
  deps: AppDeps,
  postId: string,
  author: string,
  body: string,
): Promise<FeedbackTriagePost> {
  const post = await postForHr(deps, postId);
  return triageView(
    await savePostAndBoard(deps, {
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
  return triageView(await savePostAndBoard(deps, { ...post, messages, status }));
}
