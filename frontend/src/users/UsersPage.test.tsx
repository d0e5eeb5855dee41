import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(() => vi.unstubAllGlobals());

describe('users page', () => {
  it('shows field errors from the server next to the fields', async () => {
    const admin = makeUser();
    mockFetch({
      'GET /api/v1/users': () => jsonResponse(200, { users: [admin] }),
      'POST /api/v1/users': () =>
        jsonResponse(422, {
          error: {
            code: 'validation_failed',
            message: 'Please correct the marked fields.',
            fields: { password: 'The password must be at least 12 characters long.' },
          },
        }),
    });
    renderApp('/users', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    await screen.findByRole('rowheader', { name: /ana@example\.org/ });

    await user.type(screen.getByLabelText('Email address'), 'new@example.org');
    await user.type(screen.getByLabelText('Name'), 'New Person');
    await user.selectOptions(screen.getByLabelText('Role'), 'facilitator');
    await user.type(screen.getByLabelText('Initial password'), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create user' }));

    expect(await screen.findByText('The password must be at least 12 characters long.')).toBeInTheDocument();
    expect(screen.getByLabelText('Initial password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Initial password')).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the marked fields.');
  });

  it('checks the limits the server has before sending, and puts a taken e-mail at its field', async () => {
    const admin = makeUser();
    const posted: unknown[] = [];
    mockFetch({
      'GET /api/v1/users': () => jsonResponse(200, { users: [admin] }),
      'POST /api/v1/users': (_url, init) => {
        posted.push(JSON.parse(String(init.body)));
        return jsonResponse(409, { error: { code: 'email_taken', message: 'A user with this e-mail already exists.' } });
      },
    });
    renderApp('/users', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    await screen.findByRole('rowheader', { name: /ana@example\.org/ });
    expect(screen.getByLabelText('Name')).toHaveAttribute('maxlength', '200');

    await user.type(screen.getByLabelText('Email address'), 'ana@example.org');
    await user.type(screen.getByLabelText('Name'), 'Ana Again');
    const password = screen.getByLabelText('Initial password');
    await user.type(password, 'short');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('The password needs at least 12 characters.')).toBeInTheDocument();
    // 37 Cyrillic letters are 74 bytes: more than bcrypt reads.
    await user.clear(password);
    await user.type(password, 'щ'.repeat(37));
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText(/at most 72 bytes/)).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await user.clear(password);
    await user.type(password, 'щ'.repeat(36));
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    const email = screen.getByLabelText('Email address');
    expect(await screen.findByText('A user with this e-mail already exists.')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('A user with this e-mail already exists.');
    expect(posted).toHaveLength(1);
  });

  it('asks for confirmation before deleting, then deletes', async () => {
    const admin = makeUser();
    const fac = makeUser({ id: 2, email: 'fac@example.org', name: 'Fac', role: 'facilitator' });
    let users = [admin, fac];
    const fetchMock = mockFetch({
      'GET /api/v1/users': () => jsonResponse(200, { users }),
      'DELETE /api/v1/users/2': () => {
        users = [admin];
        return jsonResponse(204);
      },
    });
    renderApp('/users', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    await screen.findByRole('rowheader', { name: /fac@example\.org/ });

    const group = screen.getByRole('group', { name: 'Actions for fac@example.org' });
    await user.click(group.querySelector('button.danger')!);
    expect(screen.getByRole('heading', { name: 'Delete this user?' })).toBeInTheDocument();
    expect(fetchMock.mock.calls.some((c) => (c[1] as RequestInit | undefined)?.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Delete user' }));
    expect(await screen.findByText('The user fac@example.org was deleted.')).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: /fac@example\.org/ })).not.toBeInTheDocument();
  });

  it("shows the server's reason when a row action is refused, and protects the admin's own row", async () => {
    const admin = makeUser();
    const other = makeUser({ id: 3, email: 'last@example.org', name: 'Last' });
    mockFetch({
      'GET /api/v1/users': () => jsonResponse(200, { users: [admin, other] }),
      'PATCH /api/v1/users/3': () =>
        jsonResponse(422, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid.',
            fields: { disabled: 'At least one active administrator must remain.' },
          },
        }),
    });
    renderApp('/users', { user: admin, csrf_token: 't' });
    const user = userEvent.setup();
    await screen.findByRole('rowheader', { name: /last@example\.org/ });

    const own = screen.getByRole('group', { name: 'Actions for ana@example.org' });
    expect(within(own).getByRole('button', { name: 'Disable' })).toBeDisabled();
    expect(within(own).getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(screen.getByRole('combobox', { name: 'Role of ana@example.org' })).toBeDisabled();

    const theirs = screen.getByRole('group', { name: 'Actions for last@example.org' });
    await user.click(within(theirs).getByRole('button', { name: 'Disable' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('At least one active administrator must remain.');
  });
});
