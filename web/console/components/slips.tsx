import { useState } from 'react';
import type { Campaign, Invitation } from '../../../shared/api/campaign';
import { deadlineLabel } from '../../../shared/time/deadline';
import { yearLong } from '../lib/format';
import { type I18n, useI18n } from '../lib/i18n';
import { QrCode } from './qr';

/**
 * Printable A4 sheets of slips (2 columns of 68 mm rows), each slip carrying
 * one or two codes: a QR code of the link, the code in readable groups, the
 * link in small type and a line of help. A slip with two codes (a survey
 * invitation and a feedback code) takes two rows, so four fit on a sheet.
 */

export interface SlipPart {
  key: string;
  title: string;
  meta: string;
  url: string;
  qrLabel: string;
  codeLabel: string;
  code: string;
  help: string;
}

export interface Slip {
  key: string;
  unitName: string;
  personName: string;
  staffNo: string;
  parts: SlipPart[];
}

/** Slips on one sheet: eight single slips, or four with two codes each. */
export const slipsPerSheet = (partsPerSlip: number): number => (partsPerSlip > 1 ? 4 : 8);

/** A code in groups; a line may break after a hyphen, never inside a group. */
export const readableCode = (code: string): string => code.replace(/-/g, '-\u200b');

export function SlipSheets({ slips, perSheet }: { slips: Slip[]; perSheet: number }) {
  const { t } = useI18n();
  const sheets: Slip[][] = [];
  for (let i = 0; i < slips.length; i += perSheet) sheets.push(slips.slice(i, i + perSheet));
  return (
    <div className="sheets">
      {sheets.map((sheet, si) => (
        <section className="sheet" key={sheet[0]!.key} aria-label={t('sheetN', { n: si + 1 })}>
          {sheet.map((slip) => (
            <article className={slip.parts.length > 1 ? 'slip slip-double' : 'slip'} key={slip.key}>
              {slip.parts.map((part, pi) => (
                <div className="slip-part" key={part.key}>
                  <header>
                    <p className="slip-title">{part.title}</p>
                    <p className="slip-meta">{part.meta}</p>
                  </header>
                  <div className="slip-body">
                    <QrCode data={part.url} label={part.qrLabel} className="qr" />
                    <div>
                      {pi === 0 ? (
                        <p className="slip-to">
                          {slip.unitName}
                          <br />
                          {slip.personName} <span className="mono">({slip.staffNo})</span>
                        </p>
                      ) : null}
                      <p className="slip-code-label">{part.codeLabel}</p>
                      <p className="slip-code mono">{readableCode(part.code)}</p>
                      <p className="slip-url mono">{part.url}</p>
                    </div>
                  </div>
                  <p className="slip-help">{part.help}</p>
                </div>
              ))}
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}

/** A survey invitation as one part of a slip (also printed beside a feedback code). */
export function invitationPart(
  c: Campaign,
  inv: Invitation,
  t: I18n['t'],
  lang: I18n['lang'],
  l: I18n['l'],
): SlipPart {
  return {
    key: `survey-${c.id}`,
    title: l(c.title),
    meta: `${yearLong(c.fiscalYear, lang)} · ${t('deadline', { date: deadlineLabel(c.closesAt, lang) })}`,
    url: inv.url,
    qrLabel: t('qrLabel'),
    codeLabel: t('invitationCode'),
    code: inv.code,
    help: t('slipHelp'),
  };
}

/** Staff numbers as typed: separated by spaces, lines, commas or 、. */
export function staffNumbersOf(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKC')
        .split(/[\s,、]+/)
        .filter(Boolean),
    ),
  ];
}

/** The custodian's reprint form: staff numbers typed or pasted, then one reprint of theirs. */
export function ReprintForm({ onReprint }: { onReprint: (staffNos: string[]) => void }) {
  const { t } = useI18n();
  const [numbers, setNumbers] = useState('');
  return (
    <form
      className="reprint"
      onSubmit={(e) => {
        e.preventDefault();
        const staffNos = staffNumbersOf(numbers);
        if (staffNos.length > 0) onReprint(staffNos);
      }}
    >
      <label className="field">
        <span>{t('reprintStaffNos')}</span>
        <textarea rows={2} value={numbers} onChange={(e) => setNumbers(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit">{t('reprintNow')}</button>
      </div>
    </form>
  );
}
