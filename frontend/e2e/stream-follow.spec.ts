import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { consoleTab, join, signIn, startTutorial, TEAMS } from './live-helpers';

// Traces of this many contexts trip over each other's files when they close; screenshots stay on.
test.use({ baseURL: baseURL(), trace: 'off' });

/** Counts the page's GETs of the message list (GET /api/v1/exercises/{id}/messages). */
function countMessageGets(page: Page) {
  const c = { n: 0 };
  page.on('request', (r) => {
    if (r.method() === 'GET' && /\/api\/v1\/exercises\/\d+\/messages(\?|$)/.test(r.url())) c.n++;
  });
  return c;
}

function inbox(page: Page) {
  return page.getByRole('region', { name: /^Messages/ });
}

async function send(page: Page, o: { channel: string; to: string[]; subject: string; body: string }) {
  await inbox(page).getByRole('button', { name: 'New message' }).click();
  const form = page.getByRole('form', { name: 'New message' });
  await form.getByLabel('Channel', { exact: true }).selectOption({ label: o.channel });
  for (const r of o.to) await form.getByRole('checkbox', { name: r, exact: true }).check();
  await form.getByLabel('Subject', { exact: true }).fill(o.subject);
  await form.getByLabel('Message', { exact: true }).fill(o.body);
  await form.getByRole('button', { name: 'Send', exact: true }).click();
}

const shows = (page: Page, subject: string) => inbox(page).getByRole('button', { name: new RegExp(subject) });

// The browser follows the stream one way: a message reaches every open room (and the
// console) from its message.sent event. No page fetches the message list again — not the
// recipient, not the sender, not the teams a message to all reaches.
test('messages reach open rooms from the stream, without a GET of the message list', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Stream follow ${Date.now()}`);
  const ctxs = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: baseURL() })));
  const [val, est, nor] = await Promise.all(ctxs.map((c) => c.newPage()));
  const pages = { console: fac, valdoria: val!, esterra: est!, norhaven: nor! };
  const gets = Object.fromEntries(Object.entries(pages).map(([k, p]) => [k, countMessageGets(p)])) as Record<keyof typeof pages, { n: number }>;
  try {
    await fac.goto(`/exercises/${ex.id}/console`);
    await consoleTab(fac, 'Messages');
    await expect(fac.getByRole('heading', { level: 2, name: 'All traffic' })).toBeVisible();
    await join(val!, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est!, ex.codes.esterra!, 'Estelle', TEAMS.esterra);
    await join(nor!, ex.codes.norhaven!, 'Nora', TEAMS.norhaven);
    // Each page loads the list once when it opens.
    for (const g of Object.values(gets)) await expect.poll(() => g.n).toBe(1);

    const hotline = 'Duty officer for the phishing wave?';
    await send(val!, { channel: 'Point-of-contact hotline', to: [TEAMS.esterra], subject: hotline, body: 'Who is on duty tonight?' });
    await expect(shows(val!, hotline)).toBeVisible();
    await expect(shows(est!, hotline)).toBeVisible();
    await expect(fac.getByRole('region', { name: 'All traffic' }).getByRole('heading', { level: 4, name: hotline })).toBeVisible();

    const statement = 'Norhaven is investigating';
    await send(nor!, { channel: 'Public statement', to: [], subject: statement, body: 'We take the reports seriously.' });
    for (const p of [val!, est!, nor!]) await expect(shows(p, statement)).toBeVisible();
    await expect(fac.getByRole('region', { name: 'All traffic' }).getByRole('heading', { level: 4, name: statement })).toBeVisible();
    await expect(shows(nor!, hotline)).toHaveCount(0);

    const after = Object.fromEntries(Object.entries(gets).map(([k, g]) => [k, g.n - 1]));
    console.log('GETs of /messages after the first load:', JSON.stringify(after));
    expect(after).toEqual({ console: 0, valdoria: 0, esterra: 0, norhaven: 0 });
  } finally {
    for (const c of ctxs) await c.close();
  }
});
