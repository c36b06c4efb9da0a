import { isCode, normaliseCode } from '../../shared/text/invitation-code';
/**
 * Where the page is, from the URL fragment (never sent to a server):
 *
 *   #board                          the board, readable without a code
 *   #actions                        approved workplace action plans (no code, no figures)
 *   #code                           typing a code from a paper slip
 *   #<fiscalYear>/<code>            the feedback code's home: redeem, then tokens left
 *   #<fiscalYear>/<code>/new        write a post
 *   #<fiscalYear>/<code>/posts      my posts
 *   #<fiscalYear>/<code>/posts/<id> one of my posts with HR's replies
 *   #<fiscalYear>/<code>/sent/<id>  the confirmation after posting
 *
 * Anything else is the page for typing a code.
 */

export type View = 'home' | 'new' | 'posts' | 'thread' | 'sent';

export type Route =
  | { name: 'entry'; bad?: boolean }
  | { name: 'board' }
  | { name: 'actions' }
  | { name: 'wallet'; fiscalYear: number; code: string; view: View; postId?: string };

const POST_ID = /^\d{4}-[0-9a-f]{8,40}$/;

export { groupCode } from '../../shared/text/invitation-code';

export function parseRoute(hash: string): Route {
  let text: string;
  try {
    text = decodeURIComponent(hash.replace(/^#\/?/, '')).trim();
  } catch {
    return { name: 'entry', bad: true };
  }
  if (text === '' || text === 'code') return { name: 'entry' };
  if (text === 'board') return { name: 'board' };
  if (text === 'actions') return { name: 'actions' };
  const [year, rawCode, view, postId] = text.split('/');
  const fiscalYear = Number(year);
  const code = normaliseCode(rawCode ?? '');
  if (!/^\d{4}$/.test(year ?? '') || !isCode(code)) return { name: 'entry', bad: true };
  const base = { name: 'wallet' as const, fiscalYear, code };
  if (view === 'new') return { ...base, view: 'new' };
  if (view === 'posts' && postId && POST_ID.test(postId)) return { ...base, view: 'thread', postId };
  if (view === 'posts') return { ...base, view: 'posts' };
  if (view === 'sent' && postId && POST_ID.test(postId)) return { ...base, view: 'sent', postId };
  return { ...base, view: 'home' };
}

/** The fragment for a place in a code's pages. */
export function hashFor(fiscalYear: number, code: string, view: View = 'home', postId?: string): string {
  const base = `#${fiscalYear}/${code}`;
  if (view === 'home') return base;
  if ((view === 'thread' || view === 'sent') && postId)
    return `${base}/${view === 'thread' ? 'posts' : 'sent'}/${postId}`;
  return `${base}/${view === 'thread' ? 'posts' : view}`;
}
