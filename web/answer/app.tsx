import { type ReactNode, useEffect, useRef } from 'react';
import type { PublicCampaign, SurveyQuestion } from '../../shared/api/public';
import { forgetLang, type Lang, savedLang } from '../common/lang';
import { useStaffReducer } from '../common/staff-state';
import { type Notice, Shell, Title, useFocusLater } from '../common/staff';
import { checkQuestion, checkQuestions, type Message } from './check';
import { parseFragment } from './invitation';
import { checkKey } from './keys';
import { KeyGroupBox } from './keys-view';
import { leaveBox, takeBox } from '../common/move';
import { MoveSection } from '../common/move-view';
import { blindToken, finalizeToken } from './token';
import {
  type AnswerValue,
  emptyProgress,
  forget,
  keepsCopy,
  load,
  type Progress,
  save,
  storageKey,
} from './storage';
import { type ProblemCode, strings } from './text';
import { EntryPage } from './screens/entry';
import { IntroPage } from './screens/intro';
import { SurveyProblemPage } from './screens/problem';
import { ReceiptPage } from './screens/receipt';
import { StepScreen } from './screens/step';
import { askStatus, FINAL, fetchCampaign, problemOf, sendAnswers, signBlinded } from './requests';
import { initialState, reducer, type Screen, started } from './state';

/** How often an open receipt page asks whether answers held for the next batch are stored. */
const SETTLE_EVERY_MS = 60_000;

interface Invite {
  campaignId: string;
  code: string;
  key: string;
}

/** What a moving box carries between one person's devices: the invitation and everything kept for it. */
interface Moved {
  campaignId: string;
  code: string;
  progress: Progress;
}

export function App() {
  const [state, dispatch] = useStaffReducer(reducer, savedLang(), initialState);
  const { lang, screen, data, progress } = state;
  const s = strings(lang);
  const setLang = (l: Lang) => dispatch({ type: 'lang', lang: l });
  const show = (next: Screen) => dispatch({ type: 'show', screen: next });
  const setNotice = (notice?: Notice<ProblemCode>) => dispatch({ type: 'notice', notice });
  const setBusy = (busy: boolean) => dispatch({ type: 'busy', busy });
  const focusOn = useFocusLater();
  const invite = useRef<Invite>(undefined);
  // The latest progress, for handlers that run after awaits.
  const current = useRef<Progress>(progress);
  // What arrived in a moving box, for a browser that refuses to keep it (private mode).
  const arrived = useRef<Progress>(undefined);
  // The person said this is a shared device: nothing goes into storage (issue 14).
  const shared = useRef(false);

  /** The new progress, kept in this browser where {@link keepsCopy} says so and removed from it where not. */
  const commit = (next: Progress) => {
    current.current = next;
    const inv = invite.current;
    let stored: boolean | undefined;
    if (inv && keepsCopy(next, shared.current)) stored = save(inv.key, next);
    else if (inv) forget(inv.key);
    dispatch({ type: 'progress', progress: next, ...(stored === undefined ? {} : { stored }) });
  };

  const open = async () => {
    dispatch({ type: 'opening' });
    const { campaignId, code } = parseFragment(location.hash);
    if (!campaignId || !code) {
      invite.current = undefined;
      return show({ name: 'entry' });
    }
    show({ name: 'loading' });
    if (!globalThis.crypto?.subtle) {
      // No WebCrypto: a very old browser, or the page was not served over HTTPS.
      return show({ name: 'problem', notice: { problem: 'other' } });
    }
    const key = await storageKey(campaignId, code);
    invite.current = { campaignId, code, key };
    const saved = load(key) ?? arrived.current ?? emptyProgress();
    current.current = saved;
    dispatch({ type: 'loading', progress: saved });
    // The code goes in the body, never in the URL (DESIGN §3, A7).
    const res = await fetchCampaign(campaignId, code);
    if (!res.ok) {
      const problem = problemOf(res);
      return show({
        name: 'problem',
        notice: { problem, ...(FINAL.has(problem) ? {} : { retry: open }) },
        enterCode: problem === 'unknown_code',
      });
    }
    // A4: the key must be on the published list, fingerprint and all, before anything else happens.
    const keyCheck = await checkKey(res.body);
    if (!keyCheck.ok) {
      // The list could not be read: try again. A key not on it, or another fingerprint: stop here.
      const notice: Notice<ProblemCode> =
        keyCheck.reason === 'unavailable'
          ? { problem: keyCheck.status === 0 ? 'network' : 'unavailable', retry: open }
          : { problem: 'key_not_listed' };
      return show({ name: 'problem', notice });
    }
    dispatch({ type: 'loaded', data: res.body });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: opened once, then on every new fragment; `open` reads refs.
  useEffect(() => {
    open();
    addEventListener('hashchange', open);
    return () => removeEventListener('hashchange', open);
  }, []);

  /** Sends the saved answers with the token: on submit, and again when the server no longer holds them. */
  const send = (p: Progress) => sendAnswers(invite.current!.campaignId, data?.survey, p);

  /**
   * Answers that were received but not yet stored are held by the server until
   * its next batch: ask where they are; if the server no longer knows them
   * (a restart lost its buffer), send them again. The copy in this browser is
   * kept until the answer is "stored".
   */
  const settle = async () => {
    const p = current.current;
    if (!invite.current || !p.receipt || p.unsent || p.stored || !p.pending || !p.signature) return;
    const res = await askStatus(invite.current.campaignId, p.pending.token);
    if (!res.ok || current.current !== p) return;
    if (res.body.status === 'stored') return commit({ ...p, stored: true });
    if (res.body.status === 'unknown') {
      const again = await send(p);
      if (again.ok && current.current === p)
        commit({ ...p, receipt: again.body.receipt, stored: again.body.status === 'stored' });
    }
  };

  // While the receipt shows answers not yet stored: check on opening and every minute.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `settle` reads refs.
  useEffect(() => {
    if (screen.name !== 'receipt' || !data || progress.stored || progress.unsent) return;
    settle();
    const timer = setInterval(settle, SETTLE_EVERY_MS);
    return () => clearInterval(timer);
  }, [screen.name, data, progress.stored, progress.unsent]);

  if (screen.name === 'loading' || (!data && ['intro', 'step', 'receipt'].includes(screen.name))) {
    return (
      <Shell lang={lang} text={s} setLang={setLang}>
        <p role="status">{s.loading}</p>
      </Shell>
    );
  }

  const fail = (problem: ProblemCode, retry: () => void) => {
    if (FINAL.has(problem)) show({ name: 'problem', notice: { problem } });
    else {
      setNotice({ problem, retry });
      focusOn('notice');
    }
  };

  const go = (step: number, focusId?: string, fromReview?: boolean) => {
    commit({ ...current.current, step });
    dispatch({ type: 'steps', ...(fromReview === undefined ? {} : { fromReview }) });
    focusOn(focusId);
  };

  /** The token dance of DESIGN §3: blind, have it signed, unblind. Retries send the same blinded message. */
  const obtainToken = async (c: PublicCampaign, inv: Invite): Promise<ProblemCode | undefined> => {
    try {
      let pending = current.current.pending;
      if (!pending) {
        pending = await blindToken(c.publicKey);
        commit({ ...current.current, pending });
      }
      const res = await signBlinded(inv.code, pending.blinded);
      if (!res.ok) return problemOf(res);
      try {
        const signature = await finalizeToken(c.publicKey, pending, res.body.blindSignature);
        commit({ ...current.current, keyId: res.body.keyId, signature });
      } catch {
        return 'bad_signature';
      }
    } catch {
      // The browser lacks WebCrypto or BigInt (a very old browser, or a page not served over HTTPS).
      return 'other';
    }
  };

  // The token is taken when the answers are sent, not when answering starts: reading on one
  // device and answering on another needs nothing moved (issue 19).
  const start = () => {
    setNotice(undefined);
    go(current.current.step);
  };

  /** On a shared device: forget anything kept (the language too) and keep nothing from here on. */
  const startShared = () => {
    shared.current = true;
    dispatch({ type: 'shared' });
    forgetLang();
    if (invite.current) forget(invite.current.key);
    start();
  };

  /** Seals the invitation and what this browser keeps for it into a moving box (web/common/move.ts). */
  const moveAway = () =>
    leaveBox('answer', {
      campaignId: invite.current!.campaignId,
      code: invite.current!.code,
      progress: current.current,
    } satisfies Moved);

  /** A transfer code typed on the entry page: take the box, keep what it holds, open its invitation. */
  const receive = async (code: string) => {
    const got = await takeBox<Moved>('answer', code);
    if ('problem' in got) return got.problem;
    const { campaignId, code: invitation, progress: moved } = got.content;
    if (!moved?.answers) return 'missing';
    arrived.current = moved;
    save(await storageKey(campaignId, invitation), moved);
    location.hash = `${encodeURIComponent(campaignId)}/${invitation}`;
  };

  const sections = data?.survey.sections ?? [];
  const aboutStep = sections.length;
  const reviewStep = aboutStep + 1;

  /** Shows errors on the first section that has one, focused. */
  const showErrors = (found: Map<string, Message>) => {
    // Found on sending: after fixing, the way leads back to the review.
    dispatch({ type: 'errors', errors: found, fromReview: true });
    const first = [...found.keys()][0];
    const at = sections.findIndex((x) => x.questions.some((q) => q.id === first));
    go(Math.max(0, at), `q-${first}`);
  };

  const submit = async () => {
    if (!data || !invite.current) return;
    const p = current.current;
    const questions = sections.flatMap((x) => x.questions);
    const found = checkQuestions(questions, p.answers);
    if (found.size > 0) return showErrors(found);
    setBusy(true);
    setNotice(undefined);
    if (!p.signature) {
      const problem = await obtainToken(data, invite.current);
      if (problem) {
        setBusy(false);
        return fail(problem, submit);
      }
    }
    const known = new Set(questions.map((q) => q.id));
    const res = await send(current.current);
    setBusy(false);
    if (res.ok) {
      const replaced = !!current.current.receipt;
      commit({
        ...current.current,
        receipt: res.body.receipt,
        unsent: false,
        stored: res.body.status === 'stored',
      });
      dispatch({ type: 'submitted', replaced });
      return focusOn();
    }
    const problem = problemOf(res);
    if (problem === 'invalid_answers') {
      const list = (res.body as { errors?: Array<{ questionId: string; message: Message }> }).errors ?? [];
      const found = new Map(
        list.filter((e) => known.has(e.questionId)).map((e) => [e.questionId, e.message]),
      );
      if (found.size > 0) {
        showErrors(found);
        return setNotice({ problem });
      }
    }
    if (problem === 'invalid_attributes') {
      go(aboutStep);
      return setNotice({ problem });
    }
    fail(problem, submit);
  };

  const change = (q: SurveyQuestion, value: AnswerValue | undefined) => {
    const answers = { ...current.current.answers };
    if (value === undefined) delete answers[q.id];
    else answers[q.id] = value;
    commit({ ...current.current, answers, unsent: !!current.current.receipt, stored: false });
    if (state.errors.has(q.id)) {
      const next = new Map(state.errors);
      const message = checkQuestion(q, value);
      if (message) next.set(q.id, message);
      else next.delete(q.id);
      dispatch({ type: 'errors', errors: next });
    }
  };

  const attribute = (id: string, value: string) =>
    commit({
      ...current.current,
      attributes: { ...current.current.attributes, [id]: value },
      unsent: !!current.current.receipt,
    });

  const next = (step: number) => {
    const section = sections[step];
    if (section) {
      const found = checkQuestions(section.questions, current.current.answers);
      dispatch({ type: 'errors', errors: found });
      if (found.size > 0) return focusOn(`q-${[...found.keys()][0]}`);
    }
    dispatch({ type: 'leave' });
    go(section && !state.fromReview ? step + 1 : reviewStep);
  };

  const back = (step: number) => {
    dispatch({ type: 'leave' });
    if (step > 0) return go(step - 1);
    show({ name: 'intro' });
    focusOn();
  };

  let body: ReactNode;
  let more: ReactNode;
  switch (screen.name) {
    case 'entry':
      body = <EntryPage lang={lang} onMove={receive} />;
      break;
    case 'problem':
      body = (
        <SurveyProblemPage
          lang={lang}
          notice={screen.notice}
          receipt={progress.receipt}
          onEnterCode={screen.enterCode ? () => show({ name: 'entry' }) : undefined}
        />
      );
      break;
    case 'forgotten':
      body = <Title>{s.forgotten}</Title>;
      break;
    case 'intro':
      if (started(progress)) more = <MoveSection lang={lang} where="/answer/" make={moveAway} />;
      body = (
        <IntroPage
          lang={lang}
          data={data!}
          busy={state.busy}
          notice={state.notice}
          started={started(progress)}
          onStart={start}
          onStartShared={startShared}
          keyGroup={<KeyGroupBox lang={lang} data={data!} />}
        />
      );
      break;
    case 'receipt':
      body = (
        <ReceiptPage
          move={<MoveSection lang={lang} where="/answer/" make={moveAway} />}
          lang={lang}
          receipt={progress.receipt ?? ''}
          closesAt={data!.campaign.closesAt}
          replaced={!!screen.replaced}
          stored={!!progress.stored}
          shared={state.shared}
          kept={!!progress.kept}
          onChange={() => go(reviewStep, undefined, true)}
          onKeep={() => {
            commit({ ...current.current, kept: true });
            focusOn('kept');
          }}
          onForget={() => {
            if (invite.current) forget(invite.current.key);
            // Nothing of the answers stays on the screen either (the next person at a shared device).
            current.current = emptyProgress();
            dispatch({ type: 'progress', progress: current.current });
            show({ name: 'forgotten' });
            focusOn();
          }}
        />
      );
      break;
    case 'step':
      if (progress.step === reviewStep) more = <MoveSection lang={lang} where="/answer/" make={moveAway} />;
      body = (
        <StepScreen
          lang={lang}
          data={data!}
          state={state}
          onChange={change}
          onAttribute={attribute}
          onNext={next}
          onBack={back}
          onEdit={(i) => {
            dispatch({ type: 'leave' });
            go(i, undefined, true);
          }}
          onSubmit={submit}
        />
      );
      break;
  }

  return (
    <Shell lang={lang} text={s} setLang={setLang}>
      {!state.stored && <p className="problem">{s.noStorage}</p>}
      {state.shared && screen.name === 'step' && <p className="hint">{s.sharedMode}</p>}
      {body}
      {more}
    </Shell>
  );
}
