import { mkdirSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, consoleTab, join, signIn } from './live-helpers';

// The white cell: a delegation writes to the OSCE Secretariat, a simulated actor; the
// facilitator answers as the Secretariat from the console's White cell tab; the room
// shows the Secretariat as the sender and never the facilitator.
test.use({ baseURL: baseURL(), viewport: { width: 1280, height: 800 }, trace: 'off' });

// Set CBMEX_SHOT_DIR to keep screenshots of the white-cell inbox and the room.
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(page: Page | Locator, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: pathJoin(SHOT_DIR, name) });
}

const SECRETARIAT = 'OSCE Secretariat, Transnational Threats Department';

test('a team writes to the Secretariat and a facilitator answers as it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const w = await apiPost<{ workshop: { id: number } }>(page, '/workshops', {
    title: 'White cell workshop', host_organisation: 'OSCE', place: 'Vienna', starts_on: '2026-03-02', ends_on: '2026-03-03',
    language: 'en', participants: [], facilitator_ids: [],
  });
  const e = await apiPost<{ exercise: { id: number; teams: { key: string; join_code: string }[] } }>(page, '/exercises', {
    workshop_id: w.workshop.id, scenario_id: 'cable-cut', title: 'Dark Water',
  });
  const id = e.exercise.id;
  await apiPost(page, `/exercises/${id}/start`);
  const code = e.exercise.teams.find((t) => t.key === 'kestria')?.join_code ?? '';

  const roomCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 800 } });
  const room = await roomCtx.newPage();
  await join(room, code, 'Delegate of Kestria', 'Republic of Kestria');
  await room.getByRole('button', { name: 'New message' }).click();
  const form = room.getByRole('form', { name: 'New message' });
  await form.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'OSCE Communications Network' });
  const others = form.getByRole('group', { name: 'Others (played by the exercise control)' });
  await others.getByRole('checkbox', { name: new RegExp(SECRETARIAT) }).check();
  await form.getByRole('textbox', { name: 'Subject' }).fill('Cable cut: the informal working group');
  await form.getByRole('textbox', { name: 'Message' }).fill('Can the Secretariat put the cable incident on the agenda of the informal working group?');
  await shot(room, 'whitecell-composer.png');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(form).toBeHidden();

  await page.goto(`/exercises/${id}/console`);
  await consoleTab(page, 'White cell');
  const inbox = page.getByRole('region', { name: 'White cell' });
  const item = inbox.getByRole('article').filter({ hasText: 'Cable cut: the informal working group' });
  await expect(item.getByText('Unanswered')).toBeVisible();
  await shot(inbox, 'whitecell-inbox.png');
  await item.getByRole('button', { name: `Answer as ${SECRETARIAT}` }).click();
  await item.getByRole('textbox').fill('Yes. The Secretariat will brief the informal working group under the Security Committee at its next meeting.');
  await item.getByRole('button', { name: 'Send' }).click();
  await expect(item.getByText('Answered')).toBeVisible();

  // The room: the answer comes from the Secretariat, in the thread of Kestria's message.
  const reply = room.getByRole('article').filter({ hasText: 'The Secretariat will brief' });
  await expect(reply).toBeVisible();
  await expect(reply.getByText(SECRETARIAT).first()).toBeVisible();
  await expect(reply.getByText('Exercise control')).toHaveCount(0);
  await shot(room.getByRole('region', { name: /^Messages/ }), 'whitecell-room.png');

  // A later inject from the Secretariat joins that conversation, under Kestria's message.
  await apiPost(page, `/exercises/${id}/injects/official-note-osce-secretariat/release`);
  const thread = room.getByRole('region', { name: 'Conversation: Cable cut: the informal working group' });
  const note = thread.getByRole('article').filter({ hasText: 'invitation to share lessons' });
  await expect(note).toBeVisible();
  await expect(note.getByText('Inject (also shown among the injects)')).toBeVisible();
  await expect(thread.getByRole('article')).toHaveCount(3);
  await roomCtx.close();
});
