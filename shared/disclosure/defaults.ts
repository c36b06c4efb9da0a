/**
 * The minimum group sizes as plain numbers, without zod, so a browser page
 * that only shows them (the HR console's dashboard) does not load the schema
 * library (docs/DESIGN.md §7: the console's first page ≤ 110 KB gzipped JS).
 * policy.ts re-exports them; import them from there on the server.
 */

/**
 * The smallest minimum group size the platform accepts, whatever a campaign asks for (DESIGN §3 A3:
 * k is never below 5; k = 3 let one person's answers be recovered with k − 1 fake ones).
 */
export const MIN_K = 5;
/** Default minimum group size for scores. */
export const DEFAULT_K = 5;
/** Default minimum group size for sensitive content (harassment module, free-text comments). */
export const DEFAULT_K_SENSITIVE = 10;
