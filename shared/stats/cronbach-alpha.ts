/** A respondent's answers to a construct's items; null, undefined or NaN marks a missing answer. */
export type ItemRow = ReadonlyArray<number | null | undefined>;

/**
 * Cronbach's α from variances: k/(k − 1) · (1 − Σ σ²ᵢ / σ²_total), where σ²ᵢ are the item variances and
 * σ²_total the variance of the respondents' total scores (same divisor throughout). Null when k < 2 or
 * the total score does not vary. Capped at 1, which it can only exceed by rounding.
 */
export function alphaFromVariances(itemVariances: readonly number[], totalVariance: number): number | null {
  const k = itemVariances.length;
  if (k < 2 || !(totalVariance > 0)) return null;
  let sum = 0;
  for (const v of itemVariances) sum += v;
  return Math.min(1, (k / (k - 1)) * (1 - sum / totalVariance));
}

/**
 * Streaming Cronbach's α over complete cases: keeps per-item and total-score means and sums of squared
 * deviations (Welford), so any number of rows needs only O(k) memory. Rows with a missing answer are
 * skipped (listwise deletion).
 */
export class AlphaAccumulator {
  readonly k: number;
  #n = 0;
  readonly #mean: Float64Array;
  readonly #m2: Float64Array;
  #totalMean = 0;
  #totalM2 = 0;

  constructor(k: number) {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`item count must be an integer ≥ 0, got ${k}`);
    this.k = k;
    this.#mean = new Float64Array(k);
    this.#m2 = new Float64Array(k);
  }

  /** Complete cases counted so far. */
  get n(): number {
    return this.#n;
  }

  /** Adds one respondent's row; returns false (and ignores it) when an answer is missing. */
  add(row: ItemRow): boolean {
    const k = this.k;
    if (row.length !== k) throw new RangeError(`row has ${row.length} answers, expected ${k}`);
    let total = 0;
    for (let i = 0; i < k; i++) {
      const x = row[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) return false;
      total += x;
    }
    const n = ++this.#n;
    const mean = this.#mean;
    const m2 = this.#m2;
    for (let i = 0; i < k; i++) {
      const x = row[i] as number;
      const d = x - mean[i]!;
      mean[i] = mean[i]! + d / n;
      m2[i] = m2[i]! + d * (x - mean[i]!);
    }
    const d = total - this.#totalMean;
    this.#totalMean += d / n;
    this.#totalM2 += d * (total - this.#totalMean);
    return true;
  }

  /** Folds another accumulator over the same items into this one (Chan's parallel formula). */
  merge(other: AlphaAccumulator): this {
    if (other.k !== this.k) throw new RangeError(`cannot merge ${other.k} items into ${this.k}`);
    const na = this.#n;
    const nb = other.#n;
    if (nb === 0) return this;
    const n = na + nb;
    const combine = (meanA: number, m2A: number, meanB: number, m2B: number): [number, number] => {
      const d = meanB - meanA;
      return [meanA + (d * nb) / n, m2A + m2B + ((d * d * na) / n) * nb];
    };
    for (let i = 0; i < this.k; i++) {
      const [mean, m2] = combine(this.#mean[i]!, this.#m2[i]!, other.#mean[i]!, other.#m2[i]!);
      this.#mean[i] = mean;
      this.#m2[i] = m2;
    }
    [this.#totalMean, this.#totalM2] = combine(
      this.#totalMean,
      this.#totalM2,
      other.#totalMean,
      other.#totalM2,
    );
    this.#n = n;
    return this;
  }

  /** Sample variances (divisor n − 1) of each item and of the total score; null when n < 2. */
  variances(): { items: number[]; total: number } | null {
    if (this.#n < 2) return null;
    const divisor = this.#n - 1;
    return { items: Array.from(this.#m2, (m2) => m2 / divisor), total: this.#totalM2 / divisor };
  }

  /** Cronbach's α; null when k < 2, n < 2 or the total score does not vary. */
  result(): number | null {
    const v = this.variances();
    return v === null ? null : alphaFromVariances(v.items, v.total);
  }
}

/**
 * Cronbach's α of a respondents × items matrix, over complete cases only (rows with a missing answer
 * are dropped). All rows must have the same number of items. Null when k < 2 or fewer than 2 complete rows.
 */
export function cronbachAlpha(matrix: ReadonlyArray<ItemRow>): number | null {
  const first = matrix[0];
  if (first === undefined) return null;
  const acc = new AlphaAccumulator(first.length);
  for (const row of matrix) acc.add(row);
  return acc.result();
}
