import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { catalogueOf, useCBMs } from '../../api/scenarios';
import { ApiError } from '../../components/ApiError';
import { useRequestKinds, type Team } from '../api';
import { REQUEST_KINDS, useSendMessage, type Message, type MessageChannel, type RequestKind } from '../messages/api';
import { effectiveCbms, suggestTags, type TagSuggestion } from '../messages/model';
import type { TeamName } from '../messages/shared';

export interface ComposerDraft {
  channel?: string;
  to?: number[];
  toControl?: boolean;
  subject?: string;
  replyTo?: number;
}

/**
 * CBM checkboxes. The channel's and the request kind's suggestions start ticked and say
 * where they come from; the tags the message will carry are listed first, each with a
 * button to remove it, so that a tag the channel added is never sent without the sender
 * seeing it. Each measure's summary is one click away.
 */
export function CbmPicker({
  suggestions,
  selected,
  onToggle,
}: {
  suggestions: readonly TagSuggestion[];
  selected: readonly string[];
  onToggle: (key: string) => void;
}) {
  const { t } = useTranslation('exercise');
  const cbms = useCBMs();
  const items = catalogueOf(cbms.data)?.items ?? [];
  const [open, setOpen] = useState<string | null>(null);
  const base = useId();
  const sourceOf = (key: string) => suggestions.find((s) => s.cbm === key)?.source;
  const sourceText = (key: string) => {
    const src = sourceOf(key);
    return src ? t(`tagSources.by.${src}`) : t('tagSources.byYou');
  };
  return (
    <fieldset className="ex-fieldset msg-cbm-picker">
      <legend>{t('messages.tags')}</legend>
      <p className="muted" id={`${base}-hint`}>
        {t('tagSources.hint')}
      </p>
      <div className="msg-tags-chosen">
        <h4 id={`${base}-carries`}>{t('tagSources.carries')}</h4>
        {selected.length === 0 ? (
          <p className="muted">{t('tagSources.none')}</p>
        ) : (
          <ul className="chips" aria-labelledby={`${base}-carries`} aria-describedby={`${base}-hint`}>
            {selected.map((key) => (
              <li key={key} className="chip msg-tag-chosen" data-cbm={key} data-source={sourceOf(key) ?? 'sender'}>
                {t('messages.cbm', { key })} <span className="msg-tag-source">· {sourceText(key)}</span>{' '}
                <button
                  type="button"
                  className="button link msg-tag-remove"
                  aria-label={t('tagSources.remove', { key, source: sourceText(key) })}
                  onClick={() => onToggle(key)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ul className="msg-cbm-list">
        {items.map((it) => {
          const sid = `${base}-sum-${it.key}`;
          const src = sourceOf(it.key);
          return (
            <li key={it.key}>
              <label className="ex-check">
                <input type="checkbox" checked={selected.includes(it.key)} onChange={() => onToggle(it.key)} />
                {t('messages.cbmTitle', { key: it.key, title: it.title })}
                {src && <span className="ex-badge">{t(`tagSources.by.${src}`)}</span>}
              </label>
              <button
                type="button"
                className="button link msg-info"
                aria-expanded={open === it.key}
                aria-controls={sid}
                onClick={() => setOpen(open === it.key ? null : it.key)}
              >
                {t('messages.about', { key: it.key })}
              </button>
              {open === it.key && (
                <p id={sid} className="msg-cbm-summary">
                  {it.summary}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** Writes a message or a request to other teams or to exercise control. */
export function Composer({
  exerciseId,
  self,
  teams,
  channels,
  channelTitle,
  teamName,
  draft,
  onSent,
  onCancel,
}: {
  exerciseId: number;
  self: number;
  teams: readonly Team[];
  channels: readonly MessageChannel[];
  channelTitle: (key: string) => string;
  teamName: TeamName;
  draft?: ComposerDraft;
  onSent?: (m: Message) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('exercise');
  const send = useSendMessage(exerciseId);
  const others = teams.filter((tm) => tm.id !== self);
  const [channel, setChannel] = useState(draft?.channel ?? channels[0]?.key ?? '');
  const [to, setTo] = useState<number[]>(draft?.to ?? []);
  const [toControl, setToControl] = useState(draft?.toControl ?? false);
  const [kind, setKind] = useState<RequestKind>('');
  const [subject, setSubject] = useState(draft?.subject ?? '');
  const [body, setBody] = useState('');
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState('');
  const ch = channels.find((c) => c.key === channel);
  const suggestions = suggestTags(ch, kind, useRequestKinds(exerciseId));
  const suggested = suggestions.map((x) => x.cbm);
  const selected = effectiveCbms(suggested, removed, added);
  const ids = useId();
  const fieldErrors = isApiError(send.error) ? send.error.fields : {};

  const toggleCbm = (key: string) => {
    const on = selected.includes(key);
    if (suggested.includes(key)) {
      const r = new Set(removed);
      if (on) r.add(key);
      else r.delete(key);
      setRemoved(r);
    }
    const a = new Set(added);
    if (on) a.delete(key);
    else if (!suggested.includes(key)) a.add(key);
    setAdded(a);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem('');
    const all = !!ch?.all_teams;
    const control = !!ch?.control;
    if (!all && !control && to.length === 0 && !toControl) {
      setProblem(t('messages.needRecipient'));
      return;
    }
    if (!subject.trim() || !body.trim()) {
      setProblem(t('messages.needText'));
      return;
    }
    send.mutate(
      {
        to: all || control ? [] : to,
        to_control: control || (!all && toControl),
        all,
        channel,
        subject: subject.trim(),
        body,
        cbms: selected,
        kind,
        ...(draft?.replyTo ? { reply_to: draft.replyTo } : {}),
      },
      {
        onSuccess: (m) => {
          setBody('');
          setSubject('');
          setKind('');
          setRemoved(new Set());
          setAdded(new Set());
          onSent?.(m);
        },
      },
    );
  };

  return (
    <form className="ex-form msg-composer" onSubmit={submit} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{draft?.replyTo ? t('messages.replyTitle') : t('messages.newTitle')}</h3>
      <label>
        {t('messages.channelLabel')}
        <select aria-label={t('messages.channelLabel')} value={channel} onChange={(e) => setChannel(e.target.value)}>
          {channels.map((c) => (
            <option key={c.key} value={c.key}>
              {channelTitle(c.key)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="ex-fieldset">
        <legend>{t('messages.recipients')}</legend>
        {ch?.all_teams ? (
          <p className="muted">{t('messages.toAllTeams')}</p>
        ) : ch?.control ? (
          <p className="muted">{t('messages.toControlOnly')}</p>
        ) : (
          <>
            {others.map((tm) => (
              <label key={tm.id} className="ex-check">
                <input
                  type="checkbox"
                  checked={to.includes(tm.id)}
                  onChange={(e) => setTo(e.target.checked ? [...to, tm.id] : to.filter((x) => x !== tm.id))}
                />
                {teamName(tm.id)}
              </label>
            ))}
            <label className="ex-check">
              <input type="checkbox" checked={toControl} onChange={(e) => setToControl(e.target.checked)} />
              {t('messages.control')}
            </label>
          </>
        )}
        {fieldErrors.to && <p className="field-error">{fieldErrors.to}</p>}
      </fieldset>
      <label>
        {t('messages.kindLabel')}
        <select aria-label={t('messages.kindLabel')} value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
          <option value="">{t('messages.kind.none')}</option>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`messages.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('messages.subject')}
        <input aria-label={t('messages.subject')} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label>
        {t('messages.body')}
        <textarea aria-label={t('messages.body')} rows={6} value={body} maxLength={20000} onChange={(e) => setBody(e.target.value)} aria-describedby={`${ids}-md`} />
      </label>
      <p id={`${ids}-md`} className="muted">
        {t('messages.markdownHint')}
      </p>
      <CbmPicker suggestions={suggestions} selected={selected} onToggle={toggleCbm} />
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      <ApiError error={send.error} />
      <div className="ex-toolbar">
        <button type="submit" className="button primary" disabled={send.isPending}>
          {kind ? t('messages.sendRequest') : t('messages.send')}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('messages.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
