import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { PublicCampaign, SurveyQuestion } from '../../shared/api/public';
import { requestJson } from '../common/http';
import { applyLang, type Lang, savedLang } from '../common/lang';
import { ProblemPage, Shell, Title } from '../common/staff';
import { checkQuestion, checkQuestions, type Message } from './check';
import { parseFragment } from './invitation';
import { checkKey } from './keys';
import { KeyGroupBox } from './keys-view';
import { blindToken, finalizeToken } from './token';
import { type AnswerValue, emptyProgress, forget, load, type Progress, save, storageKey } from './storage';
import { type ProblemCode, strings } from './text';
import {
  AboutYouPage,
  EntryPage,
  IntroPage,
  type Notice,
  ProgressBar,
  ReceiptPage,
  ReviewPage,
  SectionPage,
} from './views';

type Screen =
  | { name: 'loading' }
  | { name: 'entry'; campaignId?: string | undefined }
  | { name: 'problem'; notice: Notice; enterCode?: boolean }
  | { name: 'intro' }
  | { name: 'step' }
  | { name: 'receipt'; replaced?: boolean }
  | { name: 'forgotten' };

/** How often an open receipt page asks whether answers held for the next batch are stored. */
const SETTLE_EVERY_MS = 60_000;

/** Problems that trying again cannot fix: they get a page of their own. */
const FINAL = new Set<ProblemCode>([
  'unknown_code',
  'code_used',
  'campaign_not_open',
  'campaign_closed',
  'key_not_listed',
]);

function problemOf(res: { status: number; code: string }): ProblemCode {
  if (res.status === 0) return 'network';
  if (res.status === 404) return 'unknown_code';
  if (res.status === 429 || res.status >= 502) return 'unavailable';
  const known: readonly string[] = [
    'code_used',
    'campaign_not_open',
    'campaign_closed',
    'bad_signature',
    'invalid_answers',
    'invalid_attributes',
  ];
  return known.includes(res.code) ? (res.code as ProblemCode) : 'other';
}

interface Invite {
  campaignId: string;
  code: string;
  key: string;
}

export function App() {
  const [lang, setLang] = useState<Lang>(savedLang);
  const s = strings(lang);
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [data, setData] = useState<PublicCampaign>();
  const [progress, setProgress] = useState<Progress>(emptyProgress);
  const [errors, setErrors] = useState<Map<string, Message>>(() => new Map());
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [resumed, setResumed] = useState(false);
  const [fromReview, setFromReview] = useState(false);
  const [stored, setStored] = useState(true);
  const [focus, setFocus] = useState<{ id?: string }>();
  const invite = useRef<Invite>(undefined);
  // The latest progress, for handlers that run after awaits.
  const current = useRef<Progress>(progress);

  const commit = (next: Progress) => {
    current.current = next;
    setProgress(next);
    if (invite.current) setStored(save(invite.current.key, next));
  };

  /** Moves focus after the next render: to an element, or to the page's heading. */
  const focusOn = (id?: string) => setFocus(id ? { id } : {});
  useEffect(() => {
    if (!focus) return;
    const el = document.getElementById(focus.id ?? '') ?? document.querySelector('h1');
    const target =
      el instanceof HTMLFieldSetElement
        ? (el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>('input'))
        : el;
    target?.focus();
    if (!focus.id) scrollTo(0, 0);
  }, [focus]);

  useEffect(() => {
    applyLang(lang);
  }, [lang]);

  const open = async () => {
    setNotice(undefined);
    setErrors(new Map());
    const { campaignId, code } = parseFragment(location.hash);
    if (!campaignId || !code) {
      invite.current = undefined;
      setScreen({ name: 'entry', campaignId });
      return;
    }
    setScreen({ name: 'loading' });
    if (!globalThis.crypto?.subtle) {
      // No WebCrypto: a very old browser, or the page was not served over HTTPS.
      setScreen({ name: 'problem', notice: { problem: 'other' } });
      return;
    }
    const key = await storageKey(campaignId, code);
    invite.current = { campaignId, code, key };
    const saved = load(key) ?? emptyProgress();
    current.current = saved;
    setProgress(saved);
    // The code goes in the body, never in the URL (DESIGN §3, A7).
    const res = await requestJson<PublicCampaign>(`/api/public/campaigns/${encodeURIComponent(campaignId)}`, {
      code,
    });
    if (!res.ok) {
      const problem = problemOf(res);
      setScreen({
        name: 'problem',
        notice: { problem, ...(FINAL.has(problem) ? {} : { retry: open }) },
        enterCode: problem === 'unknown_code',
      });
      return;
    }
    // A4: the key must be on the published list, fingerprint and all, before anything else happens.
    const keyCheck = await checkKey(res.body);
    if (!keyCheck.ok) {
      // The list could not be read: try again. A key not on it, or another fingerprint: stop here.
      const notice: Notice =
        keyCheck.reason === 'unavailable'
          ? { problem: keyCheck.status === 0 ? 'network' : 'unavailable', retry: open }
          : { problem: 'key_not_listed' };
      setScreen({ name: 'problem', notice });
      return;
    }
    setData(res.body);
    // Sent and unchanged: the receipt. Changes not yet sent reopen where they were being made.
    if (saved.receipt && !saved.unsent) setScreen({ name: 'receipt' });
    else if (saved.signature) {
      setResumed(saved.step > 0);
      setFromReview(!!saved.unsent);
      setScreen({ name: 'step' });
    } else setScreen({ name: 'intro' });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: opened once, then on every new fragment; `open` reads refs.
  useEffect(() => {
    open();
    addEventListener('hashchange', open);
    return () => removeEventListener('hashchange', open);
  }, []);

  /** Sends the saved answers with the token: on submit, and again when the server no longer holds them. */
  const send = (p: Progress) => {
    const known = new Set((data?.survey.sections ?? []).flatMap((x) => x.questions).map((q) => q.id));
    return requestJson<{ receipt: string; status: 'pending' | 'stored' }>('/api/public/responses', {
      campaignId: invite.current!.campaignId,
      keyId: p.keyId,
      token: p.pending!.token,
      signature: p.signature,
      attributes: Object.fromEntries(Object.entries(p.attributes).filter(([, v]) => v)),
      answers: Object.fromEntries(Object.entries(p.answers).filter(([id]) => known.has(id))),
    });
  };

  /**
   * Answers that were received but not yet stored are held by the server until
   * its next batch: ask where they are; if the server no longer knows them
   * (a restart lost its buffer), send them again. The copy in this browser is
   * kept until the answer is "stored".
   */
  const settle = async () => {
    const p = current.current;
    if (!invite.current || !p.receipt || p.unsent || p.stored || !p.pending || !p.signature) return;
    const res = await requestJson<{ status: 'pending' | 'stored' | 'unknown' }>(
      '/api/public/responses/status',
      {
        campaignId: invite.current.campaignId,
        token: p.pending.token,
      },
    );
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
    if (FINAL.has(problem)) setScreen({ name: 'problem', notice: { problem } });
    else {
      setNotice({ problem, retry });
      focusOn('notice');
    }
  };

  const go = (step: number, focusId?: string) => {
    commit({ ...current.current, step });
    setScreen({ name: 'step' });
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
      const res = await requestJson<{ keyId: string; blindSignature: string }>('/api/public/tokens', {
        code: inv.code,
        blindedMessage: pending.blinded,
      });
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

  const start = async () => {
    if (!data || !invite.current) return;
    setNotice(undefined);
    if (!current.current.signature) {
      setBusy(true);
      const problem = await obtainToken(data, invite.current);
      setBusy(false);
      if (problem) return fail(problem, start);
    }
    go(current.current.step);
  };

  const sections = data?.survey.sections ?? [];
  const aboutStep = sections.length;
  const reviewStep = aboutStep + 1;

  /** Shows errors on the first section that has one, focused. */
  const showErrors = (found: Map<string, Message>) => {
    setErrors(found);
    // Found on sending: after fixing, the way leads back to the review.
    setFromReview(true);
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
    if (!p.pending || !p.signature || !p.keyId) return start();
    setBusy(true);
    setNotice(undefined);
    const known = new Set(questions.map((q) => q.id));
    const res = await send(p);
    setBusy(false);
    if (res.ok) {
      const replaced = !!current.current.receipt;
      commit({
        ...current.current,
        receipt: res.body.receipt,
        unsent: false,
        stored: res.body.status === 'stored',
      });
      setFromReview(false);
      setScreen({ name: 'receipt', replaced });
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
    if (errors.has(q.id)) {
      const next = new Map(errors);
      const message = checkQuestion(q, value);
      if (message) next.set(q.id, message);
      else next.delete(q.id);
      setErrors(next);
    }
  };

  const leave = () => {
    setResumed(false);
    setNotice(undefined);
  };

  let body: ReactNode;
  switch (screen.name) {
    case 'entry':
      body = <EntryPage lang={lang} campaignId={screen.campaignId} />;
      break;
    case 'problem':
      body = (
        <ProblemPage
          notice={screen.notice}
          extra={progress.receipt && <p className="ok">{s.receivedBefore(progress.receipt)}</p>}
        >
          {screen.enterCode && (
            <button
              type="button"
              className="secondary"
              onClick={() => setScreen({ name: 'entry', campaignId: invite.current?.campaignId })}
            >
              {s.enterCode}
            </button>
          )}
        </ProblemPage>
      );
      break;
    case 'forgotten':
      body = <Title>{s.forgotten}</Title>;
      break;
    case 'intro':
      body = (
        <IntroPage
          lang={lang}
          data={data!}
          busy={busy}
          notice={notice}
          started={!!progress.signature}
          onStart={start}
          keyGroup={<KeyGroupBox lang={lang} data={data!} />}
        />
      );
      break;
    case 'receipt':
      body = (
        <ReceiptPage
          lang={lang}
          receipt={progress.receipt ?? ''}
          closesAt={data!.campaign.closesAt}
          replaced={!!screen.replaced}
          stored={!!progress.stored}
          onChange={() => {
            setFromReview(true);
            go(reviewStep);
          }}
          onForget={() => {
            if (invite.current) forget(invite.current.key);
            setScreen({ name: 'forgotten' });
            focusOn();
          }}
        />
      );
      break;
    case 'step': {
      const step = Math.min(progress.step, reviewStep);
      const next = fromReview ? s.toReview : s.next;
      const back = () => {
        leave();
        if (step === 0) {
          setScreen({ name: 'intro' });
          focusOn();
        } else go(step - 1);
      };
      let page: ReactNode;
      if (step < aboutStep) {
        const section = sections[step]!;
        page = (
          <SectionPage
            lang={lang}
            section={section}
            sensitiveMin={data!.campaign.sensitiveMinGroupSize}
            answers={progress.answers}
            errors={errors}
            primary={next}
            onChange={change}
            onBack={back}
            onNext={() => {
              const found = checkQuestions(section.questions, current.current.answers);
              setErrors(found);
              if (found.size > 0) return focusOn(`q-${[...found.keys()][0]}`);
              leave();
              go(fromReview ? reviewStep : step + 1);
            }}
          />
        );
      } else if (step === aboutStep) {
        page = (
          <AboutYouPage
            lang={lang}
            attributes={data!.survey.attributes}
            values={progress.attributes}
            primary={fromReview ? s.toReview : s.next}
            onChange={(id, value) =>
              commit({
                ...current.current,
                attributes: { ...current.current.attributes, [id]: value },
                unsent: !!current.current.receipt,
              })
            }
            onBack={back}
            onNext={() => {
              leave();
              go(reviewStep);
            }}
          />
        );
      } else {
        page = (
          <ReviewPage
            lang={lang}
            survey={data!.survey}
            progress={progress}
            busy={busy}
            notice={notice}
            onEdit={(i) => {
              leave();
              setFromReview(true);
              go(i);
            }}
            onSubmit={submit}
            onBack={back}
          />
        );
      }
      body = (
        <>
          <ProgressBar lang={lang} at={step + 1} of={reviewStep + 1} />
          {resumed && <p className="ok">{s.resumed}</p>}
          {progress.unsent && <p className="note">{s.unsent}</p>}
          {notice && step !== reviewStep && (
            <div className="problem" role="alert" id="notice" tabIndex={-1}>
              <h2>{s.problems[notice.problem].title}</h2>
              <p>{s.problems[notice.problem].body}</p>
            </div>
          )}
          {page}
        </>
      );
      break;
    }
  }

  return (
    <Shell lang={lang} text={s} setLang={setLang}>
      {!stored && <p className="problem">{s.noStorage}</p>}
      {body}
    </Shell>
  );
}
