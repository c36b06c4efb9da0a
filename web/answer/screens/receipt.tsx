import type { ReactNode } from 'react';
import type { Lang } from '../../common/lang';
import { Title, ForgetSection } from '../../common/staff';
import { closingDate } from '../format';
import { strings } from '../text';

export function ReceiptPage(props: {
  lang: Lang;
  receipt: string;
  closesAt: string;
  replaced: boolean;
  /** The server said these answers are stored (not only held for the next batch). */
  stored: boolean;
  onChange(): void;
  onForget(): void;
  /** Moving this survey to another device, shown before removing it from this one. */
  move?: ReactNode;
}) {
  const { lang } = props;
  const s = strings(lang);
  return (
    <>
      <Title>
        {props.stored ? s.receiptStoredTitle : props.replaced ? s.receiptReplaced : s.receiptTitle}
      </Title>
      <p>{s.receiptLead}</p>
      <p id="store-status" className={props.stored ? 'ok' : 'hint'} role="status">
        {props.stored ? s.receiptStored : s.receiptPending}
      </p>
      <p className="receipt">
        {s.receiptNumber}：<code id="receipt">{props.receipt}</code>
      </p>
      <p className="hint">{s.receiptNumberHint}</p>
      <p>{s.receiptChange(closingDate(props.closesAt, lang))}</p>
      <button type="button" className="primary" onClick={props.onChange}>
        {s.change}
      </button>
      {props.move}
      <ForgetSection text={s} onForget={props.onForget}>
        {!props.stored && <p className="problem">{s.forgetPending}</p>}
      </ForgetSection>
    </>
  );
}
