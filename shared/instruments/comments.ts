import { textItem } from './builders';
import type { Item } from './schema';

/**
 * The closing free comment. It belongs to no construct and is never scored;
 * it is sensitive, so comments are shown only for groups of at least
 * k_sensitive respondents, after masking contact details and staff numbers.
 */
export const FREE_COMMENT: Item = textItem(
  'comments.free',
  {
    ja: '職場や人材育成について自由にご意見をお書きください',
    en: 'Please share any thoughts you have on your workplace or on staff development.',
  },
  { sensitive: true, maxLength: 2000 },
);
