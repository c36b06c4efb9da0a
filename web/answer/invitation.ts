import { isCode, normaliseCode } from '../../shared/text/invitation-code';
/**
 * The invitation as it arrives: `#<campaignId>/<code>` in the fragment (never
 * sent to a server), or typed by hand from a printed slip.
 */

const GROUPS = [4, 4, 5, 4, 4, 5];

/** `ABCD-EFGH-JKMNP-QRST-VWXY-Z0123`, as printed on the slip. */
export function formatCode(code: string): string {
  const groups: string[] = [];
  let at = 0;
  for (const size of GROUPS) {
    groups.push(code.slice(at, at + size));
    at += size;
  }
  return groups.filter(Boolean).join('-');
}

export function parseFragment(hash: string): { campaignId?: string; code?: string } {
  const [campaignId, code] = decodeURIComponent(hash.replace(/^#\/?/, ''))
    .split('/')
    .map((s) => s.trim());
  const id = campaignId && /^[A-Za-z0-9_-]{1,64}$/.test(campaignId) ? campaignId : undefined;
  const folded = code ? normaliseCode(code) : '';
  return { ...(id ? { campaignId: id } : {}), ...(id && isCode(folded) ? { code: folded } : {}) };
}
