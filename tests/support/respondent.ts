import { RSABSSA } from '@cloudflare/blindrsa-ts';

/**
 * A respondent's device, built only from HTTP and @cloudflare/blindrsa-ts —
 * none of koe's own modules — so it proves the public API contract as an
 * outside client would use it.
 */

const suite = RSABSSA.SHA384.PSS.Randomized();

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const unb64u = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

async function json(res: Response) {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export interface Credential {
  campaignId: string;
  keyId: string;
  token: string;
  signature: string;
}

export function respondent(baseUrl: string) {
  return {
    async campaign(campaignId: string, code: string) {
      return json(
        await fetch(`${baseUrl}/api/public/campaigns/${campaignId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        }),
      );
    },

    async blind(publicKeySpki: string) {
      const publicKey = await crypto.subtle.importKey(
        'spki',
        unb64u(publicKeySpki),
        { name: 'RSA-PSS', hash: 'SHA-384' },
        true,
        ['verify'],
      );
      const token = suite.prepare(crypto.getRandomValues(new Uint8Array(32)));
      const { blindedMsg, inv } = await suite.blind(publicKey, token);
      return { publicKey, token, blindedMsg, inv };
    },

    async requestSignature(code: string, blindedMessage: Uint8Array) {
      return json(
        await fetch(`${baseUrl}/api/public/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, blindedMessage: b64u(blindedMessage) }),
        }),
      );
    },

    /** The whole token dance: fetch the survey, blind, get the blind signature, finalize. */
    async obtain(campaignId: string, code: string): Promise<Credential & { survey: any }> {
      const page = await this.campaign(campaignId, code);
      if (page.status !== 200) throw new Error(`campaign: ${page.status} ${JSON.stringify(page.body)}`);
      const b = await this.blind(page.body.publicKey);
      const signed = await this.requestSignature(code, b.blindedMsg);
      if (signed.status !== 200) throw new Error(`token: ${signed.status} ${JSON.stringify(signed.body)}`);
      const signature = await suite.finalize(b.publicKey, b.token, unb64u(signed.body.blindSignature), b.inv);
      return {
        campaignId,
        keyId: signed.body.keyId,
        token: b64u(b.token),
        signature: b64u(signature),
        survey: page.body.survey,
      };
    },

    async submit(
      credential: Credential,
      answers: Record<string, unknown>,
      attributes?: Record<string, string>,
    ) {
      return json(
        await fetch(`${baseUrl}/api/public/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            campaignId: credential.campaignId,
            keyId: credential.keyId,
            token: credential.token,
            signature: credential.signature,
            ...(attributes ? { attributes } : {}),
            answers,
          }),
        }),
      );
    },

    /** Where the answers of a token are: pending (held for the next batch), stored, or unknown. */
    async status(credential: Pick<Credential, 'campaignId' | 'token'>) {
      return json(
        await fetch(`${baseUrl}/api/public/responses/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ campaignId: credential.campaignId, token: credential.token }),
        }),
      );
    },
  };
}
