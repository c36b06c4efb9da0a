import type { PublicCampaign, SurveyQuestion } from '../../../shared/api/public';
import { type Lang, pick } from '../../common/lang';
import { Title } from '../../common/staff';
import type { Message } from '../check';
import { Question } from '../question';
import type { AnswerValue, Progress } from '../storage';
import { strings } from '../text';
import { StepForm } from './step-form';

type Survey = PublicCampaign['survey'];
type Section = Survey['sections'][number];

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
