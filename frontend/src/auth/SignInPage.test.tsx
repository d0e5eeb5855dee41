import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, makeUser, mockFetch, renderApp } from '../test/utils';

afterEach(() => vi.unstubAllGlobals());

describe('sign-in page', () => {
  it("shows the server's error message when sign-in fails", async () => {
    const fetchMock = mockFetch({
      'POST /api/v1/auth/login': () =>
        jsonResponse(401, { error: { code: 'invalid_credentials', message: 'The email or password is wrong.' } }),
    });
    renderApp('/sign-in', null);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' }); // the page loads on first use
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Email address'), 'ana@example.org');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is wrong.');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const init = fetchMock.mock.calls[0]![1] as RequestInit;
    expect(JSON.parse(init.body as string)).toEqual({ email: 'ana@example.org', password: 'not-the-password' });
    // Still on the sign-in page.
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });

  it("puts the server's message about a field at that field", async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        jsonResponse(422, {
          error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { email: 'This must not contain NUL characters (U+0000).' } },
        }),
    });
    renderApp('/sign-in', null);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' }); // the page loads on first use
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email address'), 'ana@example.org');
    await user.type(screen.getByLabelText('Password'), 'whatever-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Some fields are not valid.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('NUL');
    expect(screen.getByLabelText('Email address')).toHaveAccessibleDescription('This must not contain NUL characters (U+0000).');
  });

  it('shows the rate-limit message too', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        jsonResponse(429, { error: { code: 'too_many_attempts', message: 'Too many attempts. Wait a minute.' } }),
    });
    renderApp('/sign-in', null);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' }); // the page loads on first use
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email address'), 'ana@example.org');
    await user.type(screen.getByLabelText('Password'), 'whatever-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Wait a minute.');
  });

  it('asks for both fields before calling the server', async () => {
    const fetchMock = mockFetch({});
    renderApp('/sign-in', null);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' }); // the page loads on first use
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    expect(screen.getByLabelText('Email address')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs in and lands on the home page', async () => {
    const ana = makeUser({ name: 'Ana Admin' });
    mockFetch({
      'POST /api/v1/auth/login': () => jsonResponse(200, { token: 'jwt', user: ana, csrf_token: 'c' }),
    });
    renderApp('/sign-in', null);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' }); // the page loads on first use
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email address'), ana.email);
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();
    expect(screen.getByText('Welcome, Ana Admin.')).toBeInTheDocument();
  });

  it('sends a signed-out visitor of a protected page to sign-in', async () => {
    mockFetch({});
    renderApp('/users', null);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument());
  });
});
