/**
 * 屏保 and 锁屏 on the page's clock: input (mouse, keyboard, wheel, touch) resets the idle time;
 * shared/idle.ts decides when the curtain falls and when the session must end. Input is reported
 * to the main process (at most every ACTIVITY_INTERVAL_MS) so it knows the seat is in use.
 */
import { useEffect, useRef, useState } from 'react';
import type { SessionInfo } from '../../../shared/contract';
import { idleVerdict } from '../../../shared/idle';

export const ACTIVITY_INTERVAL_MS = 10_000;
const INPUT_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;

export interface IdleHandlers {
  /** Input was seen and the last report is older than ACTIVITY_INTERVAL_MS. */
  onActivity(): void;
  /** The session must end now (the hook stops watching). */
  onEnd(reason: 'locked' | 'expired'): void;
}

export function useIdleCurtain(session: SessionInfo, handlers: IdleHandlers): boolean {
  const [curtain, setCurtain] = useState(false);
  const lastInput = useRef(0);
  const lastReport = useRef(0);
  const shown = useRef(false);
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  const { startedAt } = session;
  const { curtainSeconds, lockSeconds, sessionMaxHours } = session.policy;

  useEffect(() => {
    const policy = { curtainSeconds, lockSeconds, sessionMaxHours };
    let timer: number | undefined;
    let ended = false;
    let lastPoint = '';
    if (lastInput.current === 0) lastInput.current = Date.now();

    const check = () => {
      window.clearTimeout(timer);
      if (ended) return;
      const now = Date.now();
      const verdict = idleVerdict(now, lastInput.current, startedAt, policy);
      shown.current = verdict.curtain;
      setCurtain(verdict.curtain);
      if (verdict.end) {
        ended = true;
        handlersRef.current.onEnd(verdict.end);
        return;
      }
      timer = window.setTimeout(check, Math.max(100, verdict.nextChangeAt - now));
    };

    const onInput = (event: Event) => {
      if (event.type === 'mousemove') {
        // Only real movement counts (a layout change under a still pointer is not input).
        const { screenX, screenY } = event as MouseEvent;
        const point = `${screenX},${screenY}`;
        if (point === lastPoint) return;
        lastPoint = point;
      }
      // The key that lifts the curtain does nothing else (no Enter submitting a hidden form).
      if (shown.current && event.type === 'keydown') event.preventDefault();
      const now = Date.now();
      lastInput.current = now;
      if (now - lastReport.current >= ACTIVITY_INTERVAL_MS) {
        lastReport.current = now;
        handlersRef.current.onActivity();
      }
      check();
    };

    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true });
    check();
    return () => {
      ended = true;
      window.clearTimeout(timer);
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
    };
  }, [startedAt, curtainSeconds, lockSeconds, sessionMaxHours]);

  return curtain;
}
