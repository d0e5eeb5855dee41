import { useTranslation } from 'react-i18next';
import { isolate } from '../../components/Bidi';
import { Markdown } from '../../components/Markdown';
import { formatHms } from '../clock';
import type { ReleasedInject } from '../projection';
import { channelIcon, channelOf } from '../components/channels';
import { fallbackFields, FallbackMark, InLang } from '../components/Fallback';

interface Props {
  inject: ReleasedInject;
  unread?: boolean;
  onRead?: () => void;
  /** The scenario's source language, for texts shown untranslated. */
  source?: string;
}

/** One released inject, styled by its channel (news item, e-mail, phone call …). */
export function InjectCard({ inject, unread = false, onRead, source = 'en' }: Props) {
  const { t } = useTranslation('exercise');
  const channel = channelOf(inject.channel);
  const channelLabel = t(`channels.${channel}`);
  const titleId = `inject-${inject.seq}-title`;
  const fb = fallbackFields(inject, inject.from ? ['title', 'from', 'body'] : ['title', 'body'], source);
  return (
    <article
      className={`ex-inject ex-channel-${channel}${unread ? ' ex-unread' : ''}`}
      aria-labelledby={titleId}
      data-channel={channel}
      data-inject-key={inject.key}
    >
      <header className="ex-inject-head">
        <span className="ex-inject-channel">
          <span className="ex-inject-icon" aria-hidden="true">
            {channelIcon(inject.channel)}
          </span>
          {channelLabel}
        </span>
        {unread && <span className="ex-badge ex-badge-new">{t('feed.new')}</span>}
        {fb.whole && <FallbackMark source={source} />}
        <time className="ex-inject-time" dateTime={inject.at}>
          {formatHms(inject.offsetSeconds)}
        </time>
      </header>
      <h3 id={titleId}>
        <InLang lang={fb.lang('title')}>{inject.title}</InLang>
        {fb.mark('title') && <> <FallbackMark source={source} /></>}
      </h3>
      {inject.from && (
        <p className="ex-inject-from">
          {isolate((v) => t('feed.from', v), { from: <bdi lang={fb.lang('from')}>{inject.from}</bdi> })}
          {fb.mark('from') && <> <FallbackMark source={source} /></>}
        </p>
      )}
      {fb.mark('body') && <FallbackMark source={source} />}
      <div className="ex-inject-body" lang={fb.lang('body')}>
        <Markdown>{inject.body}</Markdown>
      </div>
      {unread && onRead && (
        <button type="button" className="button small" onClick={onRead}>
          {t('feed.markRead')}
        </button>
      )}
    </article>
  );
}
