import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Opens the <details> inside once, when it is mounted: in a tab of its own a folded card
 * would ask for a second click (it can still be folded by hand).
 */
export function OpenDetails({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const details = ref.current?.querySelector('details');
    if (details) details.open = true;
  }, []);
  return <div ref={ref}>{children}</div>;
}
