import { useEffect } from 'react';

/**
 * The participant's pages, loaded on first use (React.lazy in App.tsx) and fetched ahead
 * where it saves a round trip on a slow link: the page of the address the browser opens
 * starts downloading together with the translations (main.tsx), and the join page
 * fetches the room while the participant types their name.
 */
export const loadJoinPage = () => import('./exercise/guest/JoinPage');
export const loadRoomPage = () => import('./exercise/room/RoomPage');

/** Starts fetching the page of `pathname` when it is one of the participant's. */
export function preloadPage(pathname: string) {
  const load = pathname === '/join' ? loadJoinPage : /^\/exercises\/\d+\/room\/?$/.test(pathname) ? loadRoomPage : null;
  // A failed fetch is tried again, and reported, when the page itself is rendered.
  void load?.().catch(() => undefined);
}

/** On the join page: fetches the room's scripts while the participant types their name. */
export function PrefetchRoom() {
  useEffect(() => {
    void loadRoomPage().catch(() => undefined);
  }, []);
  return null;
}
