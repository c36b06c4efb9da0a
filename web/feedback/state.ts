import type { Lang } from '../common/lang';
import type { Notice } from '../common/staff';
import { type StaffAction, type StaffState, staffReducer } from '../common/staff-state';
import type { Route } from './route';
import type { ProblemCode } from './text';
import type { Wallet } from './wallet';

/**
 * The feedback box as a state machine: which screen shows, and what it
 * shows. Everything the page can do is one of the actions below; the work
 * that talks to the server and to storage stays in app.tsx and dispatches them.
 */

/** POST /api/public/feedback/key: the unit key a code's batch is signed with. */
export interface KeyInfo {
  fiscalYear: number;
  keyId: string;
  publicKey: string;
  unit: Wallet['unit'];
  batchSize: number;
  /** The HR development plan's name as stored; absent when no plan is loaded. */
  planName?: Wallet['unit']['name'] | undefined;
}

export type Screen =
  | { name: 'loading' }
  | { name: 'entry'; bad?: boolean | undefined }
  | { name: 'board' }
  | { name: 'actions' }
  | { name: 'problem'; notice: Notice<ProblemCode>; enterCode?: boolean }
  | { name: 'redeem' }
  | { name: 'wallet' }
  | { name: 'forgotten' };

export interface State extends StaffState<Screen, ProblemCode> {
  route: Route;
  /** The open code's tokens and posts, as this browser keeps them. */
  wallet?: Wallet | undefined;
  keyInfo?: KeyInfo | undefined;
  /** The tokens were signed just now: the home page says they are ready. */
  justRedeemed: boolean;
  /** The post was found again after its answer was lost: the sent page says so. */
  recovered: boolean;
}

export type Action =
  | StaffAction<Screen, ProblemCode>
  /** The fragment changed: the notice goes; a place without a code shows at once. */
  | { type: 'route'; route: Route }
  /** The wallet changed; `stored` says whether this browser kept it. */
  | { type: 'wallet'; wallet: Wallet | undefined; stored?: boolean }
  /** Another code opened: its saved wallet, if any. */
  | { type: 'session'; wallet: Wallet | undefined }
  | { type: 'key'; keyInfo: KeyInfo }
  | { type: 'redeemed' }
  | { type: 'recovered'; recovered: boolean }
  | { type: 'forgotten' };

export const initialState = ({ lang, route }: { lang: Lang; route: Route }): State => ({
  lang,
  route,
  screen: { name: 'loading' },
  busy: false,
  stored: true,
  justRedeemed: false,
  recovered: false,
});

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'route': {
      const route = action.route;
      const next = { ...state, route, notice: undefined };
      if (route.name !== 'wallet') return { ...next, screen: route };
      return { ...next, recovered: state.recovered && route.view === 'sent' };
    }
    case 'wallet':
      return {
        ...state,
        wallet: action.wallet,
        stored: action.stored === undefined ? state.stored : action.stored,
      };
    case 'session':
      return { ...state, wallet: action.wallet, justRedeemed: false };
    case 'key':
      return { ...state, keyInfo: action.keyInfo, screen: { name: 'redeem' } };
    case 'redeemed':
      return { ...state, justRedeemed: true, screen: { name: 'wallet' } };
    case 'recovered':
      return { ...state, recovered: action.recovered };
    case 'forgotten':
      return { ...state, wallet: undefined, screen: { name: 'forgotten' } };
    default:
      return staffReducer(state, action);
  }
}
