import type { StaffRow } from '../../../shared/api/organisation';
import type { FeedbackKind, FeedbackStatus } from '../../../shared/api/feedback';
import type { Lang } from '../../../shared/i18n/localized';
import type { PillarId } from '../../../shared/plan/ids';
import { type ResolvedInitiative, resolveInitiative } from '../../../shared/plan/query';
import { fiscalYearOf } from '../../../shared/time/fiscal-year';
import { toCsv } from './csv';
import type { MessageKey } from './messages';
import type { Reference } from './reference';

/**
 * Words and small helpers for the staff feedback box (職員提案・意見箱) on
 * HR's side: status and kind labels, the fiscal years to offer, the plan
 * initiative the feedback indicators belong to, and the codes CSV.
 */

/** 受付 → 検討中 → 採用 / 見送り / 対応済, in board order. */
export const STATUS_ORDER: readonly FeedbackStatus[] = [
  'received',
  'reviewing',
  'adopted',
  'declined',
  'done',
];

export const STATUS_LABEL: Record<FeedbackStatus, MessageKey> = {
  received: 'fbReceived',
  reviewing: 'fbReviewing',
  adopted: 'fbAdopted',
  declined: 'fbDeclined',
  done: 'fbDone',
};

export const KIND_ORDER: readonly FeedbackKind[] = ['proposal', 'concern', 'question'];

export const KIND_LABEL: Record<FeedbackKind, MessageKey> = {
  proposal: 'kindProposal',
  concern: 'kindConcern',
  question: 'kindQuestion',
};

export const isKind = (v: string | null): v is FeedbackKind =>
  v !== null && (KIND_ORDER as readonly string[]).includes(v);

/** The fiscal year today falls in (Japan time). */
export const currentFiscalYear = (): number => fiscalYearOf(new Date());

/** The plan's years, and the current year when the plan has ended or not yet begun. */
export function feedbackYears(ref: Reference): number[] {
  const { from, to } = ref.plan.fiscalYears;
  const years = new Set<number>();
  for (let y = from; y <= to; y++) years.add(y);
  years.add(currentFiscalYear());
  return [...years].sort((a, b) => a - b);
}

/** The year a page opens on: the one asked for if offered, else the current year. */
export function chosenYear(ref: Reference, asked: string | null): number {
  const years = feedbackYears(ref);
  const n = Number(asked);
  return asked && years.includes(n) ? n : currentFiscalYear();
}

/** The fiscal year a post id starts with (`2026-…`), or null. */
export function yearOfPost(postId: string): number | null {
  const y = Number(postId.split('-')[0]);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
}

/**
 * The plan's staff-proposal initiative (職員提案制度…), which the feedback
 * indicators report on: found in the plan's own words, so another city's
 * plan finds its own row, or none.
 */
export function proposalInitiative(ref: Reference): ResolvedInitiative | undefined {
  const rows = ref.plan.initiatives
    .filter((row) => !('refersTo' in row && row.refersTo))
    .flatMap((row) => {
      const r = resolveInitiative(ref.plan, row.id);
      return r ? [r] : [];
    });
  return (
    rows.find((r) => r.small.ja.includes('職員提案')) ??
    rows.find((r) => r.title.ja.includes('職員提案')) ??
    rows.find((r) => r.title.ja.includes('改善提案'))
  );
}

/** The pillar the feedback indicators sit under: the initiative's, else 組織文化. */
export function proposalPillar(ref: Reference): PillarId {
  return proposalInitiative(ref)?.pillarId ?? 'culture';
}

export interface FeedbackCodeRow {
  staffNo: string;
  unitCode: string;
  code: string;
  url: string;
}

/** The year's codes for mail merge: UTF-8 with a BOM, CRLF, one row per person. */
export function feedbackCodesCsv(
  codes: FeedbackCodeRow[],
  staff: Map<string, StaffRow>,
  ref: Reference,
  fiscalYear: number,
  lang: Lang,
): string {
  const rows: Array<Array<string | number>> = [
    ['staffNo', 'name', 'email', 'unitCode', 'unitName', 'fiscalYear', 'code', 'url'],
  ];
  for (const c of codes) {
    const person = staff.get(c.staffNo);
    rows.push([
      c.staffNo,
      person?.name ?? '',
      person?.email ?? '',
      c.unitCode,
      ref.unitName(c.unitCode, lang),
      fiscalYear,
      c.code,
      c.url,
    ]);
  }
  return toCsv(rows);
}
