import { type FormEvent, useState } from 'react';
import type { Action } from '../../../shared/api/actions';
import type { Campaign } from '../../../shared/api/campaign';
import { distinctInitiatives } from '../../../shared/plan/query';
import { ErrorBox, Loading, PageHeader } from '../components/common';
import { api, request } from '../lib/api';
import { dateOnly, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { ACTION_STATUS_KEYS } from '../lib/messages-actions';
import { useReference } from '../lib/reference';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';

/**
 * Action plans (issue 15): the actions on a closed survey's results. A
 * manager drafts for their subtree (up to three per unit) and keeps status and
 * notes; HR (admin) approves; analysts read.
 */
export function ActionsPage() {
  const { t, lang, l } = useI18n();
  const { user } = useSession();
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  const closed = (campaigns.data ?? [])
    .filter((c) => c.status === 'closed')
    .sort((a, b) => b.fiscalYear - a.fiscalYear || (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  const [campaignId, setCampaignId] = useState('');
  const campaign = closed.find((c) => c.id === campaignId) ?? closed[0];
  const actions = useResource<Action[]>(campaign ? `/api/actions?fiscalYear=${campaign.fiscalYear}` : null);
  const [error, setError] = useState<Error | null>(null);
  const writer = user.role === 'admin' || user.role === 'manager';

  if (campaigns.error) return <ErrorBox error={campaigns.error} />;
  if (!campaigns.data) return <Loading />;

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      actions.reload();
    } catch (e) {
      setError(e as Error);
    }
  };

  const list = (actions.data ?? []).filter((a) => !campaign || a.campaignId === campaign.id);
  return (
    <>
      <PageHeader title={t('actionsTitle')}>
        <a href="/feedback/#actions" className="button">
          {t('actionsStaffPage')}
        </a>
      </PageHeader>
      <p className="lead">{t('actionsLead')}</p>
      {closed.length === 0 ? (
        <p>{t('actionsNoCampaign')}</p>
      ) : (
        <p>
          <label htmlFor="actions-campaign">{t('actionsCampaign')}</label>{' '}
          <select
            id="actions-campaign"
            value={campaign?.id ?? ''}
            onChange={(e) => setCampaignId(e.target.value)}
          >
            {closed.map((c) => (
              <option key={c.id} value={c.id}>
                {yearLong(c.fiscalYear, lang)} — {l(c.title)}
              </option>
            ))}
          </select>
        </p>
      )}
      {error ? <ErrorBox error={error} /> : null}
      {actions.error ? <ErrorBox error={actions.error} /> : null}
      {campaign && actions.data ? (
        list.length === 0 ? (
          <p>{t('actionsNone')}</p>
        ) : (
          <ActionTable
            actions={list}
            caption={t('actionsListCaption', { year: yearLong(campaign.fiscalYear, lang), n: list.length })}
            run={run}
          />
        )
      ) : campaign ? (
        <Loading />
      ) : null}
      {writer && campaign ? <DraftForm campaign={campaign} onSaved={() => actions.reload()} /> : null}
    </>
  );
}

function ActionTable({
  actions,
  caption,
  run,
}: {
  actions: Action[];
  caption: string;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const writer = user.role === 'admin' || user.role === 'manager';
  const [notes, setNotes] = useState<Record<string, string>>({});
  const initiativeTitle = (id: string) => {
    const row = ref.plan.initiatives.find((i) => i.id === id);
    return row && 'title' in row && row.title ? (lang === 'en' ? row.title.en : row.title.ja) : id;
  };
  return (
    <div className="table-scroll">
      <table className="actions">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actionUnit')}</th>
            <th scope="col">{t('actionTitleLabel')}</th>
            <th scope="col">{t('actionConstruct')}</th>
            <th scope="col">{t('actionInitiative')}</th>
            <th scope="col">{t('actionOwner')}</th>
            <th scope="col">{t('actionDue')}</th>
            <th scope="col">{t('actionStatus')}</th>
            <th scope="col">{t('actionApproval')}</th>
            <th scope="col">{t('actionNotes')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} data-action={a.id}>
              <td>{ref.unitName(a.unitCode, lang)}</td>
              <th scope="row">
                {a.title}
                {a.description ? <span className="sub">{a.description}</span> : null}
              </th>
              <td>{a.constructId ? ref.constructName(a.constructId, lang) : '—'}</td>
              <td>{a.initiativeId ? initiativeTitle(a.initiativeId) : '—'}</td>
              <td>{a.owner}</td>
              <td>{dateOnly(`${a.dueDate}T12:00:00+09:00`, lang)}</td>
              <td>
                {writer ? (
                  <select
                    aria-label={t('actionStatusLabel', { title: a.title })}
                    value={a.status}
                    onChange={(e) => run(() => api.patch(`/api/actions/${a.id}`, { status: e.target.value }))}
                  >
                    {Object.entries(ACTION_STATUS_KEYS).map(([value, key]) => (
                      <option key={value} value={value}>
                        {t(key)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(ACTION_STATUS_KEYS[a.status])
                )}
              </td>
              <td>
                <span className={`approval approval-${a.approval}`}>
                  {t(a.approval === 'approved' ? 'approvalApproved' : 'approvalDraft')}
                </span>
                {a.approval === 'draft' && user.role === 'admin' ? (
                  <button type="button" onClick={() => run(() => api.post(`/api/actions/${a.id}/approve`))}>
                    {t('actionApprove')}
                  </button>
                ) : null}
                {a.approval === 'draft' && writer ? (
                  <button type="button" onClick={() => run(() => request('DELETE', `/api/actions/${a.id}`))}>
                    {t('actionWithdraw')}
                  </button>
                ) : null}
              </td>
              <td>
                {a.notes.length > 0 ? (
                  <ul className="plain">
                    {a.notes.map((n, i) => (
                      // Notes are only appended; their order never changes.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                      <li key={i}>
                        {n.day}: {n.text}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {writer ? (
                  <form
                    className="inline"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const text = notes[a.id]?.trim();
                      if (!text) return;
                      run(async () => {
                        await api.post(`/api/actions/${a.id}/notes`, { text });
                        setNotes((m) => ({ ...m, [a.id]: '' }));
                      });
                    }}
                  >
                    <input
                      aria-label={t('actionNoteLabel', { title: a.title })}
                      value={notes[a.id] ?? ''}
                      maxLength={500}
                      onChange={(e) => setNotes((m) => ({ ...m, [a.id]: e.target.value }))}
                    />
                    <button type="submit">{t('actionAddNote')}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DraftForm({ campaign, onSaved }: { campaign: Campaign; onSaved: () => void }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const units = ref.unitTree.filter(({ unit }) => {
    if (user.role !== 'manager') return true;
    // A manager's subtree: their unit and everything below it.
    for (let u: typeof unit | undefined = unit; u; u = u.parentCode ? ref.unit(u.parentCode) : undefined) {
      if (u.code === user.unitCode) return true;
    }
    return false;
  });
  const empty = {
    unitCode: '',
    title: '',
    description: '',
    constructId: '',
    initiativeId: '',
    owner: '',
    dueDate: '',
  };
  const [form, setForm] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const unitCode = form.unitCode || units[0]?.unit.code || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/actions', {
        campaignId: campaign.id,
        unitCode,
        title: form.title,
        ...(form.description.trim() ? { description: form.description } : {}),
        ...(form.constructId ? { constructId: form.constructId } : {}),
        ...(form.initiativeId ? { initiativeId: form.initiativeId } : {}),
        owner: form.owner,
        dueDate: form.dueDate,
      });
      setForm(empty);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: e.target.value }));
  };
  return (
    <section aria-labelledby="draft-title" className="panel">
      <h2 id="draft-title">{t('actionDraftTitle')}</h2>
      <form onSubmit={submit} className="stack">
        <p className="field">
          <label htmlFor="action-unit">{t('actionUnit')}</label>
          <select id="action-unit" value={unitCode} onChange={set('unitCode')}>
            {units.map(({ unit, depth }) => (
              <option key={unit.code} value={unit.code}>
                {'\u3000'.repeat(depth)}
                {l(unit.name)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="action-title">{t('actionTitleLabel')}</label>
          <input id="action-title" required maxLength={120} value={form.title} onChange={set('title')} />
        </p>
        <p className="field">
          <label htmlFor="action-description">{t('actionDescription')}</label>
          <textarea
            id="action-description"
            maxLength={1000}
            value={form.description}
            onChange={set('description')}
          />
        </p>
        <p className="hint">{t('actionTieHint')}</p>
        <p className="field">
          <label htmlFor="action-construct">{t('actionConstruct')}</label>
          <select id="action-construct" value={form.constructId} onChange={set('constructId')}>
            <option value="">{t('actionNone')}</option>
            {ref.constructs.map((c) => (
              <option key={c.id} value={c.id}>
                {l(c.name)}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="action-initiative">{t('actionInitiative')}</label>
          <select id="action-initiative" value={form.initiativeId} onChange={set('initiativeId')}>
            <option value="">{t('actionNone')}</option>
            {distinctInitiatives(ref.plan).map((i) => (
              <option key={i.id} value={i.id}>
                {lang === 'en' ? i.title.en : i.title.ja}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor="action-owner">{t('actionOwner')}</label>
          <input id="action-owner" required maxLength={80} value={form.owner} onChange={set('owner')} />
        </p>
        <p className="field">
          <label htmlFor="action-due">{t('actionDue')}</label>
          <input id="action-due" type="date" required value={form.dueDate} onChange={set('dueDate')} />
        </p>
        {error ? <ErrorBox error={error} /> : null}
        {saved ? (
          <p role="status" className="ok">
            {t('actionSaved')}
          </p>
        ) : null}
        <p>
          <button type="submit" className="primary" disabled={busy}>
            {t('actionSave')}
          </button>
        </p>
      </form>
    </section>
  );
}
