/**
 * The entry-route breakdown (DESIGN §4, §5): every construct by how the
 * respondent was hired, from their answer to `rec.entry_route` — new graduate,
 * mid-career (after the private sector or another public body: the plan's
 * priority 社会人採用) or other. Like the self-reported attributes it is a
 * breakdown of the whole organisation only, decided by the disclosure engine
 * with complementary suppression among its groups (those who did not answer
 * are the residual), and a hidden cell always says `few`.
 */

import type { Localized } from '../i18n/localized';

/** The item whose answer places a respondent in a group. */
export const ENTRY_ROUTE_ITEM = 'rec.entry_route';

/** The groups, in the order they are shown. */
export const ENTRY_ROUTE_GROUPS = ['new_graduate', 'mid_career', 'other'] as const;
export type EntryRouteGroup = (typeof ENTRY_ROUTE_GROUPS)[number];

/** Each answer option's group: both kinds of prior employment count as mid-career. */
const GROUP_OF: Readonly<Record<string, EntryRouteGroup>> = {
  new_graduate: 'new_graduate',
  private_sector: 'mid_career',
  public_sector: 'mid_career',
  other: 'other',
};

/** The group of one response's answers, or undefined when the item was not answered (or not asked). */
export function entryRouteOf(answers: Readonly<Record<string, unknown>>): EntryRouteGroup | undefined {
  return entryRouteOfAnswer(answers[ENTRY_ROUTE_ITEM]);
}

/** The group of an answer to the entry-route item (`entryRouteOf` once the answer is read). */
export function entryRouteOfAnswer(v: unknown): EntryRouteGroup | undefined {
  return typeof v === 'string' ? GROUP_OF[v] : undefined;
}

/** Each group's name, for pages and exports. */
export const ENTRY_ROUTE_LABELS: Readonly<Record<EntryRouteGroup, Localized>> = {
  new_graduate: { ja: '新卒採用', en: 'New graduates' },
  mid_career: { ja: '社会人経験者採用', en: 'Mid-career hires' },
  other: { ja: 'その他', en: 'Other' },
};

/** A group's name; an unknown key names itself. */
export function entryRouteLabel(key: string): Localized {
  return ENTRY_ROUTE_LABELS[key as EntryRouteGroup] ?? { ja: key, en: key };
}
