import { useEffect, useState } from 'react';
import { exerciseSeconds, type ClockReading } from '../clock';

/**
 * The exercise time now, in whole seconds, ticking while the clock runs. It ticks four
 * times a second like the clock on screen, so that a time-to-go beside it keeps pace at 10×.
 */
export function useExerciseSeconds(reading: ClockReading | null, skewMs = 0): number {
  const [now, setNow] = useState(() => Date.now());
  const running = reading?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [running]);
  return reading ? Math.floor(exerciseSeconds(reading, now + skewMs)) : 0;
}
