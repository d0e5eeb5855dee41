import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequireRole } from './auth/guards';
import { ForbiddenPage } from './pages/ForbiddenPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ScenarioLibraryPage } from './pages/ScenarioLibraryPage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import { ConsolePage, GuestShell, JoinPage, RoomPage, WorkshopPage, WorkshopsPage } from './exercise/routes';
import { DashboardPage, ReplayPage, ReportGate, ReportPage, ScoringPage } from './report/routes';

// The scenario page (Markdown) and the editor (CodeMirror) load on first use, keeping
// them out of the main bundle.
const ScenarioPage = lazy(() => import('./pages/ScenarioPage').then((m) => ({ default: m.ScenarioPage })));
const NewScenarioPage = lazy(() => import('./pages/ScenarioEditorPage').then((m) => ({ default: m.NewScenarioPage })));
const EditScenarioPage = lazy(() =>
  import('./pages/ScenarioEditorPage').then((m) => ({ default: m.EditScenarioPage })),
);

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/join" element={<Lazy><JoinPage /></Lazy>} />
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
      <Route element={<RequireAuth />}>
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
