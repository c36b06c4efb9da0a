import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { CampaignStatus } from '../../../shared/api/campaign';
import type { HiddenReason } from '../../../shared/api/results';
import { ApiError } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {label ?? t('loading')}
    </p>
  );
}

export function ErrorBox({ error, title }: { error: Error; title?: string }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : undefined;
  const message =
    status === 403
      ? t('errorForbidden')
      : status === 404
        ? t('errorNotFound')
        : status === 409 && error instanceof ApiError && error.code === 'campaign_open'
          ? t('errorResultsWhileOpen')
          : status === 409 && error instanceof ApiError && error.code === 'results_pending'
            ? t('errorResultsPending')
            : error.message;
  return (
    <div className="error-box" role="alert">
      <p>
        <strong>{title ?? t('errorTitle')}</strong>
      </p>
      <p>{message}</p>
    </div>
  );
}

/**
 * The label and explanation of a hidden cell, by why it is hidden (few when not said); a unit in a key
 * group keeps its label and says that its direct staff are counted with a larger group.
 */
export function useHiddenWords(
  reason: HiddenReason | undefined,
  inKeyGroup = false,
): { label: string; why: string } {
  return hiddenWords(useI18n().t, reason, inKeyGroup);
}

/** {@link useHiddenWords} for many cells at once (a chart's bars), given the console's `t`. */
export function hiddenWords(
  t: ReturnType<typeof useI18n>['t'],
  reason: HiddenReason | undefined,
  inKeyGroup = false,
): { label: string; why: string } {
  const words =
    reason === 'complementary'
      ? { label: t('hiddenComplementary'), why: t('hiddenComplementaryTooltip') }
      : { label: t('hidden'), why: t('hiddenTooltip') };
  return inKeyGroup ? { ...words, why: t('hiddenKeyGroupTooltip') } : words;
}

/** The word 非表示 (hidden), with why on hover (and in full when not short). */
export function HiddenNote({
  short = false,
  reason,
  inKeyGroup = false,
}: {
  short?: boolean;
  reason?: HiddenReason;
  inKeyGroup?: boolean;
}) {
  const { label, why } = useHiddenWords(reason, inKeyGroup);
  return (
    <span className="hidden-mark" title={why}>
      {short ? label : `${label} — ${why}`}
    </span>
  );
}

/** Why a cell is hidden, in full, for the top of a results page. */
export function HiddenExplanation({ k, kSensitive }: { k: number; kSensitive?: number }) {
  const { t } = useI18n();
  return (
    <aside className="note hidden-explanation" aria-label={t('hiddenExplainTitle')}>
      <p>
        <span className="swatch cell-hidden inline">
          <span>{t('hidden')}</span>
        </span>{' '}
        {t('hiddenExplain', { k })}
      </p>
      <p>{t('hiddenExplainComplement')}</p>
      {kSensitive ? <p>{t('hiddenExplainSensitive', { ks: kSensitive })}</p> : null}
    </aside>
  );
}

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useI18n();
  const label =
    status === 'draft' ? t('statusDraft') : status === 'open' ? t('statusOpen') : t('statusClosed');
  const icon = status === 'draft' ? '✎' : status === 'open' ? '●' : '■';
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{icon} </span>
      {label}
    </span>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children ? <div className="page-actions no-print">{children}</div> : null}
    </div>
  );
}

/** A modal confirmation on the native <dialog> (focus trapped, Esc cancels). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy,
  danger,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  danger?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'primary danger' : 'primary'}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** Saves text as a file (CSV exports are built in the browser). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrintButton() {
  const { t } = useI18n();
  return (
    <button type="button" onClick={() => window.print()}>
      {t('print')}
    </button>
  );
}

/** A statistical term explained in plain words: a disclosure anyone can open by keyboard or touch. */
export function TermHelp({ summary, text }: { summary: string; text: string }) {
  return (
    <details className="term-help">
      <summary>{summary}</summary>
      <p>{text}</p>
    </details>
  );
}

/** The two kinds of hidden cell and their words, for the heatmap's legend and the bars' own. */
export function HiddenLegendItems() {
  const { t } = useI18n();
  return (
    <>
      <li>
        <span className="swatch cell-hidden">
          <span>{t('hidden')}</span>
        </span>{' '}
        {t('legendHiddenFew')}
      </li>
      <li>
        <span className="swatch cell-hidden cell-complementary">
          <span>{t('hiddenComplementary')}</span>
        </span>{' '}
        {t('legendHiddenComplementary')}
      </li>
    </>
  );
}
