import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(() => vi.unstubAllGlobals());

const workshop = (duty: 'lead' | 'evaluator') => ({
  workshop: {
    id: 7, title: 'Vienna workshop', host_organisation: '', place: 'Vienna', starts_on: '', ends_on: '', language: 'en',
    participants: [], facilitator_ids: [1], staff: [{ user_id: 1, name: 'Ana', email: 'ana@example.org', duty }], attribution: null,
    classification: '', organiser: '', created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z',
  },
  exercises: [],
});

const counts = {
  total: 3,
  by_gender: [
    { value: 'woman', count: 2 }, { value: 'man', count: 0 }, { value: 'another', count: 0 }, { value: 'undisclosed', count: 1 }, { value: '', count: 0 },
  ],
  by_organisation: [{ value: 'MFA', count: 2 }, { value: '', count: 1 }],
};

function routes(duty: 'lead' | 'evaluator', asked: string[]) {
  return {
    'GET /api/v1/workshops/7': () => jsonResponse(200, workshop(duty)),
    'GET /api/v1/scenarios': () => jsonResponse(200, { scenarios: [] }),
    'GET /api/v1/users': () => jsonResponse(200, { users: [] }),
    'GET /api/v1/workshops/7/contacts': () => jsonResponse(200, { contacts: [] }),
    'GET /api/v1/workshops/7/survey': () =>
      jsonResponse(200, { questions: [{ key: 'usefulness', kind: 'scale', texts: { en: 'How useful was this exercise?', ru: 'Насколько полезными?' } }] }),
    'GET /api/v1/workshops/7/survey/results': () => jsonResponse(200, { summary: { responses: 0, questions: [] } }),
    'GET /api/v1/workshops/7/attendance': () => {
      asked.push('attendance');
      return jsonResponse(200, {
        counts,
        people: [{ name: 'Anna Ivanova', organisation: 'MFA', function: 'Counsellor', gender: 'woman', team: 'Valdoria', exercise: 'Day 1', exercise_id: 3, joined_at: '2026-11-27T09:00:00Z' }],
      });
    },
    'GET /api/v1/workshops/7/attendance/counts': () => {
      asked.push('counts');
      return jsonResponse(200, { counts });
    },
  };
}

describe('the workshop page: survey and attendance', () => {
  it('gives the organiser the names, the list and the certificates', async () => {
    const asked: string[] = [];
    mockFetch(routes('lead', asked));
    renderApp('/workshops/7', { user: makeUser({ role: 'facilitator' }), csrf_token: 't' });
    const section = within((await screen.findByRole('heading', { name: 'Attendance' })).closest('section')!);
    expect(await section.findByRole('row', { name: /Anna Ivanova/ })).toHaveTextContent('Counsellor');
    expect(section.getByTestId('attendance-total')).toHaveTextContent('Participants: 3');
    expect(section.getByRole('link', { name: 'Certificates for every participant (PDF)' })).toHaveAttribute('href', '/api/v1/workshops/7/certificates.pdf');
    expect(asked).toEqual(['attendance']);
    const survey = within(screen.getByRole('heading', { name: 'Feedback survey' }).closest('section')!);
    expect(await survey.findByText('How useful was this exercise?')).toBeInTheDocument();
    expect(survey.getByRole('button', { name: 'Edit the questions' })).toBeInTheDocument();
  });

  it('gives other staff the counts only, never a name', async () => {
    const asked: string[] = [];
    mockFetch(routes('evaluator', asked));
    renderApp('/workshops/7', { user: makeUser({ role: 'facilitator' }), csrf_token: 't' });
    const section = within((await screen.findByRole('heading', { name: 'Attendance' })).closest('section')!);
    expect(await section.findByTestId('attendance-total')).toHaveTextContent('Participants: 3');
    expect(section.getByTestId('attendance-by-gender')).toHaveTextContent('Prefer not to say1');
    expect(section.queryByText('Anna Ivanova')).not.toBeInTheDocument();
    expect(section.queryByRole('link', { name: /Certificates/ })).not.toBeInTheDocument();
    expect(asked).toEqual(['counts']);
    expect(screen.queryByRole('button', { name: 'Edit the questions' })).not.toBeInTheDocument();
  });
});
