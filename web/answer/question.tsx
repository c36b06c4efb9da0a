import { type ReactNode, useState } from 'react';
import type { SurveyQuestion } from '../../shared/api/public';
import { LIKERT5_LABELS, NOT_APPLICABLE, NOT_APPLICABLE_LABEL } from '../../shared/instruments/scales';
import { type Lang, pick } from '../common/lang';
import { isExclusive, type Message } from './check';
import type { AnswerValue } from './storage';
import { strings } from './text';

export interface FieldProps {
  q: SurveyQuestion;
  value: AnswerValue | undefined;
  error: Message | undefined;
  lang: Lang;
  onChange(value: AnswerValue | undefined): void;
}

/** `(必須)` / `(任意)` after a question. */
export function Mark({ required, lang }: { required: boolean; lang: Lang }) {
  const s = strings(lang);
  return <span className={required ? 'mark req' : 'mark'}>（{required ? s.required : s.optional}）</span>;
}

/** The error under a question's title, referenced by aria-describedby. */
function ErrorText({ id, error, lang }: { id: string; error: Message | undefined; lang: Lang }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{strings(lang).errorPrefix}</span>
      {pick(error, lang)}
    </p>
  );
}

const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

interface Choice {
  value: string | number;
  label: string;
}

/** A fieldset of radios or checkboxes with its legend, hint and error. */
function ChoiceGroup(
  props: FieldProps & { choices: Choice[]; multiple?: boolean; hint?: ReactNode; layout: string },
) {
  const { q, value, error, lang, onChange, choices, multiple, hint, layout } = props;
  const errId = `e-${q.id}`;
  const hintId = `h-${q.id}`;
  const chosen = Array.isArray(value) ? value : [];
  const toggle = (v: string, on: boolean) => {
    if (!on) return onChange(chosen.filter((c) => c !== v));
    // A "none of these" choice stands alone: picking it clears the rest, and the reverse.
    onChange(isExclusive(q, v) ? [v] : [...chosen.filter((c) => !isExclusive(q, c)), v]);
  };
  return (
    <fieldset
      id={`q-${q.id}`}
      className={error ? 'q invalid' : 'q'}
      aria-describedby={describedBy(!!hint && hintId, !!error && errId)}
    >
      <legend>
        {pick(q.text, lang)} <Mark required={q.required} lang={lang} />
      </legend>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      <ErrorText id={errId} error={error} lang={lang} />
      <div className={`choices ${layout}`}>
        {choices.map((c) => (
          <label key={c.value} className="choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={q.id}
              value={c.value}
              checked={multiple ? chosen.includes(c.value as string) : value === c.value}
              required={!multiple && q.required}
              aria-invalid={!!error || undefined}
              onChange={(e) => (multiple ? toggle(c.value as string, e.target.checked) : onChange(c.value))}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function NumberField({ q, value, error, lang, onChange }: FieldProps) {
  const s = strings(lang);
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const id = `q-${q.id}`;
  return (
    <div className={error ? 'q invalid' : 'q'}>
      <label htmlFor={id} className="q-title">
        {pick(q.text, lang)} <Mark required={q.required} lang={lang} />
      </label>
      <p id={`h-${q.id}`} className="hint">
        {s.range(q.min ?? 0, q.max ?? 0)}
      </p>
      <ErrorText id={`e-${q.id}`} error={error} lang={lang} />
      <input
        id={id}
        name={q.id}
        type="number"
        inputMode="numeric"
        step={1}
        min={q.min}
        max={q.max}
        className="number"
        value={text}
        aria-required={q.required}
        aria-invalid={!!error}
        aria-describedby={describedBy(`h-${q.id}`, !!error && `e-${q.id}`)}
        onChange={(e) => {
          setText(e.target.value);
          // A half-typed number the browser cannot read is kept as text, so checking reports it.
          if (e.target.validity.badInput) onChange('?');
          else onChange(e.target.value === '' ? undefined : Number(e.target.value));
        }}
      />
    </div>
  );
}

function TextField({ q, value, error, lang, onChange }: FieldProps) {
  const s = strings(lang);
  const id = `q-${q.id}`;
  const text = typeof value === 'string' ? value : '';
  const max = q.maxLength ?? 2000;
  const length = [...text].length;
  return (
    <div className={error ? 'q invalid' : 'q'}>
      <label htmlFor={id} className="q-title">
        {pick(q.text, lang)} <Mark required={q.required} lang={lang} />
      </label>
      <ErrorText id={`e-${q.id}`} error={error} lang={lang} />
      {/* Enter makes a new line here and never sends anything, also while an IME is composing. */}
      <textarea
        id={id}
        name={q.id}
        rows={6}
        value={text}
        aria-required={q.required}
        aria-invalid={!!error}
        aria-describedby={describedBy(`c-${q.id}`, !!error && `e-${q.id}`)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      <p id={`c-${q.id}`} className={length > max ? 'counter over' : 'counter'}>
        {s.count(length, max)}
      </p>
    </div>
  );
}

/** One question with the control its type calls for. */
export function Question(props: FieldProps) {
  const { q, lang } = props;
  const s = strings(lang);
  const options = (q.options ?? []).map((o) => ({ value: o.value, label: pick(o.label, lang) }));
  switch (q.type) {
    case 'likert5':
      return (
        <ChoiceGroup
          {...props}
          layout="stack"
          choices={[
            ...LIKERT5_LABELS.map((l, i) => ({ value: i + 1, label: pick(l, lang) })),
            // 「該当しない」 after the scale, for a question that does not apply to everyone.
            ...(q.notApplicable ? [{ value: NOT_APPLICABLE, label: pick(NOT_APPLICABLE_LABEL, lang) }] : []),
          ]}
        />
      );
    case 'nps':
      return (
        <ChoiceGroup
          {...props}
          layout="scale"
          choices={Array.from({ length: 11 }, (_, i) => ({ value: i, label: String(i) }))}
          hint={
            <span className="anchors">
              <span>{s.npsLow}</span>
              <span>{s.npsHigh}</span>
            </span>
          }
        />
      );
    case 'single':
      return <ChoiceGroup {...props} layout="stack" choices={options} />;
    case 'multi': {
      const alone = options.find((o) => isExclusive(q, o.value));
      return (
        <ChoiceGroup
          {...props}
          layout="stack"
          multiple
          choices={options}
          hint={alone && s.exclusiveHint(alone.label)}
        />
      );
    }
    case 'number':
      return <NumberField {...props} />;
    case 'text':
      return <TextField {...props} />;
  }
}
