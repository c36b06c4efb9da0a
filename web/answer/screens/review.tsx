import type { PublicCampaign, SurveyQuestion } from '../../../shared/api/public';
import { LIKERT5_LABELS, NOT_APPLICABLE, NOT_APPLICABLE_LABEL } from '../../../shared/instruments/scales';
import { type Lang, pick } from '../../common/lang';
import { type Notice, ProblemBox, Title } from '../../common/staff';
import type { AnswerValue, Progress } from '../storage';
import { type ProblemCode, strings } from '../text';
import { StepForm } from './step-form';

type Survey = PublicCampaign['survey'];

/** An answer as the person gave it, in words. */
function shown(q: SurveyQuestion, value: AnswerValue | undefined, lang: Lang): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return strings(lang).unanswered;
  const label = (v: string) => {
    const o = q.options?.find((x) => x.value === v);
    return o ? pick(o.label, lang) : v;
  };
  if (Array.isArray(value)) return value.map(label).join(lang === 'ja' ? '、' : ', ');
  if (q.type === 'likert5' && value === NOT_APPLICABLE) return pick(NOT_APPLICABLE_LABEL, lang);
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
  notice?: Notice<ProblemCode> | undefined;
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
