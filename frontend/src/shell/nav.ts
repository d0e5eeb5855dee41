import type { Role } from '../api/types';

export interface NavItem {
  to: string;
  /** i18n key of the link text. */
  labelKey: 'nav.home' | 'nav.scenarios' | 'nav.users' | 'exercise:nav.workshops' | 'report:nav.dashboard';
  roles: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', labelKey: 'nav.home', roles: ['admin', 'facilitator'] },
  { to: '/workshops', labelKey: 'exercise:nav.workshops', roles: ['admin', 'facilitator'] },
  { to: '/scenarios', labelKey: 'nav.scenarios', roles: ['admin', 'facilitator'] },
  { to: '/dashboard', labelKey: 'report:nav.dashboard', roles: ['admin', 'facilitator'] },
  { to: '/users', labelKey: 'nav.users', roles: ['admin'] },
];

/** The navigation entries a user with `role` may see, in display order. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
