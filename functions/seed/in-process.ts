import {
  blind,
  finalize,
  importPublicKey,
  type PublicKey,
  prepare,
} from '../../shared/crypto/blind-rsa-client';
import type { Hono } from 'hono';

/** Calls a route of the app in process, as a client would over HTTP; a non-2xx status throws. */
export async function callRoute(
  app: Hono,
  method: string,
  url: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await app.request(url, {
    method,
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const unb64u = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/** A respondent's token, prepared and blinded with the shared RFC 9474 client the browser uses. */
export async function blindToken(publicKeySpki: Uint8Array) {
  return blindTokenWith(await importPublicKey(publicKeySpki));
}

/** The same, on a public key already imported (the demo seed imports each key group's once). */
export async function blindTokenWith(pk: PublicKey) {
  const token = prepare(crypto.getRandomValues(new Uint8Array(32)));
  const { blindedMsg, inv } = await blind(pk, token);
  return {
    token,
    blindedMessage: blindedMsg,
    finalize: (blindSignature: Uint8Array) => finalize(pk, token, blindSignature, inv),
  };
}
