import { useState } from 'react';
import type { Campaign, Invitation } from '../../../shared/api/campaign';
import { deadlineLabel } from '../../../shared/time/deadline';
import { yearLong } from '../lib/format';
import { type I18n, useI18n } from '../lib/i18n';
import type { Reference } from '../lib/reference';
import { QrCode } from './qr';

/**
 * Printable A4 sheets of slips (2 columns of 66 mm rows under the unit's
 * name), each slip carrying one or two codes: a QR code of the link, the code
 * in readable groups, the page's short address to type and a line of help.
 * A slip with two codes (a survey invitation and a feedback code) takes two
 * rows, so four fit on a sheet. Slips go by unit, and each unit starts a new
 * sheet, so a sheet is handed out in one unit.
 */

export interface SlipPart {
  key: string;
  title: string;
  meta: string;
  /** The full link (the code in its fragment): what the QR code carries. */
  url: string;
  qrLabel: string;
  codeLabel: string;
  code: string;
  help: string;
}

export interface Slip {
  key: string;
  unitCode: string;
  unitName: string;
  personName: string;
  staffNo: string;
  parts: SlipPart[];
}

/** One printed page: slips of one unit. */
export interface Sheet {
  key: string;
  unitName: string;
  /** This sheet's place among its unit's sheets (1-based), and how many the unit has. */
  n: number;
  of: number;
  slips: Slip[];
}

/** Slips on one sheet: eight single slips, or four with two codes each. */
export const slipsPerSheet = (partsPerSlip: number): number => (partsPerSlip > 1 ? 4 : 8);

/** A code in groups; a line may break after a hyphen, never inside a group. */
export const readableCode = (code: string): string => code.replace(/-/g, '-\u200b');

/**
 * What a person types from the slip: the page's own address, without the
 * fragment that carries the survey and the code (`<public URL>/answer/`).
 * The page then asks for the code alone.
 */
export function shortAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.replace(/#.*$/, '');
  }
}

/** Slips by unit, in the order of the unit tree (units it does not know last, by code), then by staff number. */
export function byUnit(slips: Slip[], ref: Pick<Reference, 'unitTree'>): Slip[] {
  const order = new Map(ref.unitTree.map(({ unit }, i) => [unit.code, i]));
  const rank = (code: string) => order.get(code) ?? order.size;
  return [...slips].sort(
    (a, b) =>
      rank(a.unitCode) - rank(b.unitCode) ||
      a.unitCode.localeCompare(b.unitCode) ||
      a.staffNo.localeCompare(b.staffNo, 'en', { numeric: true }),
  );
}

/** Sheets of slips already in unit order: a new sheet for every unit, and for every `perSheet` slips. */
export function sheetsOf(slips: Slip[], perSheet: number): Sheet[] {
  const units: Slip[][] = [];
  for (const slip of slips) {
    const last = units.at(-1);
    if (last && last[0]!.unitCode === slip.unitCode) last.push(slip);
    else units.push([slip]);
  }
  return units.flatMap((unit) => {
    const of = Math.ceil(unit.length / perSheet);
    return Array.from({ length: of }, (_, i) => ({
      key: `${unit[0]!.unitCode}#${i}`,
      unitName: unit[0]!.unitName,
      n: i + 1,
      of,
      slips: unit.slice(i * perSheet, (i + 1) * perSheet),
    }));
  });
}

export function SlipSheets({ sheets }: { sheets: Sheet[] }) {
  const { t } = useI18n();
  return (
    <div className="sheets">
      {sheets.map((sheet, si) => (
        <section className="sheet" key={sheet.key} aria-label={t('sheetN', { n: si + 1 })}>
          <h2 className="sheet-unit">
            {sheet.unitName}
            {sheet.of > 1 ? (
              <span className="sheet-part"> {t('sheetOfUnit', { n: sheet.n, of: sheet.of })}</span>
            ) : null}
          </h2>
          {sheet.slips.map((slip) => (
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
                    </div>
                  </div>
                  <p className="slip-url mono">{shortAddress(part.url)}</p>
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
