import { createHash, createHmac, randomBytes } from 'node:crypto';
import { encodeBase64Url } from './base64url';
import { InvalidInvitationCodeError } from './errors';
import {
  CODE_LENGTH,
  CROCKFORD_ALPHABET,
  groupCode,
  isCode,
  normaliseCode,
} from '../../shared/text/invitation-code';

/**
 * Invitation codes, readable on paper: 26 characters of Crockford base32
 * (digits and letters without I, L, O, U), 130 bits.
 *
 * A code is derived from a per-campaign secret and the staff number, so HR can
 * download the same codes again while the server stores only their hashes
 * (`codeHash`, the key of the participation ledger) and never a code itself.
 */

export { CROCKFORD_ALPHABET };
export const INVITATION_CODE_LENGTH = CODE_LENGTH;
export const INVITATION_CODE_BITS = INVITATION_CODE_LENGTH * 5;

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
  return groupCode(normaliseInvitationCode(code));
}

/** What a person typed, as the canonical code (folded by `normaliseCode`). Throws `InvalidInvitationCodeError`. */
export function normaliseInvitationCode(input: string): string {
  if (input.length > 128) throw new InvalidInvitationCodeError();
  const code = normaliseCode(input);
  if (!isCode(code)) throw new InvalidInvitationCodeError();
  return code;
}

/** The participation ledger's key for a code: base64url(SHA-256('koe-invite:' + canonical code)). */
export function codeHash(code: string): string {
  const canonical = normaliseInvitationCode(code);
  return encodeBase64Url(createHash('sha256').update(`koe-invite:${canonical}`, 'utf8').digest());
}
