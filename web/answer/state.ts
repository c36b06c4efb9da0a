import type { PublicCampaign } from '../../shared/api/public';
import type { Lang } from '../common/lang';
import type { Notice } from '../common/staff';
import { type StaffAction, type StaffState, staffReducer } from '../common/staff-state';
import type { Message } from './check';
import { emptyProgress, type Progress } from './storage';
import type { ProblemCode } from './text';

/**
 * The survey page as a state machine: which screen shows, and what it shows.
 * Everything the page can do is one of the actions below; the work that
 * talks to the server and to storage stays in app.tsx and dispatches them.
 */

export type Screen =
  | { name: 'loading' }
  | { name: 'entry' }
  | { name: 'problem'; notice: Notice<ProblemCode>; enterCode?: boolean }
  | { name: 'intro' }
  | { name: 'step' }
  | { name: 'receipt'; replaced?: boolean }
  | { name: 'forgotten' };

export interface State extends StaffState<Screen, ProblemCode> {
  /** The campaign and survey, once the code was accepted and its key checked. */
  data?: PublicCampaign | undefined;
  progress: Progress;
  /** Questions with an answer that does not fit, by question id. */
  errors: Map<string, Message>;
  /** Opened again where the person left off: the first step page says so. */
  resumed: boolean;
  /** Moving on leads back to the review (a change after review, or after an error found on sending). */
  fromReview: boolean;
  /** The person said this is a shared device: nothing is kept in this browser (issue 14). */
  shared: boolean;
}

export type Action =
  | StaffAction<Screen, ProblemCode>
  /** A new fragment: forget what the last one showed. */
  | { type: 'opening' }
  /** The code's saved progress, read before the campaign is. */
  | { type: 'loading'; progress: Progress }
  /** The campaign arrived and its key is listed: continue where the saved progress says. */
  | { type: 'loaded'; data: PublicCampaign }
  /** The progress changed; `stored` says whether this browser kept it. */
  | { type: 'progress'; progress: Progress; stored?: boolean }
  | { type: 'errors'; errors: Map<string, Message>; fromReview?: boolean }
  /** To the step pages (which step is in the progress). */
  | { type: 'steps'; fromReview?: boolean }
  /** Leaving a step page: the "resumed" line and any notice go. */
  | { type: 'leave' }
  | { type: 'submitted'; replaced: boolean }
  /** Answering on a shared device: keep nothing in this browser. */
  | { type: 'shared' };

/** Answering has begun: a token from the earlier flow, a step passed, or an answer given. */
export const started = (p: Progress): boolean =>
  !!p.signature || p.step > 0 || Object.keys(p.answers).length > 0;

export const initialState = (lang: Lang): State => ({
  lang,
  screen: { name: 'loading' },
  progress: emptyProgress(),
  errors: new Map(),
  busy: false,
  resumed: false,
  fromReview: false,
  shared: false,
  stored: true,
});

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'opening':
      return { ...state, notice: undefined, errors: new Map() };
    case 'loading':
      return { ...state, screen: { name: 'loading' }, progress: action.progress };
    case 'loaded': {
      const saved = state.progress;
      const data = action.data;
      // Sent and unchanged: the receipt. Changes not yet sent reopen where they were being made.
      if (saved.receipt && !saved.unsent) return { ...state, data, screen: { name: 'receipt' } };
      if (started(saved))
        return {
          ...state,
          data,
          resumed: saved.step > 0,
          fromReview: !!saved.unsent,
          screen: { name: 'step' },
        };
      return { ...state, data, screen: { name: 'intro' } };
    }
    case 'progress':
      return {
        ...state,
        progress: action.progress,
        stored: action.stored === undefined ? state.stored : action.stored,
      };
    case 'errors':
      return { ...state, errors: action.errors, fromReview: action.fromReview ?? state.fromReview };
    case 'steps':
      return { ...state, fromReview: action.fromReview ?? state.fromReview, screen: { name: 'step' } };
    case 'leave':
      return { ...state, resumed: false, notice: undefined };
    case 'shared':
      return { ...state, shared: true, stored: true };
    case 'submitted':
      return { ...state, fromReview: false, screen: { name: 'receipt', replaced: action.replaced } };
    default:
      return staffReducer(state, action);
  }
}
