/**
 * 屏保 and 锁屏 — what idleness means, as one pure function: the renderer uses it for the
 * curtain, the main process for the lock, so both agree and both can be tested with a fake clock.
 */
export interface IdlePolicy {
  curtainSeconds: number;
  lockSeconds: number;
  sessionMaxHours: number;
}

export interface IdleVerdict {
  /** Case data must be hidden (any input lifts the curtain). */
  curtain: boolean;
  /** The session must end now, and why. */
  end: 'locked' | 'expired' | null;
  /** When the verdict next changes without new input (ms since the epoch). */
  nextChangeAt: number;
}

export function idleVerdict(now: number, lastInputAt: number, startedAt: number, policy: IdlePolicy): IdleVerdict {
  const curtainAt = lastInputAt + policy.curtainSeconds * 1000;
  const lockAt = lastInputAt + policy.lockSeconds * 1000;
  const expireAt = startedAt + policy.sessionMaxHours * 3_600_000;
  // A clock set backwards must not make a session look fresh: never trust input "from the future".
  const idleFor = now - Math.min(lastInputAt, now);
  if (now >= expireAt) return { curtain: true, end: 'expired', nextChangeAt: now };
  if (idleFor >= policy.lockSeconds * 1000) return { curtain: true, end: 'locked', nextChangeAt: now };
  const curtain = idleFor >= policy.curtainSeconds * 1000;
  const nextChangeAt = Math.min(curtain ? lockAt : curtainAt, expireAt);
  return { curtain, end: null, nextChangeAt };
}
