import type { ReactNode } from 'react';
import type { PublicCampaign } from '../../../shared/api/public';
import { type Lang, pick } from '../../common/lang';
import { type Notice, ProblemBox, Title } from '../../common/staff';
import { closingDate, minutesFor } from '../format';
import { type ProblemCode, strings } from '../text';

/**
 * What a respondent needs before starting, in the first phone screen: title,
 * deadline, time, a plain promise of anonymity and the button. How the
 * anonymity works (tokens, blind signatures, the key group) is one tap away.
 */
export function IntroPage(props: {
  lang: Lang;
  data: PublicCampaign;
  started: boolean;
  busy: boolean;
  notice?: Notice<ProblemCode> | undefined;
  onStart(): void;
  /** Answering on a shared device: nothing is kept in this browser (issue 14). */
  onStartShared(): void;
  /** The respondent's key group and key fingerprint (A4), shown before answering. */
  keyGroup?: ReactNode;
}) {
  const { lang, data, busy } = props;
  const s = strings(lang);
  const { campaign } = data;
  const questions = data.survey.sections.flatMap((x) => x.questions);
  return (
    <>
      <Title>{pick(campaign.title, lang)}</Title>
      <p className="meta">
        {s.introFy(campaign.fiscalYear)} ・ {s.introUnit}：{pick(data.unit.name, lang)}
      </p>
      <p className="deadline">{s.introDeadline(closingDate(campaign.closesAt, lang))}</p>
      <p>{s.introTime(minutesFor(questions), questions.length)}</p>
      <p className="promise">{s.promise(campaign.minGroupSize)}</p>
      {props.notice && <ProblemBox notice={props.notice} />}
      <section className="device" aria-labelledby="device-q">
        <h2 id="device-q" className="device-q">
          {s.deviceQuestion}
        </h2>
        <button type="button" className="primary" onClick={props.onStart} disabled={busy} aria-busy={busy}>
          {busy ? s.preparing : props.started ? s.resume : s.start}
        </button>
        <button type="button" className="secondary" onClick={props.onStartShared} disabled={busy}>
          {s.startShared}
        </button>
        <p className="hint">{s.deviceHint}</p>
      </section>
      <p className="hint">{s.lostDevice}</p>
      <h2>{s.introPurposeTitle}</h2>
      <p>{s.introPurpose(data.planName && pick(data.planName, lang))}</p>
      <details className="more">
        <summary>{s.anonMore}</summary>
        <section className="anon" aria-labelledby="anon-title">
          <h2 id="anon-title">{s.anonTitle}</h2>
          <ol>
            {s.anonSteps.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ol>
          <h3>{s.anonHrTitle}</h3>
          <p>{s.anonHr(campaign.minGroupSize, campaign.sensitiveMinGroupSize)}</p>
          <h3>{s.anonNeverTitle}</h3>
          <ul>
            {s.anonNever.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <h3>{s.anonBatchTitle}</h3>
          <p>{s.anonBatch}</p>
          <p>{s.anonDevice}</p>
        </section>
        {props.keyGroup}
      </details>
    </>
  );
}
