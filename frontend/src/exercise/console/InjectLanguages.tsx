import { useTranslation } from 'react-i18next';
import { isolate } from '../../components/Bidi';
import { Markdown } from '../../components/Markdown';
import { useInjectTexts, type InjectTexts } from '../api';
import { nativeName } from '../language';

type Text = InjectTexts['texts'][number];

/** The source first, then the translations in the server's order. */
function ordered(data: InjectTexts): Text[] {
  const source = data.texts.filter((x) => x.language === data.source_language);
  return [...source, ...data.texts.filter((x) => x.language !== data.source_language)];
}

/**
 * The inject in its source language and in each translation, with the state of each
 * (translated, out of date, missing), so a facilitator reads exactly what a team reading
 * another language sees. Shown under the inject's row of the timeline when its
 * "Translations" button (a globe beside its state) is pressed, and fetched then.
 */
export function InjectLanguages({ exerciseId, injectKey }: { exerciseId: number; injectKey: string }) {
  const { t } = useTranslation('exercise');
  const texts = useInjectTexts(exerciseId, injectKey, true);
  const data = texts.data;
  return (
    <div className="ex-inject-langs">
      {texts.isPending && <p role="status">{t('common.loading')}</p>}
      {texts.isError && (
        <p className="alert error" role="alert">
          {t('common.loadFailed', { message: texts.error.message })}
        </p>
      )}
      {data && data.texts.length <= 1 && <p className="muted">{t('language.noTranslations')}</p>}
      {data && (
        <ul className="ex-inject-langs-list">
          {ordered(data).map((x) => {
            const isSource = x.language === data.source_language;
            // A translation that is not current is not shown to teams: they read the source.
            const seesSource = !isSource && x.state !== 'done';
            return (
              <li key={x.language} data-language={x.language} data-state={x.state}>
                <p className="ex-inject-langs-head">
                  <strong lang={x.language}>{nativeName(x.language)}</strong>{' '}
                  {isSource ? (
                    <span className="ex-badge">{t('language.source')}</span>
                  ) : (
                    <span className={`ex-badge ex-text-${x.state}`}>{t(`language.state.${x.state}`)}</span>
                  )}
                </p>
                {seesSource && <p className="field-hint">{t('language.seesSource')}</p>}
                {(x.title || x.body) && (
                  <div className="ex-inject-langs-text">
                    <p className="ex-inject-langs-title" lang={x.language}>
                      {x.title}
                    </p>
                    {x.from && (
                      <p className="ex-inject-from">
                        {isolate((v) => t('feed.from', v), { from: <bdi lang={x.language}>{x.from}</bdi> })}
                      </p>
                    )}
                    <div lang={x.language}>
                      <Markdown>{x.body}</Markdown>
                    </div>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
