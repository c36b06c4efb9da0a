import { type FormEvent, useState } from 'react';
import type { FeedbackStatus } from '../../../shared/api/feedback';
import type { PillarId } from '../../../shared/plan/ids';
import { STATUS_LABEL, STATUS_ORDER } from '../lib/feedback';
import { useI18n } from '../lib/i18n';
import { useReference } from '../lib/reference';

/** The admin's triage of one post: its status (AssignForm: the unit it is assigned to). */
export function StatusForm({
  status,
  busy,
  onSave,
}: {
  status: FeedbackStatus;
  busy: boolean;
  onSave(status: FeedbackStatus): void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<FeedbackStatus>(status);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== status) onSave(draft);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        <span>{t('status')}</span>
        <select value={draft} onChange={(e) => setDraft(e.target.value as FeedbackStatus)}>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {t(STATUS_LABEL[s])}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || draft === status}>
        {t('changeStatus')}
      </button>
    </form>
  );
}

export function AssignForm({
  unitCode,
  busy,
  onSave,
}: {
  unitCode: string | null;
  busy: boolean;
  onSave(unitCode: string | null): void;
}) {
  const { t, l } = useI18n();
  const ref = useReference();
  const [draft, setDraft] = useState(unitCode ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== (unitCode ?? '')) onSave(draft || null);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        <span>{t('assignedUnit')}</span>
        <select value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">{t('unassigned')}</option>
          {ref.unitTree.map(({ unit, depth }) => (
            <option key={unit.code} value={unit.code}>
              {'　'.repeat(depth)}
              {l(unit.name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || draft === (unitCode ?? '')}>
        {t('saveAssignment')}
      </button>
    </form>
  );
}

/** The pillar of a post: staff may leave it to HR (未分類), and HR sets or corrects it here. */
export function PillarForm({
  pillarId,
  busy,
  onSave,
}: {
  pillarId: PillarId | null;
  busy: boolean;
  onSave(pillarId: PillarId | null): void;
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const [draft, setDraft] = useState(pillarId ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== (pillarId ?? '')) onSave((draft || null) as PillarId | null);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label className="field">
        <span>{t('pillar')}</span>
        <select value={draft} onChange={(e) => setDraft(e.target.value)}>
          <option value="">{t('unclassified')}</option>
          {ref.pillarIds.map((p) => (
            <option key={p} value={p}>
              {ref.pillarName(p, lang)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy || draft === (pillarId ?? '')}>
        {t('savePillar')}
      </button>
    </form>
  );
}
