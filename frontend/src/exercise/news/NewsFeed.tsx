import { useTranslation } from 'react-i18next';
import { Markdown } from '../../components/Markdown';
import { formatHms } from '../clock';
import { fallbackFields, FallbackMark } from '../components/Fallback';
import { useUiLanguage } from '../language';
import { MessageLanguage } from '../messages/shared';
import { splitPosts, type NewsFeed as Feed, type NewsItem } from './feed';
import './news.css';

/** The languages of an item's texts: an inject's per field (translated), a message's its sender's. */
function useLangs(item: NewsItem, source: string) {
  const reader = useUiLanguage();
  if (item.inject) {
    const fb = fallbackFields(item.inject, item.inject.from ? ['title', 'from', 'body'] : ['title', 'body'], source);
    return {
      headline: fb.lang('title'),
      author: fb.lang('from'),
      body: fb.lang('body'),
      fallback: fb.whole || fb.mark('body'),
      written: undefined,
    };
  }
  const other = item.lang && item.lang !== reader ? item.lang : undefined;
  return { headline: other, author: undefined, body: other, fallback: false, written: other };
}

function Time({ item }: { item: NewsItem }) {
  const { t } = useTranslation('exercise');
  return (
    <time dateTime={item.at} className="news-time">
      <span className="visually-hidden">{t('news.exerciseTime')} </span>
      {formatHms(item.offsetSeconds)}
    </time>
  );
}

function Story({ item, lead, source }: { item: NewsItem; lead: boolean; source: string }) {
  const { t } = useTranslation('exercise');
  const langs = useLangs(item, source);
  const strict = item.inject ? undefined : { external: t('messages.external'), image: t('messages.image') };
  const hid = `news-${item.id}-h`;
  return (
    <article className={`news-story news-${item.kind}${lead ? ' news-lead' : ''}`} aria-labelledby={hid} data-news-id={item.id} data-kind={item.kind}>
      <p className="news-kicker">{item.kind === 'statement' ? t('news.statement') : t('news.story')}</p>
      <h4 id={hid} className="news-headline" lang={langs.headline}>
        {item.headline}
      </h4>
      <p className="news-byline">
        {item.kind === 'statement' ? (
          <bdi>{t('news.statementBy', { team: item.author })}</bdi>
        ) : (
          item.author && <bdi lang={langs.author}>{item.author}</bdi>
        )}
        {item.author && ' · '}
        <Time item={item} />
        {langs.fallback && (
          <>
            {' '}
            <FallbackMark source={source} />
          </>
        )}
        {langs.written && (
          <>
            {' '}
            <MessageLanguage lang={langs.written} />
          </>
        )}
      </p>
      <div className="news-body" lang={langs.body}>
        <Markdown strict={strict}>{item.body}</Markdown>
      </div>
    </article>
  );
}

function Avatar({ name }: { name: string }) {
  const letter = [...name.replace(/^[@#\s]+/, '')][0]?.toUpperCase() ?? '?';
  return (
    <span className="news-avatar" aria-hidden="true">
      {letter}
    </span>
  );
}

/** One short post: avatar, account, handle, time and text. */
function Post({ name, handle, text, item, lang, nameLang }: { name: string; handle?: string; text: string; item: NewsItem; lang?: string; nameLang?: string }) {
  return (
    <article className="news-post" data-news-id={item.id} aria-label={name}>
      <Avatar name={name} />
      <div className="news-post-main">
        <p className="news-post-head">
          <strong>
            <bdi lang={nameLang}>{name}</bdi>
          </strong>
          {handle && (
            <>
              {' '}
              <span className="news-handle">
                <bdi>{handle}</bdi>
              </span>
            </>
          )}
          {' · '}
          <Time item={item} />
        </p>
        <div className="news-post-text" lang={lang}>
          <Markdown>{text}</Markdown>
        </div>
      </div>
    </article>
  );
}

/** A social-media item: a post by a media actor, or an inject's posts under its trend. */
function Social({ item, source }: { item: NewsItem; source: string }) {
  const langs = useLangs(item, source);
  if (!item.inject) {
    return <Post name={item.author} handle={item.handle} text={item.body} item={item} lang={langs.body} />;
  }
  const posts = splitPosts(item.body);
  return (
    <div className="news-trend" data-news-id={item.id}>
      <p className="news-trend-title">
        <strong lang={langs.headline}>{item.headline}</strong>
        {item.author && (
          <>
            {' · '}
            <bdi lang={langs.author}>{item.author}</bdi>
          </>
        )}
        {langs.fallback && (
          <>
            {' '}
            <FallbackMark source={source} />
          </>
        )}
      </p>
      <ol className="news-timeline">
        {posts.map((p, i) => (
          <li key={i}>
            <Post name={p.handle || item.author || item.headline} text={p.text} item={item} lang={langs.body} nameLang={p.handle ? langs.body : langs.author} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The phase whose scenario clock ("Day 1, 04:10 local") dates the paper. */
export interface Dateline {
  clock: string;
  lang?: string;
  fallback?: readonly string[] | null;
}

/**
 * The press as a news site: a masthead, the stories newest first (the newest as the
 * lead) and the social-media timeline beside them, or under them on a phone.
 */
export function NewsFeed({ feed, source, phase }: { feed: Feed; source: string; phase?: Dateline | null }) {
  const { t } = useTranslation('exercise');
  const dateline = phase?.clock;
  return (
    <section className="news" aria-labelledby="news-masthead">
      <header className="news-masthead">
        {dateline && (
          <p className="news-dateline" lang={fallbackFields(phase, ['clock'], source).lang('clock')}>
            {dateline}
          </p>
        )}
        <h2 id="news-masthead" tabIndex={-1}>
          {t('news.masthead')}
        </h2>
        <p className="news-tagline">{t('news.tagline')}</p>
      </header>
      <div className="news-columns">
        <div className="news-stories">
          <h3 className="news-section-title">{t('news.stories')}</h3>
          {feed.stories.length === 0 ? (
            <p className="muted">{t('news.noStories')}</p>
          ) : (
            <ol className="news-list">
              {feed.stories.map((s, i) => (
                <li key={s.id}>
                  <Story item={s} lead={i === 0} source={source} />
                </li>
              ))}
            </ol>
          )}
        </div>
        <aside className="news-social" aria-labelledby="news-social-title">
          <h3 id="news-social-title" className="news-section-title">
            {t('news.social')}
          </h3>
          {feed.posts.length === 0 ? (
            <p className="muted">{t('news.noPosts')}</p>
          ) : (
            <ol className="news-list">
              {feed.posts.map((p) => (
                <li key={p.id}>
                  <Social item={p} source={source} />
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
    </section>
  );
}
