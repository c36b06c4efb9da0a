import { type KeyboardEvent, useState } from 'react';
import type { Lang } from '../../common/lang';
import { ProblemBox, Title, useFocusLater } from '../../common/staff';
import { BODY_MAX, KINDS, NAME_MAX, PILLARS, strings, TITLE_MAX } from '../text';
import { Field, type Notice } from '../views';
import type { Draft } from '../wallet';

type FieldId = 'kind' | 'pillar' | 'title' | 'body' | 'name';

/** The checks the server makes (trimmed, lengths in UTF-16 units as the API counts them), in words. */
export function checkDraft(d: Draft, lang: Lang): Map<FieldId, string> {
  const s = strings(lang);
  const found = new Map<FieldId, string>();
  const length = (text: string, max: number, empty: string, id: FieldId) => {
    const t = text.trim();
    if (!t) found.set(id, empty);
    else if (t.length > max) found.set(id, s.errTooLong(max));
  };
  if (!d.kind) found.set('kind', s.errKind);
  length(d.title, TITLE_MAX, s.errTitle, 'title');
  length(d.body, BODY_MAX, s.errBody, 'body');
  if (d.named) length(d.displayName, NAME_MAX, s.errName, 'name');
  return found;
}

/** Enter in a one-line field never sends the post (nor while an IME is composing); only the button does. */
const holdEnter = (e: KeyboardEvent<HTMLFormElement>) => {
  if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
};

function Choices<T extends string>(props: {
  id: FieldId;
  legend: string;
  error: string | undefined;
  lang: Lang;
  options: ReadonlyArray<{ value: T; label: string; hint?: string }>;
  value: T | undefined;
  onChange(value: T): void;
}) {
  const s = strings(props.lang);
  const errId = `${props.id}-error`;
  return (
    <fieldset
      id={props.id}
      className={props.error ? 'field invalid' : 'field'}
      aria-describedby={props.error ? errId : undefined}
    >
      <legend className="label">{props.legend}</legend>
      {props.error && (
        <p id={errId} className="field-error">
          <span className="visually-hidden">{s.errorPrefix}</span>
          {props.error}
        </p>
      )}
      <div className="choices">
        {props.options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="radio"
              name={props.id}
              value={o.value}
              checked={props.value === o.value}
              aria-invalid={!!props.error || undefined}
              onChange={() => props.onChange(o.value)}
            />
            <span>
              {o.label}
              {o.hint && <span className="choice-hint">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ComposePage(props: {
  lang: Lang;
  draft: Draft;
  left: number;
  busy: boolean;
  notice?: Notice | undefined;
  onChange(draft: Draft): void;
  onSend(): void;
}) {
  const { lang, draft, busy } = props;
  const s = strings(lang);
  // The fields whose errors show: those found on the last send. Their words follow the draft and the language.
  const [shown, setShown] = useState<ReadonlySet<FieldId>>(() => new Set());
  const focusLater = useFocusLater();
  const now = checkDraft(draft, lang);
  const errors = new Map([...now].filter(([id]) => shown.has(id)));
  const change = (next: Partial<Draft>) => props.onChange({ ...draft, ...next });
  const send = () => {
    setShown(new Set(now.keys()));
    const first = [...now.keys()][0];
    if (!first) return props.onSend();
    focusLater(first);
  };
  // Trying again goes through the same checks as the send button.
  const notice = props.notice && { ...props.notice, ...(props.notice.retry ? { retry: send } : {}) };
  return (
    <>
      <Title>{s.newTitle}</Title>
      <p>{s.newLead(props.left)}</p>
      <form
        noValidate
        onKeyDown={holdEnter}
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <Choices
          id="kind"
          lang={lang}
          legend={s.kindLegend}
          error={errors.get('kind')}
          options={KINDS.map((k) => ({ value: k, label: s.kinds[k].label, hint: s.kinds[k].hint }))}
          value={draft.kind}
          onChange={(kind) => change({ kind })}
        />
        <Choices
          id="pillar"
          lang={lang}
          legend={s.pillarLegend}
          error={errors.get('pillar')}
          options={[
            { value: 'unsure' as const, label: s.pillarUnsure },
            ...PILLARS.map((p) => ({ value: p, label: s.pillars[p] })),
          ]}
          value={draft.pillarId ?? 'unsure'}
          onChange={(p) => change({ pillarId: p === 'unsure' ? undefined : p })}
        />
        <Field
          id="title"
          lang={lang}
          label={s.titleLabel}
          error={errors.get('title')}
          value={draft.title}
          max={TITLE_MAX}
          onChange={(title) => change({ title })}
        />
        <Field
          id="body"
          lang={lang}
          label={s.bodyLabel}
          hint={s.bodyHint}
          error={errors.get('body')}
          value={draft.body}
          max={BODY_MAX}
          rows={8}
          onChange={(body) => change({ body })}
        />
        <div className="named">
          <label className="choice">
            <input
              type="checkbox"
              id="named"
              checked={draft.named}
              aria-describedby="named-hint"
              onChange={(e) => change({ named: e.target.checked })}
            />
            <span>{s.namedLabel}</span>
          </label>
          <p id="named-hint" className="hint">
            {s.namedHint}
          </p>
          {draft.named && (
            <>
              <p className="note">{s.nameWarning}</p>
              <Field
                id="name"
                lang={lang}
                label={s.nameLabel}
                error={errors.get('name')}
                value={draft.displayName}
                max={NAME_MAX}
                input={{ autoComplete: 'name' }}
                onChange={(displayName) => change({ displayName })}
              />
            </>
          )}
        </div>
        {notice && <ProblemBox notice={notice} busy={busy} />}
        <p className="hint">{s.draftKept}</p>
        <button type="submit" className="primary wide" disabled={busy} aria-busy={busy}>
          {busy ? s.sending : draft.named ? s.sendNamed : s.sendAnonymous}
        </button>
      </form>
    </>
  );
}
