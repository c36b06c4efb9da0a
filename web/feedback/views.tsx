import type { FeedbackStatus } from '../../shared/api/feedback';
import type { KeyboardEvent } from 'react';
import { type Lang, pick } from '../common/lang';
import type { Notice as StaffNotice } from '../common/staff';
import { hashFor, type View } from './route';
import { type ProblemCode, strings } from './text';
import type { Wallet } from './wallet';

/** A problem, in the feedback box's words. */
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

/** The fiscal year and unit a code belongs to. */
export function Meta({ lang, fiscalYear, unit }: { lang: Lang; fiscalYear: number; unit: Wallet['unit'] }) {
  const s = strings(lang);
  return (
    <p className="meta">
      {s.fiscalYear(fiscalYear)}
      {s.sep}
      {s.labelled(s.introUnit, pick(unit.name, lang))}
    </p>
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
