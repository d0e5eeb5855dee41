import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ownName } from './translations/languages';

/** The address of a document printed from a scenario version, in `lang` when it is not the source language. */
export function handbookURL(id: string, version: number, file: string, lang?: string): string {
  const l = lang ? `&lang=${encodeURIComponent(lang)}` : '';
  return `/api/v1/scenarios/${encodeURIComponent(id)}/${file}?version=${version}${l}`;
}

interface Props {
  id: string;
  version: number;
  /** The languages the scenario can be read in, its source language first. */
  languages?: readonly string[];
  teams: readonly { key: string; name: string }[];
}

/**
 * The documents the server prints from a scenario: the facilitator guide
 * (PDF and Word) and each team's situation manual (PDF), in one of the
 * scenario's languages.
 */
export function HandbookTools({ id, version, languages = [], teams }: Props) {
  const { t } = useTranslation();
  const langId = useId();
  const teamId = useId();
  const [chosen, setChosen] = useState('');
  const [team, setTeam] = useState('');
  const lang = languages.includes(chosen) ? chosen : languages[0];
  const other = lang && lang !== languages[0] ? lang : undefined;
  const suffix = other ? `-${other}` : '';
  const teamKey = teams.some((x) => x.key === team) ? team : (teams[0]?.key ?? '');

  return (
    <section className="handbook-tools" aria-labelledby={`${langId}-title`}>
      <h2 id={`${langId}-title`} className="handbook-title">
        {t('handbook.title')}
      </h2>
      {languages.length > 1 && (
        <span className="handbook-field">
          <label htmlFor={langId}>{t('handbook.language')}</label>{' '}
          <select id={langId} value={lang} onChange={(e) => setChosen(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {ownName(l)}
              </option>
            ))}
          </select>
        </span>
      )}
      <a className="button" href={handbookURL(id, version, 'guide.pdf', other)} download={`${id}-guide${suffix}.pdf`}>
        {t('handbook.guidePdf')}
      </a>
      <a className="button" href={handbookURL(id, version, 'guide.docx', other)} download={`${id}-guide${suffix}.docx`}>
        {t('handbook.guideDocx')}
      </a>
      {teams.length > 0 && (
        <span className="handbook-field">
          <label htmlFor={teamId}>{t('handbook.team')}</label>{' '}
          <select id={teamId} value={teamKey} onChange={(e) => setTeam(e.target.value)}>
            {teams.map((x) => (
              <option key={x.key} value={x.key}>
                {x.name}
              </option>
            ))}
          </select>{' '}
          <a
            className="button"
            href={handbookURL(id, version, `manual/${encodeURIComponent(teamKey)}.pdf`, other)}
            download={`${id}-manual-${teamKey}${suffix}.pdf`}
          >
            {t('handbook.manual')}
          </a>
        </span>
      )}
    </section>
  );
}
