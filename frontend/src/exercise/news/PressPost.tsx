import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../components/ApiError';
import { useSendMessage } from '../messages/api';
import { useActors } from '../whitecell';
import { NEWS, SOCIAL } from './feed';

/** How long a social-media post may be, like the platforms it imitates. */
export const POST_MAX = 280;

/** The subject the server needs for a post without a headline: its first line, shortened. */
export function postSubject(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * The white cell writes the press: a story as a news outlet, or a short post as a
 * social-media account, from one of the scenario's media actors, to every team. The teams
 * see the outlet; the log keeps the facilitator's name for the staff.
 */
export function PressPost({ exerciseId }: { exerciseId: number }) {
  const { t } = useTranslation('exercise');
  const media = useActors(exerciseId).filter((a) => a.kind === 'media');
  const send = useSendMessage(exerciseId);
  const [actor, setActor] = useState('');
  const [format, setFormat] = useState<'story' | 'post'>('story');
  const [headline, setHeadline] = useState('');
  const [text, setText] = useState('');
  const [sent, setSent] = useState('');
  const chosen = actor || media[0]?.key || '';
  const story = format === 'story';
  const ready = !!chosen && !!text.trim() && (!story || !!headline.trim()) && (story || text.length <= POST_MAX);

  return (
    <section className="card news-press-post" aria-labelledby="press-post-title">
      <h2 id="press-post-title">{t('news.post.title')}</h2>
      {media.length === 0 ? (
        <p className="muted">{t('news.post.noMedia')}</p>
      ) : (
        <form
          className="ex-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!ready) return;
            setSent('');
            send.mutate(
              {
                channel: story ? NEWS : SOCIAL,
                as_actor: chosen,
                subject: story ? headline.trim() : postSubject(text),
                body: text,
                to: [],
                cbms: [],
                kind: '',
              },
              {
                onSuccess: () => {
                  setHeadline('');
                  setText('');
                  setSent(t('news.post.sent'));
                },
              },
            );
          }}
        >
          <p className="muted">{t('news.post.intro')}</p>
          <label>
            {t('news.post.as')}
            <select value={chosen} onChange={(e) => setActor(e.target.value)}>
              {media.map((a) => (
                <option key={a.key} value={a.key} lang={a.lang}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="news-format">
            <legend>{t('news.post.format')}</legend>
            <label>
              <input type="radio" name="press-format" checked={story} onChange={() => setFormat('story')} /> {t('news.post.story')}
            </label>
            <label>
              <input type="radio" name="press-format" checked={!story} onChange={() => setFormat('post')} /> {t('news.post.post')}
            </label>
          </fieldset>
          {story && (
            <label>
              {t('news.post.headline')}
              <input value={headline} maxLength={200} onChange={(e) => setHeadline(e.target.value)} />
            </label>
          )}
          <label>
            {story ? t('news.post.body') : t('news.post.postText', { max: POST_MAX })}
            <textarea rows={story ? 5 : 3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={story ? undefined : 'press-post-count'} />
          </label>
          {!story && (
            <p id="press-post-count" className={`muted${text.length > POST_MAX ? ' news-over' : ''}`}>
              {t('news.post.count', { length: text.length, max: POST_MAX })}
            </p>
          )}
          <ApiError error={send.error} />
          <div className="ex-toolbar">
            <button type="submit" className="button primary" disabled={!ready || send.isPending}>
              {t('news.post.publish')}
            </button>
            <span role="status">{sent}</span>
          </div>
        </form>
      )}
    </section>
  );
}
