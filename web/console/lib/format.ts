import type { Lang } from '../../../shared/i18n/localized';
import { fyLabel, warekiLabel, warekiShort } from '../../../shared/time/fiscal-year';

/** A share 0…1 as a whole percentage: 0.623 → "62%". */
export function pct(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** A change in shares as percentage points with a sign: 0.032 → "+3.2pt". */
export function points(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return '—';
  const v = delta * 100;
  const sign = v > 0.05 ? '+' : v < -0.05 ? '−' : '±';
  return `${sign}${Math.abs(v).toFixed(1)}pt`;
}

/** eNPS (a fraction −1…1) on its usual −100…+100 scale. */
export function enpsText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const v = Math.round(value * 100);
  return v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '0';
}

/** Column heading of a fiscal year: 令和8年度 / FY2026, with the other form beside it. */
export function yearHeading(fiscalYear: number, lang: Lang): { main: string; sub: string } {
  return lang === 'ja'
    ? { main: warekiShort(fiscalYear), sub: fyLabel(fiscalYear) }
    : { main: fyLabel(fiscalYear), sub: warekiShort(fiscalYear) };
}

export function yearLong(fiscalYear: number, lang: Lang): string {
  return lang === 'ja'
    ? `${warekiLabel(fiscalYear)}（${fyLabel(fiscalYear)}）`
    : `${fyLabel(fiscalYear)} (${warekiLabel(fiscalYear)})`;
}

export function dateTime(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function dateOnly(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
}

export function count(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
}

/** A local date-time input value (YYYY-MM-DDTHH:mm, Japan time) ↔ ISO with +09:00. */
export function jstInputValue(iso: string): string {
  const d = new Date(Date.parse(iso) + 9 * 3600_000);
  return d.toISOString().slice(0, 16);
}
export function isoFromJstInput(value: string): string {
  return `${value}:00+09:00`;
}
