import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { consoleTab, join, signIn, startTutorial, TEAMS } from './live-helpers';

// Traces of this many contexts trip over each other's files when they close; screenshots stay on.
test.use({ baseURL: baseURL(), trace: 'off' });

function inbox(page: Page) {
  return page.getByRole('region', { name: /^Messages/ });
}

async function compose(
  page: Page,
  o: { channel: string; to: string[]; subject: string; body: string; kind?: string },
) {
  await inbox(page).getByRole('button', { name: 'New message' }).click();
  const form = page.getByRole('form', { name: 'New message' });
  await form.getByLabel('Channel', { exact: true }).selectOption({ label: o.channel });
  for (const r of o.to) await form.getByRole('checkbox', { name: r, exact: true }).check();
  if (o.kind) await form.getByLabel('Request', { exact: true }).selectOption({ label: o.kind });
  await form.getByLabel('Subject', { exact: true }).fill(o.subject);
  await form.getByLabel('Message', { exact: true }).fill(o.body);
  return form;
}

function thread(page: Page, subject: string) {
  return inbox(page).getByRole('region', { name: `Conversation: ${subject}` });
}

async function openThread(page: Page, subject: string) {
  await inbox(page).getByRole('button', { name: new RegExp(subject) }).click();
  await expect(thread(page, subject)).toBeVisible();
}

test('three teams use the hotline, a consultation request and a communication check', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const fac = page;
  await signIn(fac);
  const ex = await startTutorial(fac, `Messaging ${Date.now()}`);
  await fac.goto(`/exercises/${ex.id}/console`);
  await consoleTab(fac, 'Messages');
  await expect(fac.getByRole('heading', { level: 2, name: 'All traffic' })).toBeVisible();

  const ctxs = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: baseURL() })));
  const [val, est, nor] = await Promise.all(ctxs.map((c) => c.newPage()));
  try {
    await join(val!, ex.codes.valdoria!, 'Victor', TEAMS.valdoria);
    await join(est!, ex.codes.esterra!, 'Estelle', TEAMS.esterra);
    await join(nor!, ex.codes.norhaven!, 'Nora', TEAMS.norhaven);

    // PoC hotline: Valdoria writes to Esterra, Esterra replies.
    const hotline = 'Phishing wave: who is your duty officer?';
    const form = await compose(val!, {
      channel: 'Point-of-contact hotline',
      to: [TEAMS.esterra],
      subject: hotline,
      body: 'Our CERT sees **phishing** with links to servers in Esterra.',
    });
    await expect(form.getByRole('checkbox', { name: /CBM 8: Points of contact/ })).toBeChecked();
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(thread(val!, hotline)).toBeVisible();

    await expect(inbox(est!).getByLabel('Show', { exact: true }).locator('option[data-channel="poc_hotline"]')).toHaveText('Point-of-contact hotline (1 unread)');
    await expect(inbox(est!).getByRole('heading', { level: 2 })).toContainText('1 unread');
    await openThread(est!, hotline);
    await expect(thread(est!, hotline).getByText('phishing', { exact: true })).toBeVisible();
    await expect(inbox(est!).getByRole('heading', { level: 2 })).not.toContainText('unread');
    await thread(est!, hotline).getByRole('button', { name: 'Reply' }).click();
    const reply = est!.getByRole('form', { name: 'Reply' });
    await expect(reply.getByLabel('Subject', { exact: true })).toHaveValue(`Re: ${hotline}`);
    await reply.getByLabel('Message', { exact: true }).fill('NCSC Esterra incident desk, 24/7. We are looking into it.');
    await reply.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(thread(est!, hotline).getByText('NCSC Esterra incident desk, 24/7.')).toBeVisible();
    await openThread(val!, hotline);
    await expect(thread(val!, hotline).getByText('NCSC Esterra incident desk, 24/7.')).toBeVisible();
    // Norhaven was not addressed and sees nothing of it.
    await expect(inbox(nor!).getByText(hotline)).toHaveCount(0);

    // A consultation request from Norhaven to Valdoria, acknowledged then answered.
    const consult = 'Request for consultations on the phishing servers';
    const req = await compose(nor!, {
      channel: 'Consultation request',
      to: [TEAMS.valdoria],
      kind: 'Consultation request',
      subject: consult,
      body: 'Norhaven asks for consultations under CBM 3.',
    });
    await expect(req.getByRole('checkbox', { name: /CBM 3: Consultations/ })).toBeChecked();
    const about = req.getByRole('button', { name: 'About CBM 3', exact: true });
    await about.click();
    await expect(about).toHaveAttribute('aria-expanded', 'true');
    await expect(req.locator('.msg-cbm-summary')).toContainText(/States consult each other/);
    // The other measures wait behind a disclosure with a search box; one is added from there.
    await expect(req.getByRole('checkbox', { name: /CBM 9:/ })).toHaveCount(0);
    await req.locator('.msg-cbm-more > summary').click();
    await req.getByLabel('Find a measure').fill('terminology');
    await expect(req.getByRole('checkbox', { name: /^CBM \d+:/ })).toHaveCount(2);
    await req.getByRole('checkbox', { name: /CBM 9: Shared terminology/ }).check();
    await expect(req.getByRole('list', { name: 'This message will be tagged' })).toContainText('CBM 9');
    await expect(req.locator('.msg-cbm-more > summary')).toContainText('1 chosen');
    await req.getByRole('button', { name: 'Send request' }).click();
    await expect(thread(nor!, consult).getByText('Open', { exact: true })).toBeVisible();
    await expect(thread(nor!, consult).getByRole('list', { name: 'CBMs used' }).first()).toContainText('CBM 9');

    await openThread(val!, consult);
    const respond = thread(val!, consult).getByRole('group', { name: `Respond to “${consult}”` });
    // One way to answer: no separate Reply while the request waits for an answer.
    await expect(thread(val!, consult).getByRole('button', { name: 'Reply' })).toHaveCount(0);
    await respond.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(thread(val!, consult).getByText('Acknowledged', { exact: true }).first()).toBeVisible();
    await expect(thread(nor!, consult).getByText(/Acknowledged by Victor \(Republic of Valdoria\)/)).toBeVisible();
    // Answer opens the reply; sending the reply answers the request.
    await respond.getByRole('button', { name: 'Answer' }).click();
    const answer = val!.getByRole('form', { name: 'Reply' });
    await answer.getByLabel('Message', { exact: true }).fill('Valdoria agrees: video call at 14:00 with both PoCs.');
    await answer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(thread(val!, consult).getByRole('group', { name: `Respond to “${consult}”` })).toHaveCount(0);

    await expect(thread(nor!, consult).locator('.msg-status').first()).toHaveText('Answered');
    await expect(thread(nor!, consult).getByText('Valdoria agrees: video call at 14:00 with both PoCs.')).toBeVisible();
    await expect(thread(nor!, consult).getByText(/First response: \d+ s · answer: \d+ s/)).toBeVisible();

    // A communication check: two of three teams acknowledge.
    await consoleTab(fac, 'Contacts and checks');
    const cc = fac.getByRole('region', { name: 'Communication checks' });
    await cc.getByRole('button', { name: 'Send comm check' }).click();
    await expect(cc.getByTestId('commcheck-summary')).toHaveText('0 of 3 acknowledged');
    for (const p of [val!, est!]) {
      const card = p.getByRole('alert').filter({ has: p.getByRole('heading', { name: 'Communication check' }) });
      await expect(card).toBeVisible();
      await card.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(p.getByText(/Communication check acknowledged by/)).toBeVisible();
    }
    await expect(nor!.getByRole('heading', { name: 'Communication check' })).toBeVisible();
    await expect(cc.getByTestId('commcheck-summary')).toHaveText('2 of 3 acknowledged');
    for (const team of [TEAMS.valdoria, TEAMS.esterra]) {
      const row = cc.getByRole('row', { name: new RegExp(team) });
      await expect(row.getByRole('cell').nth(0)).toHaveText('Yes');
      await expect(row.getByRole('cell').nth(2)).toHaveText(/^\d+ s$/);
    }
    await expect(cc.getByRole('row', { name: new RegExp(TEAMS.norhaven) }).getByRole('cell').nth(0)).toHaveText('No');

    // The console's monitor shows all four messages and the request as answered.
    await consoleTab(fac, 'Messages');
    const monitor = fac.getByRole('region', { name: 'All traffic' });
    await expect(monitor.getByText('4 of 4 messages')).toBeVisible();
    for (const s of [hotline, `Re: ${hotline}`, consult, `Re: ${consult}`]) {
      await expect(monitor.getByRole('heading', { level: 4, name: s, exact: true })).toBeVisible();
    }
    await expect(monitor.getByRole('article', { name: consult, exact: true }).locator('.msg-status')).toHaveText('Answered');
    await monitor.getByLabel('Open requests only').check();
    await expect(monitor.getByText('0 of 4 messages')).toBeVisible();
    await monitor.getByLabel('Open requests only').uncheck();
    await consoleTab(fac, 'Requests');
    await expect(fac.getByRole('region', { name: /Open requests/ }).getByText('No open requests.')).toBeVisible();
    await consoleTab(fac, 'Messages');
    const activity = fac.getByRole('region', { name: 'Activity per team' });
    await expect(activity.getByRole('row', { name: new RegExp(TEAMS.valdoria) }).getByRole('cell').nth(4)).toHaveText(/^\d+ s$/);

    // The facilitators correct the tags of the hotline message.
    await monitor.getByRole('article', { name: hotline, exact: true }).getByRole('button', { name: /Correct CBM tags/ }).click();
    await monitor.getByRole('checkbox', { name: /CBM 2:/ }).check();
    await monitor.getByRole('button', { name: 'Save tags' }).click();
    await expect(monitor.getByRole('article', { name: hotline, exact: true }).getByText(/Facilitators' tags \(Administrator\): CBM 2, CBM 8/)).toBeVisible();
  } finally {
    for (const c of ctxs) await c.close();
  }
});
