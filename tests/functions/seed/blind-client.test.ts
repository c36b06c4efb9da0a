import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { describe, expect, it } from 'vitest';
import { blindSign, generateUnitKey, importUnitPrivateKey, verifyToken } from '../../../functions/crypto';
import { blindToken } from '../../../functions/seed/blind-client';

describe('the demo loader’s native RFC 9474 client', () => {
  it('produces tokens that the reference library and the server both verify', async () => {
    const key = await generateUnitKey();
    const privateKey = importUnitPrivateKey(key.privateKeyPkcs8);
    const suite = RSABSSA.SHA384.PSS.Randomized();
    const publicKey = await crypto.subtle.importKey(
      'spki',
      new Uint8Array(key.publicKeySpki),
      { name: 'RSA-PSS', hash: 'SHA-384' },
      true,
      ['verify'],
    );
    for (let i = 0; i < 20; i++) {
      const t = blindToken(key.publicKeySpki);
      const signature = t.finalize(blindSign(privateKey, t.blindedMessage));
      expect(verifyToken(key.publicKeySpki, t.token, signature)).toBe(true);
      expect(await suite.verify(publicKey, signature, t.token)).toBe(true);
    }
  });

  it('refuses a signature from another key', async () => {
    const [a, b] = await Promise.all([generateUnitKey(), generateUnitKey()]);
    const t = blindToken(a.publicKeySpki);
    // Either the signer refuses (message ≥ its modulus) or the signature does not verify.
    expect(() => t.finalize(blindSign(importUnitPrivateKey(b.privateKeyPkcs8), t.blindedMessage))).toThrow();
  });
});
