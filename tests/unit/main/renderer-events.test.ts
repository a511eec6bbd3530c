/** Router events reach the window on the event channel, and vanish when there is no window. */
import { describe, expect, it, vi } from 'vitest';
import { rendererEmitter } from '../../../electron/main/renderer-events';
import { IPC_EVENT_CHANNEL } from '../../../shared/ipc-names';

describe('renderer events', () => {
  it('sends {event, payload} on the event channel', () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    rendererEmitter(() => contents)('audit.verifyProgress', { done: 1, total: 2 });
    expect(contents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, {
      event: 'audit.verifyProgress',
      payload: { done: 1, total: 2 },
    });
  });

  it('drops events when the window is gone or destroyed', () => {
    const destroyed = { send: vi.fn(), isDestroyed: () => true };
    expect(() => rendererEmitter(() => null)('session.ended', { reason: 'locked' })).not.toThrow();
    rendererEmitter(() => destroyed)('session.ended', { reason: 'locked' });
    expect(destroyed.send).not.toHaveBeenCalled();
  });
});
