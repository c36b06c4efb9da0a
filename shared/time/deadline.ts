/**
 * Deadlines as people read them, in Japan time (UTC+9, no daylight saving):
 * 「10月31日（金）23:59まで」 / "until Fri 31 Oct, 23:59". The one rule for every
 * place a deadline is shown to staff or printed: the answer pages, the printed
 * slips, the invitation mails and the HR console.
 *
 * A deadline picked as a day means the end of that day: closesAt is
 * 23:59:59 Japan time (endOfJstDay). A closesAt at exactly midnight, as older
 * campaigns may have, is read the same way: answers are taken until it, so it
 * is shown as 23:59 of the day before, never as 「0:00まで」 of a day nobody
 * can answer on.
 */

import { JST_OFFSET_MS, jstDay } from './fiscal-year';

const DAY_MS = 24 * 60 * 60 * 1000;

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

export interface JstDeadlineParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
}

/** The last minute answers are taken, in Japan time (midnight reads as 23:59 of the day before). */
export function deadlineParts(closesAt: string | Date): JstDeadlineParts {
  const t = typeof closesAt === 'string' ? Date.parse(closesAt) : closesAt.getTime();
  if (Number.isNaN(t)) throw new RangeError(`invalid deadline: ${String(closesAt)}`);
  let jst = new Date(t + JST_OFFSET_MS);
  const midnight =
    jst.getUTCHours() === 0 &&
    jst.getUTCMinutes() === 0 &&
    jst.getUTCSeconds() === 0 &&
    jst.getUTCMilliseconds() === 0;
  if (midnight) jst = new Date(jst.getTime() - 60_000);
  return {
    year: jst.getUTCFullYear(),
    month: jst.getUTCMonth() + 1,
    day: jst.getUTCDate(),
    weekday: jst.getUTCDay(),
    hour: jst.getUTCHours(),
    minute: jst.getUTCMinutes(),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * 「10月31日（金）23:59まで」 or "until Fri 31 Oct, 23:59". With `year`, the year
 * too: 「2026年10月31日（土）23:59まで」 / "until Sat 31 Oct 2026, 23:59".
 */
export function deadlineLabel(
  closesAt: string | Date,
  lang: 'ja' | 'en',
  options: { year?: boolean } = {},
): string {
  const p = deadlineParts(closesAt);
  const time = `${p.hour}:${two(p.minute)}`;
  if (lang === 'ja') {
    return `${options.year ? `${p.year}年` : ''}${p.month}月${p.day}日（${WEEKDAYS_JA[p.weekday]}）${time}まで`;
  }
  return `until ${WEEKDAYS_EN[p.weekday]} ${p.day} ${MONTHS_EN[p.month - 1]}${options.year ? ` ${p.year}` : ''}, ${time}`;
}

/** The deadline for a day picked as `YYYY-MM-DD`: the end of that day, 23:59:59 Japan time, as ISO. */
export function endOfJstDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - JST_OFFSET_MS;
  if (Number.isNaN(start) || new Date(start + JST_OFFSET_MS).toISOString().slice(0, 10) !== day) {
    throw new RangeError(`not a day: ${day}`);
  }
  return new Date(start + DAY_MS - 1000).toISOString();
}

/** The day (YYYY-MM-DD, Japan time) a deadline falls on, as a date input shows it. */
export function deadlineDay(closesAt: string | Date): string {
  const p = deadlineParts(closesAt);
  return `${p.year}-${two(p.month)}-${two(p.day)}`;
}

/** The end of the Japan-time day `days` after `now`: how far ahead a deadline is set from today. */
export function deadlineInDays(now: Date, days: number): string {
  return endOfJstDay(jstDay(new Date(now.getTime() + days * DAY_MS)));
}
