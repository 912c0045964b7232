import { useEffect } from 'react';

/** The plan's terminal default: a minute without a touch ends the visit. */
export const KIOSK_IDLE_SECONDS = 60;

/** `?idle=5` shortens it for a test or a demo (1 to 600 s); anything else keeps the default. */
export function idleSecondsOf(search: URLSearchParams): number {
  const n = Number(search.get('idle'));
  return Number.isInteger(n) && n >= 1 && n <= 600 ? n : KIOSK_IDLE_SECONDS;
}

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'input'] as const;

/** Calls onIdle after `seconds` without a touch, a key or an input; each one starts the wait again. */
export function useIdleReset(seconds: number, onIdle: () => void): void {
  useEffect(() => {
    let timer = window.setTimeout(onIdle, seconds * 1000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, seconds * 1000);
    };
    for (const e of ACTIVITY) document.addEventListener(e, restart, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const e of ACTIVITY) document.removeEventListener(e, restart, { capture: true });
    };
  }, [seconds, onIdle]);
}
