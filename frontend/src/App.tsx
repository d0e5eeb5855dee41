import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/guards';
import { ForbiddenPage } from './components/ForbiddenPage';
import { NotFoundPage } from './components/NotFoundPage';
import { GuestShell } from './exercise/guest/GuestShell';
import { loadJoinPage, loadRoomPage, PrefetchRoom } from './pageLoaders';

// Every page loads on first use, keeping them (and the libraries only they need: forms,
// Markdown, CodeMirror, the QR code, the charts) out of the first bundle: a participant's
// way from the join link into the room fetches the join page and the room only (the
// budget: `npm run budget`, docs/performance.md).
const SignInPage = lazy(() => import('./auth/SignInPage').then((m) => ({ default: m.SignInPage })));
const Layout = lazy(() => import('./shell/Layout').then((m) => ({ default: m.Layout })));
const HomePage = lazy(() => import('./workshops/HomePage').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));
const ScenarioLibraryPage = lazy(() =>
  import('./scenarios/ScenarioLibraryPage').then((m) => ({ default: m.ScenarioLibraryPage })),
);
const ReportGate = lazy(() => import('./report/ReportGate').then((m) => ({ default: m.ReportGate })));
const ScenarioPage = lazy(() => import('./scenarios/ScenarioPage').then((m) => ({ default: m.ScenarioPage })));
const NewScenarioPage = lazy(() => import('./scenarios/ScenarioEditorPage').then((m) => ({ default: m.NewScenarioPage })));
const EditScenarioPage = lazy(() =>
  import('./scenarios/ScenarioEditorPage').then((m) => ({ default: m.EditScenarioPage })),
);
const TranslationPage = lazy(() =>
  import('./scenarios/translations/TranslationPage').then((m) => ({ default: m.TranslationPage })),
);
const WorkshopsPage = lazy(() => import('./workshops/WorkshopsPage').then((m) => ({ default: m.WorkshopsPage })));
const WorkshopPage = lazy(() => import('./workshops/WorkshopPage').then((m) => ({ default: m.WorkshopPage })));
const ContactCheckPage = lazy(() => import('./contacts/ContactCheckPage').then((m) => ({ default: m.ContactCheckPage })));
const JoinPage = lazy(() => loadJoinPage().then((m) => ({ default: m.JoinPage })));
const RoomPage = lazy(() => loadRoomPage().then((m) => ({ default: m.RoomPage })));
const ConsolePage = lazy(() => import('./exercise/console/ConsolePage').then((m) => ({ default: m.ConsolePage })));
const ScoringPage = lazy(() => import('./report/ScoringPage').then((m) => ({ default: m.ScoringPage })));
const ReportPage = lazy(() => import('./report/ReportPage').then((m) => ({ default: m.ReportPage })));
const ReplayPage = lazy(() => import('./report/ReplayPage').then((m) => ({ default: m.ReplayPage })));
const DashboardPage = lazy(() => import('./report/DashboardPage').then((m) => ({ default: m.DashboardPage })));

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<Lazy><SignInPage /></Lazy>} />
      <Route
        path="/join"
        element={
          <Lazy>
            <JoinPage />
            <PrefetchRoom />
          </Lazy>
        }
      />
      <Route path="/contact-check/:code" element={<Lazy><ContactCheckPage /></Lazy>} />
      <Route path="/exercises/:id/room" element={<GuestShell kind="room" />}>
        <Route index element={<Lazy><RoomPage /></Lazy>} />
      </Route>
      <Route path="/exercises/:id/observe" element={<GuestShell kind="observe" />}>
        <Route index element={<Lazy><ConsolePage readOnly /></Lazy>} />
      </Route>
      {/* Staff in the app shell; a participant of the exercise in the guest frame, once published. */}
      <Route path="/exercises/:id/report" element={<Lazy><ReportGate /></Lazy>}>
        <Route index element={<Lazy><ReportPage /></Lazy>} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <Lazy>
              <Layout />
            </Lazy>
          </RequireAuth>
        }
      >
        <Route path="workshops" element={<Lazy><WorkshopsPage /></Lazy>} />
        <Route path="workshops/:id" element={<Lazy><WorkshopPage /></Lazy>} />
        <Route path="exercises/:id/console" element={<Lazy><ConsolePage /></Lazy>} />
        <Route path="exercises/:id/scoring" element={<Lazy><ScoringPage /></Lazy>} />
        <Route path="exercises/:id/replay" element={<Lazy><ReplayPage /></Lazy>} />
        <Route
          path="dashboard"
          element={
            <RequireRole roles={['admin', 'facilitator']}>
              <Lazy>
                <DashboardPage />
              </Lazy>
            </RequireRole>
          }
        />
        <Route index element={<Lazy><HomePage /></Lazy>} />
        <Route path="scenarios" element={<Lazy><ScenarioLibraryPage /></Lazy>} />
        <Route
          path="scenarios/new"
          element={
            <Lazy>
              <NewScenarioPage />
            </Lazy>
          }
        />
        <Route
          path="scenarios/:id"
          element={
            <Lazy>
              <ScenarioPage />
            </Lazy>
          }
        />
        <Route
          path="scenarios/:id/edit"
          element={
            <Lazy>
              <EditScenarioPage />
            </Lazy>
          }
        />
        <Route
          path="scenarios/:id/translations/:lang"
          element={
            <Lazy>
              <TranslationPage />
            </Lazy>
          }
        />
        <Route
          path="users"
          element={
            <RequireRole roles={['admin']}>
              <Lazy>
                <UsersPage />
              </Lazy>
            </RequireRole>
          }
        />
        <Route path="forbidden" element={<ForbiddenPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
