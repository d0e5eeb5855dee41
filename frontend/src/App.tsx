import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/guards';
import { SignInPage } from './auth/SignInPage';
import { ForbiddenPage } from './components/ForbiddenPage';
import { NotFoundPage } from './components/NotFoundPage';
import { GuestShell } from './exercise/guest/GuestShell';
import { ReportGate } from './report/ReportGate';
import { ScenarioLibraryPage } from './scenarios/ScenarioLibraryPage';
import { HomePage } from './workshops/HomePage';
import { Layout } from './shell/Layout';
import { UsersPage } from './users/UsersPage';

// Most pages load on first use, keeping them (and the libraries only they need: Markdown,
// CodeMirror, the QR code, the charts) out of the first bundle.
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
const JoinPage = lazy(() => import('./exercise/guest/JoinPage').then((m) => ({ default: m.JoinPage })));
const RoomPage = lazy(() => import('./exercise/room/RoomPage').then((m) => ({ default: m.RoomPage })));
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
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/join" element={<Lazy><JoinPage /></Lazy>} />
      <Route path="/contact-check/:code" element={<Lazy><ContactCheckPage /></Lazy>} />
      <Route path="/exercises/:id/room" element={<GuestShell kind="room" />}>
        <Route index element={<Lazy><RoomPage /></Lazy>} />
      </Route>
      <Route path="/exercises/:id/observe" element={<GuestShell kind="observe" />}>
        <Route index element={<Lazy><ConsolePage readOnly /></Lazy>} />
      </Route>
      {/* Staff in the app shell; a participant of the exercise in the guest frame, once published. */}
      <Route path="/exercises/:id/report" element={<ReportGate />}>
        <Route index element={<Lazy><ReportPage /></Lazy>} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <Layout />
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
        <Route index element={<HomePage />} />
        <Route path="scenarios" element={<ScenarioLibraryPage />} />
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
              <UsersPage />
            </RequireRole>
          }
        />
        <Route path="forbidden" element={<ForbiddenPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
