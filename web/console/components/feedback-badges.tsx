import type { FeedbackStatus } from '../../../shared/api/feedback';
import { STATUS_LABEL } from '../lib/feedback';
import { useI18n } from '../lib/i18n';

/** A padlock drawn as SVG (no emoji font needed); the words beside it carry the meaning. */
export function LockIcon() {
  return (
    <svg className="lock" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
    </svg>
  );
}

/** A post's status: a shape and the word, never the colour alone. */
export function FeedbackStatusBadge({ status }: { status: FeedbackStatus }) {
  const { t } = useI18n();
  const icon = { received: '○', reviewing: '◐', adopted: '✓', declined: '—', done: '■' }[status];
  return (
    <span className={`badge fb-status fb-${status}`}>
      <span aria-hidden="true">{icon} </span>
      {t(STATUS_LABEL[status])}
    </span>
  );
}
