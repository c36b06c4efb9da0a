import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoInputError, InvalidInvitationCodeError } from '../../../functions/crypto/errors';
import {
  CROCKFORD_ALPHABET,
  codeHash,
  formatInvitationCode,
  INVITATION_CODE_BITS,
  invitationCode,
  newCampaignSecret,
  normaliseInvitationCode,
} from '../../../functions/crypto/invitation-code';
import { InvitationCode } from '../../../shared/api/public';

const secret = new Uint8Array(32).map((_, i) => i * 7 + 3);

/** The first 130 bits of HMAC-SHA-256(secret, 'invite:' + staffNo), computed independently with BigInt. */
function expectedBits(campaignSecret: Uint8Array, staffNo: string): bigint {
  const mac = createHmac('sha256', campaignSecret).update(`invite:${staffNo}`).digest();
  return BigInt(`0x${mac.subarray(0, 17).toString('hex')}`) >> 6n; // 136 bits → 130
}

function decodeCrockford(code: string): bigint {
  let value = 0n;
  for (const char of code) value = (value << 5n) | BigInt(CROCKFORD_ALPHABET.indexOf(char));
  return value;
}

describe('invitationCode', () => {
  it('is 26 Crockford base32 characters carrying the first 130 bits of the HMAC', () => {
    for (const staffNo of ['A0001', 'A0002', '19870401', '職員-1']) {
      const code = invitationCode(secret, staffNo);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(INVITATION_CODE_BITS).toBe(130);
      expect(decodeCrockford(code)).toBe(expectedBits(secret, staffNo));
    }
  });

  it('is the same every time for the same campaign and staff member', () => {
    expect(invitationCode(secret, 'A0001')).toBe(invitationCode(new Uint8Array(secret), 'A0001'));
  });

  it('differs between campaigns', () => {
    const other = new Uint8Array(secret);
    other[0] = (other[0] ?? 0) ^ 1;
    expect(invitationCode(other, 'A0001')).not.toBe(invitationCode(secret, 'A0001'));
  });

  it('is unique over 10,000 staff numbers, and so are the ledger keys', () => {
    const campaignSecret = newCampaignSecret();
    const codes = new Set<string>();
    const hashes = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const code = invitationCode(campaignSecret, `S${String(i).padStart(6, '0')}`);
      codes.add(code);
      hashes.add(codeHash(code));
    }
    expect(codes.size).toBe(10_000);
    expect(hashes.size).toBe(10_000);
  });

  it('uses every symbol of the alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const char of invitationCode(secret, `S${i}`)) seen.add(char);
    expect([...seen].sort().join('')).toBe(CROCKFORD_ALPHABET);
  });

  it('needs a campaign secret of at least 32 bytes', () => {
    expect(() => invitationCode(new Uint8Array(16), 'A0001')).toThrow(RangeError);
  });
});

describe('newCampaignSecret', () => {
  it('is 32 random bytes', () => {
    const a = newCampaignSecret();
    expect(a.byteLength).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(newCampaignSecret()))).toBe(false);
  });
});

describe('formatInvitationCode', () => {
  it('groups the code as 4-4-5-4-4-5 for paper', () => {
    const code = invitationCode(secret, 'A0001');
    const shown = formatInvitationCode(code);
    expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/);
    expect(shown.replaceAll('-', '')).toBe(code);
    expect(formatInvitationCode(shown.toLowerCase())).toBe(shown);
  });
});

describe('normaliseInvitationCode', () => {
  const code = '0123456789ABCDEFGHJKMNPQRS';

  it.each([
    ['canonical', code],
    ['hyphenated', '0123-4567-89ABC-DEFG-HJKM-NPQRS'],
    ['lower case', code.toLowerCase()],
    ['with spaces and surrounding whitespace', '  0123 4567 89ABC\tDEFG HJKM NPQRS\n'],
    ['with O for 0 and I, L for 1', 'O123456789ABCDEFGHJKMNPQRS'.replace('1', 'I')],
    ['with l for 1', 'ol23456789abcdefghjkmnpqrs'],
    [
      'full-width, as a Japanese IME types it',
      '０１２３－４５６７－８９ＡＢＣ－ＤＥＦＧ－ＨＪＫＭ－ＮＰＱＲＳ',
    ],
    ['with the long-vowel mark for hyphens', '0123ー4567ー89ABCーDEFGーHJKMーNPQRS'],
  ])('reads a code written %s', (_, input) => {
    expect(normaliseInvitationCode(input)).toBe(code);
  });

  it.each([
    ['too short', code.slice(1)],
    ['too long', `${code}T`],
    ['with U (not in the alphabet)', `${code.slice(1)}U`],
    ['with a symbol', `${code.slice(1)}*`],
    ['empty', ''],
    ['absurdly long', '-'.repeat(200) + code],
  ])('refuses a code %s with a typed input error', (_, input) => {
    expect(() => normaliseInvitationCode(input)).toThrow(InvalidInvitationCodeError);
    try {
      normaliseInvitationCode(input);
    } catch (error) {
      expect(error).toBeInstanceOf(CryptoInputError);
      expect((error as CryptoInputError).code).toBe('invalid_invitation_code');
    }
  });

  it('gives codes the API schema (shared/api/public.ts InvitationCode) accepts', () => {
    for (let i = 0; i < 100; i++) {
      const generated = invitationCode(secret, `S${i}`);
      expect(InvitationCode.parse(generated)).toBe(generated);
      expect(InvitationCode.parse(formatInvitationCode(generated))).toBe(generated);
      expect(
        InvitationCode.parse(normaliseInvitationCode(formatInvitationCode(generated).toLowerCase())),
      ).toBe(generated);
    }
  });
});

describe('codeHash', () => {
  it('is base64url(SHA-256("koe-invite:" + canonical code))', () => {
    const code = invitationCode(secret, 'A0001');
    const expected = createHash('sha256').update(`koe-invite:${code}`).digest('base64url');
    expect(codeHash(code)).toBe(expected);
    expect(codeHash(code)).toHaveLength(43);
  });

  it('is the same for every spelling of a code', () => {
    const code = invitationCode(secret, 'A0001');
    const spellings = [formatInvitationCode(code), code.toLowerCase(), ` ${formatInvitationCode(code)} `];
    for (const spelling of spellings) expect(codeHash(spelling)).toBe(codeHash(code));
  });

  it('refuses what is not a code', () => {
    expect(() => codeHash('not a code')).toThrow(InvalidInvitationCodeError);
  });
});
