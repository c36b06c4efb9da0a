/**
 * Japanese public-sector fiscal years run April to March: FY2026 is
 * 2026-04-01 … 2027-03-31 and is written 令和8年度.
 * All dates are read in Japan time (UTC+9, no daylight saving).
 */

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The fiscal year (start year) a moment falls in, reckoned in Japan time. */
export function fiscalYearOf(date: Date | string): number {
  const t = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(t.getTime())) throw new RangeError(`invalid date: ${String(date)}`);
  const jst = new Date(t.getTime() + JST_OFFSET_MS);
  const year = jst.getUTCFullYear();
  return jst.getUTCMonth() >= 3 ? year : year - 1;
}

/** First and last instant of a fiscal year, as ISO strings in UTC. */
export function fiscalYearBounds(fiscalYear: number): { start: string; end: string } {
  const start = Date.UTC(fiscalYear, 3, 1) - JST_OFFSET_MS;
  const end = Date.UTC(fiscalYear + 1, 3, 1) - JST_OFFSET_MS - 1;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** `FY2026`. */
export function fyLabel(fiscalYear: number): string {
  return `FY${fiscalYear}`;
}

const ERAS = [
  { name: '令和', short: 'R', first: 2019 },
  { name: '平成', short: 'H', first: 1989 },
] as const;

function eraOf(fiscalYear: number) {
  const era = ERAS.find((e) => fiscalYear >= e.first);
  if (!era) throw new RangeError(`fiscal year before 平成: ${fiscalYear}`);
  return { era, year: fiscalYear - era.first + 1 };
}

/** `令和8年度`; the first year of an era is written 元年度. */
export function warekiLabel(fiscalYear: number): string {
  const { era, year } = eraOf(fiscalYear);
  return `${era.name}${year === 1 ? '元' : year}年度`;
}

/** `R8`, the short form plan tables use. */
export function warekiShort(fiscalYear: number): string {
  const { era, year } = eraOf(fiscalYear);
  return `${era.short}${year}`;
}

/** Both labels, Japanese first: `令和8年度（FY2026）`. */
export function fiscalYearLabel(fiscalYear: number, lang: 'ja' | 'en' = 'ja'): string {
  return lang === 'ja'
    ? `${warekiLabel(fiscalYear)}（${fyLabel(fiscalYear)}）`
    : `${fyLabel(fiscalYear)} (${warekiLabel(fiscalYear)})`;
}

/** The day (YYYY-MM-DD, Japan time) of a moment: the finest time koe keeps beside an answer. */
export function jstDay(date: Date = new Date()): string {
  return new Date(date.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}
