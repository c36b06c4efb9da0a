import { type Dispatch, type Reducer, useEffect, useReducer } from 'react';
import { applyLang, type Lang } from './lang';
import type { Notice } from './staff';

/**
 * What the state of both staff apps has in common, and the actions on it.
 * Each app's reducer (answer/state.ts, feedback/state.ts) handles its own
 * actions and passes these here.
 */
export interface StaffState<S, P extends string> {
  lang: Lang;
  /** The screen that shows. */
  screen: S;
  notice?: Notice<P> | undefined;
  /** A request is under way: its button says so and waits. */
  busy: boolean;
  /** This browser keeps what the page saves (false: storage is full or switched off). */
  stored: boolean;
}

export type StaffAction<S, P extends string> =
  | { type: 'lang'; lang: Lang }
  | { type: 'show'; screen: S }
  | { type: 'busy'; busy: boolean }
  | { type: 'notice'; notice?: Notice<P> | undefined };

export function staffReducer<T extends StaffState<S, P>, S, P extends string>(
  state: T,
  action: StaffAction<S, P>,
): T {
  switch (action.type) {
    case 'lang':
      return { ...state, lang: action.lang };
    case 'show':
      return { ...state, screen: action.screen };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'notice':
      return { ...state, notice: action.notice };
  }
}

/** An app's state machine; the page's language follows the state's. */
export function useStaffReducer<T extends StaffState<unknown, string>, A, I>(
  reducer: Reducer<T, A>,
  arg: I,
  init: (arg: I) => T,
): [T, Dispatch<A>] {
  const [state, dispatch] = useReducer(reducer, arg, init);
  useEffect(() => {
    applyLang(state.lang);
  }, [state.lang]);
  return [state, dispatch];
}
