import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, consoleTab, join, signIn } from './live-helpers';

// Press and public pressure: a facilitator posts as the scenario's news agency from the
// console's White cell tab; a delegation reads it on its room's news page beside a news
// inject, a social-media inject and another team's public statement.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the news page.
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(page: Page, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, name), fullPage: true });
}

const AGENCY = 'Kestria Press Agency (KPA)';
const FACILITATOR = 'admin@example.org';

test('a facilitator posts as the news agency and a delegation reads the press', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const w = await apiPost<{ workshop: { id: number } }>(page, '/workshops', {
    title: 'Press workshop', host_organisation: 'OSCE', place: 'Vienna', starts_on: '2026-03-02', ends_on: '2026-03-03',
    language: 'en', participants: [], facilitator_ids: [],
  });
  const e = await apiPost<{ exercise: { id: number; teams: { key: string; join_code: string }[] } }>(page, '/exercises', {
    workshop_id: w.workshop.id, scenario_id: 'cable-cut', title: 'Dark Water',
  });
  const id = e.exercise.id;
  const code = (key: string) => e.exercise.teams.find((t) => t.key === key)?.join_code ?? '';
  await apiPost(page, `/exercises/${id}/start`);

  // Kestria is in its room before anything is published: the news entry counts what arrives.
  const roomCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const room = await roomCtx.newPage();
  await join(room, code('kestria'), 'Delegate of Kestria', 'Republic of Kestria');
  const entry = room.getByTestId('news-entry');
  await expect(entry).toBeVisible();
  await expect(room.getByTestId('news-unread')).toHaveCount(0);

  // A news inject and a social-media inject, and Veskland's public statement.
  await apiPost(page, `/exercises/${id}/injects/news-sarel-outage/release`);
  await apiPost(page, `/exercises/${id}/injects/social-kestria-offline/release`);
  const vesCtx = await browser.newContext({ baseURL: baseURL() });
  const ves = await vesCtx.newPage();
  await join(ves, code('veskland'), 'Delegate of Veskland', 'Republic of Veskland');
  await apiPost(ves, `/exercises/${id}/messages`, {
    channel: 'public_statement', subject: 'Veskland offers help to restore connectivity',
    body: 'Veskland stands ready to help Kestria restore its connectivity and calls for calm.', to: [], cbms: [], kind: '',
  });
  await vesCtx.close();

  // The facilitator writes as the news agency, and as the trending account.
  await page.goto(`/exercises/${id}/console`);
  await consoleTab(page, 'White cell');
  const press = page.getByRole('region', { name: 'Write the press' });
  await press.getByRole('combobox', { name: 'Post as' }).selectOption({ label: AGENCY });
  await press.getByRole('textbox', { name: 'Headline' }).fill('Minister: "We will know by noon who cut the cable"');
  await press.getByRole('textbox', { name: 'Story (Markdown)' }).fill(
    'Kestria’s Minister of Digital Affairs told KPA that the National Security Council will hear **the facts** at noon. Neighbours have not yet commented.',
  );
  await press.getByRole('button', { name: 'Publish' }).click();
  await expect(press.getByRole('status')).toHaveText('Published to the news feed.');
  await press.getByRole('combobox', { name: 'Post as' }).selectOption({ label: '#KestriaOffline (trending on social media)' });
  await press.getByRole('radio', { name: /Social-media post/ }).check();
  await press.getByRole('textbox', { name: /^Post/ }).fill('Still no word from Veskland’s CERT. Who is reading our traffic? #KestriaOffline');
  await press.getByRole('button', { name: 'Publish' }).click();
  await expect(press.getByRole('status')).toHaveText('Published to the news feed.');

  // Staff read the press as the teams do, under the white cell's inbox.
  const staffNews = page.getByRole('tabpanel', { name: /^White cell/ }).locator('details.news-staff');
  await staffNews.locator('summary').click();
  await expect(staffNews.getByRole('heading', { name: /We will know by noon/ })).toBeVisible();

  // The room: five new items counted on the entry; the page reads like a news site.
  await expect(room.getByTestId('news-unread')).toHaveText('5');
  await entry.click();
  await expect(room).toHaveURL(/view=news/);
  const news = room.getByRole('region', { name: 'The Exercise Herald' });
  await expect(room.getByRole('heading', { level: 2, name: 'The Exercise Herald' })).toBeFocused();
  const stories = news.locator('.news-stories article');
  await expect(stories).toHaveCount(3);
  // Newest first: the agency's story leads, then Veskland's statement, then the news inject.
  await expect(stories.nth(0).getByRole('heading')).toHaveText('Minister: "We will know by noon who cut the cable"');
  await expect(stories.nth(0)).toContainText(AGENCY);
  await expect(stories.nth(0)).not.toContainText(FACILITATOR);
  await expect(stories.nth(1)).toContainText('Statement by Republic of Veskland');
  await expect(stories.nth(2).getByRole('heading')).toHaveText('Internet slows to a crawl across Kestria');
  await expect(stories.nth(2)).toContainText('Sarel Coastal Herald (online)');
  const social = news.getByRole('complementary', { name: 'Social media' });
  await expect(social.getByText('@trending')).toBeVisible();
  await expect(social.getByText('@SarelMum')).toBeVisible();
  await expect(room.locator('body')).not.toContainText(FACILITATOR);
  // The news inject is still in the inject feed; the posts to the feed are not in the inbox.
  await expect(room.getByTestId('news-entry')).toHaveCount(0);

  const axe = await new AxeBuilder({ page: room }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shot(room, 'news-feed-1280-en.png');
  await room.setViewportSize({ width: 390, height: 844 });
  await shot(room, 'news-feed-390-en.png');

  // Back in the room, nothing is new; the feed of injects still has the news inject.
  await room.getByRole('button', { name: 'Back to the room' }).click();
  await expect(room.getByTestId('news-entry')).toBeFocused();
  await expect(room.getByTestId('news-unread')).toHaveCount(0);
  await expect(room.locator('.ex-feed [data-inject-key="news-sarel-outage"]')).toBeVisible();
  await expect(room.locator('.msg').filter({ hasText: 'We will know by noon' })).toHaveCount(0);

  // In Russian: the page's words change; the scenario's texts (cable-cut is not translated)
  // are marked as shown in English.
  await room.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await room.getByTestId('news-entry').click();
  const ru = room.getByRole('region', { name: 'Вестник учений' });
  await expect(ru).toBeVisible();
  await expect(ru.getByRole('complementary', { name: 'Социальные сети' })).toBeVisible();
  await expect(ru.locator('[lang="en"]').first()).toBeVisible();
  await shot(room, 'news-feed-390-ru.png');
  await room.setViewportSize({ width: 1280, height: 800 });
  await shot(room, 'news-feed-1280-ru.png');
  await roomCtx.close();
});
