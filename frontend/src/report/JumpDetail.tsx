import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from './api';
import { formatSeconds } from './model';

/** Whether a timeline entry is a jump to a phase, or an inject it released or skipped. */
export const isJumpEntry = (e: TimelineEntry) => e.detail === 'jump' || e.detail === 'jump_skipped';

/**
 * What a jump to a phase did, in the report's timeline: the jump itself (from when, who,
 * at what time of day), or an inject it released or skipped (who, when, and when the
 * script had it) — never "on schedule".
 */
export function JumpDetail({ entry: e }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation('report');
  if (!isJumpEntry(e)) return null;
  const by = e.by || t('readable.jump.someone');
  const at = e.wall_at ? new Date(e.wall_at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) : '—';
  const due = formatSeconds(e.due_seconds);
  let text: string;
  if (e.kind === 'clock') text = t('readable.jump.jumped', { from: formatSeconds(e.from_seconds ?? 0), by, at });
  else if (e.detail === 'jump_skipped') text = t('readable.jump.skipped', { by, at, due });
  else text = t('readable.jump.released', { by, at, due });
  return (
    <span className="muted rp-jump" data-jump={e.detail}>
      {' '}
      · {text}
    </span>
  );
}
