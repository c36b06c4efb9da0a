import { type KeyboardEvent, useState } from 'react';
import { isCode, normaliseCode } from '../../../shared/text/invitation-code';
import type { Lang } from '../../common/lang';
import { composing, Title } from '../../common/staff';
import { formatCode } from '../invitation';
import { strings } from '../text';

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
