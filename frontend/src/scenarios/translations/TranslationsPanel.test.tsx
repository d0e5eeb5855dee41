import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import { jsonResponse, mockFetch } from '../../test/utils';
import { MselTools } from '../MselTools';
import type { XliffImported } from './api';
import { LIST, version } from './fixtures';
import { TranslationsPanel } from './TranslationsPanel';

afterEach(() => vi.unstubAllGlobals());

function renderPanel(props: { version: number; latest: number }) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(
    [{ path: '/scenarios/:id', element: <TranslationsPanel id="grid" {...props} /> }, { path: '*', element: <p>elsewhere</p> }],
    { initialEntries: ['/scenarios/grid'] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

const xliff = (body = '<xliff/>') => new File([body], 'grid.ru.xlf', { type: 'application/xliff+xml' });

const imported = (created: boolean, problems: XliffImported['problems'] = []): XliffImported => ({
  scenario: version(created ? 4 : 3),
  created,
  summary: { language: 'ru', total: 40, done: 35, missing: 5, stale: 0 },
  problems,
});

describe('the translations of a scenario version', () => {
  it('lists every other language with its progress and its links', async () => {
    const urls: string[] = [];
    mockFetch({
      'GET /api/v1/scenarios/grid/translations': (url) => {
        urls.push(url);
        return jsonResponse(200, LIST);
      },
    });
    renderPanel({ version: 3, latest: 3 });
    const ru = await screen.findByTestId('translation-ru');
    expect(urls).toEqual(['/api/v1/scenarios/grid/translations?version=3']);
    expect(screen.getByText(/Written in English \(the source language\)/)).toBeInTheDocument();
    expect(within(ru).getByRole('heading', { level: 3, name: 'Русский' })).toHaveAttribute('lang', 'ru');
    expect(within(ru).getByTestId('progress-ru')).toHaveTextContent('Done 30 of 40 · stale 4 · missing 6');
    expect(within(ru).getByRole('link', { name: 'Open side by side (Русский)' })).toHaveAttribute('href', '/scenarios/grid/translations/ru');
    const dl = within(ru).getByRole('link', { name: 'Download XLIFF (Русский)' });
    expect(dl).toHaveAttribute('href', '/api/v1/scenarios/grid/translations/ru/xliff?version=3');
    expect(dl).toHaveAttribute('download', 'grid.ru.xlf');
    expect(within(ru).getByRole('link', { name: 'Download YAML (Русский)' })).toHaveAttribute(
      'href',
      '/api/v1/scenarios/grid/translations/ru/file?version=3',
    );
    expect(within(ru).getByLabelText('Upload XLIFF (Русский)')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Français',
      'Deutsch',
      'Italiano',
      'Русский',
      'Español',
    ]);
  });

  it('in an older version, offers the downloads and the read-only view but no upload', async () => {
    mockFetch({ 'GET /api/v1/scenarios/grid/translations': () => jsonResponse(200, LIST) });
    renderPanel({ version: 2, latest: 3 });
    const ru = await screen.findByTestId('translation-ru');
    expect(within(ru).getByRole('link', { name: 'Open side by side (Русский)' })).toHaveAttribute(
      'href',
      '/scenarios/grid/translations/ru?version=2',
    );
    expect(within(ru).queryByLabelText('Upload XLIFF (Русский)')).toBeNull();
    expect(screen.getByText(/translations are edited and imported in the latest version, 3/)).toBeInTheDocument();
  });

  it('uploads an XLIFF file and lists each unit it could not use with its line, column and unit id', async () => {
    const sent: { type: string | null; body: unknown }[] = [];
    mockFetch({
      'GET /api/v1/scenarios/grid/translations': () => jsonResponse(200, LIST),
      'POST /api/v1/scenarios/grid/translations/ru/xliff': (_url, init) => {
        sent.push({ type: new Headers(init.headers).get('Content-Type'), body: init.body });
        return jsonResponse(
          200,
          imported(false, [
            { line: 12, column: 7, unit: 'injects.nope.title', message: 'no such text in the scenario' },
            { line: 3, column: 1, unit: '', message: 'the file names another scenario version' },
          ]),
        );
      },
    });
    renderPanel({ version: 3, latest: 3 });
    const user = userEvent.setup();
    const file = xliff();
    await user.upload(await screen.findByLabelText('Upload XLIFF (Русский)'), file);
    const result = await screen.findByTestId('xliff-result');
    expect(sent).toEqual([{ type: 'application/xliff+xml', body: file }]);
    expect(result).toHaveTextContent('Nothing changed (Russian): this is still version 3.');
    expect(result).toHaveTextContent('Done 35 of 40 · stale 0 · missing 5');
    expect(result).toHaveTextContent('2 units could not be used; the others were stored:');
    const items = within(within(result).getByRole('list', { name: '2 units not used' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('line 12, column 7, unit injects.nope.title: no such text in the scenario');
    expect(items[1]).toHaveTextContent('line 3, column 1: the file names another scenario version');
  });

  it('after an import that made a version, shows that version with the answer', async () => {
    mockFetch({
      'GET /api/v1/scenarios/grid/translations': () => jsonResponse(200, LIST),
      'POST /api/v1/scenarios/grid/translations/ru/xliff': () => jsonResponse(201, imported(true)),
    });
    const router = renderPanel({ version: 3, latest: 3 });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Upload XLIFF (Русский)'), xliff());
    await vi.waitFor(() => expect(router.state.location.state).toMatchObject({ translationImport: { lang: 'ru' } }));
    expect(router.state.location.pathname).toBe('/scenarios/grid');
  });

  it('shows why a file was refused, with its problems', async () => {
    mockFetch({
      'GET /api/v1/scenarios/grid/translations': () => jsonResponse(200, LIST),
      'POST /api/v1/scenarios/grid/translations/fr/xliff': () =>
        jsonResponse(422, {
          error: {
            code: 'invalid_xliff',
            message: 'This is not an XLIFF 2.0 file.',
            problems: [{ file: 'grid.fr.xlf', line: 1, column: 2, message: 'expected <xliff version="2.0">' }],
          },
        }),
    });
    renderPanel({ version: 3, latest: 3 });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText('Upload XLIFF (Français)'), xliff('<x/>'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The file was not imported (French): This is not an XLIFF 2.0 file.');
    expect(alert).toHaveTextContent('line 1, column 2: expected <xliff version="2.0">');
  });
});

describe('MSEL export language', () => {
  it('downloads the MSEL in the chosen language', async () => {
    const router = createMemoryRouter([{ path: '*', element: <MselTools id="grid" version={3} languages={['en', 'ru']} /> }]);
    render(<RouterProvider router={router} />);
    const user = userEvent.setup();
    const link = screen.getByRole('link', { name: 'Download MSEL (XLSX)' });
    expect(link).toHaveAttribute('href', '/api/v1/scenarios/grid/msel.xlsx?version=3');
    await user.selectOptions(screen.getByLabelText('MSEL language'), 'ru');
    expect(link).toHaveAttribute('href', '/api/v1/scenarios/grid/msel.xlsx?version=3&lang=ru');
    expect(link).toHaveAttribute('download', 'grid-msel.ru.xlsx');
    expect(screen.getByRole('option', { name: 'Русский' })).toHaveAttribute('lang', 'ru');
  });

  it('offers no choice for a scenario in one language', () => {
    const router = createMemoryRouter([{ path: '*', element: <MselTools id="grid" version={3} languages={['en']} /> }]);
    render(<RouterProvider router={router} />);
    expect(screen.queryByLabelText('MSEL language')).toBeNull();
  });
});
