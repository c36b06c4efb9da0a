import { deadlineLabel } from '../../../shared/time/deadline';
import { useState } from 'react';
import type { Campaign, Participation } from '../../../shared/api/campaign';
import type { DeliveryResult, ReminderResult } from '../../../shared/api/delivery';
import { type Bar, BarChart } from '../components/charts';
import { ConfirmDialog, ErrorBox, Loading, PageHeader, StatusBadge } from '../components/common';
import { CampaignKindFact, CustomQuestionsPanel } from '../components/custom-questions';
import { ApiError, api } from '../lib/api';
import { count, dateTime, pct, yearLong } from '../lib/format';
import { useI18n } from '../lib/i18n';
import type { MessageKey } from '../lib/messages';
import { useReference } from '../lib/reference';
import { Link } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';

export const PARTICIPATION_REFRESH_MS = 10_000;

/** One campaign: its facts, open/close with confirmation, invitations and live participation. */
export function CampaignPage({ id }: { id: string }) {
  const { t, lang, l } = useI18n();
  const ref = useReference();
  const { user } = useSession();
  const campaign = useResource<Campaign>(`/api/campaigns/${id}`);
  const [dialog, setDialog] = useState<'open' | 'close' | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (campaign.error) return <ErrorBox error={campaign.error} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;
  const admin = can.runCampaigns(user.role);
  const template = ref.templates.find((x) => x.id === c.templateId);

  const act = (action: 'open' | 'close') => {
    setBusy(true);
    setActionError(null);
    api
      .post<{ id: string; status: string }>(`/api/campaigns/${id}/${action}`)
      .then(() => {
        setNotice(action === 'open' ? t('openedNotice') : t('closedNotice'));
        setDialog(null);
        campaign.reload();
      })
      .catch((err: Error) => {
        setActionError(err);
        setDialog(null);
      })
      .finally(() => setBusy(false));
  };

  return (
    <>
      <p className="breadcrumb no-print">
        <Link to="/campaigns">{t('navCampaigns')}</Link> › {l(c.title)}
      </p>
      <PageHeader title={l(c.title)}>
        {admin && c.status === 'draft' ? (
          <button type="button" className="primary" onClick={() => setDialog('open')}>
            {t('openCampaign')}
          </button>
        ) : null}
        {admin && c.status === 'open' ? (
          <button type="button" className="primary danger" onClick={() => setDialog('close')}>
            {t('closeCampaign')}
          </button>
        ) : null}
        {c.status === 'closed' && can.readResults(user.role) ? (
          <Link to={`/campaigns/${id}/results`} className="button primary">
            {t('viewResults')}
          </Link>
        ) : null}
      </PageHeader>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {actionError ? <ErrorBox error={actionError} /> : null}
      <dl className="facts">
        <div>
          <dt>{t('status')}</dt>
          <dd>
            <StatusBadge status={c.status} />
          </dd>
        </div>
        <div>
          <dt>{t('fiscalYear')}</dt>
          <dd>{yearLong(c.fiscalYear, lang)}</dd>
        </div>
        <CampaignKindFact kind={c.kind} />
        <div>
          <dt>{t('template')}</dt>
          <dd>{template ? l(template.title) : c.templateId}</dd>
        </div>
        <div>
          <dt>{t('period')}</dt>
          <dd>
            {dateTime(c.opensAt, lang)} – {deadlineLabel(c.closesAt, lang, { year: true })} {t('jst')}
          </dd>
        </div>
        <div>
          <dt>{t('minGroupSize')}</dt>
          <dd>{c.minGroupSize}</dd>
        </div>
        {c.openedAt ? (
          <div>
            <dt>{t('openedAt')}</dt>
            <dd>{dateTime(c.openedAt, lang)}</dd>
          </div>
        ) : null}
        {c.closedAt ? (
          <div>
            <dt>{t('closedAt')}</dt>
            <dd>{dateTime(c.closedAt, lang)}</dd>
          </div>
        ) : null}
      </dl>

      {can.deliverCodes(user.role) && c.status !== 'closed' ? (
        <DeliveryPanel id={id} open={c.status === 'open'} />
      ) : null}
      {admin && c.status !== 'closed' ? <p className="hint">{t('codesWithCustodian')}</p> : null}

      {c.status === 'draft' ? <p className="note">{t('draftNote')}</p> : null}

      {can.readResults(user.role) || admin ? <CustomQuestionsPanel campaign={c} admin={admin} /> : null}

      {c.status !== 'draft' && can.readParticipation(user.role) ? (
        <ParticipationPanel id={id} live={c.status === 'open'} />
      ) : null}

      <ConfirmDialog
        open={dialog === 'open'}
        title={t('confirmOpenTitle')}
        confirmLabel={t('confirmOpen')}
        cancelLabel={t('cancel')}
        busy={busy}
        onCancel={() => setDialog(null)}
        onConfirm={() => act('open')}
      >
        <p>{t('confirmOpenBody', { title: l(c.title) })}</p>
        <ul>
          <li>{t('confirmOpenPoint1')}</li>
          <li>{t('confirmOpenPoint2')}</li>
          <li>{t('confirmOpenPoint3', { k: c.minGroupSize })}</li>
        </ul>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'close'}
        title={t('confirmCloseTitle')}
        confirmLabel={t('confirmClose')}
        cancelLabel={t('cancel')}
        busy={busy}
        danger
        onCancel={() => setDialog(null)}
        onConfirm={() => act('close')}
      >
        <p>{t('confirmCloseBody', { title: l(c.title) })}</p>
        <ul>
          <li>{t('confirmClosePoint1')}</li>
          <li>{t('confirmClosePoint2')}</li>
        </ul>
      </ConfirmDialog>
    </>
  );
}

/**
 * The custodian's part (DESIGN §3, A5): the system e-mails each person their
 * own code, and paper invitations are printed for those without e-mail. The
 * page only ever sees counts; the codes go from the server to the mail.
 */
function DeliveryPanel({ id, open }: { id: string; open: boolean }) {
  const { t, lang } = useI18n();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DeliveryResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const send = () => {
    setBusy(true);
    setError(null);
    api
      .post<DeliveryResult>(`/api/campaigns/${id}/invitations/deliver`)
      .then(setResult)
      .catch((err: Error) => setError(err))
      .finally(() => {
        setBusy(false);
        setConfirm(false);
      });
  };
  return (
    <section aria-labelledby="invitations-title" className="panel">
      <h2 id="invitations-title">{t('invitationsTitle')}</h2>
      <p>{t('invitationsLead')}</p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => setConfirm(true)} disabled={busy}>
          {busy ? t('sendingMail') : t('sendInvitationMail')}
        </button>
        <Link className="button" to={`/campaigns/${id}/slips`}>
          {t('printPaperInvitations')}
        </Link>
      </div>
      {result ? (
        <p className="notice" role="status">
          {t('deliveredNotice', {
            sent: count(result.sent, lang),
            without: count(result.withoutEmail, lang),
          })}
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <p className="hint">{t('invitationsPrivacy')}</p>
      {open ? <ReminderPart id={id} /> : null}
      <ConfirmDialog
        open={confirm}
        title={t('confirmSendTitle')}
        confirmLabel={t('confirmSend')}
        cancelLabel={t('cancel')}
        busy={busy}
        onCancel={() => setConfirm(false)}
        onConfirm={send}
      >
        <p>{t('confirmSendBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** Why a reminder run was refused, in the console's words where the server's code is known. */
const REMINDER_ERRORS: Record<string, MessageKey> = {
  reminders_already_sent_today: 'reminderErrorToday',
  campaign_not_open: 'reminderErrorNotOpen',
  deadline_passed: 'reminderErrorDeadline',
  mail_unavailable: 'reminderErrorNoMail',
  mail_failed: 'reminderErrorMailFailed',
};

/**
 * Reminders (issue 19): the system mails those whose invitation is still
 * unused, once a day. The page, like the server, only ever sees the counts:
 * who has not answered stays out of the custodian's view (A2).
 */
function ReminderPart({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReminderResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const send = () => {
    setBusy(true);
    setError(null);
    setResult(null);
    api
      .post<ReminderResult>(`/api/campaigns/${id}/reminders`)
      .then(setResult)
      .catch((err: Error) => {
        const known = err instanceof ApiError ? REMINDER_ERRORS[err.code] : undefined;
        setError(known ? new Error(t(known)) : err);
      })
      .finally(() => {
        setBusy(false);
        setConfirm(false);
      });
  };
  return (
    <div className="reminders">
      <h3>{t('sendReminders')}</h3>
      <p>{t('remindersLead')}</p>
      <div className="button-row">
        <button type="button" onClick={() => setConfirm(true)} disabled={busy}>
          {busy ? t('sendingMail') : t('sendReminders')}
        </button>
      </div>
      {result ? (
        <p className="notice" role="status">
          {t('remindedNotice', {
            sent: count(result.sent, lang),
            skipped: count(result.skippedNoEmail, lang),
          })}
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <p className="hint">{t('remindersPrivacy')}</p>
      <ConfirmDialog
        open={confirm}
        title={t('confirmRemindTitle')}
        confirmLabel={t('confirmRemind')}
        cancelLabel={t('cancel')}
        busy={busy}
        onCancel={() => setConfirm(false)}
        onConfirm={send}
      >
        <p>{t('confirmRemindBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

/** Invited, tokens issued and responses per unit; refreshed every ~10 s while the campaign is open. */
function ParticipationPanel({ id, live }: { id: string; live: boolean }) {
  const { t, lang } = useI18n();
  const ref = useReference();
  const participation = useResource<Participation>(
    `/api/campaigns/${id}/participation`,
    live ? { refreshMs: PARTICIPATION_REFRESH_MS } : {},
  );
  const p = participation.data;
  // The server lists units in the display order of the tree frozen at open.
  const units = p?.units ?? [];
  const direct = t('participationDirect');
  const total = t('participationTotal');
  const anyTotal = units.some((u) => u.total);
  const scoped = (name: string, scope: string) =>
    lang === 'ja' ? `${name}（${scope}）` : `${name} (${scope})`;
  const bars: Bar[] = units.flatMap((u) => {
    const name = ref.unitName(u.unitCode, lang);
    const own: Bar = {
      key: u.unitCode,
      label: u.total ? scoped(name, direct) : name,
      value: u.invited > 0 ? u.rate : null,
      note: `(${u.responses}/${u.invited})`,
    };
    if (!u.total) return [own];
    return [
      own,
      {
        key: `${u.unitCode}#total`,
        label: scoped(name, total),
        value: u.total.invited > 0 ? u.total.rate : null,
        note: `(${u.total.responses}/${u.total.invited})`,
      },
    ];
  });
  return (
    <section aria-labelledby="participation-title" className="panel">
      <h2 id="participation-title">{live ? t('participationLive') : t('participationFinal')}</h2>
      {live ? (
        <p className="hint" aria-live="polite">
          {t('refreshEvery', { s: PARTICIPATION_REFRESH_MS / 1000 })}
          {participation.loadedAt
            ? ` ${t('updatedAt', { time: participation.loadedAt.toLocaleTimeString(lang === 'ja' ? 'ja-JP' : 'en-GB') })}`
            : ''}
        </p>
      ) : null}
      <p className="hint">{t('participationPrivacy')}</p>
      {anyTotal ? (
        <p className="hint" data-testid="participation-total-note">
          {t('participationTotalNote')}
        </p>
      ) : null}
      {participation.error ? <ErrorBox error={participation.error} /> : null}
      {!p ? (
        <Loading />
      ) : p.invited === 0 ? (
        <p>{t('noInvitationsYet')}</p>
      ) : (
        <>
          <dl className="facts big">
            <div>
              <dt>{t('invited')}</dt>
              <dd>{count(p.invited, lang)}</dd>
            </div>
            <div>
              <dt>{t('tokensIssued')}</dt>
              <dd>{count(p.tokensIssued, lang)}</dd>
            </div>
            <div>
              <dt>{t('responses')}</dt>
              <dd>{count(p.responses, lang)}</dd>
            </div>
            <div>
              <dt>{t('responseRate')}</dt>
              <dd>{pct(p.invited > 0 ? p.responses / p.invited : null, 1)}</dd>
            </div>
          </dl>
          <div className="grid-2">
            <BarChart
              bars={bars}
              title={t('participationByUnit')}
              axisLabel={t('axisResponseRate')}
              labelWidth={230}
            />
            <div className="table-scroll">
              <table className="list participation">
                <caption>{t('participationByUnit')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('unit')}</th>
                    {anyTotal ? <th scope="col">{t('participationCounted')}</th> : null}
                    <th scope="col">{t('invited')}</th>
                    <th scope="col">{t('responses')}</th>
                    <th scope="col">{t('responseRate')}</th>
                  </tr>
                </thead>
                {units.map((u) => {
                  const indent = { paddingInlineStart: `${0.5 + ref.unitDepth(u.unitCode) * 1.2}em` };
                  const cells = (c: { invited: number; responses: number; rate: number }) => (
                    <>
                      <td className="num">{count(c.invited, lang)}</td>
                      <td className="num">{count(c.responses, lang)}</td>
                      <td className="num">{pct(c.invited > 0 ? c.rate : null, 1)}</td>
                    </>
                  );
                  return (
                    // One body per unit, so its direct and total rows read as one group.
                    <tbody key={u.unitCode} data-unit={u.unitCode}>
                      <tr>
                        <th scope="row" rowSpan={u.total ? 2 : 1} style={indent}>
                          {ref.unitName(u.unitCode, lang)}
                        </th>
                        {anyTotal ? <td>{u.total ? direct : ''}</td> : null}
                        {cells(u)}
                      </tr>
                      {u.total ? (
                        <tr className="total">
                          <td>{total}</td>
                          {cells(u.total)}
                        </tr>
                      ) : null}
                    </tbody>
                  );
                })}
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
