import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../../functions/crypto/base64url';
import { CryptoInputError, InvalidBase64UrlError } from '../../../functions/crypto/errors';

const text = (s: string) => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors without padding', () => {
    expect(encodeBase64Url(text(''))).toBe('');
    expect(encodeBase64Url(text('f'))).toBe('Zg');
    expect(encodeBase64Url(text('fo'))).toBe('Zm8');
    expect(encodeBase64Url(text('foo'))).toBe('Zm9v');
    expect(encodeBase64Url(text('foob'))).toBe('Zm9vYg');
    expect(encodeBase64Url(text('fooba'))).toBe('Zm9vYmE');
    expect(encodeBase64Url(text('foobar'))).toBe('Zm9vYmFy');
  });

  it('uses the URL alphabet', () => {
    expect(encodeBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(hex(decodeBase64Url('-_-_'))).toBe('fbffbf');
  });

  it('encodes only the bytes of a view, not its whole buffer', () => {
    const buffer = Uint8Array.of(1, 2, 3, 4, 5, 6);
    expect(encodeBase64Url(buffer.subarray(2, 5))).toBe(encodeBase64Url(Uint8Array.of(3, 4, 5)));
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = encodeBase64Url(bytes);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(hex(decodeBase64Url(encoded))).toBe(hex(bytes));
      }),
    );
  });

  it.each([
    ['padding', 'Zg=='],
    ['standard alphabet +', 'Zm9v+w'],
    ['standard alphabet /', 'Zm9v/w'],
    ['whitespace', 'Zm9v Zm9v'],
    ['newline', 'Zm9v\n'],
    ['a non-ASCII character', 'Zm9vé'],
    ['an impossible length', 'Zm9vY'],
    ['non-zero trailing bits (one byte)', 'Zh'],
    ['non-zero trailing bits (two bytes)', 'Zm9'],
  ])('rejects %s', (_, input) => {
    expect(() => decodeBase64Url(input)).toThrow(InvalidBase64UrlError);
    try {
      decodeBase64Url(input);
    } catch (error) {
      expect(error).toBeInstanceOf(CryptoInputError);
      expect((error as CryptoInputError).code).toBe('invalid_base64url');
    }
  });

  it('accepts exactly the canonical spelling of every byte string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQgw_-Zz09'), maxLength: 12 }), (input) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = decodeBase64Url(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidBase64UrlError);
        }
        if (decoded) expect(encodeBase64Url(decoded)).toBe(input);
      }),
    );
  });
});
