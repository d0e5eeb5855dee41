import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useInjects, type InjectRow, type Overtaken } from '../api';
import { formatHms } from '../clock';

/** A phase as the jump needs it. */
export interface JumpTarget {
  key: string;
  title: string;
  starts_at_seconds: number;
}

/**
 * The injects a jump from exercise time `now` to `start` passes over, as the server
 * decides it: pending ones timed after now and before the phase's start, in time order.
 * Those already due are the scheduler's, those at the start open the phase on schedule.
 */
export function overtakenBy(rows: readonly InjectRow[], now: number, start: number): InjectRow[] {
  return rows
    .filter((r) => r.state === 'pending' && r.scheduled_seconds != null && r.scheduled_seconds > now && r.scheduled_seconds < start)
    .sort((a, b) => (a.scheduled_seconds ?? 0) - (b.scheduled_seconds ?? 0));
}

/**
 * Asks before a jump to a phase: lists the injects the jump would pass over and lets the
 * facilitator release them at once or skip them; either way they are recorded as the
 * jump's doing, never as on schedule.
 */
export function JumpDialog({
  exerciseId,
  target,
  nowSeconds,
  busy,
  onConfirm,
  onClose,
}: {
  exerciseId: number;
  target: JumpTarget;
  nowSeconds: number;
  busy: boolean;
  onConfirm: (overtaken: Overtaken) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('exercise');
  const injects = useInjects(exerciseId);
  const [choice, setChoice] = useState<Overtaken>('release');
  const name = useId();
  const passed = overtakenBy(injects.data ?? [], nowSeconds, target.starts_at_seconds);
  return (
    <Dialog open title={t('readable.jump.title', { phase: target.title })} onClose={onClose}>
      <p>{t('readable.jump.move', { from: formatHms(nowSeconds), to: formatHms(target.starts_at_seconds) })}</p>
      {injects.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : passed.length === 0 ? (
        <p>{t('readable.jump.none')}</p>
      ) : (
        <>
          <p id={`${name}-list`}>{t('readable.jump.listed', { count: passed.length })}</p>
          <ul className="ex-jump-list" aria-labelledby={`${name}-list`}>
            {passed.map((r) => (
              <li key={r.key} data-inject-key={r.key}>
                <span className="mono">{formatHms(r.scheduled_seconds ?? 0)}</span> {r.title}
              </li>
            ))}
          </ul>
          <fieldset className="ex-jump-choice">
            <legend>{t('readable.jump.choice')}</legend>
            <label>
              <input type="radio" name={name} value="release" checked={choice === 'release'} onChange={() => setChoice('release')} />{' '}
              {t('readable.jump.release')}
            </label>
            <label>
              <input type="radio" name={name} value="skip" checked={choice === 'skip'} onChange={() => setChoice('skip')} />{' '}
              {t('readable.jump.skip')}
            </label>
          </fieldset>
        </>
      )}
      <p className="muted">{t('readable.jump.atStart')}</p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('readable.jump.cancel')}
        </button>
        <button type="button" className="button primary" disabled={busy || injects.isPending} onClick={() => onConfirm(choice)}>
          {passed.length === 0
            ? t('readable.jump.confirm')
            : choice === 'skip'
              ? t('readable.jump.confirmSkip', { count: passed.length })
              : t('readable.jump.confirmRelease', { count: passed.length })}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * What a jump to a phase did to an inject of the timeline: released it or skipped it,
 * who jumped and when (wall time). Nothing for other injects.
 */
export function JumpNote({ row }: { row: InjectRow }) {
  const { t, i18n } = useTranslation('exercise');
  const when = (iso: string | undefined) =>
    iso ? new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }) : '';
  if (row.state === 'released' && row.source === 'jump') {
    return (
      <span className="ex-jump-note" data-jump="released">
        {t('readable.jump.releasedBy', { by: row.released_by || t('readable.jump.someone'), at: when(row.released_at) })}
      </span>
    );
  }
  if (row.state === 'skipped' && row.skipped_by_jump) {
    return (
      <span className="ex-jump-note" data-jump="skipped">
        {t('readable.jump.skippedBy', { by: row.skipped_by || t('readable.jump.someone'), at: when(row.skipped_at) })}
      </span>
    );
  }
  return null;
}
