import { useTranslation } from 'react-i18next';
import { useCBMs, type CBMList } from '../api/scenarios';

/** The short title of CBM `key` in `catalogue` (or any catalogue that has the key). */
export function cbmTitle(list: CBMList | undefined, key: string, catalogue?: string): string | undefined {
  if (!list) return undefined;
  const ordered = [...list.catalogues].sort((a, b) => {
    const want = catalogue || list.default;
    return (a.id === want ? 0 : 1) - (b.id === want ? 0 : 1);
  });
  for (const c of ordered) {
    const item = c.items.find((i) => i.key === key);
    if (item) return item.title;
  }
  return undefined;
}

/** "CBM 8" with the measure's short title as a tooltip (and for screen readers). */
export function CbmChip({ cbm, catalogue }: { cbm: string; catalogue?: string }) {
  const { t } = useTranslation();
  const cbms = useCBMs();
  const title = cbmTitle(cbms.data, cbm, catalogue);
  const label = /^\d+$/.test(cbm) ? t('scenarios.cbmChip', { key: cbm }) : cbm;
  return (
    <span className="chip" title={title} data-cbm={cbm}>
      {label}
      {title && <span className="visually-hidden">: {title}</span>}
    </span>
  );
}

export function CbmChips({ cbms, catalogue }: { cbms: readonly string[]; catalogue?: string }) {
  const { t } = useTranslation();
  if (cbms.length === 0) return null;
  return (
    <ul className="chips" aria-label={t('scenarios.cbmsLabel')}>
      {cbms.map((c) => (
        <li key={c}>
          <CbmChip cbm={c} catalogue={catalogue} />
        </li>
      ))}
    </ul>
  );
}
