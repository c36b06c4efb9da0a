import type { KeyboardEvent, ReactNode } from 'react';
import type { Lang } from '../../common/lang';
import { strings } from '../text';

/** Where the person is in the steps after the introduction: each section, "about you", and the review. */
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

export function StepForm(props: {
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
