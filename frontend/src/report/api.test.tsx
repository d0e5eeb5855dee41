import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import { jsonResponse, mockFetch } from '../test/utils';
import { useReport } from './api';

afterEach(() => vi.unstubAllGlobals());

function ReportTitle() {
  const report = useReport(5);
  if (report.isError) return <p>{report.error.message}</p>;
  return <p>{report.data ? report.data.exercise.title : 'loading'}</p>;
}

describe('useReport', () => {
  // The room's "report published" notice relies on this: it no longer throws the cached
  // answer away, the report page asks again when it opens.
  it('asks again for a report that was not published when the report is next shown', async () => {
    let published = false;
    mockFetch({
      'GET /api/v1/exercises/5/report': () =>
        published
          ? jsonResponse(200, { report: { exercise: { title: 'Morning tutorial' } } })
          : jsonResponse(403, { error: { code: 'report_not_published', message: 'Not yet.' } }),
    });
    const client = createQueryClient();
    const view = render(
      <QueryClientProvider client={client}>
        <ReportTitle />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Not yet.')).toBeInTheDocument();

    view.rerender(<QueryClientProvider client={client}>{null}</QueryClientProvider>);
    published = true;
    view.rerender(
      <QueryClientProvider client={client}>
        <ReportTitle />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Morning tutorial')).toBeInTheDocument();
  });
});
