/**
 * The invitation as it arrives: `#<campaignId>/<code>` in the fragment (never
 * sent to a server), or typed by hand from a printed slip.
 */

const CODE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const GROUPS = [4, 4, 5, 4, 4, 5];

/** Folds what people type: full-width, lower case, spaces and hyphens (also ー), I/L/O read as 1/1/0. */
export function normaliseCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―ー−]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export const isCode = (code: string): boolean => CODE.test(code);

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
