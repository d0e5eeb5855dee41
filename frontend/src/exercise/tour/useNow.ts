import { useEffect, useState } from 'react';

/**
 * Our clock plus skew, refreshed every second while on: a countdown's "now". It is read
 * again as soon as the countdown starts, not only a second later.
 */
export function useNow(skewMs: number, on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, 1000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [on, skewMs]);
  return now + skewMs;
}
