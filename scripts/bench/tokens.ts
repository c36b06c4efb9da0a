import { startChild } from './child';
import { fmt, median, type Section } from './report';
import type { TokenRun } from './tokens-child';

export const TOKEN_BUDGET_PER_SECOND = 500;

/** DESIGN §7: ≥ 500 blind signatures per second on one core. */
export async function tokenBench(quick: boolean): Promise<Section> {
  const child = await startChild('tokens-child.ts');
  let run: TokenRun;
  try {
    run = await child.call<TokenRun>('run', {
      sliceMs: quick ? 200 : 1_000,
      slices: quick ? 2 : 5,
      jsPerSlice: 1,
    });
  } finally {
    await child.stop();
  }
  if (!run.agree) throw new Error('native blindSign and the library signer disagree on the same input');
  const native = median(run.native);
  const js = run.js.signatures / (run.js.ms / 1000);
  return {
    title: 'Token issuing',
    rows: [
      {
        name: 'blind signatures, native (one core)',
        measured: fmt.rate(native),
        budget: `≥ ${TOKEN_BUDGET_PER_SECOND} /s`,
        met: native >= TOKEN_BUDGET_PER_SECOND,
        note: `median of ${run.native.length} slices (${run.native.map((r) => r.toFixed(0)).join(', ')}); ${(native / js).toFixed(0)}× the library signer`,
      },
      {
        name: 'blind signatures, @cloudflare/blindrsa-ts (reference)',
        measured: fmt.rate(js),
        note: `${run.js.signatures} signatures, interleaved with the native slices; ${fmt.ms(run.js.ms / run.js.signatures)} each`,
      },
    ],
    method: `
A fresh process makes a real unit key (RSA-2048, e = 65537) and 32 blinded messages with the
library's own client (\`RSABSSA.SHA384.PSS.Randomized().blind\` on the public key imported as a
browser does), then alternates one-second slices of \`blindSign\` (functions/crypto/blind-sign.ts:
\`privateDecrypt\` with no padding, then the s^e = m check with \`publicEncrypt\`) with signatures by
the library's pure-JS \`blindSign\`. The library needs the private key as an *extractable*
WebCrypto \`RSA-PSS\`/\`SHA-384\` key (it reads n and d through a JWK export), imported here from
the same PKCS #8. Both signers are checked to give the same bytes for the same blinded message.
Everything is synchronous on one thread, so "one core".
`,
  };
}
