/**
 * Invitation and feedback codes: 26 characters of Crockford base32 (digits
 * and letters without I, L, O, U; 130 bits), grouped 4-4-5-4-4-5 for paper.
 * This file is the one home of the code's spelling rules: the server
 * (`functions/crypto/invitation-code.ts`) and both staff pages fold, check
 * and group codes with these functions. Browser-safe and free of zod.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 26;
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** Display grouping: two halves of 4-4-5, e.g. `ABCD-EFGH-JKMNP-QRST-VWXY-Z0123`. */
const GROUPS = [4, 4, 5, 4, 4, 5] as const;

/**
 * What a person typed, folded towards the canonical code: full-width
 * characters folded (NFKC, for Japanese input methods), upper case, spaces
 * and every dash removed (including the long-vowel marks ー and ｰ an IME
 * produces for "-", and the minus sign), and I/L read as 1 and O as 0, as
 * Crockford prescribes. The result is a code only if `isCode` says so.
 */
export function normaliseCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}\u2212\u30FC\uFF70]/gu, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export const isCode = (code: string): boolean => CODE_PATTERN.test(code);

/** `ABCD-EFGH-JKMNP-QRST-VWXY-Z0123`, as printed on the slip; a partial code is grouped as far as it goes. */
export function groupCode(code: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    parts.push(code.slice(at, at + size));
    at += size;
  }
  return parts.filter(Boolean).join('-');
}
