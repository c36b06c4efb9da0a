import * as z from 'zod';

import { DEFAULT_K, DEFAULT_K_SENSITIVE, MIN_K } from './defaults';

// The group sizes live in a zod-free file (the console's dashboard shows them).
export { DEFAULT_K, DEFAULT_K_SENSITIVE, MIN_K };

/** Thrown for an invalid policy or invalid input to the disclosure engine. */
export class DisclosureError extends Error {
  override name = 'DisclosureError';
}

function kTooSmall(k: unknown): string {
  return `minimum group size k must be an integer of at least ${MIN_K} (got ${String(k)})`;
}

/**
 * Disclosure policy (DESIGN §4): `k` is the minimum group size for scores, `kSensitive` the one for
 * sensitive content. `k` defaults to 5 and is never below 5; `kSensitive` defaults to max(10, k) and is
 * never below `k`.
 */
export const DisclosurePolicy = z
  .strictObject({
    k: z
      .number()
      .int({ error: (issue) => kTooSmall(issue.input) })
      .min(MIN_K, { error: (issue) => kTooSmall(issue.input) })
      .default(DEFAULT_K),
    kSensitive: z.number().int().optional(),
  })
  .transform(({ k, kSensitive }) => ({ k, kSensitive: kSensitive ?? Math.max(DEFAULT_K_SENSITIVE, k) }))
  .refine((p) => p.kSensitive >= p.k, {
    error: 'kSensitive must be at least k',
    path: ['kSensitive'],
  });
export type DisclosurePolicy = z.output<typeof DisclosurePolicy>;

/**
 * The policy for a campaign's `minGroupSize` (undefined → defaults). Throws a DisclosureError when the
 * size is below 5 or not an integer.
 */
export function policyFrom(minGroupSize?: number): DisclosurePolicy {
  if (minGroupSize !== undefined && !(Number.isInteger(minGroupSize) && minGroupSize >= MIN_K)) {
    throw new DisclosureError(kTooSmall(minGroupSize));
  }
  return DisclosurePolicy.parse(minGroupSize === undefined ? {} : { k: minGroupSize });
}

/**
 * The threshold the engine applies: `k`, or `kSensitive` for sensitive content. Re-checks the policy so
 * that a hand-built object can never lower the threshold below 5.
 */
export function thresholdFor(policy: DisclosurePolicy, sensitive = false): number {
  const { k, kSensitive } = policy;
  if (!(Number.isInteger(k) && k >= MIN_K)) throw new DisclosureError(kTooSmall(k));
  if (!(Number.isInteger(kSensitive) && kSensitive >= k)) {
    throw new DisclosureError(
      `kSensitive must be an integer of at least k = ${k} (got ${String(kSensitive)})`,
    );
  }
  return sensitive ? kSensitive : k;
}

/**
 * The policy to apply again to stored figures whose record says it used `k` and `kSensitive`: those
 * sizes, raised to the floors (k ≥ 5, kSensitive ≥ max(10, k)) whatever the record says, so a stored
 * or tampered record can never lower a threshold. Never throws: anything that is not a finite number
 * counts as the floor.
 */
export function policyAtLeast(k: unknown, kSensitive: unknown): DisclosurePolicy {
  const whole = (v: unknown, floor: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.max(Math.ceil(v), floor) : floor;
  const kk = whole(k, MIN_K);
  return { k: kk, kSensitive: whole(kSensitive, Math.max(DEFAULT_K_SENSITIVE, kk)) };
}
