import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ReleasedInject } from '../projection';
import { INJECT_CHANNELS } from '../components/channels';
import { InjectCard } from './InjectCard';

const inject = (channel: string, over: Partial<ReleasedInject> = {}): ReleasedInject => ({
  seq: 3,
  key: `k-${channel}`,
  title: `Title ${channel}`,
  channel,
  from: 'Exercise control',
  body: 'Some **bold** text <script>alert(1)</script>',
  teams: [],
  all: true,
  source: 'schedule',
  late: false,
  offsetSeconds: 125,
  at: '2026-03-02T09:02:05Z',
  lang: 'en',
  fallback: [],
  ...over,
});

const LABELS: Record<string, string> = {
  news: 'News item',
  official_note: 'Official note',
  intelligence_report: 'Intelligence report',
  social_media: 'Social media post',
  email: 'E-mail',
  phone_call: 'Phone call',
  situation_report: 'Situation report',
};

describe('InjectCard', () => {
  it.each(INJECT_CHANNELS)('renders a %s as its own kind of card', (channel) => {
    const { container } = render(<InjectCard inject={inject(channel)} />);
    const card = screen.getByRole('article', { name: `Title ${channel}` });
    expect(card).toHaveAttribute('data-channel', channel);
    expect(card).toHaveClass(`ex-channel-${channel}`);
    expect(within(card).getByText(LABELS[channel]!)).toBeInTheDocument();
    expect(card.querySelector('.ex-inject-from')).toHaveTextContent('From: Exercise control');
    expect(within(card).getByText('00:02:05')).toBeInTheDocument();
    // Markdown is rendered, raw HTML is not.
    expect(within(card).getByText('bold').tagName).toBe('STRONG');
    expect(container.querySelector('script')).toBeNull();
  });

  it('gives every channel a different icon and label', () => {
    const seen = new Set<string>();
    for (const c of INJECT_CHANNELS) {
      const { unmount } = render(<InjectCard inject={inject(c)} />);
      const head = screen.getByRole('article').querySelector('.ex-inject-channel')!.textContent!;
      seen.add(head);
      unmount();
    }
    expect(seen.size).toBe(INJECT_CHANNELS.length);
  });

  it('shows an unknown channel as a plain message', () => {
    render(<InjectCard inject={inject('carrier_pigeon')} />);
    expect(screen.getByRole('article')).toHaveAttribute('data-channel', 'other');
    expect(screen.getByText('Message')).toBeInTheDocument();
  });

  it('marks unread injects and lets them be marked read', async () => {
    const onRead = vi.fn();
    render(<InjectCard inject={inject('email')} unread onRead={onRead} />);
    expect(screen.getByText('New')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Mark as read' }));
    expect(onRead).toHaveBeenCalledOnce();
  });
});
