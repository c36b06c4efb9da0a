import type { ReactNode } from 'react';
import type { Lang } from '../../common/lang';
import { Title, ForgetSection } from '../../common/staff';
import { closingDate } from '../format';
import { strings } from '../text';

/**
 * After sending. What this browser still keeps (issue 14): on a shared device
 * nothing; elsewhere the copy stays while the answers wait for their batch (so
 * the page can resend them, A2) and is removed once they are stored, unless
 * the person chooses to keep the receipt to change the answers later.
 */
export function ReceiptPage(props: {
  lang: Lang;
  receipt: string;
  closesAt: string;
  replaced: boolean;
  /** The server said these answers are stored (not only held for the next batch). */
  stored: boolean;
  /** Answered on a shared device: nothing is kept here. */
  shared: boolean;
  /** The person chose to keep the receipt on this device. */
  kept: boolean;
  onChange(): void;
  onForget(): void;
  onKeep(): void;
  /** Moving this survey to another device, shown before removing it from this one. */
  move?: ReactNode;
}) {
  const { lang, shared, kept, stored } = props;
  const s = strings(lang);
  // What this browser holds now: the copy waiting for the batch, or a kept receipt.
  const holding = !shared && (kept || !stored);
  const status = shared
    ? stored
      ? s.receiptSharedStored
      : s.receiptSharedPending
    : stored
      ? kept
        ? s.receiptStored
        : s.receiptStoredCleared
      : kept
        ? s.receiptPending
        : `${s.receiptPending} ${s.receiptClears}`;
  return (
    <>
      <Title>{stored ? s.receiptStoredTitle : props.replaced ? s.receiptReplaced : s.receiptTitle}</Title>
      <p>{s.receiptLead}</p>
      <p id="store-status" className={stored ? 'ok' : 'hint'} role="status">
        {status}
      </p>
      {shared && <p>{s.receiptShared}</p>}
      <p className="receipt">
        {s.receiptNumber}：<code id="receipt">{props.receipt}</code>
      </p>
      <p className="hint">{s.receiptNumberHint}</p>
      {holding && <p>{s.receiptChange(closingDate(props.closesAt, lang))}</p>}
      <button type="button" className="primary" onClick={props.onChange}>
        {s.change}
      </button>
      {!shared && (
        <section className="receipt-keep" aria-labelledby="keep-title">
          <h2 id="keep-title">{s.keepTitle}</h2>
          {kept ? (
            <p id="kept" className="ok" role="status" tabIndex={-1}>
              {s.kept}
            </p>
          ) : (
            <>
              <p>{s.keepLead}</p>
              <button type="button" className="secondary" onClick={props.onKeep}>
                {s.keep}
              </button>
            </>
          )}
        </section>
      )}
      {props.move}
      {shared ? (
        <ForgetSection
          text={{
            forgetTitle: s.sharedEndTitle,
            forgetLead: s.sharedEndLead,
            forget: s.sharedEnd,
            forgetConfirm: s.sharedEndConfirm,
          }}
          onForget={props.onForget}
        >
          {!stored && <p className="problem">{s.forgetPending}</p>}
        </ForgetSection>
      ) : (
        holding && (
          <ForgetSection text={s} onForget={props.onForget}>
            {!stored && <p className="problem">{s.forgetPending}</p>}
          </ForgetSection>
        )
      )}
    </>
  );
}
