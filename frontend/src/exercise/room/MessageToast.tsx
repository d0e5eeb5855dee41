import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '../../components/Bidi';
import type { Message } from '../messages/api';
import type { TeamName } from '../messages/shared';

/**
 * Announces a message that reaches the team while the room is open, where the participant
 * is looking: a banner fixed at the top of the screen that names the sender and the
 * subject (or requests), with Open to go to the thread. It is also a polite live region,
 * so screen readers read it. Messages the team had when the room opened are not announced.
 */
export function MessageToast({
  messages,
  self,
  teamName,
  onOpen,
}: {
  messages: readonly Message[] | undefined;
  self: number;
  teamName: TeamName;
  onOpen: (messageId: number) => void;
}) {
  const { t } = useTranslation('exercise');
  const seen = useRef<number | null>(null);
  const [shown, setShown] = useState<{ text: ReactNode; id: number } | null>(null);
  const newest = useMemo(() => (messages ?? []).reduce((a, m) => Math.max(a, m.id), 0), [messages]);

  useEffect(() => {
    if (!messages) return;
    if (seen.current === null) {
      seen.current = newest;
      return;
    }
    const fresh = messages.filter((m) => m.id > seen.current! && m.from !== self);
    seen.current = Math.max(seen.current, newest);
    if (!fresh.length) return;
    const last = fresh.reduce((a, m) => (m.id > a.id ? m : a));
    // The sender and the subject are isolated (<bdi>): a subject is anyone's text.
    const text =
      fresh.length > 1
        ? t('messages.announceMany', { count: fresh.length })
        : isolate((v) => t(last.kind ? 'messages.announceRequest' : 'messages.announce', v), {
            from: teamName(last.from),
            subject: last.subject,
          });
    const timer = setTimeout(() => setShown({ text, id: last.id }), 0);
    return () => clearTimeout(timer);
  }, [messages, newest, self, t, teamName]);

  return (
    <div className="msg-toast-region" role="status" aria-live="polite" data-testid="message-announcer">
      {shown && (
        <div className="msg-toast">
          <span className="msg-toast-text">{shown.text}</span>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              onOpen(shown.id);
              setShown(null);
            }}
          >
            {t('messages.toastOpen')}
          </button>
          <button type="button" className="button secondary" aria-label={t('messages.toastDismiss')} onClick={() => setShown(null)}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
