import { createHash, createHmac, randomBytes } from 'node:crypto';
import { encodeBase64Url } from './base64url';
import { InvalidInvitationCodeError } from './errors';

/**
 * Invitation codes, readable on paper: 26 characters of Crockford base32
 * (digits and letters without I, L, O, U), 130 bits.
 *
 * A code is derived from a per-campaign secret and the staff number, so HR can
 * download the same codes again while the server stores only their hashes
 * (`codeHash`, the key of the participation ledger) and never a code itself.
 */

export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITATION_CODE_LENGTH = 26;
export const INVITATION_CODE_BITS = INVITATION_CODE_LENGTH * 5;
/** Display grouping: two halves of 4-4-5, e.g. `ABCD-EFGH-JKMNP-QRST-VWXY-Z0123`. */
const GROUPS = [4, 4, 5, 4, 4, 5] as const;
const CODE = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A fresh campaign secret: 32 random bytes. Store it wrapped, like a unit key. */
export function newCampaignSecret(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** The canonical (ungrouped) code of one staff member: the first 130 bits of HMAC-SHA-256(secret, 'invite:' + staffNo). */
export function invitationCode(campaignSecret: Uint8Array, staffNo: string): string {
  if (campaignSecret.byteLength < 32) throw new RangeError('a campaign secret has at least 32 bytes');
  const mac = createHmac('sha256', campaignSecret).update(`invite:${staffNo}`, 'utf8').digest();
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    // Two bytes always cover 5 bits starting anywhere in the first one.
    const window = ((mac[byte] ?? 0) << 8) | (mac[byte + 1] ?? 0);
    code += CROCKFORD_ALPHABET[(window >> (11 - (bit & 7))) & 0x1f];
  }
  return code;
}

/** The code as printed or shown: hyphenated groups. Accepts any spelling `normaliseInvitationCode` accepts. */
export function formatInvitationCode(code: string): string {
  const canonical = normaliseInvitationCode(code);
  const groups: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    groups.push(canonical.slice(at, at + size));
    at += size;
  }
  return groups.join('-');
}

/**
 * What a person typed, as the canonical code: full-width characters folded
 * (NFKC, for Japanese input methods), upper case, spaces and dashes removed
 * (including the long-vowel mark ー an IME produces for "-"), and I/L read as
 * 1 and O as 0, as Crockford prescribes. Throws `InvalidInvitationCodeError`.
 */
export function normaliseInvitationCode(input: string): string {
  if (input.length > 128) throw new InvalidInvitationCodeError();
  const code = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}\u2212\u30FC\uFF70]/gu, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (!CODE.test(code)) throw new InvalidInvitationCodeError();
  return code;
}

/** The participation ledger's key for a code: base64url(SHA-256('koe-invite:' + canonical code)). */
export function codeHash(code: string): string {
  const canonical = normaliseInvitationCode(code);
  return encodeBase64Url(createHash('sha256').update(`koe-invite:${canonical}`, 'utf8').digest());
}
