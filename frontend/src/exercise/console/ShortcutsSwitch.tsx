import { useTranslation } from 'react-i18next';
import { SHORTCUT_KEYS } from './shortcuts';

/** Says which single-key shortcuts the caller has and switches them off or on. */
export function ShortcutsSwitch({ on, onChange, clock, inject }: { on: boolean; onChange: (on: boolean) => void; clock: boolean; inject: boolean }) {
  const { t } = useTranslation('exercise');
  if (!clock && !inject) return null;
  return (
    <p className="ex-shortcuts">
      <label className="ex-check">
        <input type="checkbox" checked={on} aria-describedby="console-shortcut-keys" onChange={(e) => onChange(e.target.checked)} />
        {t('consoleLayout.shortcuts.label')}
      </label>
      <span className="muted" id="console-shortcut-keys">
        {clock && (
          <span>
            <kbd>{SHORTCUT_KEYS.pause.toUpperCase()}</kbd> {t('consoleLayout.shortcuts.pause')}
          </span>
        )}
        {clock && inject && ' · '}
        {inject && (
          <span>
            <kbd>{SHORTCUT_KEYS.release.toUpperCase()}</kbd> {t('consoleLayout.shortcuts.release')}
          </span>
        )}
      </span>
    </p>
  );
}
