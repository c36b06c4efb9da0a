import { RSABSSA } from '@cloudflare/blindrsa-ts';

/** The respondent's side of RFC 9474, as the browser runs it: the unit key imported from our SPKI by WebCrypto. */

export const suite = RSABSSA.SHA384.PSS.Randomized();

export function importPublicKeyAsBrowser(publicKeySpki: Uint8Array): Promise<CryptoKey> {
  // blindrsa-ts reads n and e through a JWK export: the key must be extractable.
  return crypto.subtle.importKey(
    'spki',
    new Uint8Array(publicKeySpki),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
}

export async function requestToken(publicKeySpki: Uint8Array) {
  const publicKey = await importPublicKeyAsBrowser(publicKeySpki);
  const token = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await suite.blind(publicKey, token);
  return { publicKey, token, blindedMsg, inv };
}
