/**
 * Blind signatures per second on one core (DESIGN §7: ≥ 500/s). Not a test:
 *   npx tsx tests/functions/crypto/measure-blind-sign.ts
 */
import os from 'node:os';
import { blindSign } from '../../../functions/crypto/blind-sign';
import { generateUnitKey, importUnitPrivateKey } from '../../../functions/crypto/campaign-keys';
import { verifyToken } from '../../../functions/crypto/verify';
import { requestToken, suite } from './rfc9474-client';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

const unitKey = await generateUnitKey();
const privateKey = importUnitPrivateKey(unitKey.privateKeyPkcs8);
const requests = await Promise.all(Array.from({ length: 64 }, () => requestToken(unitKey.publicKeySpki)));
const blinded = requests.map((r) => r.blindedMsg);

function rate(operation: (i: number) => void): number {
  for (let i = 0; i < 200; i++) operation(i); // warm-up
  let count = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) operation(count++);
  }
  return count / ((performance.now() - start) / 1000);
}

const signRate = rate((i) => blindSign(privateKey, blinded[i % blinded.length] as Uint8Array));

const signed = await Promise.all(
  requests.map(async (r) => ({
    token: r.token,
    signature: await suite.finalize(r.publicKey, r.token, blindSign(privateKey, r.blindedMsg), r.inv),
  })),
);
const verifyRate = rate((i) => {
  const s = signed[i % signed.length];
  if (!s || !verifyToken(unitKey.publicKeySpki, s.token, s.signature)) throw new Error('verification failed');
});

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`${cpu}, node ${process.version}, OpenSSL ${process.versions.openssl}`);
console.log(`blindSign (RSA-2048, with s^e check): ${signRate.toFixed(0)} /s on one core (budget ≥ 500 /s)`);
console.log(`verifyToken (RSASSA-PSS-SHA384):      ${verifyRate.toFixed(0)} /s on one core`);
