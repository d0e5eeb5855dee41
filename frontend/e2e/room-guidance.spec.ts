// The room tells a participant what to do next: a message from another State is announced
// where they are looking (a banner that opens the thread, and the unread count in the
// page title); after the end nothing offers a write; leaving asks first and says how to
// come back.
import { expect, test } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

const VIEWPORT = { width: 1280, height: 800 };
test.use({ baseURL: baseURL(), viewport: VIEWPORT });

test('a new message is announced and opens its thread; the ended room is read-only; leaving asks first', async ({ page, browser }) => {
  await signIn(page);
  const { id, codes } = await startTutorial(page, 'Room guidance');
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: baseURL(), viewport: VIEWPORT })));
  const [val, est] = await Promise.all(contexts.map((c) => c.newPage()));
  await join(val!, codes.valdoria ?? '', 'Victor', TEAMS.valdoria);
  await join(est!, codes.esterra ?? '', 'Elena', TEAMS.esterra);
  const teams = (await (await page.request.get(`/api/v1/exercises/${id}`)).json()) as { exercise: { teams: { id: number; key: string }[] } };
  const valdoriaId = teams.exercise.teams.find((t) => t.key === 'valdoria')!.id;

  // Valdoria has scrolled down to its stage questions when Esterra writes.
  await val!.getByRole('heading', { name: 'Stage questions' }).scrollIntoViewIfNeeded();
  const subject = 'Phishing servers: we are on it';
  await apiPost(est!, `/exercises/${id}/messages`, {
    to: [valdoriaId],
    channel: 'poc_hotline',
    subject,
    body: 'Our CERT is taking the servers down.',
  });
  const toast = val!.locator('.msg-toast');
  await expect(toast).toContainText(`New message from ${TEAMS.esterra}: ${subject}`);
  await expect(toast).toBeInViewport();
  await expect(val!).toHaveTitle(/^\(1\) Republic of Valdoria/);
  await toast.getByRole('button', { name: 'Open' }).click();
  await expect(val!.locator('.msg-thread-pane').getByText('Our CERT is taking the servers down.')).toBeVisible();
  await expect(val!).toHaveTitle(/^Republic of Valdoria/);

  // After the end: no New message, no reply, no answer box that would fail.
  await apiPost(page, `/exercises/${id}/end`);
  await expect(val!.getByText('The exercise has ended: you can read everything here')).toBeVisible();
  await expect(val!.getByRole('button', { name: 'New message' })).toHaveCount(0);
  await expect(val!.getByRole('button', { name: 'Reply' })).toHaveCount(0);
  await expect(val!.locator('.ex-questions textarea:not([readonly])')).toHaveCount(0);

  // Leave asks for confirmation and says the join code lets them back in.
  await val!.getByRole('button', { name: 'Leave' }).click();
  const dialog = val!.getByRole('dialog', { name: 'Leave the exercise?' });
  await expect(dialog).toContainText('join code');
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(val!).toHaveURL(/\/room$/);
  await val!.getByRole('button', { name: 'Leave' }).click();
  await dialog.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(val!).toHaveURL(/\/join$/);
  await Promise.all(contexts.map((c) => c.close()));
});
