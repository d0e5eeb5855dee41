import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workshop } from '../exercise/api';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(async () => {
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage('en'));
});

const admin = makeUser();
const workshop: Workshop = {
  id: 7,
  title: 'Vienna workshop',
  host_organisation: 'OSCE',
  place: 'Vienna',
  starts_on: '2026-03-02',
  ends_on: '2026-03-03',
  language: 'en',
  participants: [],
  classification: '',
  organiser: '',
  facilitator_ids: [],
  staff: [],
  attribution: null,
  created_at: '2026-02-01T10:00:00Z',
  updated_at: '2026-02-01T10:00:00Z',
};

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u2009\u202f]/g, ' ');

function serve(post: (body: Record<string, unknown>) => Response = () => jsonResponse(500)) {
  const posted: Record<string, unknown>[] = [];
  mockFetch({
    'GET /api/v1/workshops': () => jsonResponse(200, { workshops: [workshop] }),
    'GET /api/v1/users': () => jsonResponse(200, { users: [admin] }),
    'POST /api/v1/workshops': (_url, init) => {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      posted.push(body);
      return post(body);
    },
  });
  return posted;
}

describe('workshops page', () => {
  it('writes the dates in the UI language, not as ISO dates', async () => {
    serve();
    renderApp('/workshops', { user: admin, csrf_token: 't' });
    const row = await screen.findByRole('row', { name: /Vienna workshop/ });
    expect(plain(within(row).getAllByRole('cell')[2]!.textContent)).toBe('Mar 2 – 3, 2026');
    expect(row).not.toHaveTextContent('2026-03-02');
    await act(() => i18n.changeLanguage('ru'));
    expect(plain(within(row).getAllByRole('cell')[2]!.textContent)).toBe('2–3 мар. 2026 г.');
  });

  it("checks the server's limits first, then puts the server's field errors at their fields", async () => {
    const posted = serve(() =>
      jsonResponse(422, {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid; see the details for each field.',
          fields: { facilitator_ids: 'Every facilitator must be an existing user.', starts_on: 'Write the date as YYYY-MM-DD, for example 2026-11-27.' },
        },
      }),
    );
    renderApp('/workshops', { user: admin, csrf_token: 't' });
    const form = (await screen.findByRole('heading', { name: 'Create a workshop' })).closest('section')!;
    const title = within(form).getByLabelText('Title');
    expect(title).toHaveAttribute('maxlength', '200');

    await userEvent.type(title, 'Tabletop exercise on the CBMs');
    fireEvent.change(within(form).getByLabelText('First day'), { target: { value: '2026-03-03' } });
    fireEvent.change(within(form).getByLabelText('Last day'), { target: { value: '2026-03-02' } });
    // The chosen day, written out in the UI language beside the browser's picker.
    expect(plain(within(form).getByText(/^Tuesday/, { selector: '.field-hint' }).textContent)).toBe('Tuesday, March 3, 2026');
    expect(within(form).getByLabelText('First day')).toHaveAccessibleDescription(/^Tuesday, March 3, 2026$/);
    const states = within(form).getByLabelText('Participating States');
    fireEvent.change(states, { target: { value: `Valdoria\n${'A'.repeat(201)}` } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create workshop' }));
    expect(await within(form).findByText('The last day cannot be before the first day.')).toBeInTheDocument();
    expect(within(form).getByText(/Each name may have at most 200 characters/)).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Last day'), { target: { value: '2026-03-04' } });
    fireEvent.change(states, { target: { value: 'Valdoria, Esterra' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create workshop' }));
    expect(await within(form).findByText('Write the date as YYYY-MM-DD, for example 2026-11-27.')).toBeInTheDocument();
    expect(within(form).getByLabelText('First day')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('First day')).toHaveFocus();
    expect(within(form).getByText('Every facilitator must be an existing user.')).toBeInTheDocument();
    expect(within(form).getByRole('group', { name: 'Facilitators' })).toHaveAccessibleDescription('Every facilitator must be an existing user.');
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields are not valid');
    expect(posted).toHaveLength(1);
  });
});
