import { useId } from 'react';
import type { HiddenReason } from '../../../shared/api/results';
import { pct, yearHeading } from '../lib/format';
import { HiddenLegendItems, hiddenWords } from './common';
import { useI18n } from '../lib/i18n';

/**
 * Charts drawn as SVG. Each labels its axes and values in text; colour is
 * never the only carrier of meaning (shapes, positions and labels are).
 */

export interface TrendPoint {
  fiscalYear: number;
  value: number | null;
  target?: number | null;
}

/** A small trend line for a table cell: values labelled above their points, years below. */
export function Sparkline({ points, label }: { points: TrendPoint[]; label: string }) {
  const { lang, t } = useI18n();
  const w = 176;
  const h = 58;
  const left = 14;
  const right = 14;
  const top = 14;
  const bottom = 14;
  const step = points.length > 1 ? (w - left - right) / (points.length - 1) : 0;
  const x = (i: number) => left + i * step;
  // Scaled to the values (and targets) shown, so a change of a few points is visible; each point is labelled.
  const shown = points.flatMap((p) => [p.value, p.target ?? null]).filter((v): v is number => v !== null);
  const lo = Math.max(0, Math.min(...shown, 1) - 0.05);
  const hi = Math.min(1, Math.max(...shown, 0) + 0.05);
  const span = Math.max(0.1, hi - lo);
  const y = (v: number) => top + (1 - (v - lo) / span) * (h - top - bottom);
  const segments: string[] = [];
  let run: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length > 1) segments.push(run.join(' '));
      run = [];
      return;
    }
    run.push(`${run.length === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (run.length > 1) segments.push(run.join(' '));
  const description = points
    .map((p) => `${yearHeading(p.fiscalYear, lang).main} ${p.value === null ? t('noData') : pct(p.value)}`)
    .join(', ');
  return (
    <svg
      className="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`${label}: ${description}`}
    >
      <line x1={left} x2={w - right} y1={h - bottom} y2={h - bottom} className="axis" />
      {segments.map((d) => (
        <path key={d} d={d} className="trend" />
      ))}
      {points.map((p, i) =>
        p.target !== null && p.target !== undefined ? (
          <path key={`t${p.fiscalYear}`} d={`M${x(i) - 4},${y(p.target)} h8`} className="target-mark" />
        ) : null,
      )}
      {points.map((p, i) => (
        <g key={p.fiscalYear}>
          {p.value !== null ? (
            <>
              <circle cx={x(i)} cy={y(p.value)} r={2.5} className="point" />
              <text x={x(i)} y={Math.max(9, y(p.value) - 4)} className="value-label" textAnchor="middle">
                {Math.round(p.value * 100)}
              </text>
            </>
          ) : null}
          <text x={x(i)} y={h - 3} className="tick-label" textAnchor="middle">
            {yearHeading(p.fiscalYear, 'ja').main}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** A trend over fiscal years with axes: y 0–100%, x the years; targets as dashed ticks (◇). */
export function TrendChart({ points, title }: { points: TrendPoint[]; title: string }) {
  const { lang, t } = useI18n();
  const titleId = useId();
  const w = 560;
  const h = 260;
  const m = { left: 52, right: 20, top: 24, bottom: 48 };
  const step = (w - m.left - m.right) / Math.max(1, points.length);
  const x = (i: number) => m.left + step / 2 + i * step;
  const y = (v: number) => m.top + (1 - v) * (h - m.top - m.bottom);
  let d = '';
  let started = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      started = false;
      return;
    }
    d += `${started ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)} `;
    started = true;
  });
  return (
    <figure className="chart">
      <svg
        width="100%"
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-labelledby={titleId}
        className="trend-chart"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>
          {title}:{' '}
          {points
            .map(
              (p) =>
                `${yearHeading(p.fiscalYear, lang).main} ${p.value === null ? t('noData') : pct(p.value)}${
                  p.target != null ? ` (${t('target')} ${pct(p.target)})` : ''
                }`,
            )
            .join(', ')}
        </title>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={m.left} x2={w - m.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={m.left - 8} y={y(v) + 4} textAnchor="end" className="tick-label">
              {v * 100}%
            </text>
          </g>
        ))}
        <text
          transform={`translate(14 ${m.top + (h - m.top - m.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          className="axis-title"
        >
          {t('axisFavourable')}
        </text>
        <line x1={m.left} x2={w - m.right} y1={y(0)} y2={y(0)} className="axis" />
        <line x1={m.left} x2={m.left} y1={m.top} y2={y(0)} className="axis" />
        <path d={d} className="trend" />
        {points.map((p, i) => {
          const head = yearHeading(p.fiscalYear, lang);
          return (
            <g key={p.fiscalYear}>
              <text x={x(i)} y={h - m.bottom + 18} textAnchor="middle" className="tick-label">
                {head.main}
              </text>
              <text x={x(i)} y={h - m.bottom + 32} textAnchor="middle" className="tick-sub">
                {head.sub}
              </text>
              {p.target != null ? (
                <g className="target">
                  <path d={`M${x(i)},${y(p.target) - 6} l6,6 l-6,6 l-6,-6 z`} className="target-diamond" />
                  <text x={x(i) + 9} y={y(p.target) + 4} className="target-label">
                    {t('target')} {pct(p.target)}
                  </text>
                </g>
              ) : null}
              {p.value !== null ? (
                <>
                  <circle cx={x(i)} cy={y(p.value)} r={4.5} className="point" />
                  <text x={x(i)} y={y(p.value) - 10} textAnchor="middle" className="value-label strong">
                    {pct(p.value)}
                  </text>
                </>
              ) : (
                <text x={x(i)} y={y(0) - 8} textAnchor="middle" className="tick-sub">
                  —
                </text>
              )}
            </g>
          );
        })}
        <text x={(m.left + w - m.right) / 2} y={h - 4} textAnchor="middle" className="axis-title">
          {t('axisFiscalYear')}
        </text>
      </svg>
      <figcaption className="legend">
        <span>
          <svg width="22" height="10" aria-hidden="true">
            <path d="M1,5 h20" className="trend" />
            <circle cx="11" cy="5" r="3.5" className="point" />
          </svg>{' '}
          {t('legendActual')}
        </span>
        <span>
          <svg width="14" height="14" aria-hidden="true">
            <path d="M7,1 l6,6 l-6,6 l-6,-6 z" className="target-diamond" />
          </svg>{' '}
          {t('legendTarget')}
        </span>
      </figcaption>
    </figure>
  );
}

/** Shortens a label to about `width` px at 12px (CJK characters count double); the chart's title has it in full. */
export function fitLabel(label: string, width: number): string {
  let used = 0;
  let out = '';
  for (const ch of label) {
    const w = (ch.codePointAt(0) ?? 0) < 0x100 ? 6.8 : 12;
    if (used + w > width - 12) return `${out}…`;
    used += w;
    out += ch;
  }
  return out;
}

export interface Bar {
  key: string;
  label: string;
  /** 0…1; null for a hidden or empty bar. */
  value: number | null;
  hidden?: boolean;
  /** Why a hidden bar is hidden (few when not said): 非表示 or 非表示＊, as in the heatmap. */
  hiddenReason?: HiddenReason | undefined;
  /** A unit whose direct staff are counted with its key group (its row is hidden for that). */
  inKeyGroup?: boolean;
  /** Text after the value, e.g. "(12/30)". */
  note?: string;
}

/**
 * Horizontal bars with a labelled 0–100% axis. Hidden bars are drawn as a
 * hatched outline with the heatmap's word for why — 非表示 (too few) or
 * 非表示＊ (hidden against subtraction), the full reason on hover — never as a
 * value. Pair it with {@link HiddenLegend} when a bar is hidden.
 */
export function BarChart({
  bars,
  title,
  axisLabel,
  labelWidth = 200,
}: {
  bars: Bar[];
  title: string;
  axisLabel: string;
  labelWidth?: number;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const patternId = useId().replace(/:/g, '');
  const rowH = 24;
  const w = 640;
  const m = { left: labelWidth, right: 96, top: 8, bottom: 40 };
  const h = m.top + bars.length * rowH + m.bottom;
  const x = (v: number) => m.left + v * (w - m.left - m.right);
  return (
    <svg
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-labelledby={titleId}
      className="bar-chart"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>
        {title}:{' '}
        {bars
          .map(
            (b) =>
              `${b.label} ${b.hidden ? hiddenWords(t, b.hiddenReason, b.inKeyGroup).label : b.value === null ? t('noData') : pct(b.value)}`,
          )
          .join(', ')}
      </title>
      <defs>
        <pattern
          id={patternId}
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
        </pattern>
      </defs>
      {[0, 0.25, 0.5, 0.75, 1].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={m.top} y2={h - m.bottom} className="grid" />
          <text x={x(v)} y={h - m.bottom + 16} textAnchor="middle" className="tick-label">
            {v * 100}%
          </text>
        </g>
      ))}
      <text x={(m.left + w - m.right) / 2} y={h - 6} textAnchor="middle" className="axis-title">
        {axisLabel}
      </text>
      {bars.map((b, i) => {
        const top = m.top + i * rowH + 4;
        const bh = rowH - 8;
        const words = b.hidden ? hiddenWords(t, b.hiddenReason, b.inKeyGroup) : null;
        return (
          <g key={b.key} data-bar={b.key}>
            {words ? <title>{`${b.label}: ${words.label} — ${words.why}`}</title> : null}
            <text x={m.left - 8} y={top + bh / 2 + 4} textAnchor="end" className="bar-label">
              {fitLabel(b.label, m.left - 14)}
            </text>
            {b.hidden ? (
              <>
                <rect
                  x={m.left}
                  y={top}
                  width={x(1) - m.left}
                  height={bh}
                  fill={`url(#${patternId})`}
                  className={`bar-hidden${b.hiddenReason === 'complementary' ? ' bar-complementary' : ''}`}
                />
                <text x={x(1) + 6} y={top + bh / 2 + 4} className="value-label hidden-label">
                  {words?.label}
                </text>
              </>
            ) : (
              <>
                <rect
                  x={m.left}
                  y={top}
                  width={Math.max(0, x(b.value ?? 0) - m.left)}
                  height={bh}
                  className="bar"
                />
                <text x={x(b.value ?? 0) + 6} y={top + bh / 2 + 4} className="value-label strong">
                  {b.value === null ? '—' : pct(b.value)}
                  {b.note ? ` ${b.note}` : ''}
                </text>
              </>
            )}
          </g>
        );
      })}
      <line x1={m.left} x2={m.left} y1={m.top} y2={h - m.bottom} className="axis" />
    </svg>
  );
}

/** The 1–5 answer distribution of an item: five labelled columns, answer on x, share on y. */
export function Distribution({
  shares,
  label,
  reverse = false,
}: {
  shares: number[];
  label: string;
  /** Reverse-keyed item: 1–2 are the favourable answers. */
  reverse?: boolean;
}) {
  const { t } = useI18n();
  const w = 200;
  const h = 76;
  const m = { left: 6, right: 6, top: 14, bottom: 16 };
  const colW = (w - m.left - m.right) / 5;
  const max = Math.max(0.0001, ...shares);
  const y = (v: number) => m.top + (1 - v / max) * (h - m.top - m.bottom);
  return (
    <svg
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`${label}: ${shares.map((s, i) => `${i + 1}: ${pct(s)}`).join(', ')}`}
      className="distribution"
    >
      {shares.map((s, i) => {
        const cx = m.left + i * colW;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the answer value 1–5 is the position
          <g key={i}>
            <rect
              x={cx + 5}
              y={y(s)}
              width={colW - 10}
              height={h - m.bottom - y(s)}
              className={
                i === 2 ? 'bar neutral' : (reverse ? i <= 1 : i >= 3) ? 'bar favourable' : 'bar unfavourable'
              }
            />
            <text x={cx + colW / 2} y={Math.max(10, y(s) - 3)} textAnchor="middle" className="value-label">
              {Math.round(s * 100)}
            </text>
            <text x={cx + colW / 2} y={h - 3} textAnchor="middle" className="tick-label">
              {i + 1}
            </text>
          </g>
        );
      })}
      <line x1={m.left} x2={w - m.right} y1={h - m.bottom} y2={h - m.bottom} className="axis" />
      <desc>{t('distributionDesc')}</desc>
    </svg>
  );
}

/**
 * What the hidden bars' words mean, as the heatmap legend says it: 非表示 = too few respondents,
 * 非表示＊ = hidden so that a small group cannot be worked out by subtraction.
 */
export function HiddenLegend() {
  return (
    <div className="heatmap-legend hidden-legend">
      <ul>
        <HiddenLegendItems />
      </ul>
    </div>
  );
}
