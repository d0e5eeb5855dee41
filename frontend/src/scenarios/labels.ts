import type { TFunction } from 'i18next';

/** The translated name of a scenario level; an unknown level is shown as written. */
export function levelLabel(t: TFunction, level: string): string {
  return level === 'introductory' || level === 'intermediate' || level === 'advanced' ? t(`scenarios.level.${level}`) : level;
}
