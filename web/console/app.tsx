import { lazy, type ReactNode, useCallback, useEffect, useState } from 'react';
import type { User } from '../../shared/api/auth';
import { ErrorBox, Loading, PageHeader } from './components/common';
import { Layout } from './components/layout';
import { PageChunk } from './components/page-chunk';
import { api, onUnauthorised, request } from './lib/api';
import { I18nProvider, loadPageMessages, useI18n } from './lib/i18n';
import type { MessageKey } from './lib/messages';
import { ReferenceProvider } from './lib/reference';
import { Link, match, useLocation } from './lib/router';
import { can, SessionContext, useSession } from './lib/session';
import { SignInPage } from './pages/sign-in';

/**
 * Every page but sign-in is its own chunk, loaded when first opened
 * (docs/DESIGN.md §7: the HR console's first page ≤ 110 KB gzipped JS, the
 * rest split off). The entry carries React, the shell, the words and the
 * sign-in form; the dashboard comes as one chunk after sign-in. The other
 * pages also wait for their words (lib/messages-pages.ts), one chunk for all.
 */
function withWords<T>(page: Promise<T>): Promise<T> {
  return Promise.all([page, loadPageMessages()]).then(([m]) => m);
}

const DashboardPage = lazy(() => import('./pages/dashboard').then((m) => ({ default: m.DashboardPage })));
const CampaignPage = lazy(() =>
  withWords(import('./pages/campaign')).then((m) => ({ default: m.CampaignPage })),
);
const CampaignsPage = lazy(() =>
  withWords(import('./pages/campaigns')).then((m) => ({ default: m.CampaignsPage })),
);
const CampaignWizardPage = lazy(() =>
  withWords(import('./pages/campaigns')).then((m) => ({ default: m.CampaignWizardPage })),
);
const ConstructPage = lazy(() =>
  withWords(import('./pages/construct')).then((m) => ({ default: m.ConstructPage })),
);
const FeedbackBoardPage = lazy(() =>
  withWords(import('./pages/feedback')).then((m) => ({ default: m.FeedbackBoardPage })),
);
const FeedbackPostPage = lazy(() =>
  withWords(import('./pages/feedback-post')).then((m) => ({ default: m.FeedbackPostPage })),
);
const FeedbackCodesPage = lazy(() =>
  withWords(import('./pages/feedback-codes')).then((m) => ({ default: m.FeedbackCodesPage })),
);
const FeedbackSlipsPage = lazy(() =>
  withWords(import('./pages/feedback-codes')).then((m) => ({ default: m.FeedbackSlipsPage })),
);
const PlanPage = lazy(() => withWords(import('./pages/plan')).then((m) => ({ default: m.PlanPage })));
const ReportPage = lazy(() => withWords(import('./pages/report')).then((m) => ({ default: m.ReportPage })));
const ResultsPage = lazy(() =>
  withWords(import('./pages/results')).then((m) => ({ default: m.ResultsPage })),
);
const AuditPage = lazy(() => withWords(import('./pages/audit')).then((m) => ({ default: m.AuditPage })));
const SettingsPage = lazy(() =>
  withWords(import('./pages/settings')).then((m) => ({ default: m.SettingsPage })),
);
const SlipsPage = lazy(() => withWords(import('./pages/slips')).then((m) => ({ default: m.SlipsPage })));
const TargetsPage = lazy(() =>
  withWords(import('./pages/targets')).then((m) => ({ default: m.TargetsPage })),
);
const UsersPage = lazy(() => withWords(import('./pages/users')).then((m) => ({ default: m.UsersPage })));
const RosterPage = lazy(() => withWords(import('./pages/roster')).then((m) => ({ default: m.RosterPage })));
const ActionsPage = lazy(() =>
  withWords(import('./pages/actions')).then((m) => ({ default: m.ActionsPage })),
);

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
      <PageChunk key={path}>
        <Page path={path} query={query} />
      </PageChunk>
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
    render: () => <RosterPage />,
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
    render: () => <ActionsPage />,
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
