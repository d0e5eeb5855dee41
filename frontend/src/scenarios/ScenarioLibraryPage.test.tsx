import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioVersion } from '../api/scenarios';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(() => vi.unstubAllGlobals());

const version = (id: string, title: string, extra: Partial<ScenarioVersion> = {}): ScenarioVersion => ({
  scenario_id: id.length,
  version_id: 1,
  id,
  version: 1,
  title,
  summary: '',
  level: 'intermediate',
  duration_seconds: 5400,
  languages: ['en'],
  themes: ['energy'],
  cbms: ['8', '3'],
  team_count: 4,
  phase_count: 3,
  inject_count: 20,
  origin: 'bundled',
  created_by: null,
  created_at: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('scenario library', () => {
  it('shows the scenarios and sends the chosen filters to the server', async () => {
    const urls: string[] = [];
    mockFetch({
      'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce-ict-cbms', catalogues: [] }),
      'GET /api/v1/scenarios': (url) => {
        urls.push(new URL(url, 'http://localhost').search);
        const all = [version('grid', 'Grid', { version: 2 }), version('cable', 'Cable', { cbms: ['10'] })];
        return jsonResponse(200, { scenarios: url.includes('cbm=8') ? all.slice(0, 1) : all });
      },
    });
    const { router } = renderApp('/scenarios', { user: makeUser({ role: 'facilitator' }), csrf_token: 't' });
    const user = userEvent.setup();
    expect(await screen.findByRole('link', { name: 'Cable' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Grid' }).closest('li')).toHaveTextContent('Version 2');
    expect(screen.getByText('2 scenarios')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('CBM'), '8');
    await user.selectOptions(screen.getByLabelText('Level'), 'intermediate');
    await screen.findByText('1 scenario');
    expect(screen.queryByRole('link', { name: 'Cable' })).not.toBeInTheDocument();
    expect(urls.at(-1)).toBe('?cbm=8&level=intermediate');
    expect(router.state.location.search).toBe('?cbm=8&level=intermediate');
  });
});
