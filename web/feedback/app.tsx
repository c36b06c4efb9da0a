import { type ReactNode, useEffect, useRef } from 'react';
import { jstDay } from '../../shared/time/fiscal-year';
import { type Lang, savedLang } from '../common/lang';
import { useStaffReducer } from '../common/staff-state';
import {
  focusHeadingOnNextPage,
  type Notice,
  ProblemPage,
  Shell,
  Title,
  useFocusLater,
} from '../common/staff';
import { hashFor, parseRoute } from './route';
import { ActionsPage } from './screens/actions';
import { type ProblemCode, problemOf, strings } from './text';
import { BoardPage } from './screens/board';
import { EntryPage } from './screens/entry';
import { RedeemPage } from './screens/redeem';
import type { Seen } from './screens/thread';
import { WalletScreen } from './screens/wallet';
import { leaveBox, takeBox } from '../common/move';
import { MoveSection } from '../common/move-view';
import { fetchKey, findLostPost, isThisDraft, postDraft, redeemBatch } from './requests';
import { initialState, reducer, type Screen } from './state';
import { Nav, ProblemWaysOn } from './views';
import {
  type Draft,
  emptyDraft,
  finishBatch,
  forgetWallet,
  loadWallet,
  type MyPost,
  makeBatch,
  saveWallet,
  spendToken,
  type Wallet,
  walletKey,
} from './wallet';

/** Problems that trying again cannot fix: they get a page of their own. */
const FINAL = new Set<ProblemCode>(['unknown_code', 'code_used', 'feedback_not_open', 'old_browser']);

/** The most tokens the API signs in one batch. */
const MAX_BATCH = 12;

/** What a moving box carries between one person's devices: the code and its wallet. */
interface Moved {
  fiscalYear: number;
  code: string;
  wallet: Wallet;
}

/** The code of the open pages, and where its wallet is stored. */
interface Session {
  fiscalYear: number;
  code: string;
  key: string;
}

export function App() {
  const [state, dispatch] = useStaffReducer(
    reducer,
    { lang: savedLang(), route: parseRoute(location.hash) },
    initialState,
  );
  const { lang, route, screen, wallet, keyInfo, busy, notice } = state;
  const s = strings(lang);
  const setLang = (l: Lang) => dispatch({ type: 'lang', lang: l });
  const setScreen = (next: Screen) => dispatch({ type: 'show', screen: next });
  const setNotice = (next?: Notice<ProblemCode>) => dispatch({ type: 'notice', notice: next });
  const setBusy = (next: boolean) => dispatch({ type: 'busy', busy: next });
  const session = useRef<Session>(undefined);
  // The latest wallet, for handlers that run after awaits.
  const current = useRef<Wallet>(undefined);
  // A wallet that arrived in a moving box, for a browser that refuses to keep it (private mode).
  const arrived = useRef<Moved>(undefined);
  // Only the latest opening of the page may change it.
  const opening = useRef(0);
  const focusLater = useFocusLater();

  const commit = (next: Wallet) => {
    current.current = next;
    dispatch({
      type: 'wallet',
      wallet: next,
      ...(session.current ? { stored: saveWallet(session.current.key, next) } : {}),
    });
  };

  const open = async () => {
    const r = parseRoute(location.hash);
    const turn = ++opening.current;
    dispatch({ type: 'route', route: r });
    if (r.name !== 'wallet') return;
    if (!globalThis.crypto?.subtle) {
      // No WebCrypto: a very old browser, or the page was not served over HTTPS.
      return setScreen({ name: 'problem', notice: { problem: 'old_browser' } });
    }
    const same = session.current?.fiscalYear === r.fiscalYear && session.current.code === r.code;
    if (same && current.current?.tokens.length) return setScreen({ name: 'wallet' });
    setScreen({ name: 'loading' });
    const key = await walletKey(r.fiscalYear, r.code);
    if (turn !== opening.current) return;
    session.current = { fiscalYear: r.fiscalYear, code: r.code, key };
    const moved = arrived.current;
    const saved =
      loadWallet(key) ??
      (moved?.fiscalYear === r.fiscalYear && moved.code === r.code ? moved.wallet : undefined);
    current.current = saved;
    dispatch({ type: 'session', wallet: saved });
    // Redeemed: everything needed is in this browser, no request before showing the page.
    if (saved?.tokens.length) return setScreen({ name: 'wallet' });
    if (saved?.batch) return dispatch({ type: 'key', keyInfo: { ...saved, batchSize: saved.batch.length } });
    const res = await fetchKey(r.code);
    if (turn !== opening.current) return;
    if (!res.ok) {
      const problem = problemOf(res);
      return setScreen({
        name: 'problem',
        notice: { problem, ...(FINAL.has(problem) ? {} : { retry: open }) },
        enterCode: problem === 'unknown_code',
      });
    }
    if (res.body.fiscalYear !== r.fiscalYear) {
      // A link with the wrong year: the code knows its year.
      location.replace(hashFor(res.body.fiscalYear, r.code));
      return;
    }
    dispatch({ type: 'key', keyInfo: res.body });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: opened once, then on every new fragment; `open` reads refs.
  useEffect(() => {
    open();
    const moved = () => {
      focusHeadingOnNextPage();
      open();
    };
    addEventListener('hashchange', moved);
    return () => removeEventListener('hashchange', moved);
  }, []);

  const go = (hash: string) => {
    if (location.hash === hash) open();
    else location.hash = hash;
  };

  /** A code typed by hand: its year comes from the server, then the code's pages open. */
  /** A transfer code typed on the entry page: take the box, keep the wallet, open its code's pages. */
  const receive = async (move: string) => {
    const got = await takeBox<Moved>('feedback', move);
    if ('problem' in got) return got.problem;
    const { fiscalYear, code, wallet: w } = got.content;
    if (!Array.isArray(w?.tokens)) return 'missing';
    arrived.current = got.content;
    saveWallet(await walletKey(fiscalYear, code), w);
    go(hashFor(fiscalYear, code));
  };

  const enterCode = async (code: string) => {
    setBusy(true);
    setNotice(undefined);
    const res = await fetchKey(code);
    setBusy(false);
    if (res.ok) return go(hashFor(res.body.fiscalYear, code));
    const problem = problemOf(res);
    setNotice({ problem, ...(FINAL.has(problem) ? {} : { retry: () => enterCode(code) }) });
    focusLater('notice');
  };

  /** DESIGN §3 for a batch: make and blind the tokens, keep them, have them signed, unblind. */
  const redeem = async () => {
    const info = keyInfo;
    const sess = session.current;
    if (!info || !sess) return;
    setBusy(true);
    setNotice(undefined);
    try {
      let w = current.current;
      if (!w?.batch) {
        const batch = await makeBatch(info.publicKey, Math.min(info.batchSize, MAX_BATCH));
        w = {
          fiscalYear: info.fiscalYear,
          keyId: info.keyId,
          publicKey: info.publicKey,
          unit: info.unit,
          batch,
          tokens: [],
          posts: [],
        };
        // Kept before sending: a retry after a lost answer must send this very batch.
        commit(w);
      }
      const batch = w.batch!;
      const res = await redeemBatch(sess.code, batch);
      if (!res.ok) {
        const problem = problemOf(res);
        if (FINAL.has(problem)) return setScreen({ name: 'problem', notice: { problem } });
        setNotice({ problem, ...(problem === 'invalid' ? {} : { retry: redeem }) });
        return focusLater('notice');
      }
      let tokens: Wallet['tokens'];
      try {
        tokens = await finishBatch(w.publicKey, batch, res.body.blindSignatures);
      } catch {
        setNotice({ problem: 'bad_signature' });
        return focusLater('notice');
      }
      const { batch: _sent, ...rest } = w;
      commit({ ...rest, keyId: res.body.keyId, tokens });
      focusHeadingOnNextPage();
      dispatch({ type: 'redeemed' });
    } catch {
      // WebCrypto or BigInt missing or failing: an old browser.
      setScreen({ name: 'problem', notice: { problem: 'old_browser' } });
    } finally {
      setBusy(false);
    }
  };

  const posted = (w: Wallet, postId: string, wasRecovered: boolean) => {
    commit({ ...w, draft: emptyDraft() });
    dispatch({ type: 'recovered', recovered: wasRecovered });
    go(hashFor(w.fiscalYear, session.current!.code, 'sent', postId));
  };

  /**
   * Sends the draft with one token. A retry after a network failure uses the
   * same token; a token the server reports spent is marked so and the next
   * one is used, unless the post it made turns out to be this very draft.
   */
  const send = async () => {
    setBusy(true);
    setNotice(undefined);
    const fail = (problem: ProblemCode, retry: boolean) => {
      setNotice({ problem, ...(retry ? { retry: send } : {}) });
      focusLater('notice');
    };
    try {
      for (;;) {
        const w = current.current!;
        const d = w.draft ?? emptyDraft();
        const index = w.sending ?? w.tokens.findIndex((t) => !t.spent);
        const token = w.tokens[index];
        if (!token) return fail('no_tokens', false);
        commit({ ...w, sending: index });
        const title = d.title.trim();
        const res = await postDraft(w, token, d);
        if (res.ok) {
          const post: MyPost = {
            postId: res.body.postId,
            receipt: token.token,
            title,
            day: jstDay(),
            kind: d.kind!,
            pillarId: d.pillarId ?? null,
          };
          return posted(spendToken(current.current!, index, post), post.postId, false);
        }
        if (res.status === 409 && res.code === 'token_spent') {
          const lost = await findLostPost(w.fiscalYear, token.token);
          const post: MyPost | undefined = lost && {
            postId: lost.id,
            receipt: token.token,
            title: lost.title,
            day: lost.day,
            kind: lost.kind,
            pillarId: lost.pillarId,
          };
          const next = spendToken(current.current!, index, post);
          commit(next);
          if (lost && isThisDraft(lost, d)) return posted(next, lost.id, true);
          continue;
        }
        if (res.status === 400 || res.status === 401) {
          // Nothing was spent: the next attempt may use the same token with corrected text.
          const { sending: _kept, ...rest } = current.current!;
          commit(rest);
          return fail(problemOf(res), false);
        }
        return fail(problemOf(res), true);
      }
    } catch {
      fail('old_browser', false);
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = (draft: Draft) => {
    if (current.current) commit({ ...current.current, draft });
  };

  const seen = (updates: Map<string, Seen>) => {
    const w = current.current;
    if (!w) return;
    commit({
      ...w,
      posts: w.posts.map((p) => {
        const u = updates.get(p.postId);
        return u
          ? {
              ...p,
              status: u.status,
              hrReplies: u.hrReplies,
              ...(u.read ? { seenReplies: u.hrReplies } : {}),
            }
          : p;
      }),
    });
  };

  const forget = () => {
    if (session.current) forgetWallet(session.current.key);
    current.current = undefined;
    focusHeadingOnNextPage();
    dispatch({ type: 'forgotten' });
  };

  const sess = session.current;
  const redeemed = !!wallet?.tokens.length;
  let nav: Omit<Parameters<typeof Nav>[0], 'lang'> | undefined;
  let body: ReactNode;
  let more: ReactNode;
  switch (screen.name) {
    case 'loading':
      body = <p role="status">{s.loading}</p>;
      break;
    case 'entry':
      body = (
        <EntryPage
          lang={lang}
          badLink={screen.bad}
          busy={busy}
          notice={notice}
          onCode={enterCode}
          onMove={receive}
        />
      );
      break;
    case 'board':
      if (sess && redeemed) nav = { fiscalYear: sess.fiscalYear, code: sess.code, at: 'board' };
      body = <BoardPage lang={lang} withCode={!!(sess && redeemed)} />;
      break;
    case 'actions':
      body = <ActionsPage lang={lang} />;
      break;
    case 'problem':
      body = (
        <ProblemPage notice={screen.notice}>
          <ProblemWaysOn lang={lang} enterCode={!!screen.enterCode} />
        </ProblemPage>
      );
      break;
    case 'forgotten':
      body = <Title>{s.forgotten}</Title>;
      break;
    case 'redeem':
      body = keyInfo && (
        <RedeemPage
          lang={lang}
          fiscalYear={keyInfo.fiscalYear}
          unit={keyInfo.unit}
          planName={keyInfo.planName}
          batchSize={Math.min(keyInfo.batchSize, MAX_BATCH)}
          started={!!wallet?.batch}
          busy={busy}
          notice={notice}
          onRedeem={redeem}
        />
      );
      break;
    case 'wallet':
      if (route.name !== 'wallet' || !wallet || !sess) break;
      nav = { fiscalYear: sess.fiscalYear, code: sess.code, at: route.view };
      body = (
        <WalletScreen
          lang={lang}
          route={route}
          wallet={wallet}
          code={sess.code}
          state={state}
          onForget={forget}
          onDraft={saveDraft}
          onSend={send}
          onSeen={seen}
        />
      );
      if (route.view === 'home')
        more = (
          <MoveSection
            lang={lang}
            where="/feedback/"
            make={() =>
              leaveBox('feedback', {
                fiscalYear: sess.fiscalYear,
                code: sess.code,
                wallet: current.current!,
              } satisfies Moved)
            }
          />
        );
      break;
  }

  return (
    <Shell lang={lang} text={s} setLang={setLang} nav={nav && <Nav lang={lang} {...nav} />}>
      {!state.stored && <p className="problem">{s.noStorage}</p>}
      {/* A new page for every place: its heading is mounted afresh and takes the focus after a move. */}
      <div key={`${screen.name}:${location.hash}`}>
        {body}
        {more}
      </div>
    </Shell>
  );
}
