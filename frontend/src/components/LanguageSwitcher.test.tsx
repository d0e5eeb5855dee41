import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n, { LANGUAGE_STORAGE_KEY } from '../i18n';
import { mockFetch, renderApp } from '../test/utils';

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('language switcher', () => {
  it('switches the UI language, sets <html lang> and remembers the choice', async () => {
    mockFetch({});
    renderApp('/sign-in', null);
    await screen.findByRole('heading', { level: 1, name: 'Sign in' }); // the page loads on first use
    await userEvent.setup().selectOptions(screen.getByLabelText('Language'), 'fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('fr');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
  });
});
