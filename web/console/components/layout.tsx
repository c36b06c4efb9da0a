import type { ReactNode } from 'react';
import type { MessageKey } from '../lib/messages';
import { useI18n } from '../lib/i18n';
import { Link } from '../lib/router';
import { can, ROLE_LABEL, useSession } from '../lib/session';
import { OverdueBanner } from './overdue';
import type { Role } from '../../../shared/api/auth';

export function LangSwitch() {
  const { lang, setLang } = useI18n();
  return lang === 'ja' ? (
    <button type="button" className="lang-switch" lang="en" onClick={() => setLang('en')}>
      English
    </button>
  ) : (
    <button type="button" className="lang-switch" lang="ja" onClick={() => setLang('ja')}>
      日本語
    </button>
  );
}

interface NavItem {
  to: string;
  label: MessageKey;
  show: (role: Role) => boolean;
}

const NAV: NavItem[] = [
  { to: '/', label: 'navDashboard', show: can.readResults },
  { to: '/campaigns', label: 'navCampaigns', show: (role) => role !== 'auditor' },
  { to: '/feedback', label: 'navFeedback', show: can.readFeedback },
  { to: '/feedback/codes', label: 'navFeedbackCodes', show: can.issueFeedbackCodes },
  { to: '/roster', label: 'navRoster', show: can.manageRoster },
  { to: '/plan', label: 'navPlan', show: () => true },
  { to: '/actions', label: 'navActions', show: can.readResults },
  { to: '/report', label: 'navReport', show: can.readIndicators },
  { to: '/targets', label: 'navTargets', show: (role) => role !== 'auditor' && role !== 'custodian' },
  { to: '/users', label: 'navUsers', show: can.manageUsers },
  { to: '/settings', label: 'navSettings', show: can.manageSettings },
  { to: '/audit', label: 'navAudit', show: can.readAudit },
];

/** The item a path belongs to: the longest item path it lies under (a construct belongs to the dashboard). */
function currentItem(path: string): string {
  if (path === '/' || path.startsWith('/constructs/')) return '/';
  let best = '';
  for (const n of NAV) {
    if (n.to !== '/' && (path === n.to || path.startsWith(`${n.to}/`)) && n.to.length > best.length)
      best = n.to;
  }
  return best;
}

export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const current = currentItem(path);
  const roleLabel = t(ROLE_LABEL[user.role]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <div className="brand-row">
          <p className="brand">
            <span className="brand-mark" aria-hidden="true">
              声
            </span>{' '}
            koe <span className="brand-sub">{t('consoleName')}</span>
          </p>
          <div className="user-box">
            <span className="user">
              {user.email} <span className="role">({roleLabel})</span>
            </span>
            <LangSwitch />
            <button type="button" onClick={signOut}>
              {t('signOut')}
            </button>
          </div>
        </div>
        <nav className="main-nav" aria-label={t('mainNav')}>
          <ul>
            {NAV.filter((n) => n.show(user.role)).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={current === n.to ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <div className="print-header" aria-hidden="true">
          声 koe — {t('consoleName')} — {new Date().toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo' })}
        </div>
        <OverdueBanner />
        {children}
      </main>
      <footer className="bottom no-print">
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}
