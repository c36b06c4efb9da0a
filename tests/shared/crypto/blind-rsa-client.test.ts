import { generateKeyPairSync } from 'node:crypto';
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blindSign } from '../../../functions/crypto/blind-sign';
import { verifyToken } from '../../../functions/crypto/verify';
import { blind, finalize, importPublicKey, prepare } from '../../../shared/crypto/blind-rsa-client';
import { blindToken, finalizeToken } from '../../../web/answer/token';

/**
 * The respondent page does RFC 9474's client steps itself (BigInt and
 * WebCrypto) instead of shipping @cloudflare/blindrsa-ts and its sjcl. Here
 * the library is the reference: fed the same random bytes, both must produce
 * the same bytes, and the server's native signer and verifier must accept
 * what the page makes.
 */

const suite = RSABSSA.SHA384.PSS.Randomized();
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The library's view of the same key: extractable RSA-PSS SHA-384, as tests/support/respondent.ts imports it. */
const libraryKey = () =>
  crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify']);

/** Replays fixed random bytes: message prefix (32), PSS salt (48), blinding factor (256). */
function replay(values: Uint8Array[]) {
  const spy = vi.spyOn(crypto, 'getRandomValues');
  for (const v of values) {
    spy.mockImplementationOnce((array) => {
      (array as unknown as Uint8Array).set(v);
      return array;
    });
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RFC 9474 client steps of the respondent page', () => {
  it('produces byte for byte what @cloudflare/blindrsa-ts produces from the same random bytes', async () => {
    for (let round = 0; round < 5; round++) {
      const prefix = crypto.getRandomValues(new Uint8Array(32));
      const salt = crypto.getRandomValues(new Uint8Array(48));
      const r = crypto.getRandomValues(new Uint8Array(256));
      r[0] = 0x01; // below every 2048-bit modulus, so neither side draws again
      const msg = crypto.getRandomValues(new Uint8Array(32));

      replay([prefix, salt, r]);
      const ours = prepare(msg);
      const oursBlind = await blind(await importPublicKey(spki), ours);

      replay([prefix, salt, r]);
      const theirs = suite.prepare(msg);
      const theirsBlind = await suite.blind(await libraryKey(), theirs);

      expect(hex(ours)).toBe(hex(theirs));
      expect(hex(oursBlind.blindedMsg)).toBe(hex(theirsBlind.blindedMsg));
      expect(hex(oursBlind.inv)).toBe(hex(theirsBlind.inv));

      const blindSig = blindSign(privateKey, oursBlind.blindedMsg);
      const oursSig = await finalize(await importPublicKey(spki), ours, blindSig, oursBlind.inv);
      const theirsSig = await suite.finalize(await libraryKey(), theirs, blindSig, theirsBlind.inv);
      expect(hex(oursSig)).toBe(hex(theirsSig));
      expect(verifyToken(spki, ours, oursSig)).toBe(true);
    }
  });

  it('makes tokens the server signs and verifies, and never the same blinded message twice', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const pending = await blindToken(b64u(spki));
      expect(pending.token).toMatch(/^[A-Za-z0-9_-]{86}$/); // 64 bytes: 32 prefix + 32 random
      expect(pending.blinded).toMatch(/^[A-Za-z0-9_-]{342}$/); // 256 bytes, the API's check
      seen.add(pending.blinded);
      const blindSignature = b64u(blindSign(privateKey, Buffer.from(pending.blinded, 'base64url')));
      const signature = await finalizeToken(b64u(spki), pending, blindSignature);
      expect(
        verifyToken(spki, Buffer.from(pending.token, 'base64url'), Buffer.from(signature, 'base64url')),
      ).toBe(true);
      // The library, as an outside verifier, agrees.
      expect(
        await suite.verify(
          await libraryKey(),
          Buffer.from(signature, 'base64url'),
          Buffer.from(pending.token, 'base64url'),
        ),
      ).toBe(true);
    }
    expect(seen.size).toBe(3);
  });

  it('refuses a blind signature that does not unblind to a valid signature', async () => {
    const pending = await blindToken(b64u(spki));
    const good = blindSign(privateKey, Buffer.from(pending.blinded, 'base64url'));
    const bad = Uint8Array.from(good);
    bad[100]! ^= 0x01;
    await expect(finalizeToken(b64u(spki), pending, b64u(bad))).rejects.toThrow('invalid signature');
    // Signed by another key: also refused.
    // The blinded message lies below our modulus, but about half the time not
    // below another key's: reduce it first, or the other key's signer refuses
    // it as out of range and the test would fail by chance.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const otherModulus = BigInt(
      `0x${Buffer.from(other.export({ format: 'jwk' }).n!, 'base64url').toString('hex')}`,
    );
    const reduced = BigInt(`0x${hex(Buffer.from(pending.blinded, 'base64url'))}`) % otherModulus;
    const foreign = blindSign(other, Buffer.from(reduced.toString(16).padStart(512, '0'), 'hex'));
    await expect(finalizeToken(b64u(spki), pending, b64u(foreign))).rejects.toThrow();
    await expect(finalizeToken(b64u(spki), pending, b64u(good.subarray(1)))).rejects.toThrow(
      'unexpected input size',
    );
  });
});
