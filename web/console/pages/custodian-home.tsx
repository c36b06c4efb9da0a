import type { Campaign } from '../../../shared/api/campaign';
import { ErrorBox, Loading, PageHeader, StatusBadge } from '../components/common';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { useResource } from '../lib/use-resource';

/**
 * The code custodian's start page (DESIGN §3, A5): the surveys whose codes
 * can be delivered, and the feedback codes. No result, indicator or post: the
 * custodian reads none.
 */
export function CustodianHome() {
  const { t, l } = useI18n();
  const campaigns = useResource<Campaign[]>('/api/campaigns');
  if (campaigns.error) return <ErrorBox error={campaigns.error} />;
  if (!campaigns.data) return <Loading />;
  const deliverable = campaigns.data.filter((c) => c.status !== 'closed');
  return (
    <>
      <PageHeader title={t('custodianTitle')} />
      <p className="lead">{t('custodianLead')}</p>
      <section className="panel" aria-labelledby="custodian-surveys">
        <h2 id="custodian-surveys">{t('navCampaigns')}</h2>
        {deliverable.length === 0 ? (
          <p>{t('custodianNoSurveys')}</p>
        ) : (
          <ul className="plain-list">
            {deliverable.map((c) => (
              <li key={c.id}>
                <Link to={`/campaigns/${c.id}`}>{l(c.title)}</Link> <StatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="custodian-feedback">
        <h2 id="custodian-feedback">{t('navFeedbackCodes')}</h2>
        <p>
          <Link to="/feedback/codes">{t('codesTitle')}</Link>
        </p>
      </section>
    </>
  );
}
