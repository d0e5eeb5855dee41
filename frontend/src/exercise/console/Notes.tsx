import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useAddNote } from '../api';
import { formatHms } from '../clock';
import type { Projection } from '../projection';

/** The facilitators' own notes, kept in the log (teams and observers never see them). */
export function Notes({ exerciseId, projection }: { exerciseId: number; projection: Projection }) {
  const { t } = useTranslation('exercise');
  const add = useAddNote(exerciseId);
  const [text, setText] = useState('');
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.title')}</h2>
      <p className="field-hint">{t('notes.hint')}</p>
      <ApiError error={add.error} />
      <form
        className="ex-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) add.mutate(text.trim(), { onSuccess: () => setText('') });
        }}
      >
        <label>
          {t('notes.label')}
          <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={add.isPending || !text.trim()}>
          {t('notes.add')}
        </button>
      </form>
      <ul className="ex-list">
        {projection.notes.map((n) => (
          <li key={n.seq}>
            <span className="muted">
              {formatHms(n.offsetSeconds)} · {n.by}:
            </span>{' '}
            {n.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
