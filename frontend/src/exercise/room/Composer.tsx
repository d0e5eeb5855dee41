import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogueOf, useCBMs, type CBMItem } from '../../api/scenarios';
import { splitFieldErrors } from '../../components/ApiError';
import { Field } from '../../components/Field';
import { useRequestKinds, type Team } from '../api';
import { usableChannels } from '../messages/channelKinds';
import { REQUEST_KINDS, useSendMessage, type Message, type MessageChannel, type RequestKind } from '../messages/api';
import { effectiveCbms, suggestTags, type SuggestionSource, type TagSuggestion } from '../messages/model';
import type { TeamName } from '../messages/shared';
import { useDraft } from '../outbox/drafts';
import { useActors } from '../whitecell';

/** The server's limits (backend/internal/exercise/messages.go MaxSubject, MaxBody). */
const MAX_SUBJECT = 200;
const MAX_BODY = 20000;

const COMPOSER_FIELDS = ['channel', 'to', 'kind', 'subject', 'body', 'cbms'] as const;
type ComposerField = (typeof COMPOSER_FIELDS)[number];

/** What the composer keeps in the browser while it is being written (see outbox/drafts). */
interface KeptComposer {
  channel: string;
  to: number[];
  toControl: boolean;
  toActors: string[];
  kind: RequestKind;
  subject: string;
  body: string;
}

export interface ComposerDraft {
  channel?: string;
  to?: number[];
  toControl?: boolean;
  subject?: string;
  replyTo?: number;
  toActors?: string[];
}

/** One CBM's checkbox, where its suggestion came from, and its summary one click away. */
function CbmOption({
  item,
  checked,
  source,
  onToggle,
}: {
  item: CBMItem;
  checked: boolean;
  source: SuggestionSource | undefined;
  onToggle: (key: string) => void;
}) {
  const { t } = useTranslation('exercise');
  const [open, setOpen] = useState(false);
  const sid = `${useId()}-sum`;
  return (
    <li data-cbm={item.key}>
      <label className="ex-check msg-cbm-option">
        <input type="checkbox" checked={checked} onChange={() => onToggle(item.key)} />
        <span>
          {t('messages.cbmTitle', { key: item.key, title: item.title })}{' '}
          {source && <span className="ex-badge">{t(`tagSources.by.${source}`)}</span>}
        </span>
      </label>
      <button
        type="button"
        className="button link msg-info"
        aria-expanded={open}
        aria-controls={sid}
        onClick={() => setOpen(!open)}
      >
        {t('messages.about', { key: item.key })}
      </button>
      {open && (
        <p id={sid} className="msg-cbm-summary">
          {item.summary}
        </p>
      )}
    </li>
  );
}

/** Whether a CBM matches what the sender typed in the search box: its number or words of its title. */
export function cbmMatches(item: Pick<CBMItem, 'key' | 'title'>, query: string, locale?: string): boolean {
  const q = query.trim().toLocaleLowerCase(locale).replace(/^(cbm|мд)\s*/u, '');
  if (!q) return true;
  return item.key === q || item.title.toLocaleLowerCase(locale).includes(q);
}

/**
 * The CBM tags of a message. The tags it will carry come first, each with where it
 * came from and a button to remove it, so that a tag the channel added is never sent
 * without the sender seeing it; then the suggested measures; the other measures are
 * folded behind a disclosure with a search box, so that sixteen checkboxes never stand
 * between the message and Send (on a phone they filled two screens).
 */
export function CbmPicker({
  suggestions,
  selected,
  onToggle,
  error,
}: {
  suggestions: readonly TagSuggestion[];
  selected: readonly string[];
  onToggle: (key: string) => void;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation('exercise');
  const cbms = useCBMs();
  const items = catalogueOf(cbms.data)?.items ?? [];
  const [moreOpen, setMoreOpen] = useState(false);
  const [query, setQuery] = useState('');
  const base = useId();
  const sourceOf = (key: string) => suggestions.find((s) => s.cbm === key)?.source;
  const sourceText = (key: string) => {
    const src = sourceOf(key);
    return src ? t(`tagSources.by.${src}`) : t('tagSources.byYou');
  };
  const suggested = items.filter((it) => sourceOf(it.key));
  const others = items.filter((it) => !sourceOf(it.key));
  const othersChosen = others.filter((it) => selected.includes(it.key)).length;
  const shown = others.filter((it) => cbmMatches(it, query, i18n.language));
  const option = (it: CBMItem) => (
    <CbmOption key={it.key} item={it} checked={selected.includes(it.key)} source={sourceOf(it.key)} onToggle={onToggle} />
  );
  return (
    <fieldset className="ex-fieldset msg-cbm-picker" aria-describedby={error ? `${base}-error` : undefined}>
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
      {error && (
        <p className="field-error" id={`${base}-error`}>
          {error}
        </p>
      )}
      {suggested.length > 0 && (
        <>
          <h4 id={`${base}-suggested`}>{t('composer.suggested')}</h4>
          <ul className="msg-cbm-list" aria-labelledby={`${base}-suggested`}>
            {suggested.map(option)}
          </ul>
        </>
      )}
      <details className="msg-cbm-more" open={moreOpen} onToggle={(e) => setMoreOpen(e.currentTarget.open)}>
        <summary>
          {suggested.length > 0 ? t('composer.otherCbms', { count: others.length }) : t('composer.allCbms', { count: others.length })}
          {othersChosen > 0 && <span className="ex-badge">{t('composer.chosen', { count: othersChosen })}</span>}
        </summary>
        {moreOpen && (
          <>
            <label className="msg-cbm-search">
              {t('composer.findCbm')}
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('composer.findCbmHint')} />
            </label>
            {shown.length === 0 ? (
              <p className="muted">{t('composer.noCbmMatch')}</p>
            ) : (
              <ul className="msg-cbm-list">{shown.map(option)}</ul>
            )}
          </>
        )}
      </details>
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
  onQueued,
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
  /** The network lost the send: it waits in the room's outbox and goes out by itself. */
  onQueued?: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('exercise');
  const send = useSendMessage(exerciseId, true);
  const others = teams.filter((tm) => tm.id !== self);
  // Only the channels the team's kind may use: the OSCE network, diplomatic notes and
  // consultation requests are for participating States (the server refuses the others).
  const usable = usableChannels(channels, teams.find((tm) => tm.id === self)?.kind);
  const hidden = channels.filter((c) => !usable.includes(c));
  const [channel, setChannel] = useState(
    usable.some((c) => c.key === draft?.channel) ? (draft?.channel ?? '') : (usable[0]?.key ?? ''),
  );
  const [to, setTo] = useState<number[]>(draft?.to ?? []);
  const [toControl, setToControl] = useState(draft?.toControl ?? false);
  const actors = useActors(exerciseId);
  const [toActors, setToActors] = useState<string[]>(draft?.toActors ?? []);
  const [kind, setKind] = useState<RequestKind>('');
  const [subject, setSubject] = useState(draft?.subject ?? '');
  const [body, setBody] = useState('');
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<Set<string>>(new Set());
  // What the form itself found wrong before sending, by field.
  const [missing, setMissing] = useState<Partial<Record<ComposerField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const ch = usable.find((c) => c.key === channel);
  const suggestions = suggestTags(ch, kind, useRequestKinds(exerciseId));
  const suggested = suggestions.map((x) => x.cbm);
  const selected = effectiveCbms(suggested, removed, added);
  const ids = useId();
  // What was being written before a reload comes back (once, before any typing).
  const kept = useDraft<KeptComposer>(exerciseId, draft?.replyTo ? `composer:reply:${draft.replyTo}` : 'composer:new');
  const [restored, setRestored] = useState(false);
  if (kept.ready && !restored) {
    setRestored(true);
    const k = kept.restored;
    if (k && (k.subject || k.body)) {
      if (usable.some((c) => c.key === k.channel)) setChannel(k.channel);
      setTo(k.to);
      setToControl(k.toControl);
      setToActors(k.toActors);
      setKind(k.kind);
      setSubject(k.subject);
      setBody(k.body);
    }
  }
  const { keep, drop } = kept;
  useEffect(() => {
    if (!restored) return;
    if (subject.trim() || body.trim()) keep({ channel, to, toControl, toActors, kind, subject, body });
    else drop();
  }, [restored, keep, drop, channel, to, toControl, toActors, kind, subject, body]);
  // The server's field messages go to their fields; the rest (a reply to a message
  // no longer visible, the summary) to the banner.
  const server = send.error ? splitFieldErrors(send.error, COMPOSER_FIELDS) : null;
  const fields = { ...server?.fields, ...missing };
  const banner = server?.banner ?? '';
  // After a refusal the first field in error takes the focus, which reads out its message.
  const invalidCount = Object.keys(fields).length;
  useEffect(() => {
    if (invalidCount === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [invalidCount, send.error, missing]);

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
    const all = !!ch?.all_teams;
    const control = !!ch?.control;
    const need: Partial<Record<ComposerField, string>> = {};
    // Actors that cannot be reached on the channel are not sent to (their boxes are disabled).
    const actorsHere = all || control ? [] : toActors.filter((k) => actors.find((a) => a.key === k)?.channels.includes(channel));
    if (!all && !control && to.length === 0 && !toControl && actorsHere.length === 0) need.to = t('messages.needRecipient');
    if (!subject.trim()) need.subject = t('composer.needSubject');
    if (!body.trim()) need.body = t('composer.needBody');
    setMissing(need);
    if (Object.keys(need).length > 0) {
      send.reset();
      return;
    }
    send.mutate(
      {
        to: all || control ? [] : to,
        to_control: control || (!all && toControl),
        ...(actorsHere.length > 0 ? { to_actors: actorsHere } : {}),
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
          drop();
          if (m) onSent?.(m);
          else onQueued?.();
        },
      },
    );
  };

  return (
    <form ref={formRef} className="ex-form msg-composer" onSubmit={submit} aria-labelledby={`${ids}-title`} noValidate>
      <h3 id={`${ids}-title`}>{draft?.replyTo ? t('messages.replyTitle') : t('messages.newTitle')}</h3>
      <div className="msg-composer-row">
        <Field
          label={t('messages.channelLabel')}
          error={fields.channel}
          hint={
            hidden.length > 0
              ? t('channelKinds.statesOnly', { channels: hidden.map((c) => channelTitle(c.key)).join(', ') })
              : undefined
          }
        >
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            {usable.map((c) => (
              <option key={c.key} value={c.key}>
                {channelTitle(c.key)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('messages.kindLabel')} error={fields.kind}>
          <select value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
            <option value="">{t('messages.kind.none')}</option>
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`messages.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="ex-fieldset msg-recipients" aria-describedby={fields.to ? `${ids}-to-error` : undefined}>
        <legend>{t('messages.recipients')}</legend>
        {ch?.all_teams ? (
          <p className="muted">{t('messages.toAllTeams')}</p>
        ) : ch?.control ? (
          <p className="muted">{t('messages.toControlOnly')}</p>
        ) : (
          <div className="msg-recipient-list">
            {others.map((tm) => (
              <label key={tm.id} className="ex-check">
                <input
                  type="checkbox"
                  aria-invalid={fields.to ? true : undefined}
                  checked={to.includes(tm.id)}
                  onChange={(e) => setTo(e.target.checked ? [...to, tm.id] : to.filter((x) => x !== tm.id))}
                />
                {teamName(tm.id)}
              </label>
            ))}
            <label className="ex-check">
              <input
                type="checkbox"
                aria-invalid={fields.to ? true : undefined}
                checked={toControl}
                onChange={(e) => setToControl(e.target.checked)}
              />
              {t('messages.control')}
            </label>
            {actors.length > 0 && (
              <fieldset className="ex-fieldset msg-recipient-actors">
                <legend>{t('whiteCell.others')}</legend>
                {actors.map((a) => {
                  const reachable = a.channels.includes(channel);
                  return (
                    <label key={a.key} className="ex-check" data-actor={a.key}>
                      <input
                        type="checkbox"
                        aria-invalid={fields.to ? true : undefined}
                        disabled={!reachable}
                        checked={reachable && toActors.includes(a.key)}
                        onChange={(e) => setToActors(e.target.checked ? [...toActors, a.key] : toActors.filter((x) => x !== a.key))}
                      />
                      <span lang={a.lang}>{a.name}</span>
                      {!reachable && <span className="muted"> ({t('whiteCell.notOnChannel')})</span>}
                    </label>
                  );
                })}
              </fieldset>
            )}
          </div>
        )}
        {fields.to && (
          <p className="field-error" id={`${ids}-to-error`}>
            {fields.to}
          </p>
        )}
      </fieldset>
      <Field label={t('messages.subject')} error={fields.subject}>
        <input type="text" value={subject} maxLength={MAX_SUBJECT} onChange={(e) => setSubject(e.target.value)} />
      </Field>
      <Field label={t('messages.body')} hint={t('messages.markdownHint')} error={fields.body}>
        <textarea rows={6} value={body} maxLength={MAX_BODY} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <CbmPicker suggestions={suggestions} selected={selected} onToggle={toggleCbm} error={fields.cbms} />
      {banner && (
        <p className="alert error" role="alert">
          {banner}
        </p>
      )}
      <div className="ex-toolbar">
        <button type="submit" className="button primary" disabled={send.isPending}>
          {kind ? t('messages.sendRequest') : t('messages.send')}
        </button>
        {onCancel && (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              drop();
              onCancel();
            }}
          >
            {t('messages.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
