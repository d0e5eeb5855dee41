import { expect, test } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, join, signIn, startTutorial, TEAMS } from './live-helpers';

test.use({ baseURL: baseURL() });

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '[click](javascript:window.__xss=1)',
  '<svg onload=window.__xss=1>',
  '"><iframe src=javascript:window.__xss=1>',
  '<a href="javascript:window.__xss=1">x</a>',
  '![x](javascript:window.__xss=1)',
  '[data](data:text/html,<script>window.__xss=1</script>)',
  '![remote](https://images.example.invalid/p.png) and [a site](https://www.example.invalid/)',
];

declare global {
  interface Window {
    __xss?: number;
    __csp?: string[];
  }
}

test('message subjects and bodies cannot run script', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const ex = await startTutorial(page, `XSS ${Date.now()}`);

  const senderCtx = await browser.newContext({ baseURL: baseURL() });
  const readerCtx = await browser.newContext({ baseURL: baseURL() });
  try {
    const sender = await senderCtx.newPage();
    await join(sender, ex.codes.valdoria!, 'Mallory', TEAMS.valdoria);
    const teams = (await (await sender.request.get(`/api/v1/exercises/${ex.id}`)).json()).exercise.teams as { id: number; key: string }[];
    const esterra = teams.find((t) => t.key === 'esterra')!.id;
    for (const [i, p] of PAYLOADS.entries()) {
      await apiPost(sender, `/exercises/${ex.id}/messages`, {
        to: [esterra],
        channel: 'poc_hotline',
        subject: `${i} ${p}`.slice(0, 200),
        body: `Payload ${i}:\n\n${p}\n\n${p}`,
        cbms: ['8'],
        kind: i === 0 ? 'information' : '',
      });
    }

    // The reader: no request ever leaves for a remote host, every CSP violation is recorded.
    await readerCtx.route(/example\.invalid/, (r) => r.abort());
    await readerCtx.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const reader = await readerCtx.newPage();
    readerCtx.on('page', (p) => void p.close());
    const dialogs: string[] = [];
    reader.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await join(reader, ex.codes.esterra!, 'Erin', TEAMS.esterra);
    const inbox = reader.getByRole('region', { name: /^Messages/ });
    await expect(inbox.getByRole('heading', { level: 2 })).toContainText(`${PAYLOADS.length} unread`);

    const threads = inbox.getByRole('list', { name: 'Conversations' }).getByRole('button');
    await expect(threads).toHaveCount(PAYLOADS.length);
    let clicked = 0;
    for (let i = 0; i < PAYLOADS.length; i++) {
      await threads.nth(i).click();
      const th = inbox.locator('.msg-thread');
      await expect(th).toBeVisible();
      await expect(th.locator('.msg-body')).toContainText('Payload');
      const links = th.locator('.msg-body a');
      const n = await links.count();
      for (let j = 0; j < n; j++) {
        const a = links.nth(j);
        expect(await a.getAttribute('href')).toMatch(/^https:\/\//);
        expect(await a.getAttribute('rel')).toBe('noopener noreferrer nofollow');
        expect(await a.getAttribute('target')).toBe('_blank');
        await expect(a).toContainText('(external)');
        await a.click();
        clicked++;
      }
    }
    expect(clicked).toBeGreaterThan(0);
    // The raw payloads are shown as text (subjects are plain text).
    await expect(inbox.getByText('<script>window.__xss=1</script>', { exact: false }).first()).toBeAttached();

    await reader.waitForTimeout(500);
    expect(await reader.evaluate(() => window.__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const bad = await reader.evaluate(() => {
      const found: string[] = [];
      for (const root of document.querySelectorAll('.msg-inbox')) {
        for (const el of root.querySelectorAll('*')) {
          const tag = el.tagName.toLowerCase();
          if (['script', 'iframe', 'object', 'embed', 'img', 'svg'].includes(tag)) found.push(tag);
          for (const attr of el.getAttributeNames()) if (attr.toLowerCase().startsWith('on')) found.push(`${tag}[${attr}]`);
          const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
          if (/^\s*(javascript|data):/i.test(href)) found.push(`${tag} ${href}`);
        }
      }
      return found;
    });
    expect(bad).toEqual([]);
    expect(await reader.evaluate(() => window.__csp)).toEqual([]);
  } finally {
    await senderCtx.close();
    await readerCtx.close();
  }
});
