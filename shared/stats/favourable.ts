/** Counts behind a favourable share: answers of 4 or 5 out of n answers on a 1–5 scale. */
export interface FavourableCounts {
  readonly favourable: number;
  readonly n: number;
}

/** Recodes a reverse-keyed 1–5 answer (6 − x), so that 4–5 is favourable for every item. */
export function reverseLikert5(x: number): number {
  checkLikert5(x);
  return 6 - x;
}

/** Counts favourable answers (4–5) among 1–5 answers. Answers must be integers 1..5. */
export function favourableCounts(values: readonly number[]): FavourableCounts {
  let favourable = 0;
  for (const x of values) {
    checkLikert5(x);
    if (x >= 4) favourable += 1;
  }
  return { favourable, n: values.length };
}

/**
 * Favourable share, a fraction 0..1: the share of answers that are 4 or 5 on a 1–5 scale
 * (reverse-keyed items recoded first). Takes the answers or their counts; null when n = 0.
 */
export function favourable(input: readonly number[] | FavourableCounts): number | null {
  const { favourable: x, n } = isCounts(input) ? checkCounts(input) : favourableCounts(input);
  return n === 0 ? null : x / n;
}

function isCounts(input: readonly number[] | FavourableCounts): input is FavourableCounts {
  return !Array.isArray(input);
}

function checkCounts(c: FavourableCounts): FavourableCounts {
  if (!Number.isInteger(c.n) || !Number.isInteger(c.favourable) || c.favourable < 0 || c.favourable > c.n) {
    throw new RangeError(`favourable counts need integers 0 ≤ favourable ≤ n, got ${c.favourable}/${c.n}`);
  }
  return c;
}

function checkLikert5(x: number): void {
  if (!Number.isInteger(x) || x < 1 || x > 5)
    throw new RangeError(`a 1–5 answer must be an integer 1..5, got ${x}`);
}
