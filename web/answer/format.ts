import { deadlineLabel } from '../../shared/time/deadline';
import type { Lang } from '../common/lang';

/** The closing time as people read it, in Japan time (shared/time/deadline.ts): 10月31日（金）23:59まで / until Fri 31 Oct, 23:59. */
export function closingDate(iso: string, lang: Lang): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  return deadlineLabel(iso, lang);
}

/** The one time estimate, shared with the console (shared/instruments/minutes.ts). */
export { minutesFor } from '../../shared/instruments/minutes';
