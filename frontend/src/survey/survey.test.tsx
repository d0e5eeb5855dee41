import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../api/queryClient';
import { jsonResponse, mockFetch, renderApp } from '../test/utils';
import type { SurveyAsked, SurveySummary } from './api';
import { formatMedian } from './api';
import { JoinAttendance, noDetails } from './JoinAttendance';
import { RoomEndPanel } from './SurveyPanel';
import { SurveySummaryTable } from './SurveyResults';

afterEach(() => vi.unstubAllGlobals());

function renderWithClient(ui: ReactNode) {
  const client = createQueryClient({ onUnauthenticated: () => {} });
  client.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const asked: SurveyAsked = {
  open: true,
  pending: true,
  questions: [
    { key: 'usefulness', kind: 'scale', text: 'How useful was this exercise for your work?', lang: 'en' },
    { key: 'cbm_understanding', kind: 'cbm_scale', text: 'How well did you understand each CBM?', lang: 'en' },
    { key: 'improve', kind: 'text', text: 'Что нам следует улучшить?', lang: 'ru' },
  ],
  cbms: [{ key: '8', title: 'Points of contact' }],
};

describe('the survey at the end of an exercise', () => {
  it('sends the chosen values and text once, then thanks, and offers the certificate', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'GET /api/v1/exercises/5/survey': () => jsonResponse(200, asked),
      'POST /api/v1/exercises/5/survey': (_u, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(204);
      },
    });
    renderWithClient(<RoomEndPanel exerciseId={5} />);
    const user = userEvent.setup();
    const use = await screen.findByRole('group', { name: 'How useful was this exercise for your work?' });
    await user.click(within(use).getByRole('radio', { name: '4' }));
    const cbm = screen.getByRole('group', { name: 'CBM 8: Points of contact' });
    await user.click(within(within(cbm).getByRole('group', { name: 'Before the exercise' })).getByRole('radio', { name: '2' }));
    await user.click(within(within(cbm).getByRole('group', { name: 'After the exercise' })).getByRole('radio', { name: '5' }));
    // A question in another language than the page is marked for screen readers.
    expect(screen.getByText('Что нам следует улучшить?')).toHaveAttribute('lang', 'ru');
    await user.type(screen.getByLabelText('Что нам следует улучшить?'), 'More time');
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    expect(await screen.findByText('Thank you: your answers were recorded without your name.')).toBeInTheDocument();
    expect(sent).toEqual([
      { answers: { usefulness: { value: 4 }, cbm_understanding: { cbms: { '8': { before: 2, after: 5 } } }, improve: { text: 'More time' } } },
    ]);
    expect(screen.queryByRole('button', { name: 'Send my answers' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download my certificate (PDF)' })).toHaveAttribute('href', '/api/v1/exercises/5/certificate.pdf');
  });

  it('can be skipped, and is not shown again once answered', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'GET /api/v1/exercises/5/survey': () => jsonResponse(200, asked),
      'POST /api/v1/exercises/5/survey': (_u, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(204);
      },
    });
    renderWithClient(<RoomEndPanel exerciseId={5} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Skip the survey' }));
    expect(await screen.findByText('You skipped the survey.')).toBeInTheDocument();
    expect(sent).toEqual([{ skip: true }]);

    mockFetch({ 'GET /api/v1/exercises/6/survey': () => jsonResponse(200, { ...asked, pending: false }) });
    renderWithClient(<RoomEndPanel exerciseId={6} />);
    expect(await screen.findAllByText('Certificate of participation')).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Skip the survey' })).not.toBeInTheDocument();
  });
});

describe('the survey summary', () => {
  it('shows counts and medians per question and per CBM before and after', () => {
    const summary: SurveySummary = {
      responses: 2,
      questions: [
        { key: 'usefulness', kind: 'scale', text: 'Useful?', lang: 'en', count: 2, scale: { count: 2, median: 4.5, counts: [0, 0, 0, 1, 1] } },
        {
          key: 'cbm_understanding',
          kind: 'cbm_scale',
          text: 'CBMs?',
          lang: 'en',
          count: 2,
          cbms: [{ cbm: '8', before: { count: 2, median: 1.5, counts: [1, 1, 0, 0, 0] }, after: { count: 0, median: null, counts: [0, 0, 0, 0, 0] } }],
        },
        { key: 'improve', kind: 'text', text: 'Improve?', lang: 'en', count: 1 },
      ],
    };
    renderWithClient(<SurveySummaryTable summary={summary} />);
    expect(screen.getByTestId('survey-responses')).toHaveTextContent('Answers received: 2');
    expect(screen.getByTestId('median-usefulness')).toHaveTextContent('4.5');
    expect(screen.getByTestId('median-cbm_understanding-8-before')).toHaveTextContent('1.5');
    expect(screen.getByTestId('median-cbm_understanding-8-after')).toHaveTextContent('—');
    expect(screen.getByText('Written answers: 1 (in the CSV)')).toBeInTheDocument();
  });

  it('writes medians in the reader’s language', () => {
    expect(formatMedian(3.5, 'ru')).toBe('3,5');
    expect(formatMedian(4, 'en')).toBe('4');
    expect(formatMedian(null, 'en')).toBe('—');
  });
});

describe('the attendance fields of the join form', () => {
  it('offers the genders in the page language, with "prefer not to say"', async () => {
    const changes: unknown[] = [];
    renderWithClient(<JoinAttendance value={noDetails} onChange={(v) => changes.push(v)} />);
    const gender = screen.getByLabelText('Gender');
    expect(within(gender).getAllByRole('option').map((o) => o.textContent)).toEqual(['—', 'Woman', 'Man', 'Another', 'Prefer not to say']);
    await userEvent.setup().selectOptions(gender, 'undisclosed');
    expect(changes).toEqual([{ organisation: '', function: '', gender: 'undisclosed' }]);
  });
});

describe('the join page', () => {
  it('sends the attendance details given, and nothing for those left empty', async () => {
    const sent: unknown[] = [];
    mockFetch({
      'POST /api/v1/join': (_url, init) => {
        sent.push(JSON.parse(String(init.body)));
        return jsonResponse(422, { error: { code: 'validation_failed', message: 'Stop here.', fields: { code: 'Unknown.' } } });
      },
    });
    renderApp('/join?code=ABC-123', null);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your name'), 'Anna');
    await user.type(screen.getByLabelText('Organisation'), 'MFA');
    await user.selectOptions(screen.getByLabelText('Gender'), 'woman');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ code: 'ABC-123', name: 'Anna', language: 'en', organisation: 'MFA', gender: 'woman' });
  });
});
