import { RSABSSA } from '@cloudflare/blindrsa-ts';

/**
 * A staff member's device for feedback, built from fetch and
 * @cloudflare/blindrsa-ts only: redeem a yearly code for a batch of tokens,
 * post with one, read the thread with its receipt.
 */
const suite = RSABSSA.SHA384.PSS.Randomized();
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const unb64u = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

export interface FeedbackToken {
  fiscalYear: number;
  keyId: string;
  token: string;
  signature: string;
}

export function feedbackClient(baseUrl: string) {
  const json = async (res: Response) => ({
    status: res.status,
    body: (await res.json().catch(() => undefined)) as any,
  });
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(json);
  return {
    post,
    key: (code: string) => post('/api/public/feedback/key', { code }),

    async redeem(code: string, count = 12): Promise<FeedbackToken[]> {
      const key = await this.key(code);
      if (key.status !== 200) throw new Error(`key: ${key.status} ${JSON.stringify(key.body)}`);
      const publicKey = await crypto.subtle.importKey(
        'spki',
        unb64u(key.body.publicKey),
        { name: 'RSA-PSS', hash: 'SHA-384' },
        true,
        ['verify'],
      );
      const prepared = await Promise.all(
        Array.from({ length: count }, async () => {
          const token = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
          return { token, ...(await suite.blind(publicKey, token)) };
        }),
      );
      const res = await post('/api/public/feedback/redeem', {
        code,
        blindedMessages: prepared.map((p) => b64u(p.blindedMsg)),
      });
      if (res.status !== 200) throw new Error(`redeem: ${res.status} ${JSON.stringify(res.body)}`);
      return Promise.all(
        prepared.map(async (p, i) => ({
          fiscalYear: res.body.fiscalYear,
          keyId: res.body.keyId,
          token: b64u(p.token),
          signature: b64u(
            await suite.finalize(publicKey, p.token, unb64u(res.body.blindSignatures[i]), p.inv),
          ),
        })),
      );
    },

    send(
      t: FeedbackToken,
      content: { kind: string; pillarId?: string; title: string; body: string; displayName?: string },
    ) {
      return post('/api/public/feedback/posts', { ...t, ...content });
    },
  };
}
