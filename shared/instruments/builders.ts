import type { Localized } from '../i18n/localized';
import type { Item, ItemOption } from './schema';

/**
 * Small constructors for bank items, so a construct file reads as its
 * questions. Defaults: likert and nps items are required; descriptive items
 * (single, multi, number, text) are optional. Only likert items are scored.
 */

export interface ItemFlags {
  required?: boolean;
  sensitive?: boolean;
}

function flags(item: Item, { sensitive }: ItemFlags): Item {
  return sensitive ? { ...item, sensitive: true } : item;
}

/**
 * A 1–5 agreement statement, scored; `reverse` for reverse-keyed statements, `notApplicable`
 * to offer 「該当しない」 (scored as missing) where the statement does not apply to everyone.
 */
export function likertItem(
  id: string,
  text: Localized,
  opts: ItemFlags & { reverse?: boolean; notApplicable?: boolean } = {},
): Item {
  const item: Item = { id, type: 'likert5', text, required: opts.required ?? true, scored: true };
  const keyed = opts.reverse ? { ...item, reverse: true } : item;
  return flags(opts.notApplicable ? { ...keyed, notApplicable: true } : keyed, opts);
}

/** A 0–10 likelihood-to-recommend question (feeds eNPS). */
export function npsItem(id: string, text: Localized, opts: ItemFlags = {}): Item {
  return flags({ id, type: 'nps', text, required: opts.required ?? true, scored: false }, opts);
}

/** One choice from a list (descriptive, not scored). */
export function singleItem(id: string, text: Localized, options: ItemOption[], opts: ItemFlags = {}): Item {
  return flags({ id, type: 'single', text, options, required: opts.required ?? false, scored: false }, opts);
}

/** Any number of choices from a list (descriptive, not scored). */
export function multiItem(id: string, text: Localized, options: ItemOption[], opts: ItemFlags = {}): Item {
  return flags({ id, type: 'multi', text, options, required: opts.required ?? false, scored: false }, opts);
}

/** A whole number between `min` and `max` (descriptive, not scored). */
export function numberItem(
  id: string,
  text: Localized,
  min: number,
  max: number,
  opts: ItemFlags = {},
): Item {
  return flags({ id, type: 'number', text, min, max, required: opts.required ?? false, scored: false }, opts);
}

/** Free text (not scored); `maxLength` defaults to 2000 characters. */
export function textItem(id: string, text: Localized, opts: ItemFlags & { maxLength?: number } = {}): Item {
  const item: Item = { id, type: 'text', text, required: opts.required ?? false, scored: false };
  return flags(opts.maxLength === undefined ? item : { ...item, maxLength: opts.maxLength }, opts);
}

/** A choice of a single/multi item; `exclusive` marks "none of these"-style choices of a multi. */
export function option(value: string, ja: string, en: string, exclusive?: boolean): ItemOption {
  return exclusive ? { value, label: { ja, en }, exclusive: true } : { value, label: { ja, en } };
}
