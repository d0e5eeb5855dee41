/** How each inject channel looks: an icon and a colour class; the label is translated. */
export const INJECT_CHANNELS = [
  'news',
  'official_note',
  'intelligence_report',
  'social_media',
  'email',
  'phone_call',
  'situation_report',
] as const;

export type InjectChannel = (typeof INJECT_CHANNELS)[number];

const ICONS: Record<InjectChannel, string> = {
  news: '📰',
  official_note: '🏛',
  intelligence_report: '🔎',
  social_media: '💬',
  email: '✉',
  phone_call: '📞',
  situation_report: '📋',
};

export function channelOf(channel: string): InjectChannel | 'other' {
  return (INJECT_CHANNELS as readonly string[]).includes(channel) ? (channel as InjectChannel) : 'other';
}

export function channelIcon(channel: string): string {
  const c = channelOf(channel);
  return c === 'other' ? '•' : ICONS[c];
}
