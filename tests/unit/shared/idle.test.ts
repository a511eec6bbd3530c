import { describe, expect, it } from 'vitest';
import { idleVerdict } from '../../../shared/idle';

const POLICY = { curtainSeconds: 30, lockSeconds: 600, sessionMaxHours: 12 };
const T0 = 1_000_000;

describe('idle verdict (屏保 30 s, 锁屏 10 min, 12 h lifetime)', () => {
  it('stays open and uncurtained before 30 s of idleness', () => {
    expect(idleVerdict(T0 + 29_999, T0, T0, POLICY)).toEqual({ curtain: false, end: null, nextChangeAt: T0 + 30_000 });
  });

  it('curtains at 30 s and says when the lock comes', () => {
    expect(idleVerdict(T0 + 30_000, T0, T0, POLICY)).toEqual({ curtain: true, end: null, nextChangeAt: T0 + 600_000 });
  });

  it('locks at 10 minutes of idleness', () => {
    expect(idleVerdict(T0 + 600_000, T0, T0, POLICY).end).toBe('locked');
    expect(idleVerdict(T0 + 599_999, T0, T0, POLICY).end).toBeNull();
  });

  it('input lifts the curtain and restarts both delays', () => {
    expect(idleVerdict(T0 + 45_000, T0 + 40_000, T0, POLICY)).toMatchObject({ curtain: false, end: null });
  });

  it('ends the session after 12 hours whatever the activity', () => {
    const end = T0 + 12 * 3_600_000;
    expect(idleVerdict(end, end - 1, T0, POLICY).end).toBe('expired');
    expect(idleVerdict(end - 1, end - 2, T0, POLICY).nextChangeAt).toBe(end);
  });

  it('follows the policy when IT shortens the delays to the 30 s floor', () => {
    const tight = { curtainSeconds: 30, lockSeconds: 30, sessionMaxHours: 1 };
    expect(idleVerdict(T0 + 30_000, T0, T0, tight)).toMatchObject({ curtain: true, end: 'locked' });
  });
});
