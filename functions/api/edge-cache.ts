/**
 * The API's only responses CloudFront may keep: anonymous reads that are the
 * same for everyone (no code, no session). infra/constructs/front-door.ts
 * gives each its cache behaviour (path pattern, query strings in the key, no
 * cookies); functions/api/middleware/security-headers.ts sends
 * `Cache-Control: public, max-age=…` on their successful GETs and `no-store`
 * on every other API response. A test holds the two sides equal.
 */
export interface EdgeCachedRead {
  /** The CloudFront path pattern. */
  pathPattern: string;
  /** The same paths, as the API sees them. */
  path: RegExp;
  /** The query parameters that change the answer (all others are dropped at the edge). */
  query: string[];
  /** Seconds an edge (and a browser) may reuse a response. */
  maxAgeSeconds: number;
}

export const EDGE_CACHED_READS: EdgeCachedRead[] = [
  // The feedback board: published posts only; a post shows within 30 s of publication.
  {
    pathPattern: '/api/public/feedback/board',
    path: /^\/api\/public\/feedback\/board$/,
    query: ['pillar', 'status', 'fiscalYear'],
    maxAgeSeconds: 30,
  },
  // A campaign's published unit keys (A4): fixed once the campaign opens.
  {
    pathPattern: '/api/public/campaigns/*/keys',
    path: /^\/api\/public\/campaigns\/[^/]+\/keys$/,
    query: [],
    maxAgeSeconds: 60,
  },
];

/** The cached read a request is, if any: GET (or HEAD) on one of the paths above. */
export function edgeCachedRead(method: string, path: string): EdgeCachedRead | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  return EDGE_CACHED_READS.find((r) => r.path.test(path));
}
