import type { CodeLookup, PublicCampaign } from '../../shared/api/public';
import { requestJson } from '../common/http';
import type { Progress } from './storage';
import type { ProblemCode } from './text';

/*
 * The survey page's requests to the public API, and what their failures
 * mean to the person.
 */

/** Problems that trying again cannot fix: they get a page of their own. */
export const FINAL = new Set<ProblemCode>([
  'unknown_code',
  'code_used',
  'campaign_not_open',
  'campaign_closed',
  'key_not_listed',
]);

export function problemOf(res: { status: number; code: string }): ProblemCode {
  if (res.status === 0) return 'network';
  if (res.status === 404) return 'unknown_code';
  if (res.status === 429 || res.status >= 502) return 'unavailable';
  const known: readonly string[] = [
    'code_used',
    'campaign_not_open',
    'campaign_closed',
    'bad_signature',
    'invalid_answers',
    'invalid_attributes',
  ];
  return known.includes(res.code) ? (res.code as ProblemCode) : 'other';
}

/** Which open survey a code typed alone belongs to; the code goes in the body, never in the URL (DESIGN §3, A7). */
export const lookupCode = (code: string) =>
  requestJson<CodeLookup>('/api/public/invitations/lookup', { code });

/** The campaign and survey for a code; the code goes in the body, never in the URL (DESIGN §3, A7). */
export const fetchCampaign = (campaignId: string, code: string) =>
  requestJson<PublicCampaign>(`/api/public/campaigns/${encodeURIComponent(campaignId)}`, { code });

/** The blinded token, signed for a code (DESIGN §3). */
export const signBlinded = (code: string, blindedMessage: string) =>
  requestJson<{ keyId: string; blindSignature: string }>('/api/public/tokens', { code, blindedMessage });

/** The saved answers with the token; answers to questions the survey no longer has are left out. */
export function sendAnswers(campaignId: string, survey: PublicCampaign['survey'] | undefined, p: Progress) {
  const known = new Set((survey?.sections ?? []).flatMap((x) => x.questions).map((q) => q.id));
  return requestJson<{ receipt: string; status: 'pending' | 'stored' }>('/api/public/responses', {
    campaignId,
    keyId: p.keyId,
    token: p.pending!.token,
    signature: p.signature,
    attributes: Object.fromEntries(Object.entries(p.attributes).filter(([, v]) => v)),
    answers: Object.fromEntries(Object.entries(p.answers).filter(([id]) => known.has(id))),
  });
}

/** Where answers held for the server's next batch are: still held, stored, or unknown (lost). */
export const askStatus = (campaignId: string, token: string) =>
  requestJson<{ status: 'pending' | 'stored' | 'unknown' }>('/api/public/responses/status', {
    campaignId,
    token,
  });
