import { type FormEvent, useId, useState } from 'react';
import type { FeedbackTriagePost } from '../../../shared/api/feedback';
import { useI18n } from '../lib/i18n';
import { LockIcon } from './feedback-badges';

/** A reply: the text, and an explicit choice of who may read it (nothing is chosen for you). */
export function ReplyForm({
  published,
  busy,
  onSend,
}: {
  published: boolean;
  busy: boolean;
  onSend(body: string, isPublic: boolean): Promise<boolean>;
}) {
  const { t } = useI18n();
  const ids = useId();
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'private' | 'public' | null>(null);
  const [problem, setProblem] = useState<'body' | 'audience' | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setProblem('body');
    if (!audience) return setProblem('audience');
    setProblem(null);
    if (await onSend(body.trim(), audience === 'public')) {
      setBody('');
      setAudience(null);
    }
  };
  return (
    <section aria-labelledby={`${ids}-title`} className="panel reply-panel">
      <h2 id={`${ids}-title`}>{t('replyTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="field wide">
          <span>{t('replyBody')}</span>
          <textarea
            rows={5}
            maxLength={4000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={problem === 'body' ? true : undefined}
            aria-describedby={problem === 'body' ? `${ids}-problem` : undefined}
          />
        </label>
        <fieldset
          className="audience"
          aria-describedby={problem === 'audience' ? `${ids}-problem` : undefined}
        >
          <legend>{t('replyAudience')}</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-audience`}
              checked={audience === 'private'}
              onChange={() => setAudience('private')}
              aria-describedby={`${ids}-private`}
            />
            <span>
              <strong>{t('replyAudiencePrivate')}</strong>
              <span className="sub" id={`${ids}-private`}>
                {t('replyAudiencePrivateHint')}
              </span>
            </span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${ids}-audience`}
              checked={audience === 'public'}
              onChange={() => setAudience('public')}
              aria-describedby={`${ids}-public`}
            />
            <span>
              <strong>{t('replyAudiencePublic')}</strong>
              <span className="sub" id={`${ids}-public`}>
                {t('replyAudiencePublicHint')}
              </span>
            </span>
          </label>
        </fieldset>
        {audience === 'public' && !published ? <p className="hint">{t('replyNotPublishedYet')}</p> : null}
        {problem ? (
          <p className="error-text" role="alert" id={`${ids}-problem`}>
            {problem === 'body' ? t('errReplyBody') : t('errReplyAudience')}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {audience === 'public'
              ? t('sendPublicReply')
              : audience === 'private'
                ? t('sendPrivateReply')
                : t('sendReply')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Internal notes: HR's own record, marked as never shown to staff. */
export function NotesPanel({
  notes,
  editable,
  busy,
  onAdd,
}: {
  notes: FeedbackTriagePost['notes'];
  editable: boolean;
  busy: boolean;
  onAdd(body: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setProblem(t('errNoteBody'));
    setProblem(null);
    if (await onAdd(body.trim())) setBody('');
  };
  return (
    <section aria-labelledby="post-notes" className="panel notes-panel">
      <h2 id="post-notes">
        <LockIcon />
        {t('notesTitle')}
      </h2>
      <p className="hint">{t('notesLead')}</p>
      {notes.length === 0 ? (
        <p className="muted">{t('notesEmpty')}</p>
      ) : (
        <ul className="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="message-head">
                <strong>{n.author}</strong> <time dateTime={n.day}>{n.day}</time>
              </p>
              <div className="message-body">{n.body}</div>
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form onSubmit={submit} noValidate>
          <label className="field wide">
            <span>{t('noteBody')}</span>
            <textarea rows={3} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          {problem ? (
            <p className="error-text" role="alert">
              {problem}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {t('addNote')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
