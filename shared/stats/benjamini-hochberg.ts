/**
 * Benjamini–Hochberg adjusted p-values (q-values) of a family of tests, in the
 * order given: q₍ᵢ₎ = min over j ≥ i of (m / j) · p₍ⱼ₎ with the p sorted
 * ascending, capped at 1. Rejecting every test with q ≤ α controls the false
 * discovery rate of the family at α (independent or positively dependent tests).
 */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`a p-value must be in [0, 1], got ${p}`);
  }
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const q = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, i } = order[rank - 1]!;
    running = Math.min(running, (m / rank) * p);
    q[i] = running;
  }
  return q;
}
