import { groupCode, isCode, normaliseCode } from '../../shared/text/invitation-code';
/**
 * The invitation as it arrives: `#<campaignId>/<code>` in the fragment (never
 * sent to a server), or typed by hand from a printed slip.
 */

/** `ABCD-EFGH-JKMNP-QRST-VWXY-Z0123`, as printed on the slip. */
export const formatCode = groupCode;

export function parseFragment(hash: string): { campaignId?: string; code?: string } {
  const [campaignId, code] = decodeURIComponent(hash.replace(/^#\/?/, ''))
    .split('/')
    .map((s) => s.trim());
  const id = campaignId && /^[A-Za-z0-9_-]{1,64}$/.test(campaignId) ? campaignId : undefined;
  const folded = code ? normaliseCode(code) : '';
  return { ...(id ? { campaignId: id } : {}), ...(id && isCode(folded) ? { code: folded } : {}) };
}
