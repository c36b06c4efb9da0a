/** Sufficient statistics of a sample: count, sum and sum of squares. Plain data; storable and mergeable. */
export interface MomentsSummary {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
}

/**
 * Streaming accumulator of the first two moments. Keeps n, Σx and Σx² (the sufficient statistics the
 * results engine stores) and, alongside, the running mean and sum of squared deviations by Welford's
 * method, merged by Chan's formula, so that the variance does not suffer from the cancellation of
 * Σx² − (Σx)²/n.
 */
export class Moments implements MomentsSummary {
  #n = 0;
  #sum = 0;
  #sumSq = 0;
  #mean = 0;
  #m2 = 0;

  /** An accumulator over `values`. */
  static of(values: Iterable<number>): Moments {
    return new Moments().addAll(values);
  }

  /** An accumulator restored from stored sufficient statistics. */
  static fromSummary(summary: MomentsSummary): Moments {
    return new Moments().merge(summary);
  }

  get n(): number {
    return this.#n;
  }

  get sum(): number {
    return this.#sum;
  }

  get sumSq(): number {
    return this.#sumSq;
  }

  /** Arithmetic mean, or null when empty. */
  get mean(): number | null {
    return this.#n === 0 ? null : this.#mean;
  }

  /** Sample variance (divisor n − 1), or null when n < 2. */
  get variance(): number | null {
    return this.#n < 2 ? null : this.#m2 / (this.#n - 1);
  }

  /** Sample standard deviation, or null when n < 2. */
  get sd(): number | null {
    const v = this.variance;
    return v === null ? null : Math.sqrt(v);
  }

  /** Adds one observation (must be finite). */
  add(x: number): this {
    if (!Number.isFinite(x)) throw new RangeError(`Moments.add needs a finite number, got ${x}`);
    this.#n += 1;
    this.#sum += x;
    this.#sumSq += x * x;
    const d = x - this.#mean;
    this.#mean += d / this.#n;
    this.#m2 += d * (x - this.#mean);
    return this;
  }

  addAll(values: Iterable<number>): this {
    for (const x of values) this.add(x);
    return this;
  }

  /** Folds another accumulator (or stored summary) into this one. */
  merge(other: Moments | MomentsSummary): this {
    const { n, mean, m2 } = other instanceof Moments ? other.#centred() : centredFromSums(other);
    if (n === 0) return this;
    const total = this.#n + n;
    const d = mean - this.#mean;
    this.#mean += (d * n) / total;
    this.#m2 += m2 + ((d * d * this.#n) / total) * n;
    this.#n = total;
    this.#sum += other.sum;
    this.#sumSq += other.sumSq;
    return this;
  }

  clone(): Moments {
    return new Moments().merge(this);
  }

  /** The plain sufficient statistics, for storage. */
  toJSON(): MomentsSummary {
    return { n: this.#n, sum: this.#sum, sumSq: this.#sumSq };
  }

  #centred(): { n: number; mean: number; m2: number } {
    return { n: this.#n, mean: this.#mean, m2: this.#m2 };
  }
}

function centredFromSums(s: MomentsSummary): { n: number; mean: number; m2: number } {
  if (!Number.isInteger(s.n) || s.n < 0) throw new RangeError(`moments need an integer n ≥ 0, got ${s.n}`);
  if (!Number.isFinite(s.sum) || !Number.isFinite(s.sumSq) || s.sumSq < 0) {
    throw new RangeError('moments need a finite sum and a finite, non-negative sumSq');
  }
  if (s.n === 0) return { n: 0, mean: 0, m2: 0 };
  const mean = s.sum / s.n;
  // Rounding can make Σx² − (Σx)²/n slightly negative when all values are equal.
  return { n: s.n, mean, m2: Math.max(0, s.sumSq - s.sum * mean) };
}
