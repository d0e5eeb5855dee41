import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './api/queryClient';
import { AppRoutes } from './App';
import { forgetSession } from './auth/session';
import { setUpI18n } from './i18n';
import { preloadPage } from './pageLoaders';
import './styles.css';

const queryClient = createQueryClient({ onUnauthenticated: forgetSession });
// A data router (one splat route around the declarative routes) so that pages can use
// useBlocker, e.g. the scenario editor's "leave without saving?" question.
const router = createBrowserRouter([{ path: '*', element: <AppRoutes /> }]);
const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

// The participant's page downloads while the translations do, not after them.
preloadPage(window.location.pathname);

// The first page waits for its translations (the chosen language and English); should
// they fail to load, it shows what it has rather than nothing.
void setUpI18n()
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
