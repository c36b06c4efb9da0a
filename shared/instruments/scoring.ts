import { FAVOURABLE_THRESHOLD, LIKERT5_MAX, LIKERT5_MIN, NPS_MAX, NPS_MIN } from './scales';
import type { Item } from './schema';

type ScaleItem = Pick<Item, 'id' | 'type' | 'reverse'>;

function checkScale(item: ScaleItem, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${item.id}: ${value} is not a ${item.type} answer (${min}–${max})`);
  }
}

/**
 * The scored value of an answer: for a reverse-keyed `likert5` item 6 − x,
 * otherwise x. `nps` answers are returned unchanged. Throws on other types and
 * on values outside the scale (stored answers have been validated, so either is a bug).
 */
export function recode(item: ScaleItem, value: number): number {
  if (item.type === 'likert5') {
    checkScale(item, value, LIKERT5_MIN, LIKERT5_MAX);
    return item.reverse ? LIKERT5_MIN + LIKERT5_MAX - value : value;
  }
  if (item.type === 'nps') {
    checkScale(item, value, NPS_MIN, NPS_MAX);
    return value;
  }
  throw new TypeError(`${item.id}: ${item.type} items have no scale to recode`);
}

/** Whether a `likert5` answer is favourable: recoded value ≥ 4. Throws on other types. */
export function isFavourable(item: ScaleItem, value: number): boolean {
  if (item.type !== 'likert5') throw new TypeError(`${item.id}: favourable applies to likert5 items only`);
  return recode(item, value) >= FAVOURABLE_THRESHOLD;
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** eNPS category of a 0–10 answer: 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsCategory(value: number): NpsCategory {
  if (!Number.isInteger(value) || value < NPS_MIN || value > NPS_MAX) {
    throw new RangeError(`${value} is not an nps answer (0–10)`);
  }
  return value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor';
}
