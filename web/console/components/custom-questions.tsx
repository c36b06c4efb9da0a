import { type FormEvent, useId, useState } from 'react';
import type { Campaign, CampaignKind } from '../../../shared/api/campaign';
import type {
  CustomQuestion,
  CustomQuestionInput,
  CustomQuestionList,
  CustomQuestionType,
} from '../../../shared/api/custom-questions';
import type { CampaignResults, CustomItemResult } from '../../../shared/api/results';
import { isRelisting } from '../../../shared/plan/schema';
import { ApiError, api, request } from '../lib/api';
import { pct } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';
import { useResource } from '../lib/use-resource';
import { type Bar, BarChart } from './charts';
import { ErrorBox, HiddenNote } from './common';

/**
 * Custom questions (DESIGN §5) on the console: the editor and preview on a draft campaign's page,
 * the frozen list once it is open, and their results on the results page; and the campaign kind
 * (annual / pulse). The words live here, Japanese first with English, so the shared message table
 * stays as it is.
 */

const WORDS = {
  ja: {
    title: '追加設問',
    lead: 'この調査だけに加える設問です。構成概念か計画の施策に結び付けます。構成概念の得点には含まれず、年度の指標の比較は変わりません。',
    frozen: '追加設問は調査の開始時に確定しました。変更できません。',
    none: '追加設問はありません。',
    type: '形式',
    wording: '文言',
    tie: '結び付け',
    flags: '扱い',
    remove: '削除',
    removeLabel: '{id} を削除',
    add: '設問を追加',
    adding: '追加しています…',
    textJa: '文言（日本語）',
    textEn: '文言（英語）',
    optionsJa: '選択肢（日本語、1行に1つ）',
    optionsEn: '選択肢（英語、1行に1つ）',
    optionsMismatch: '日本語と英語の選択肢の数をそろえてください。',
    min: '最小値',
    max: '最大値',
    tieConstruct: '構成概念',
    tieInitiative: '計画の施策',
    pickConstruct: '結び付ける構成概念',
    pickInitiative: '結び付ける施策',
    required: '必須にする',
    sensitive: '配慮を要する内容（より多い人数の集計でのみ表示、必須にできません）',
    sensitiveShort: '配慮を要する',
    requiredShort: '必須',
    preview: 'プレビュー（職員に見える形）',
    previewEmpty: '文言を入力するとここに表示されます。',
    added: '設問を追加しました。',
    likert5: '5段階（そう思う〜そう思わない）',
    single: '単一選択',
    multi: '複数選択',
    number: '数値',
    text: '自由記述',
    scale: ['そう思わない', 'あまりそう思わない', 'どちらともいえない', 'ややそう思う', 'そう思う'],
    resultsTitle: '追加設問の結果',
    resultsLead:
      '全体の集計のみです。{k}人未満（配慮を要する設問と自由記述は{ks}人未満）の設問は表示しません。',
    favourable: '肯定的回答',
    mean: '平均',
    answers: '回答者に占める割合',
    kind: '調査の種類',
    annual: '年次調査',
    pulse: 'パルス調査',
    annualHint: '年度の指標（ダッシュボード）になる調査です。1年度に1つだけ作れます。',
    pulseHint: '結果はこの調査の結果ページだけに示し、年度の指標を置き換えません。',
    annualTaken: 'この年度の年次調査はすでにあります。追加の調査はパルス調査になります。',
    pulseResults: 'パルス調査の結果です。年度の指標（ダッシュボード）には含まれません。',
  },
  en: {
    title: 'Custom questions',
    lead: "Questions added for this survey only, each tied to a construct or a plan initiative. They are not scored into any construct, so the year's indicators stay comparable.",
    frozen: 'The custom questions were frozen when the survey opened and cannot change.',
    none: 'No custom questions.',
    type: 'Type',
    wording: 'Wording',
    tie: 'Tied to',
    flags: 'Handling',
    remove: 'Remove',
    removeLabel: 'Remove {id}',
    add: 'Add question',
    adding: 'Adding…',
    textJa: 'Wording (Japanese)',
    textEn: 'Wording (English)',
    optionsJa: 'Options (Japanese, one per line)',
    optionsEn: 'Options (English, one per line)',
    optionsMismatch: 'Give as many English options as Japanese ones.',
    min: 'Minimum',
    max: 'Maximum',
    tieConstruct: 'Construct',
    tieInitiative: 'Plan initiative',
    pickConstruct: 'Construct to tie it to',
    pickInitiative: 'Initiative to tie it to',
    required: 'Required',
    sensitive: 'Sensitive (shown only for larger groups; cannot be required)',
    sensitiveShort: 'Sensitive',
    requiredShort: 'Required',
    preview: 'Preview (as staff see it)',
    previewEmpty: 'Type the wording to see it here.',
    added: 'The question was added.',
    likert5: '5-point agreement',
    single: 'Single choice',
    multi: 'Multiple choice',
    number: 'Number',
    text: 'Free text',
    scale: ['Disagree', 'Somewhat disagree', 'Neither', 'Somewhat agree', 'Agree'],
    resultsTitle: 'Custom questions',
    resultsLead:
      'Whole organisation only. A question answered by fewer than {k} ({ks} for sensitive and free-text questions) is not shown.',
    favourable: 'Favourable',
    mean: 'Mean',
    answers: 'Share of respondents',
    kind: 'Kind of survey',
    annual: 'Annual survey',
    pulse: 'Pulse survey',
    annualHint: "Feeds the year's indicators (dashboard). One per fiscal year.",
    pulseHint: "Its results are shown on its own results page and never replace the year's indicators.",
    annualTaken: 'This fiscal year already has an annual survey: another survey is a pulse survey.',
    pulseResults: "Results of a pulse survey. They are not part of the year's indicators (dashboard).",
  },
} as const;

type Words = (typeof WORDS)['ja'];
function useWords(): Words {
  const { lang } = useI18n();
  return WORDS[lang] as Words;
}
const fill = (text: string, vars: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));

const TYPES: CustomQuestionType[] = ['likert5', 'single', 'multi', 'number', 'text'];

/** The kind as a fact of the campaign page. */
export function CampaignKindFact({ kind }: { kind: CampaignKind }) {
  const w = useWords();
  return (
    <div>
      <dt>{w.kind}</dt>
      <dd data-testid="campaign-kind">{kind === 'pulse' ? w.pulse : w.annual}</dd>
    </div>
  );
}

/** The wizard's choice of kind: annual unless the year already has one. */
export function CampaignKindChoice({
  value,
  onChange,
  annualTaken,
}: {
  value: CampaignKind;
  onChange: (kind: CampaignKind) => void;
  annualTaken: boolean;
}) {
  const w = useWords();
  return (
    <fieldset className="field">
      <legend>{w.kind}</legend>
      {(['annual', 'pulse'] as const).map((k) => (
        <label key={k} className="choice">
          <input
            type="radio"
            name="campaign-kind"
            value={k}
            checked={value === k}
            disabled={k === 'annual' && annualTaken}
            onChange={() => onChange(k)}
          />
          <span>
            <strong>{w[k]}</strong>
            <span className="sub">{k === 'annual' ? w.annualHint : w.pulseHint}</span>
          </span>
        </label>
      ))}
      {annualTaken ? (
        <p className="note" role="status">
          {w.annualTaken}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The note on a pulse survey's results page. */
export function PulseNote({ kind }: { kind: CampaignKind }) {
  const w = useWords();
  return kind === 'pulse' ? (
    <p className="note" data-testid="pulse-note">
      {w.pulseResults}
    </p>
  ) : null;
}

/** The campaign page's panel: the list, and on a draft (for the admin) the editor with its preview. */
export function CustomQuestionsPanel({ campaign, admin }: { campaign: Campaign; admin: boolean }) {
  const w = useWords();
  const { l } = useI18n();
  const ref = useReference();
  const list = useResource<CustomQuestionList>(`/api/campaigns/${campaign.id}/questions`);
  const [error, setError] = useState<Error | null>(null);
  if (list.error) return <ErrorBox error={list.error} />;
  const data = list.data;
  // The campaign's status is the truth: the page reloads it after opening, the list may be older.
  const draft = campaign.status === 'draft';
  const editable = admin && draft && data?.editable === true;
  const template = ref.templates.find((t) => t.id === campaign.templateId);
  const tieName = (q: CustomQuestion) => {
    if (q.constructId) {
      const c = template?.constructs.find((x) => x.id === q.constructId);
      return `${w.tieConstruct}: ${c ? l(c.name) : q.constructId}`;
    }
    const row = ref.plan.initiatives.find((r) => r.id === q.initiativeId);
    const title = row && !isRelisting(row) ? l(row.title) : '';
    return `${w.tieInitiative}: ${q.initiativeId}${title ? ` ${title}` : ''}`;
  };
  const remove = (q: CustomQuestion) => {
    setError(null);
    request(`DELETE`, `/api/campaigns/${campaign.id}/questions/${encodeURIComponent(q.id)}`)
      .then(() => list.reload())
      .catch((err: Error) => setError(err));
  };
  // Nothing to show a reader of a campaign that has none once it is open.
  if (data && data.questions.length === 0 && !draft) return null;
  return (
    <section aria-labelledby="custom-questions-title" className="panel" data-testid="custom-questions">
      <h2 id="custom-questions-title">{w.title}</h2>
      <p className="hint">{w.lead}</p>
      {!draft ? <p className="note">{w.frozen}</p> : null}
      {error ? <ErrorBox error={error} /> : null}
      {!data ? null : data.questions.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="list">
            <caption>{w.title}</caption>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{w.wording}</th>
                <th scope="col">{w.type}</th>
                <th scope="col">{w.tie}</th>
                <th scope="col">{w.flags}</th>
                {editable ? <th scope="col">{w.remove}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.questions.map((q) => (
                <tr key={q.id}>
                  <td>
                    <code>{q.id}</code>
                  </td>
                  <td>
                    {q.text.ja}
                    <br />
                    <span lang="en">{q.text.en}</span>
                  </td>
                  <td>{w[q.type]}</td>
                  <td>{tieName(q)}</td>
                  <td>
                    {[q.required ? w.requiredShort : '', q.sensitive ? w.sensitiveShort : '']
                      .filter(Boolean)
                      .join('・')}
                  </td>
                  {editable ? (
                    <td>
                      <button
                        type="button"
                        className="danger"
                        aria-label={fill(w.removeLabel, { id: q.id })}
                        onClick={() => remove(q)}
                      >
                        {w.remove}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? <QuestionEditor campaign={campaign} onAdded={() => list.reload()} /> : null}
    </section>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function QuestionEditor({ campaign, onAdded }: { campaign: Campaign; onAdded: () => void }) {
  const w = useWords();
  const { l } = useI18n();
  const ref = useReference();
  const id = useId();
  const template = ref.templates.find((t) => t.id === campaign.templateId);
  const constructs = template?.constructs ?? [];
  const initiatives = ref.plan.initiatives.filter((r) => !isRelisting(r));
  const [type, setType] = useState<CustomQuestionType>('likert5');
  const [ja, setJa] = useState('');
  const [en, setEn] = useState('');
  const [optionsJa, setOptionsJa] = useState('');
  const [optionsEn, setOptionsEn] = useState('');
  const [min, setMin] = useState('0');
  const [max, setMax] = useState('10');
  const [tie, setTie] = useState<'construct' | 'initiative'>('construct');
  const [constructId, setConstructId] = useState(constructs[0]?.id ?? '');
  const [initiativeId, setInitiativeId] = useState(initiatives[0]?.id ?? '');
  const [required, setRequired] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const choice = type === 'single' || type === 'multi';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const oj = lines(optionsJa);
    const oe = lines(optionsEn);
    if (choice && oj.length !== oe.length) {
      setError(w.optionsMismatch);
      return;
    }
    const body: CustomQuestionInput = {
      type,
      text: { ja, en },
      ...(required && !sensitive ? { required: true } : {}),
      ...(sensitive ? { sensitive: true } : {}),
      ...(choice ? { options: oj.map((x, i) => ({ label: { ja: x, en: oe[i]! } })) } : {}),
      ...(type === 'number' ? { min: Number(min), max: Number(max) } : {}),
      ...(tie === 'construct' ? { constructId } : { initiativeId }),
    };
    setBusy(true);
    setError(null);
    api
      .post<CustomQuestion>(`/api/campaigns/${campaign.id}/questions`, body)
      .then(() => {
        setJa('');
        setEn('');
        setOptionsJa('');
        setOptionsEn('');
        setNotice(w.added);
        onAdded();
      })
      .catch((err: Error) => setError(err instanceof ApiError ? err.message : String(err)))
      .finally(() => setBusy(false));
  };

  return (
    <form onSubmit={submit} className="custom-question-editor" aria-labelledby={`${id}-add`} noValidate>
      <h3 id={`${id}-add`}>{w.add}</h3>
      <label className="field">
        <span>{w.type}</span>
        <select value={type} onChange={(e) => setType(e.target.value as CustomQuestionType)}>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {w[x]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{w.textJa}</span>
        <input value={ja} onChange={(e) => setJa(e.target.value)} maxLength={300} required />
      </label>
      <label className="field">
        <span>{w.textEn}</span>
        <input value={en} onChange={(e) => setEn(e.target.value)} maxLength={300} lang="en" required />
      </label>
      {choice ? (
        <>
          <label className="field">
            <span>{w.optionsJa}</span>
            <textarea value={optionsJa} onChange={(e) => setOptionsJa(e.target.value)} rows={4} />
          </label>
          <label className="field">
            <span>{w.optionsEn}</span>
            <textarea value={optionsEn} onChange={(e) => setOptionsEn(e.target.value)} rows={4} lang="en" />
          </label>
        </>
      ) : null}
      {type === 'number' ? (
        <>
          <label className="field">
            <span>{w.min}</span>
            <input type="number" value={min} onChange={(e) => setMin(e.target.value)} step={1} />
          </label>
          <label className="field">
            <span>{w.max}</span>
            <input type="number" value={max} onChange={(e) => setMax(e.target.value)} step={1} />
          </label>
        </>
      ) : null}
      <fieldset className="field">
        <legend>{w.tie}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-tie`}
            checked={tie === 'construct'}
            onChange={() => setTie('construct')}
          />
          <span>{w.tieConstruct}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-tie`}
            checked={tie === 'initiative'}
            onChange={() => setTie('initiative')}
          />
          <span>{w.tieInitiative}</span>
        </label>
        {tie === 'construct' ? (
          <label className="field">
            <span>{w.pickConstruct}</span>
            <select value={constructId} onChange={(e) => setConstructId(e.target.value)}>
              {constructs.map((c) => (
                <option key={c.id} value={c.id}>
                  {l(c.name)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="field">
            <span>{w.pickInitiative}</span>
            <select value={initiativeId} onChange={(e) => setInitiativeId(e.target.value)}>
              {initiatives.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id} {isRelisting(r) ? '' : l(r.title)}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <label className="choice">
        <input
          type="checkbox"
          checked={sensitive}
          onChange={(e) => {
            setSensitive(e.target.checked);
            if (e.target.checked) setRequired(false);
          }}
        />
        <span>{w.sensitive}</span>
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={required}
          disabled={sensitive}
          onChange={(e) => setRequired(e.target.checked)}
        />
        <span>{w.required}</span>
      </label>
      <Preview type={type} ja={ja} en={en} options={lines(optionsJa)} min={min} max={max} />
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? w.adding : w.add}
        </button>
      </div>
    </form>
  );
}

/** The question roughly as the answer page shows it, in Japanese, with the English below. */
function Preview(props: {
  type: CustomQuestionType;
  ja: string;
  en: string;
  options: string[];
  min: string;
  max: string;
}) {
  const w = useWords();
  const { type, ja, en, options } = props;
  return (
    <figure className="panel preview" data-testid="custom-question-preview">
      <figcaption>{w.preview}</figcaption>
      {!ja && !en ? (
        <p className="hint">{w.previewEmpty}</p>
      ) : (
        <>
          <p>
            <strong>{ja}</strong>
            {en ? (
              <>
                <br />
                <span lang="en">{en}</span>
              </>
            ) : null}
          </p>
          {type === 'likert5' ? (
            <ol className="preview-scale">
              {WORDS.ja.scale.map((s, i) => (
                <li key={s}>
                  {i + 1}. {s}
                </li>
              ))}
            </ol>
          ) : null}
          {type === 'single' || type === 'multi' ? (
            <ul className="preview-options">
              {options.map((o) => (
                <li key={o}>
                  {type === 'single' ? '○' : '□'} {o}
                </li>
              ))}
            </ul>
          ) : null}
          {type === 'number' ? (
            <p>
              [ ] ({props.min}–{props.max})
            </p>
          ) : null}
          {type === 'text' ? <p>[ …… ]</p> : null}
        </>
      )}
    </figure>
  );
}

/** The results page's section: each custom question overall, or why it is hidden. */
export function CustomItemsPanel({ results, campaignId }: { results: CampaignResults; campaignId: string }) {
  const w = useWords();
  const { l, lang } = useI18n();
  const list = useResource<CustomQuestionList>(`/api/campaigns/${campaignId}/questions`);
  const items = results.customItems ?? [];
  if (items.length === 0) return null;
  const defs = new Map((list.data?.questions ?? []).map((q) => [q.id, q]));
  return (
    <section aria-labelledby="custom-items-title" className="panel" data-testid="custom-results">
      <h2 id="custom-items-title">{w.resultsTitle}</h2>
      <p className="hint">
        {fill(w.resultsLead, { k: results.minGroupSize, ks: results.sensitiveMinGroupSize })}
      </p>
      <div className="grid-2">
        {items.map((item) => {
          const def = defs.get(item.itemId);
          const text = def ? l(def.text) : item.itemId;
          return (
            <figure key={item.itemId} className="chart" data-item={item.itemId}>
              <figcaption>
                <strong>{text}</strong>
                {item.n != null ? ` (n=${item.n})` : ''}
              </figcaption>
              {item.suppressed ? (
                <p>
                  <HiddenNote reason={item.hiddenReason} />
                </p>
              ) : (
                <CustomFigure item={item} def={def} lang={lang} w={w} />
              )}
            </figure>
          );
        })}
      </div>
    </section>
  );
}

function CustomFigure({
  item,
  def,
  lang,
  w,
}: {
  item: CustomItemResult;
  def: CustomQuestion | undefined;
  lang: 'ja' | 'en';
  w: Words;
}) {
  const { l } = useI18n();
  const title = def ? l(def.text) : item.itemId;
  if (item.type === 'likert5') {
    const bars: Bar[] = (item.distribution ?? []).map((share, i) => ({
      key: String(i + 1),
      label: `${i + 1} ${WORDS[lang].scale[i]}`,
      value: share,
    }));
    return (
      <>
        <p>
          {w.favourable}: <strong>{pct(item.favourable ?? null, 1)}</strong> ・ {w.mean}:{' '}
          {item.mean != null ? item.mean.toFixed(2) : '—'}
        </p>
        <BarChart bars={bars} title={title} axisLabel={w.answers} labelWidth={200} />
      </>
    );
  }
  if (item.type === 'number') {
    return (
      <p>
        {w.mean}: <strong>{item.mean != null ? item.mean.toFixed(2) : '—'}</strong>
        {item.meanCi ? ` (95% CI ${item.meanCi[0].toFixed(2)}–${item.meanCi[1].toFixed(2)})` : ''}
      </p>
    );
  }
  if (item.type === 'text') {
    return (
      <ul className="comment-list">
        {(item.texts ?? []).map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: answers are shuffled text without ids
          <li key={i}>{t}</li>
        ))}
      </ul>
    );
  }
  const bars: Bar[] = (item.options ?? []).map((o) => ({
    key: o.value,
    label: l(def?.options?.find((x) => x.value === o.value)?.label) || o.value,
    value: o.share,
  }));
  return <BarChart bars={bars} title={title} axisLabel={w.answers} labelWidth={200} />;
}
