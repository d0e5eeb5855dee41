import { mkdirSync, readFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { apiPost, signIn, startTutorial, TEAMS } from './live-helpers';

// The end of an exercise: two delegates who gave their attendance details at join answer
// the feedback survey (one in Russian on a phone), the staff find the medians in the
// report's annex and the counts on the workshop page, and a delegate downloads their
// certificate. Set CBMEX_SHOT_DIR to keep screenshots of the survey and the attendance.
test.use({ baseURL: baseURL(), trace: 'off' });
const SHOT_DIR = process.env.CBMEX_SHOT_DIR;
async function shot(target: Page | Locator, name: string) {
  if (!SHOT_DIR) return;
  mkdirSync(SHOT_DIR, { recursive: true });
  await target.screenshot({ path: pathJoin(SHOT_DIR, name) });
}

/** Picks value v in the radio group named `name` inside `scope`. */
async function pick(scope: Locator, name: string, v: number) {
  await scope.getByRole('group', { name, exact: true }).getByRole('radio', { name: String(v), exact: true }).check();
}

test('two delegates answer the survey; the report shows the medians; a delegate downloads the certificate', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fac = page;
  await fac.setViewportSize({ width: 1280, height: 900 });
  await signIn(fac);
  const ex = await startTutorial(fac, `Survey ${Date.now()}`);

  const ruCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const enCtx = await browser.newContext({ baseURL: baseURL(), viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  try {
    // Anna joins in Russian with her organisation, function and gender.
    const ru = await ruCtx.newPage();
    await ru.addInitScript(() => window.localStorage.setItem('cbmex.language', 'ru'));
    await ru.goto(`/join?code=${encodeURIComponent(ex.codes.valdoria!)}`);
    await ru.getByLabel('Ваше имя').fill('Анна Иванова');
    await ru.getByLabel('Организация').fill('МИД');
    await ru.getByLabel('Должность').fill('Советник');
    await ru.getByLabel('Пол').selectOption('woman');
    await ru.getByRole('button', { name: 'Присоединиться' }).click();
    await expect(ru).toHaveURL(/\/room$/);

    // Jean joins in English and prefers not to say his gender.
    const en = await enCtx.newPage();
    await en.goto(`/join?code=${encodeURIComponent(ex.codes.esterra!)}`);
    await en.getByLabel('Your name').fill('Jean Dupont');
    await en.getByLabel('Organisation').fill('National CERT');
    await en.getByLabel('Gender').selectOption('undisclosed');
    await en.getByRole('button', { name: 'Join' }).click();
    await expect(en.getByRole('heading', { level: 1, name: TEAMS.esterra })).toBeVisible();

    // The exercise ends: the rooms offer the survey.
    await apiPost(fac, `/exercises/${ex.id}/end`);
    const ruSurvey = ru.getByRole('region', { name: 'Ваш отзыв' });
    await expect(ruSurvey).toBeVisible();
    await pick(ruSurvey, 'Насколько полезными были эти настольные учения для вашей работы?', 4);
    const ruCbm = ruSurvey.getByRole('group', { name: /^МД 8:/ });
    await pick(ruCbm, 'До учений', 2);
    await pick(ruCbm, 'После учений', 4);
    await ruSurvey.getByLabel('Что нам следует улучшить?').fill('Больше времени на обсуждение');
    expect(await ru.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(ruSurvey, 'survey-390-ru.png');
    await ruSurvey.getByRole('button', { name: 'Отправить ответы' }).click();
    await expect(ru.getByText('Спасибо: ваши ответы сохранены без вашего имени.')).toBeVisible();
    await expect(ruSurvey).toBeHidden();

    const enSurvey = en.getByRole('region', { name: 'Your feedback' });
    await pick(enSurvey, 'How useful was this exercise for your work?', 5);
    const enCbm = enSurvey.getByRole('group', { name: /^CBM 8:/ });
    await pick(enCbm, 'Before the exercise', 1);
    await pick(enCbm, 'After the exercise', 4);
    await shot(enSurvey, 'survey-1280-en.png');
    await enSurvey.getByRole('button', { name: 'Send my answers' }).click();
    await expect(en.getByText('Thank you: your answers were recorded without your name.')).toBeVisible();

    // Answered once: a reload does not ask again.
    await en.reload();
    await expect(en.getByRole('heading', { name: 'Certificate of participation' })).toBeVisible();
    await expect(en.getByRole('region', { name: 'Your feedback' })).toBeHidden();

    // Jean downloads his certificate: a PDF.
    const [download] = await Promise.all([
      en.waitForEvent('download'),
      en.getByRole('link', { name: 'Download my certificate (PDF)' }).click(),
    ]);
    const file = await download.path();
    expect(readFileSync(file!).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(download.suggestedFilename()).toBe('certificate.pdf');

    // The staff's report: the medians of the two answers in the annex.
    await fac.goto(`/exercises/${ex.id}/report`);
    const annex = fac.getByRole('region', { name: 'Annex: feedback survey' });
    await expect(annex.getByTestId('survey-responses')).toHaveText('Answers received: 2');
    await expect(annex.getByTestId('median-usefulness')).toHaveText('4.5');
    await expect(annex.getByTestId('median-cbm_understanding-8-before')).toHaveText('1.5');
    await expect(annex.getByTestId('median-cbm_understanding-8-after')).toHaveText('4');

    // The workshop page: the organiser's list and the counts.
    const wid = (await (await fac.request.get(`/api/v1/exercises/${ex.id}`)).json()).exercise.workshop_id as number;
    await fac.goto(`/workshops/${wid}`);
    const attendance = fac.getByRole('region', { name: 'Attendance' });
    await expect(attendance.getByTestId('attendance-total')).toHaveText('Participants: 2');
    await expect(attendance.getByTestId('attendance-by-gender').getByRole('row', { name: 'Woman' })).toContainText('1');
    await expect(attendance.getByTestId('attendance-by-gender').getByRole('row', { name: 'Prefer not to say' })).toContainText('1');
    await expect(attendance.getByTestId('attendance-list').getByRole('row', { name: /Анна Иванова/ })).toContainText('МИД');
    await shot(attendance, 'attendance-1280-en.png');
  } finally {
    await ruCtx.close();
    await enCtx.close();
  }
});
