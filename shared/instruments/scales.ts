import type { Localized } from '../i18n/localized';

/** Labels of the five agreement points of a `likert5` item, from 1 to 5. */
export const LIKERT5_LABELS: readonly [Localized, Localized, Localized, Localized, Localized] = [
  { ja: '全くそう思わない', en: 'Strongly disagree' },
  { ja: 'そう思わない', en: 'Disagree' },
  { ja: 'どちらともいえない', en: 'Neither agree nor disagree' },
  { ja: 'そう思う', en: 'Agree' },
  { ja: 'とてもそう思う', en: 'Strongly agree' },
];

export const LIKERT5_MIN = 1;
export const LIKERT5_MAX = 5;
/** Recoded likert values at or above this count as favourable. */
export const FAVOURABLE_THRESHOLD = 4;

export const NPS_MIN = 0;
export const NPS_MAX = 10;

/** Label for the "prefer not to say" choice of an attribute; it is stored as absence. */
export const PREFER_NOT_TO_SAY: Localized = { ja: '回答しない', en: 'Prefer not to say' };

/** Default `maxLength` of a `text` item, in characters (Unicode code points). */
export const TEXT_MAX_LENGTH_DEFAULT = 2000;

/**
 * The stored answer 「該当しない」 / "Not applicable" to a `likert5` item that offers it
 * (`notApplicable`): it satisfies a required question and is scored as missing — it enters no
 * favourable share, mean, α or n.
 */
export const NOT_APPLICABLE = 'na';
export const NOT_APPLICABLE_LABEL: Localized = { ja: '該当しない', en: 'Not applicable' };
