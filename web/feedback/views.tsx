import type { FeedbackStatus } from '../../shared/api/feedback';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { type Lang, pick } from '../common/lang';
import { composing, type Notice as StaffNotice, ProblemBox, Title } from '../common/staff';
import { isCode, normaliseCode } from '../../shared/text/invitation-code';
import { groupCode, hashFor, type View } from './route';
import { type ProblemCode, type Strings, strings } from './text';
import { type MyPost, tokensLeft, type Wallet } from './wallet';

/**
 * Focus after the next render, so what appears with it (a notice, a field's
 * error) is there to be read out. A group of choices gives it to its first choice.
 */
export function useFocusAfterRender(): (id: string) => void {
  const [target, setTarget] = useState<{ id: string }>();
  useEffect(() => {
    const el = target && document.getElementById(target.id);
    (el instanceof HTMLFieldSetElement ? el.querySelector('input') : el)?.focus();
  }, [target]);
  return (id: string) => setTarget({ id });
}

export type Notice = StaffNotice<ProblemCode>;

/** A problem page's ways on: type a code (when the code was unknown), or read the board. */
export function ProblemWaysOn({ lang, enterCode }: { lang: Lang; enterCode: boolean }) {
  const s = strings(lang);
  return (
    <>
      {enterCode && (
        <a className="button secondary" href="#code">
          {s.enterCode}
        </a>
      )}
      <p>
        <a href="#board">{s.toBoard}</a>
      </p>
    </>
  );
}

/** The menu of a code's pages, with the place shown as current. */
export function Nav(props: { lang: Lang; fiscalYear: number; code: string; at: View | 'board' }) {
  const s = strings(props.lang);
  const items: Array<[View | 'board', string, string]> = [
    ['home', s.navHome, hashFor(props.fiscalYear, props.code)],
    ['new', s.navNew, hashFor(props.fiscalYear, props.code, 'new')],
    ['posts', s.navPosts, hashFor(props.fiscalYear, props.code, 'posts')],
    ['board', s.navBoard, '#board'],
  ];
  const current = props.at === 'thread' ? 'posts' : props.at === 'sent' ? 'new' : props.at;
  return (
    <nav aria-label={s.navLabel}>
      <ul>
        {items.map(([view, label, href]) => (
          <li key={view}>
            <a href={href} aria-current={current === view ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A text field with its label, hint, error and (optionally) a character counter. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  lang: Lang;
  value: string;
  max?: number;
  rows?: number;
  onChange(value: string): void;
  onKeyDown?: (e: KeyboardEvent<HTMLInputElement>) => void;
  input?: Partial<Record<'autoComplete' | 'autoCapitalize', string>> & { spellCheck?: boolean };
}) {
  const { id, lang, error, max } = props;
  const s = strings(lang);
  const length = props.value.length;
  const described = [
    props.hint && `${id}-hint`,
    max !== undefined && `${id}-count`,
    error && `${id}-error`,
  ].filter(Boolean);
  const common = {
    id,
    name: id,
    value: props.value,
    'aria-invalid': !!error,
    'aria-describedby': described.join(' ') || undefined,
  };
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id} className="label">
        {props.label}
      </label>
      {props.hint && (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{s.errorPrefix}</span>
          {error}
        </p>
      )}
      {props.rows ? (
        <textarea {...common} rows={props.rows} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          {...props.input}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={props.onKeyDown}
        />
      )}
      {max !== undefined && (
        <p id={`${id}-count`} className={length > max ? 'counter over' : 'counter'}>
          {s.count(length, max)}
        </p>
      )}
    </div>
  );
}

/** For a code on paper: type it, and the page checks it with the server before moving on. */
export function EntryPage(props: {
  lang: Lang;
  badLink?: boolean | undefined;
  busy: boolean;
  notice?: Notice | undefined;
  onCode(code: string): void;
}) {
  const { lang } = props;
  const s = strings(lang);
  const [code, setCode] = useState('');
  // The length of a code too short or too long, kept as a number so the words follow the language.
  const [badLength, setBadLength] = useState<number>();
  const focusLater = useFocusAfterRender();
  const go = () => {
    const folded = normaliseCode(code);
    if (!isCode(folded)) {
      setBadLength(folded.length);
      return focusLater('code');
    }
    setBadLength(undefined);
    props.onCode(folded);
  };
  const folded = normaliseCode(code);
  return (
    <>
      <Title>{s.entryTitle}</Title>
      {props.badLink && <p className="note">{s.entryBadLink}</p>}
      <p>{s.entryLead}</p>
      {props.notice && <ProblemBox notice={props.notice} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        <Field
          id="code"
          lang={lang}
          label={s.entryCode}
          hint={s.entryCodeHint}
          error={badLength === undefined ? undefined : s.entryBadCode(badLength)}
          value={code}
          onChange={setCode}
          input={{ autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && composing(e)) e.preventDefault();
          }}
        />
        {isCode(folded) && <p className="hint">{groupCode(folded)}</p>}
        <button type="submit" className="primary" disabled={props.busy} aria-busy={props.busy}>
          {props.busy ? s.entryChecking : s.entryGo}
        </button>
      </form>
      <p className="board-link">
        {s.entryBoard} <a href="#board">{s.toBoard}</a>
      </p>
    </>
  );
}

/** The explanation of DESIGN §3 for a batch, in the order things happen. */
export function HowItWorks({ lang, batchSize }: { lang: Lang; batchSize: number }) {
  const s = strings(lang);
  return (
    <>
      <ol>
        {s.anonSteps(batchSize).map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ol>
      <h3>{s.anonHiddenTitle}</h3>
      <ul>
        {s.anonHidden.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <p>{s.anonKnown}</p>
      <p>{s.anonName}</p>
      <p>{s.anonDevice}</p>
    </>
  );
}

function Meta({ lang, fiscalYear, unit }: { lang: Lang; fiscalYear: number; unit: Wallet['unit'] }) {
  const s = strings(lang);
  return (
    <p className="meta">
      {s.fiscalYear(fiscalYear)}
      {s.sep}
      {s.labelled(s.introUnit, pick(unit.name, lang))}
    </p>
  );
}

/** Before any token: what this is for and how anonymity works, then one button. */
export function RedeemPage(props: {
  lang: Lang;
  fiscalYear: number;
  unit: Wallet['unit'];
  batchSize: number;
  started: boolean;
  busy: boolean;
  notice?: Notice | undefined;
  onRedeem(): void;
}) {
  const { lang } = props;
  const s = strings(lang);
  return (
    <>
      <Title>{s.introTitle}</Title>
      <Meta lang={lang} fiscalYear={props.fiscalYear} unit={props.unit} />
      <h2>{s.introPurposeTitle}</h2>
      <p>{s.introPurpose}</p>
      <section className="anon" aria-labelledby="anon-title">
        <h2 id="anon-title">{s.anonTitle}</h2>
        <HowItWorks lang={lang} batchSize={props.batchSize} />
      </section>
      {props.notice && <ProblemBox notice={props.notice} busy={props.busy} />}
      {!props.notice?.retry && (
        <button
          type="button"
          className="primary wide"
          onClick={props.onRedeem}
          disabled={props.busy}
          aria-busy={props.busy}
        >
          {props.busy ? s.redeeming : props.started ? s.redeemResume : s.redeem(props.batchSize)}
        </button>
      )}
    </>
  );
}

/** With tokens: how many are left, and the ways on. */
export function HomePage(props: {
  lang: Lang;
  wallet: Wallet;
  code: string;
  justRedeemed: boolean;
  onForget(): void;
}) {
  const { lang, wallet, code } = props;
  const s = strings(lang);
  const left = tokensLeft(wallet);
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <Title>{s.homeTitle}</Title>
      <Meta lang={lang} fiscalYear={wallet.fiscalYear} unit={wallet.unit} />
      {props.justRedeemed && (
        <p className="ok" role="status">
          {s.homeReady(wallet.tokens.length)}
        </p>
      )}
      <div className="tokens">
        <p id="tokens-left" className="tokens-left">
          {s.tokensLeft(left, wallet.tokens.length)}
        </p>
        <p className="hint">{left > 0 ? s.tokensHint : s.tokensNone}</p>
      </div>
      <div className="actions">
        {left > 0 && (
          <a className="button primary" href={hashFor(wallet.fiscalYear, code, 'new')}>
            {s.homeNew}
          </a>
        )}
        <a className="button secondary" href={hashFor(wallet.fiscalYear, code, 'posts')}>
          {s.homePosts(wallet.posts.length)}
        </a>
        <a className="button secondary" href="#board">
          {s.toBoard}
        </a>
      </div>
      <details className="anon">
        <summary>{s.homeHow}</summary>
        <HowItWorks lang={lang} batchSize={wallet.tokens.length} />
      </details>
      <section className="forget" aria-labelledby="forget-title">
        <h2 id="forget-title">{s.forgetTitle}</h2>
        <p>{s.forgetLead}</p>
        {confirm ? (
          <button type="button" className="danger wide" onClick={props.onForget}>
            {s.forgetConfirm}
          </button>
        ) : (
          <button type="button" className="secondary wide" onClick={() => setConfirm(true)}>
            {s.forget}
          </button>
        )}
      </section>
    </>
  );
}

/** After a post: it arrived, where the replies will be, tokens left. */
export function SentPage(props: {
  lang: Lang;
  wallet: Wallet;
  code: string;
  post: MyPost | undefined;
  recovered: boolean;
}) {
  const { lang, wallet, code, post } = props;
  const s: Strings = strings(lang);
  return (
    <>
      <Title>{s.sentTitle}</Title>
      {props.recovered && <p className="note">{s.sentRecovered}</p>}
      {post && <p className="sent-title">{lang === 'ja' ? `「${post.title}」` : `“${post.title}”`}</p>}
      <p>{s.sentLead}</p>
      <p>{s.sentReceipt}</p>
      <p className="tokens-left">{s.tokensLeft(tokensLeft(wallet), wallet.tokens.length)}</p>
      <div className="actions">
        {post && (
          <a className="button primary" href={hashFor(wallet.fiscalYear, code, 'thread', post.postId)}>
            {s.openThread}
          </a>
        )}
        <a className="button secondary" href={hashFor(wallet.fiscalYear, code)}>
          {s.backHome}
        </a>
      </div>
    </>
  );
}

/** A post's status, read out with its label ("状況：採用"). */
export function StatusLabel({ lang, status }: { lang: Lang; status: FeedbackStatus }) {
  const s = strings(lang);
  return (
    <span className={`status status-${status}`}>
      <span className="visually-hidden">{s.labelled(s.status, '')}</span>
      {s.statuses[status]}
    </span>
  );
}
