/**
 * Masks what could name a person in free text before it is stored: e-mail
 * addresses, phone numbers and staff numbers. Full-width characters are
 * folded first (ＡＢＣ１２３ → ABC123) so they cannot slip past.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/**
 * What people type between the groups of a phone number. NFKC folds the
 * full-width hyphen (－) and space, but not the dashes an IME offers instead:
 * ー (the long-vowel mark, the usual slip), ‐ ‑ ‒ – — ― and − (minus); dots
 * too (090.1234.5678).
 */
const SEP = '[\\s.\\-\u2010-\u2015\u2212\u30fc\uff70]';
/**
 * Japanese and international phone numbers: 0242-39-1213, 090 1234 5678, +81-90-1234-5678,
 * (0242)39-1213, 0242(39)1213, 090ー1234ー5678.
 */
const PHONE = new RegExp(
  [
    `(?:\\+\\d{1,3}${SEP}?)?(?:\\(0?\\d{1,4}\\)${SEP}?|0?\\d{1,4}${SEP})\\d{1,4}${SEP}\\d{3,4}`,
    `\\b0\\d{1,4}${SEP}?\\(\\d{1,4}\\)${SEP}?\\d{3,4}`,
    '\\b0\\d{9,10}\\b',
  ].join('|'),
  'g',
);
/** Staff numbers: a run of five or more digits, optionally led by up to three letters (A12345, 1234567). */
const STAFF_NO = /\b[A-Za-z]{0,3}\d{5,}\b/g;

export const MASK = {
  email: '［メール］',
  phone: '［電話番号］',
  staffNo: '［番号］',
} as const;

export function maskPersonalData(text: string): string {
  return text
    .normalize('NFKC')
    .replace(EMAIL, MASK.email)
    .replace(PHONE, MASK.phone)
    .replace(STAFF_NO, MASK.staffNo);
}
