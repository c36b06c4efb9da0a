import { type Lang, pick } from '../../common/lang';
import { type Notice, ProblemBox, Title } from '../../common/staff';
import { type ProblemCode, strings } from '../text';
import type { Wallet } from '../wallet';
import { HowItWorks, Meta } from '../views';

/** Before any token: what this is for and how anonymity works, then one button. */
export function RedeemPage(props: {
  lang: Lang;
  fiscalYear: number;
  unit: Wallet['unit'];
  /** The HR development plan's name as stored, if a plan is loaded. */
  planName?: Wallet['unit']['name'] | undefined;
  batchSize: number;
  started: boolean;
  busy: boolean;
  notice?: Notice<ProblemCode> | undefined;
  onRedeem(): void;
}) {
  const { lang } = props;
  const s = strings(lang);
  return (
    <>
      <Title>{s.introTitle}</Title>
      <Meta lang={lang} fiscalYear={props.fiscalYear} unit={props.unit} />
      <h2>{s.introPurposeTitle}</h2>
      <p>{s.introPurpose(props.planName && pick(props.planName, lang))}</p>
      <section className="anon" aria-labelledby="anon-title">
        <h2 id="anon-title">{s.anonTitle}</h2>
        <HowItWorks lang={lang} batchSize={props.batchSize} />
      </section>
      {props.notice && <ProblemBox notice={props.notice} busy={props.busy} />}
      {!props.notice?.retry && (
        <button
          type="button"
          className="primary wide"
          onClick={props.onRedeem}
          disabled={props.busy}
          aria-busy={props.busy}
        >
          {props.busy ? s.redeeming : props.started ? s.redeemResume : s.redeem}
        </button>
      )}
    </>
  );
}
