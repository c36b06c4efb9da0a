import type { PublicCampaign, SurveyQuestion } from '../../../shared/api/public';
import type { Lang } from '../../common/lang';
import type { State } from '../state';
import type { AnswerValue } from '../storage';
import { strings } from '../text';
import { AboutYouPage } from './about-you';
import { ReviewPage } from './review';
import { SectionPage } from './section';
import { ProgressBar } from './step-form';

/**
 * The steps after the introduction, in order: each section, "about you",
 * then the review. Which one shows is the step saved in the progress.
 */
export function StepScreen(props: {
  lang: Lang;
  data: PublicCampaign;
  state: State;
  onChange(q: SurveyQuestion, value: AnswerValue | undefined): void;
  onAttribute(id: string, value: string): void;
  /** Moving on from a section (its answers are checked first) or from "about you". */
  onNext(step: number): void;
  onBack(step: number): void;
  onEdit(step: number): void;
  onSubmit(): void;
}) {
  const { lang, data, state } = props;
  const { progress, notice } = state;
  const s = strings(lang);
  const sections = data.survey.sections;
  const aboutStep = sections.length;
  const reviewStep = aboutStep + 1;
  const step = Math.min(progress.step, reviewStep);
  const primary = state.fromReview ? s.toReview : s.next;
  const back = () => props.onBack(step);
  const next = () => props.onNext(step);
  const section = sections[step];
  return (
    <>
      <ProgressBar lang={lang} at={step + 1} of={reviewStep + 1} />
      {state.resumed && <p className="ok">{s.resumed}</p>}
      {progress.unsent && <p className="note">{s.unsent}</p>}
      {notice && step !== reviewStep && (
        <div className="problem" role="alert" id="notice" tabIndex={-1}>
          <h2>{s.problems[notice.problem].title}</h2>
          <p>{s.problems[notice.problem].body}</p>
        </div>
      )}
      {section ? (
        <SectionPage
          lang={lang}
          section={section}
          sensitiveMin={data.campaign.sensitiveMinGroupSize}
          answers={progress.answers}
          errors={state.errors}
          primary={primary}
          onChange={props.onChange}
          onBack={back}
          onNext={next}
        />
      ) : step === aboutStep ? (
        <AboutYouPage
          lang={lang}
          attributes={data.survey.attributes}
          values={progress.attributes}
          primary={primary}
          onChange={props.onAttribute}
          onBack={back}
          onNext={next}
        />
      ) : (
        <ReviewPage
          lang={lang}
          survey={data.survey}
          progress={progress}
          busy={state.busy}
          notice={notice}
          onEdit={props.onEdit}
          onSubmit={props.onSubmit}
          onBack={back}
        />
      )}
    </>
  );
}
