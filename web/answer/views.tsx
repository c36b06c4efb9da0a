import { type KeyboardEvent, type ReactNode, useState } from 'react';
import type { PublicCampaign, SurveyQuestion } from '../../shared/api/public';
import { LIKERT5_LABELS } from '../../shared/instruments/scales';
import { type Lang, pick } from '../common/lang';
import { composing, type Notice as StaffNotice, ProblemBox, Title } from '../common/staff';
import type { Message } from './check';
import { closingDate, minutesFor } from './format';
import { formatCode } from './invitation';
import { isCode, normaliseCode } from '../../shared/text/invitation-code';
import { Question } from './question';
import type { AnswerValue, Progress } from './storage';
import { type ProblemCode, strings } from './text';

type Survey = PublicCampaign['survey'];
type Section = Survey['sections'][number];

export type Notice = StaffNotice<ProblemCode>;

/** For people with a printed slip: type the code (and the survey id when the link did not carry it). */
export function EntryPage({ lang, campaignId }: { lang: Lang; campaignId?: string | undefined }) {
  const s = strings(lang);
  const [survey, setSurvey] = useState(campaignId ?? '');
  const [code, setCode] = useState('');
  const [error, setError] = useState<{ field: string; text: string }>();
  const go = () => {
    const id = survey.trim();
    const folded = normaliseCode(code);
    const problem = !id
      ? { field: 'survey-id', text: s.entryBadSurvey }
      : !isCode(folded)
        ? { field: 'code', text: s.entryBadCode(folded.length) }
        : undefined;
    setError(problem);
    if (problem) document.getElementById(problem.field)?.focus();
    else location.hash = `${encodeURIComponent(id)}/${folded}`;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!composing(e)) go();
  };
  const field = (id: string, label: string, hint: string, value: string, set: (v: string) => void) => (
    <div className="q">
      <label htmlFor={id} className="q-title">
        {label}
      </label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {error?.field === id && (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{s.errorPrefix}</span>
          {error.text}
        </p>
      )}
      <input
        id={id}
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={value}
        aria-invalid={error?.field === id}
        aria-describedby={`${id}-hint${error?.field === id ? ` ${id}-error` : ''}`}
        onChange={(e) => set(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
  return (
    <>
      <Title>{s.entryTitle}</Title>
      <p>{s.entryLead}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          go();
        }}
      >
        {!campaignId && field('survey-id', s.entrySurvey, s.entrySurveyHint, survey, setSurvey)}
        {field('code', s.entryCode, s.entryCodeHint, code, (v) => setCode(v))}
        {isCode(normaliseCode(code)) && <p className="hint">{formatCode(normaliseCode(code))}</p>}
        <button type="submit" className="primary">
          {s.entryGo}
        </button>
      </form>
    </>
  );
}

export function IntroPage(props: {
  lang: Lang;
  data: PublicCampaign;
  started: boolean;
  busy: boolean;
  notice?: Notice | undefined;
  onStart(): void;
  /** The respondent's key group and key fingerprint (A4), shown before answering. */
  keyGroup?: ReactNode;
}) {
  const { lang, data, busy } = props;
  const s = strings(lang);
  const { campaign } = data;
  const questions = data.survey.sections.flatMap((x) => x.questions);
  return (
    <>
      <Title>{pick(campaign.title, lang)}</Title>
      <p className="meta">
        {s.introFy(campaign.fiscalYear)} ・ {s.introUnit}：{pick(data.unit.name, lang)}
      </p>
      <h2>{s.introPurposeTitle}</h2>
      <p>{s.introPurpose}</p>
      <p>{s.introTime(minutesFor(questions), questions.length)}</p>
      <section className="anon" aria-labelledby="anon-title">
        <h2 id="anon-title">{s.anonTitle}</h2>
        <ol>
          {s.anonSteps.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
        <h3>{s.anonHrTitle}</h3>
        <p>{s.anonHr(campaign.minGroupSize, campaign.sensitiveMinGroupSize)}</p>
        <h3>{s.anonNeverTitle}</h3>
        <ul>
          {s.anonNever.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
        <h3>{s.anonBatchTitle}</h3>
        <p>{s.anonBatch}</p>
        <p>{s.anonDevice}</p>
      </section>
      {props.keyGroup}
      {props.notice && <ProblemBox notice={props.notice} />}
      <button type="button" className="primary" onClick={props.onStart} disabled={busy} aria-busy={busy}>
        {busy ? s.preparing : props.started ? s.resume : s.start}
      </button>
    </>
  );
}

/** The steps after the introduction: each section, "about you", and the review. */
export function ProgressBar({ lang, at, of }: { lang: Lang; at: number; of: number }) {
  const s = strings(lang);
  return (
    <div className="progress">
      <p>
        {s.progressLabel}：{s.progress(at, of)}
      </p>
      <progress value={at} max={of} aria-hidden="true" />
    </div>
  );
}

/** Enter in a field never sends a page (it would skip questions by accident). */
const holdEnter = (e: KeyboardEvent<HTMLFormElement>) => {
  if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
};

function StepForm(props: {
  lang: Lang;
  children: ReactNode;
  primary: string;
  busy?: boolean;
  onPrimary(): void;
  onBack?: (() => void) | undefined;
}) {
  const s = strings(props.lang);
  return (
    <form
      noValidate
      onKeyDown={holdEnter}
      onSubmit={(e) => {
        e.preventDefault();
        props.onPrimary();
      }}
    >
      {props.children}
      <div className="actions">
        <button type="submit" className="primary" disabled={props.busy} aria-busy={props.busy}>
          {props.primary}
        </button>
        {props.onBack && (
          <button type="button" className="secondary" onClick={props.onBack}>
            {s.back}
          </button>
        )}
      </div>
    </form>
  );
}

export function SectionPage(props: {
  lang: Lang;
  section: Section;
  sensitiveMin: number;
  answers: Progress['answers'];
  errors: Map<string, Message>;
  primary: string;
  onChange(q: SurveyQuestion, value: AnswerValue | undefined): void;
  onNext(): void;
  onBack(): void;
}) {
  const { lang, section } = props;
  const s = strings(lang);
  return (
    <>
      <Title>{pick(section.title, lang)}</Title>
      {section.description && <p>{pick(section.description, lang)}</p>}
      {section.questions.some((q) => q.sensitive) && (
        <p className="note sensitive">{s.sensitiveNotice(props.sensitiveMin)}</p>
      )}
      <StepForm lang={lang} primary={props.primary} onPrimary={props.onNext} onBack={props.onBack}>
        {section.questions.map((q) => (
          <Question
            key={q.id}
            q={q}
            lang={lang}
            value={props.answers[q.id]}
            error={props.errors.get(q.id)}
            onChange={(v) => props.onChange(q, v)}
          />
        ))}
      </StepForm>
    </>
  );
}

export function AboutYouPage(props: {
  lang: Lang;
  attributes: Survey['attributes'];
  values: Record<string, string>;
  primary: string;
  onChange(id: string, value: string): void;
  onNext(): void;
  onBack(): void;
}) {
  const { lang } = props;
  const s = strings(lang);
  return (
    <>
      <Title>{s.attrTitle}</Title>
      <p>{s.attrLead}</p>
      <StepForm lang={lang} primary={props.primary} onPrimary={props.onNext} onBack={props.onBack}>
        {props.attributes.map((a) => (
          <fieldset key={a.id} id={`a-${a.id}`} className="q">
            <legend>{pick(a.label, lang)}</legend>
            <div className="choices stack">
              {[{ value: '', label: { ja: s.preferNot } }, ...a.options].map((o) => (
                <label key={o.value} className="choice">
                  <input
                    type="radio"
                    name={`attr-${a.id}`}
                    value={o.value}
                    checked={(props.values[a.id] ?? '') === o.value}
                    onChange={() => props.onChange(a.id, o.value)}
                  />
                  <span>{pick(o.label, lang)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </StepForm>
    </>
  );
}

/** An answer as the person gave it, in words. */
function shown(q: SurveyQuestion, value: AnswerValue | undefined, lang: Lang): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return strings(lang).unanswered;
  const label = (v: string) => {
    const o = q.options?.find((x) => x.value === v);
    return o ? pick(o.label, lang) : v;
  };
  if (Array.isArray(value)) return value.map(label).join(lang === 'ja' ? '、' : ', ');
  if (q.type === 'likert5' && typeof value === 'number') {
    const l = LIKERT5_LABELS[value - 1];
    return l ? `${value}：${pick(l, lang)}` : String(value);
  }
  return q.type === 'single' ? label(String(value)) : String(value);
}

export function ReviewPage(props: {
  lang: Lang;
  survey: Survey;
  progress: Progress;
  busy: boolean;
  notice?: Notice | undefined;
  onEdit(step: number): void;
  onSubmit(): void;
  onBack(): void;
}) {
  const { lang, survey, progress } = props;
  const s = strings(lang);
  const about = (
    <section className="review" aria-labelledby="r-about">
      <h2 id="r-about">{s.attrTitle}</h2>
      <dl>
        {survey.attributes.map((a) => {
          const o = a.options.find((x) => x.value === progress.attributes[a.id]);
          return (
            <div key={a.id}>
              <dt>{pick(a.label, lang)}</dt>
              <dd>{o ? pick(o.label, lang) : s.preferNot}</dd>
            </div>
          );
        })}
      </dl>
      <button type="button" className="link" onClick={() => props.onEdit(survey.sections.length)}>
        {s.edit(s.attrTitle)}
      </button>
    </section>
  );
  return (
    <>
      <Title>{s.reviewTitle}</Title>
      <p>{s.reviewLead}</p>
      {survey.sections.map((section, i) => (
        <section key={section.id} className="review" aria-labelledby={`r-${section.id}`}>
          <h2 id={`r-${section.id}`}>{pick(section.title, lang)}</h2>
          <dl>
            {section.questions.map((q) => (
              <div key={q.id}>
                <dt>{pick(q.text, lang)}</dt>
                <dd className="answer">{shown(q, progress.answers[q.id], lang)}</dd>
              </div>
            ))}
          </dl>
          <button type="button" className="link" onClick={() => props.onEdit(i)}>
            {s.edit(pick(section.title, lang))}
          </button>
        </section>
      ))}
      {about}
      {props.notice && <ProblemBox notice={props.notice} />}
      <StepForm
        lang={lang}
        primary={props.busy ? s.submitting : s.submit}
        busy={props.busy}
        onPrimary={props.onSubmit}
        onBack={props.onBack}
      >
        {null}
      </StepForm>
    </>
  );
}

export function ReceiptPage(props: {
  lang: Lang;
  receipt: string;
  closesAt: string;
  replaced: boolean;
  /** The server said these answers are stored (not only held for the next batch). */
  stored: boolean;
  onChange(): void;
  onForget(): void;
}) {
  const { lang } = props;
  const s = strings(lang);
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <Title>
        {props.stored ? s.receiptStoredTitle : props.replaced ? s.receiptReplaced : s.receiptTitle}
      </Title>
      <p>{s.receiptLead}</p>
      <p id="store-status" className={props.stored ? 'ok' : 'hint'} role="status">
        {props.stored ? s.receiptStored : s.receiptPending}
      </p>
      <p className="receipt">
        {s.receiptNumber}：<code id="receipt">{props.receipt}</code>
      </p>
      <p className="hint">{s.receiptNumberHint}</p>
      <p>{s.receiptChange(closingDate(props.closesAt, lang))}</p>
      <p className="hint" lang={other}>
        {s.receiptOther}: {closingDate(props.closesAt, other)}
      </p>
      <button type="button" className="primary" onClick={props.onChange}>
        {s.change}
      </button>
      <section className="forget" aria-labelledby="forget-title">
        <h2 id="forget-title">{s.forgetTitle}</h2>
        <p>{s.forgetLead}</p>
        {!props.stored && <p className="problem">{s.forgetPending}</p>}
        {confirm ? (
          <button type="button" className="danger" onClick={props.onForget}>
            {s.forgetConfirm}
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => setConfirm(true)}>
            {s.forget}
          </button>
        )}
      </section>
    </>
  );
}
