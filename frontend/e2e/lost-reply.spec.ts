// A weak link loses the server's answer to a Send after the message was stored: the
// room sends it again with the same Idempotency-Key, the server answers with what it
// stored, and the recipient finds the message once.
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { join, signIn, startTutorial, TEAMS } from './live-helpers';

const VIEWPORT = { width: 1280, height: 800 };
test.use({ baseURL: baseURL(), viewport: VIEWPORT });

const inbox = (page: Page) => page.getByRole('region', { name: /^Messages/ });

test('a Send whose answer is lost is stored once', async ({ page, browser }) => {
  await signIn(page);
  const { id, codes } = await startTutorial(page, 'Lost reply');
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: baseURL(), viewport: VIEWPORT })));
  const [val, est] = await Promise.all(contexts.map((c) => c.newPage()));
  await join(val!, codes.valdoria ?? '', 'Victor', TEAMS.valdoria);
  await join(est!, codes.esterra ?? '', 'Elena', TEAMS.esterra);

  // The first POST reaches the server, which stores the message; its answer never
  // comes back (the connection is reset). Later attempts pass untouched.
  const keys: string[] = [];
  await val!.route(`**/api/v1/exercises/${id}/messages`, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push((await route.request().headerValue('idempotency-key')) ?? '');
    if (keys.length === 1) {
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.fallback();
  });

  await inbox(val!).getByRole('button', { name: 'New message' }).click();
  const form = val!.getByRole('form', { name: 'New message' });
  await form.getByRole('checkbox', { name: TEAMS.esterra, exact: true }).check();
  const subject = 'Servers in your country host the phishing pages';
  await form.getByLabel('Subject', { exact: true }).fill(subject);
  await form.getByLabel('Message', { exact: true }).fill('Please take them down.');
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(form).toHaveCount(0); // sent: the composer closes

  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(keys).size).toBe(1);
  const list = (await (await est!.request.get(`/api/v1/exercises/${id}/messages`)).json()) as { messages: { subject: string }[] };
  expect(list.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  await Promise.all(contexts.map((c) => c.close()));
});
