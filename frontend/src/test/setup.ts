import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setUpI18n } from '../i18n';
import { ALL_TRANSLATIONS } from './i18n';

void setUpI18n(ALL_TRANSLATIONS);

// CI machines can be busy; give findBy*/waitFor more time than the 1 s default.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
