import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One panel of the console, behind its tab. */
export interface ConsoleTab {
  key: string;
  label: string;
  /** How many things in the panel wait for someone (shown on the tab when above 0). */
  count?: number;
  /** The count in words, for screen readers ("2 open requests"). */
  countLabel?: string;
  panel: ReactNode;
}

/** The tab a facilitator chose last in this exercise, kept for this browser tab's session. */
export function storedTab(storageKey: string): string | null {
  try {
    return window.sessionStorage.getItem(storageKey);
  } catch {
    return null; // storage can be switched off; the console then starts on its default tab
  }
}

function storeTab(storageKey: string, key: string) {
  try {
    window.sessionStorage.setItem(storageKey, key);
  } catch {
    // as above: nothing to remember then
  }
}

/**
 * The console's panels as tabs (the WAI-ARIA tabs pattern: arrow keys, Home and End move
 * between the tabs and select them, one tab stop). Every panel stays mounted and only the
 * chosen one is shown, so a half-written note, a filter or an open thread survive a switch.
 */
export function ConsoleTabs({
  tabs,
  label,
  storageKey,
  defaultKey,
  idPrefix = 'console',
}: {
  tabs: readonly ConsoleTab[];
  label: string;
  storageKey: string;
  defaultKey: string;
  idPrefix?: string;
}) {
  const [chosen, setChosen] = useState(() => storedTab(storageKey) ?? defaultKey);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  // A stored tab this caller does not have (another duty, the log beside the tabs on a
  // wide screen) falls back to the default, then to the first.
  const active = tabs.some((t) => t.key === chosen)
    ? chosen
    : tabs.some((t) => t.key === defaultKey)
      ? defaultKey
      : (tabs[0]?.key ?? '');

  const choose = (key: string, focus = false) => {
    setChosen(key);
    storeTab(storageKey, key);
    if (focus) refs.current.get(key)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.key === active);
    const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = rtl ? i - 1 : i + 1;
    else if (e.key === 'ArrowLeft') next = rtl ? i + 1 : i - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next === null || tabs.length === 0) return;
    e.preventDefault();
    choose(tabs[(next + tabs.length) % tabs.length]!.key, true);
  };

  return (
    <div className="ex-tabs">
      <div className="ex-tablist" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const selected = tab.key === active;
          const count = tab.count ?? 0;
          return (
            <button
              key={tab.key}
              ref={(el) => {
                if (el) refs.current.set(tab.key, el);
                else refs.current.delete(tab.key);
              }}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${tab.key}`}
              aria-selected={selected}
              aria-controls={`${idPrefix}-panel-${tab.key}`}
              tabIndex={selected ? 0 : -1}
              className="ex-tab"
              data-tab={tab.key}
              onClick={() => choose(tab.key)}
            >
              {tab.label}
              {count > 0 && (
                <>
                  {' '}
                  <span className="ex-tab-count" aria-hidden="true" data-testid={`tab-count-${tab.key}`}>
                    {count}
                  </span>
                  <span className="visually-hidden">({tab.countLabel ?? count})</span>
                </>
              )}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={`${idPrefix}-panel-${tab.key}`}
          aria-labelledby={`${idPrefix}-tab-${tab.key}`}
          className="ex-tabpanel"
          data-panel={tab.key}
          hidden={tab.key !== active}
          tabIndex={0}
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
