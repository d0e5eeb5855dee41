/** Shared between the global setup (which starts the server) and the tests. */
export const BASE_URL_ENV = 'CBMEX_E2E_BASE_URL';
export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'e2e-admin-password-long-enough';

/**
 * The server's address, set by the global setup. Test files are also loaded once before
 * the global setup runs (to list the tests), so this may be undefined at that moment.
 */
export function baseURL(): string | undefined {
  return process.env[BASE_URL_ENV];
}
