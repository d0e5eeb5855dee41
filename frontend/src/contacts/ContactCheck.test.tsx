import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';
import type { ContactPage } from './api';

afterEach(() => vi.unstubAllGlobals());

const page: ContactPage = {
  workshop: 'Almaty workshop',
  delegation: 'Delegation A',
  policy: '',
  technical: '',
  shared: false,
  confirmed_at: null,
  others: [{ delegation: 'Delegation B', policy: 'MFA cyber desk', technical: 'CERT-B', confirmed_at: '2026-11-27T08:00:00Z' }],
};

describe('the contact check before play', () => {
  it('lets a delegation confirm its contacts without an account, and shows the others it may read', async () => {
    const bodies: unknown[] = [];
    mockFetch({
      'GET /api/v1/contact-check/abc': () => jsonResponse(200, page),
      'PUT /api/v1/contact-check/abc': (_url, init) => {
        const body = JSON.parse(String(init.body)) as { policy: string; technical: string; shared: boolean };
        bodies.push(body);
        return jsonResponse(200, { ...page, ...body, confirmed_at: '2026-11-27T09:00:00Z' });
      },
    });
    renderApp('/contact-check/abc', null);
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'Contact check — Delegation A' })).toBeInTheDocument();
    expect(screen.getByTestId('confirmed')).toHaveTextContent('Not confirmed yet.');
    expect(screen.getByText('MFA cyber desk CERT-B', { normalizer: (s) => s.replace(/\s+/g, ' ').trim() })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Policy point of contact'), 'Ms Ana Ivanova, MFA');
    await user.click(screen.getByLabelText('Let the other delegations of this workshop read our entry'));
    await user.click(screen.getByRole('button', { name: 'Confirm our contacts' }));
    expect(await screen.findByText(/^Confirmed on /)).toBeInTheDocument();
    expect(bodies).toEqual([{ policy: 'Ms Ana Ivanova, MFA', technical: '', shared: true }]);
  });

  it('says so when a link opens nothing', async () => {
    mockFetch({});
    renderApp('/contact-check/nope', null);
    expect(await screen.findByRole('heading', { name: 'This link does not open a contact check' })).toBeInTheDocument();
  });

  it('shows the organisers who confirmed and lets them add a delegation', async () => {
    const added: unknown[] = [];
    const contacts = [
      { id: 1, delegation: 'Delegation A', policy: 'MFA', technical: 'CERT-A', shared: true, confirmed_at: '2026-11-27T08:00:00Z', path: '/contact-check/a' },
      { id: 2, delegation: 'Delegation B', policy: '', technical: '', shared: false, confirmed_at: null, path: '/contact-check/b' },
    ];
    mockFetch({
      'GET /api/v1/workshops/7': () =>
        jsonResponse(200, {
          workshop: { id: 7, title: 'Almaty workshop', host_organisation: '', place: '', starts_on: '', ends_on: '', language: 'ru',
            participants: [], facilitator_ids: [], staff: [], attribution: null, created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z' },
          exercises: [],
        }),
      'GET /api/v1/scenarios': () => jsonResponse(200, { scenarios: [] }),
      'GET /api/v1/users': () => jsonResponse(200, { users: [] }),
      'GET /api/v1/workshops/7/contacts': () => jsonResponse(200, { contacts }),
      'POST /api/v1/workshops/7/contacts': (_url, init) => {
        added.push(JSON.parse(String(init.body)));
        return jsonResponse(201, { contact: { ...contacts[1], id: 3, delegation: 'Delegation C', path: '/contact-check/c' } });
      },
    });
    renderApp('/workshops/7', { user: makeUser(), csrf_token: 't' });
    const user = userEvent.setup();
    const section = within((await screen.findByRole('heading', { name: 'Contact check before play' })).closest('section')!);
    expect(await section.findByTestId('contacts-count')).toHaveTextContent('1 of 2 delegations confirmed');
    expect(section.getByRole('row', { name: /Delegation B/ })).toHaveTextContent('Not yet');
    await user.type(section.getByLabelText('Delegation'), 'Delegation C');
    await user.click(section.getByRole('button', { name: 'Add' }));
    await vi.waitFor(() => expect(added).toEqual([{ delegation: 'Delegation C' }]));
  });
});
