import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { blindSign } from '../../functions/crypto/blind-sign';
import { generateUnitKey, importUnitPrivateKey } from '../../functions/crypto/campaign-keys';
import { serveHarness } from './child';

/**
 * Token issuing on one core, in a fresh process: koe's native blindSign (raw
 * RSA through OpenSSL, with the s^e = m check) against the pure-JS signer of
 * @cloudflare/blindrsa-ts on the same key and the same blinded messages.
 */

const suite = RSABSSA.SHA384.PSS.Randomized();

export interface TokenRun {
  native: number[];
  js: { signatures: number; ms: number };
  agree: boolean;
}

async function run(arg: { sliceMs: number; slices: number; jsPerSlice: number }): Promise<TokenRun> {
  const unitKey = await generateUnitKey();
  const privateKey = importUnitPrivateKey(unitKey.privateKeyPkcs8);
  // What a browser sends: messages blinded by the library's client with the unit's public key.
  const publicKey = await crypto.subtle.importKey(
    'spki',
    new Uint8Array(unitKey.publicKeySpki),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['verify'],
  );
  const blinded: Uint8Array[] = [];
  for (let i = 0; i < 32; i++) {
    const token = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
    blinded.push((await suite.blind(publicKey, token)).blindedMsg);
  }
  // The library signs with a WebCrypto key: RSA-PSS/SHA-384, extractable (it reads n and d through JWK).
  const jsKey = await crypto.subtle.importKey(
    'pkcs8',
    new Uint8Array(unitKey.privateKeyPkcs8),
    { name: 'RSA-PSS', hash: 'SHA-384' },
    true,
    ['sign'],
  );
  const sample = await suite.blindSign(jsKey, blinded[0]!);
  const agree = Buffer.from(sample).equals(Buffer.from(blindSign(privateKey, blinded[0]!)));

  for (let i = 0; i < 100; i++) blindSign(privateKey, blinded[i % blinded.length]!); // warm-up
  const native: number[] = [];
  let jsSignatures = 0;
  let jsMs = 0;
  for (let slice = 0; slice < arg.slices; slice++) {
    let count = 0;
    const start = performance.now();
    const end = start + arg.sliceMs;
    while (performance.now() < end) {
      for (let i = 0; i < 20; i++) blindSign(privateKey, blinded[count++ % blinded.length]!);
    }
    native.push(count / ((performance.now() - start) / 1000));
    const jsStart = performance.now();
    for (let i = 0; i < arg.jsPerSlice; i++) await suite.blindSign(jsKey, blinded[i % blinded.length]!);
    jsMs += performance.now() - jsStart;
    jsSignatures += arg.jsPerSlice;
  }
  return { native, js: { signatures: jsSignatures, ms: jsMs }, agree };
}

serveHarness({ run });
