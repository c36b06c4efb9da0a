import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import type { User } from '../../shared/api/auth';
import { ErrorBox, Loading, PageHeader } from './components/common';
import { Layout } from './components/layout';
import { api, onUnauthorised, request } from './lib/api';
import { I18nProvider, useI18n } from './lib/i18n';
import type { MessageKey } from './lib/messages';
import { ReferenceProvider } from './lib/reference';
import { Link, match, useLocation } from './lib/router';
import { can, SessionContext, useSession } from './lib/session';
import { CampaignPage } from './pages/campaign';
import { CampaignsPage, CampaignWizardPage } from './pages/campaigns';
import { ConstructPage } from './pages/construct';
import { DashboardPage } from './pages/dashboard';
import { FeedbackBoardPage } from './pages/feedback';
import { FeedbackPostPage } from './pages/feedback-post';
import { FeedbackCodesPage, FeedbackSlipsPage } from './pages/feedback-codes';
import { PlanPage } from './pages/plan';
import { ReportPage } from './pages/report';
import { ResultsPage } from './pages/results';
import { SignInPage } from './pages/sign-in';
import { AuditPage } from './pages/audit';
import { SettingsPage } from './pages/settings';
import { SlipsPage } from './pages/slips';
import { TargetsPage } from './pages/targets';
import { UsersPage } from './pages/users';

/** The roster page and its import steps load when opened: they are not on the first page's JS budget. */
const RosterPage = lazy(() => import('./pages/roster').then((m) => ({ default: m.RosterPage })));
/** Action plans (issue 15) load when opened, for the same reason. */
const ActionsPage = lazy(() => import('./pages/actions').then((m) => ({ default: m.ActionsPage })));

export function App() {
  return (
    <I18nProvider>
      <Session />
    </I18nProvider>
  );
}

type SessionState =
  | { kind: 'checking' }
  | { kind: 'signedOut'; expired: boolean }
  | { kind: 'signedIn'; user: User };

function Session() {
  const { t } = useI18n();
  const [state, setState] = useState<SessionState>({ kind: 'checking' });

  useEffect(() => {
    request<{ user: User }>('GET', '/api/auth/me', { quiet401: true })
      .then((r) => setState({ kind: 'signedIn', user: r.user }))
      .catch(() => setState({ kind: 'signedOut', expired: false }));
  }, []);
  useEffect(
    () =>
      onUnauthorised(() =>
        setState((s) => (s.kind === 'signedIn' ? { kind: 'signedOut', expired: true } : s)),
      ),
    [],
  );
  const signOut = useCallback(() => {
    api
      .post('/api/auth/logout')
      .catch(() => undefined)
      .finally(() => setState({ kind: 'signedOut', expired: false }));
  }, []);

  if (state.kind === 'checking') return <Loading />;
  if (state.kind === 'signedOut') {
    return <SignInPage expired={state.expired} onSignedIn={(user) => setState({ kind: 'signedIn', user })} />;
  }
  return (
    <SessionContext.Provider value={{ user: state.user, signOut }}>
      <ReferenceProvider
        key={state.user.email}
        fallback={<Loading label={t('loadingReference')} />}
        failure={(error) => <ErrorBox error={error} />}
      >
        <Routes />
      </ReferenceProvider>
    </SessionContext.Provider>
  );
}

function Routes() {
  const { t } = useI18n();
  const location = useLocation();
  const { path, query } = location;
  const title = ROUTES.find((r) => match(r.pattern, path))?.title;
  useEffect(() => {
    document.title = `${title ? t(title) : t('notFound')} — 声 koe`;
  }, [title, t]);
  return (
    <Layout path={path}>
      <Page path={path} query={query} />
    </Layout>
  );
}

interface Route {
  pattern: string;
  title: MessageKey;
  render(params: Record<string, string>, query: URLSearchParams): ReactNode;
  allow?: (role: User['role']) => boolean;
}

/** Every console page; the first pattern that matches wins. */
const ROUTES: Route[] = [
  { pattern: '/', title: 'navDashboard', render: () => <Home /> },
  {
    pattern: '/constructs/:id',
    title: 'constructDetail',
    allow: can.readResults,
    render: (p, q) => {
      const fy = Number(q.get('fy'));
      return <ConstructPage key={p.id} id={p.id!} fy={Number.isInteger(fy) && fy > 0 ? fy : undefined} />;
    },
  },
  { pattern: '/campaigns', title: 'navCampaigns', render: () => <CampaignsPage /> },
  {
    pattern: '/campaigns/new',
    title: 'newCampaign',
    render: () => <CampaignWizardPage />,
    allow: can.runCampaigns,
  },
  {
    pattern: '/campaigns/:id',
    title: 'campaignDetail',
    render: (p) => <CampaignPage key={p.id} id={p.id!} />,
  },
  {
    pattern: '/campaigns/:id/results',
    title: 'resultsTitle',
    render: (p) => <ResultsPage key={p.id} id={p.id!} />,
    allow: can.readResults,
  },
  {
    pattern: '/campaigns/:id/slips',
    title: 'slipsTitle',
    render: (p) => <SlipsPage key={p.id} id={p.id!} />,
    allow: can.deliverCodes,
  },
  {
    pattern: '/feedback',
    title: 'feedbackTitle',
    render: (_, q) => <FeedbackBoardPage query={q} />,
    allow: can.readFeedback,
  },
  {
    pattern: '/feedback/posts/:id',
    title: 'postDetail',
    render: (p) => <FeedbackPostPage key={p.id} id={p.id!} />,
    allow: can.readFeedback,
  },
  {
    pattern: '/feedback/codes',
    title: 'codesTitle',
    render: (_, q) => <FeedbackCodesPage key={q.get('fy') ?? ''} query={q} />,
    allow: can.issueFeedbackCodes,
  },
  {
    pattern: '/feedback/codes/slips',
    title: 'codeSlipsTitle',
    render: (_, q) => <FeedbackSlipsPage query={q} />,
    allow: can.issueFeedbackCodes,
  },
  {
    pattern: '/roster',
    title: 'navRoster',
    render: () => (
      <Suspense fallback={<Loading />}>
        <RosterPage />
      </Suspense>
    ),
    allow: can.manageRoster,
  },
  {
    pattern: '/report',
    title: 'navReport',
    render: (_, q) => <ReportPage fy={Number(q.get('fy')) || undefined} />,
    allow: can.readIndicators,
  },
  { pattern: '/plan', title: 'navPlan', render: () => <PlanPage /> },
  {
    pattern: '/actions',
    title: 'navActions',
    render: () => (
      <Suspense fallback={<Loading />}>
        <ActionsPage />
      </Suspense>
    ),
    allow: can.readResults,
  },
  { pattern: '/targets', title: 'navTargets', render: () => <TargetsPage /> },
  { pattern: '/users', title: 'navUsers', render: () => <UsersPage />, allow: can.manageUsers },
  { pattern: '/settings', title: 'settingsTitle', render: () => <SettingsPage />, allow: can.manageSettings },
  { pattern: '/audit', title: 'navAudit', render: () => <AuditPage />, allow: can.readAudit },
];

/** The first page: indicators for those who read results; the log for the auditor; surveys for the custodian. */
function Home() {
  const { user } = useSession();
  // The dashboard page is the custodian's start page too (pages/custodian-home.tsx).
  if (can.readResults(user.role) || can.deliverCodes(user.role)) return <DashboardPage />;
  if (can.readAudit(user.role)) return <AuditPage />;
  return <CampaignsPage />;
}

function Page({ path, query }: { path: string; query: URLSearchParams }) {
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (!params) continue;
    const page = route.render(params, query);
    return route.allow ? <Guard allow={route.allow} page={page} /> : page;
  }
  return (
    <>
      <PageHeader title={t('notFound')} />
      <p>
        <Link to="/">{t('backToDashboard')}</Link>
      </p>
    </>
  );
}

function Guard({ allow, page }: { allow: (role: User['role']) => boolean; page: ReactNode }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (allow(user.role)) return <>{page}</>;
  return (
    <>
      <PageHeader title={t('errorForbiddenTitle')} />
      <p>{t('errorForbidden')}</p>
    </>
  );
}
