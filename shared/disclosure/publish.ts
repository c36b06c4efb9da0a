import type { CellDisclosure, Disclosure } from './engine';
import { DisclosureError } from './policy';

/** What may leave the engine about a cell's size: the exact n when shown, nothing else when hidden. */
export type PublishedCount = { n: number; suppressed: false } | { n: null; suppressed: true };

/**
 * Why a hidden cell is hidden, as published (DESIGN §4): `few` — fewer respondents than the threshold
 * applied to it (少人数); `complementary` — it has at least that many, and is hidden so that a smaller
 * hidden group cannot be worked out by subtraction (差し引きで推測されるのを防ぐため). It says only whether
 * the hidden n is below the threshold: publish it only where that is already public (see `hiddenReason`).
 */
export type HiddenReason = 'few' | 'complementary';

/** The published reason of a hidden cell decided at `threshold`: `few` below it, else `complementary`. */
export function hiddenReason(cell: Pick<CellDisclosure, 'n'>, threshold: number): HiddenReason {
  return cell.n < threshold ? 'few' : 'complementary';
}

/** A published cell of a disclosure result; `key` is the unit code or breakdown key. */
export type PublishedEntry = { key: string } & PublishedCount;

/** The publishable view of a disclosure result: no n and no suppression reason for hidden cells. */
export interface PublishedDisclosure {
  total: PublishedCount;
  cells: PublishedEntry[];
}

/** A published cell with values: all values are null when the cell is suppressed. */
export type PublishedCell<V extends object> =
  | ({ n: number; suppressed: false } & V)
  | ({ n: null; suppressed: true } & { [K in keyof V]: null });

/** The exact n of a shown cell, or only `suppressed: true` for a hidden one. */
export function publishCount(cell: Pick<CellDisclosure, 'n' | 'shown'>): PublishedCount {
  return cell.shown ? { n: cell.n, suppressed: false } : { n: null, suppressed: true };
}

/** A value of a cell, or null when the cell is hidden (for values nested below the cell, e.g. shares). */
export function publishValue<T>(cell: Pick<CellDisclosure, 'shown'>, value: T): T | null {
  return cell.shown ? value : null;
}

/**
 * The n a stored, already published cell vouches for, to decide it again when it is served: its n when
 * it was shown with a whole n, otherwise 0 (so it stays hidden whatever threshold is applied).
 */
export function publishedN(cell: { readonly n: number | null; readonly suppressed: boolean }): number {
  const n = cell.n;
  return !cell.suppressed && n !== null && Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/**
 * The view of a disclosure result that callers may publish: hidden cells lose their n and the reason
 * they are hidden (a reason would tell whether the hidden n is below or above k). Cells keep the
 * result's order (ascending code).
 */
export function publishable(result: Disclosure): PublishedDisclosure {
  const cells: PublishedEntry[] = [];
  for (const [key, cell] of result.cells) cells.push({ key, ...publishCount(cell) });
  return { total: publishCount(result.total), cells };
}

/**
 * A cell ready to publish: `{ n, suppressed: false, ...values }` when shown, otherwise
 * `{ n: null, suppressed: true }` with every value null — a hidden cell carries no value and no exact n.
 */
export function publishCell<V extends Record<string, unknown>>(
  cell: Pick<CellDisclosure, 'n' | 'shown'>,
  values: V & { readonly n?: never; readonly suppressed?: never },
): PublishedCell<V> {
  if (Object.hasOwn(values, 'n') || Object.hasOwn(values, 'suppressed')) {
    throw new DisclosureError('cell values may not be named "n" or "suppressed"');
  }
  if (cell.shown) return { n: cell.n, suppressed: false, ...values } as PublishedCell<V>;
  const hidden: Record<string, unknown> = { n: null, suppressed: true };
  for (const key of Object.keys(values)) hidden[key] = null;
  return hidden as PublishedCell<V>;
}
