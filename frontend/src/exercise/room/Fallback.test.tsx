import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../api/queryClient';
import i18n from '../../i18n';
import { jsonResponse, mockFetch } from '../../test/utils';
import { fellBack } from '../language';
import type { Message } from '../messages/api';
import { MessageView } from '../messages/shared';
import type { ReleasedInject, StartedPhase } from '../projection';
import { InjectCard } from './InjectCard';
import { StageQuestions } from './StageQuestions';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage('en'));
  localStorage.clear();
});

const inject = (over: Partial<ReleasedInject> = {}): ReleasedInject => ({
  seq: 3,
  key: 'phishing',
  title: 'Волна фишинга',
  channel: 'news',
  from: 'VAL-CERT',
  body: 'Поддельные письма.',
  teams: [],
  all: true,
  source: 'schedule',
  late: false,
  offsetSeconds: 60,
  at: '2026-03-02T09:01:00Z',
  lang: 'ru',
  fallback: [],
  ...over,
});

describe('fellBack', () => {
  it('finds a field listed itself or by one of its parts', () => {
    expect(fellBack(['title', 'questions.q1.text'], 'title')).toBe(true);
    expect(fellBack(['title', 'questions.q1.text'], 'questions.q1')).toBe(true);
    expect(fellBack(['title', 'questions.q10.text'], 'questions.q1')).toBe(false);
    expect(fellBack(['titles'], 'title')).toBe(false);
    expect(fellBack(undefined, 'title')).toBe(false);
  });
});

describe('texts shown in the source language', () => {
  it('an inject fully translated has no mark', async () => {
    await act(() => i18n.changeLanguage('ru'));
    render(<InjectCard inject={inject()} source="en" />);
    expect(screen.queryByText('Оригинал на английском')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Волна фишинга' })).toBeInTheDocument();
  });

  it('an inject whose body has no current translation: the body marked and in English', async () => {
    await act(() => i18n.changeLanguage('ru'));
    render(<InjectCard inject={inject({ body: 'Fake e-mails.', fallback: ['body'] })} source="en" />);
    const card = screen.getByRole('article', { name: 'Волна фишинга' });
    const marks = within(card).getAllByText('Оригинал на английском');
    expect(marks).toHaveLength(1);
    expect(within(card).getByText('Fake e-mails.').closest('[lang]')).toHaveAttribute('lang', 'en');
    // The title is the translation, in Russian.
    expect(within(card).getByText('Волна фишинга').closest('[lang]')).toHaveAttribute('lang', 'ru');
  });

  it('an inject not translated at all: one mark for the card, every text in English', async () => {
    await act(() => i18n.changeLanguage('ru'));
    render(
      <InjectCard
        inject={inject({ title: 'Phishing wave', from: 'VAL-CERT desk', body: 'Fake e-mails.', fallback: ['body', 'from', 'title'] })}
        source="en"
      />,
    );
    const card = screen.getByRole('article', { name: 'Phishing wave' });
    expect(within(card).getAllByText('Оригинал на английском')).toHaveLength(1);
    for (const text of ['Phishing wave', 'VAL-CERT desk', 'Fake e-mails.']) {
      expect(within(card).getByText(text).closest('[lang]')).toHaveAttribute('lang', 'en');
    }
  });

  it('says the source language in the reader’s own words', async () => {
    await act(() => i18n.changeLanguage('fr'));
    render(<InjectCard inject={inject({ title: 'Vague', lang: 'fr', body: 'Пример.', fallback: ['body'] })} source="ru" />);
    expect(screen.getByText('Original en russe')).toBeInTheDocument();
  });

  it('a phase: its situation and one question in the source language, each marked', () => {
    const phase: StartedPhase = {
      key: 'p1',
      title: 'Первый инцидент',
      clock: 'День 1',
      situation: 'Fake e-mails reach the ministries.',
      questions: [
        { key: 'q1', text: 'Кому вы сообщаете?' },
        { key: 'q2', text: 'When would you ask for consultations?' },
      ],
      seq: 2,
      lang: 'ru',
      fallback: ['questions.q2.text', 'situation'],
    };
    render(
      <StageQuestions
        exerciseId={5}
        teamId={11}
        phases={[phase]}
        answers={new Map()}
        closedPhases={new Set()}
        sharedPhases={new Set()}
        teamName={() => ''}
        source="en"
      />,
    );
    expect(screen.getAllByText('English original')).toHaveLength(2);
    expect(screen.getByText('Fake e-mails reach the ministries.').closest('[lang]')).toHaveAttribute('lang', 'en');
    // The question's label says it too, for a screen reader in the answer field.
    expect(screen.getByRole('textbox', { name: 'When would you ask for consultations? English original' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Кому вы сообщаете?' })).toBeInTheDocument();
    expect(screen.getByText('When would you ask for consultations?')).toHaveAttribute('lang', 'en');
    expect(screen.getByText('Кому вы сообщаете?')).toHaveAttribute('lang', 'ru');
  });
});

describe('messages written in another language', () => {
  const message = (lang: Message['lang']): Message => ({
    id: 7,
    from: 12,
    from_name: 'Elena',
    to: [11],
    to_control: false,
    all: false,
    channel: 'poc_hotline',
    subject: 'Серверы',
    body: 'Мы проверяем серверы.',
    lang,
    cbms: [],
    kind: '',
    sent_at: '2026-03-02T09:05:00Z',
    offset_seconds: 300,
  });

  function renderMessage(m: Message) {
    mockFetch({ 'GET /api/v1/cbms': () => jsonResponse(200, { default: 'osce', catalogues: [] }) });
    const client = createQueryClient();
    render(
      <QueryClientProvider client={client}>
        <MessageView m={m} teamName={(id) => (id === 12 ? 'Esterra' : 'Norhaven')} channelTitle={(k) => k} />
      </QueryClientProvider>,
    );
  }

  it('carry a tag with their language, never a translation', () => {
    renderMessage(message('ru'));
    const article = screen.getByRole('article', { name: 'Серверы' });
    const tag = within(article).getByText('RU');
    expect(tag).toHaveAttribute('aria-hidden', 'true');
    expect(within(article).getByText('Written in Russian')).toHaveClass('visually-hidden');
    expect(within(article).getByText('Мы проверяем серверы.').closest('[lang]')).toHaveAttribute('lang', 'ru');
    expect(within(article).getByRole('heading', { name: 'Серверы' })).toHaveAttribute('lang', 'ru');
  });

  it('carry no tag in the reader’s own language', async () => {
    await act(() => i18n.changeLanguage('ru'));
    renderMessage(message('ru'));
    const article = screen.getByRole('article', { name: 'Серверы' });
    expect(within(article).queryByText('RU')).toBeNull();
    // Only the page says the language.
    expect(within(article).getByText('Мы проверяем серверы.').closest('[lang]')?.tagName).toBe('HTML');
  });
});
