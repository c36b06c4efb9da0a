import type { Campaign } from '../../../shared/api/campaign';
import { deadlineLabel } from '../../../shared/time/deadline';
import { overdueCampaigns, RESULTS_GRACE_MS } from '../../../shared/time/overdue';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { can, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { useDemoStatus } from './demo-loading';

/**
 * A banner over every console page while something is late
 * (shared/time/overdue.ts): an open campaign past its deadline, or a closed
 * one whose results are still pending. Checked again every minute. Not
 * while `npm start` prepares its demo: the seed answers past years' campaigns
 * after their deadlines and closes them itself.
 */
export function OverdueBanner() {
  const { user } = useSession();
  const visible = user.role !== 'auditor';
  // Asked once the demo (if any) is ready, so that what it shows is the state after the seed.
  const demo = useDemoStatus();
  const settled = demo !== undefined && demo.state !== 'preparing';
  const campaigns = useResource<Campaign[]>(visible && settled ? '/api/campaigns' : null, {
    refreshMs: 60_000,
  });
  const { t, lang, l } = useI18n();
  if (!visible || !campaigns.data) return null;
  const late = overdueCampaigns(campaigns.data, new Date());
  if (late.length === 0) return null;
  const byId = new Map(campaigns.data.map((c) => [c.id, c]));
  return (
    <section className="overdue no-print" aria-labelledby="overdue-title">
      <p>
        <strong id="overdue-title">{t('overdueTitle')}</strong>
      </p>
      <ul>
        {late.map((o) => {
          const c = byId.get(o.campaignId)!;
          const title = l(c.title);
          return (
            <li key={o.campaignId}>
              {o.reason === 'not_closed'
                ? t('overdueNotClosed', { title, deadline: deadlineLabel(c.closesAt, lang, { year: true }) })
                : t('overdueResults', { title, minutes: RESULTS_GRACE_MS / 60_000 })}
              {o.reason === 'not_closed' && can.runCampaigns(user.role) ? ` ${t('overdueCloseAction')}` : ''}{' '}
              <Link to={`/campaigns/${o.campaignId}`}>{t('overdueOpen')}</Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
