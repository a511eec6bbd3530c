/** Small stand-ins for Electron objects (the runtime is not installed here), shaped as the main code uses them. */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  preventDefault: ReturnType<typeof vi.fn>;
  defaultPrevented(): boolean;
}

export function fakeEvent(): FakeEvent {
  const preventDefault = vi.fn();
  return { preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 };
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}

export function fakeFrame(
  url: string,
  ids: { processId?: number; routingId?: number; parent?: FakeFrame | null } = {},
): FakeFrame {
  return { url, parent: ids.parent ?? null, processId: ids.processId ?? 7, routingId: ids.routingId ?? 1 };
}

let nextContentsId = 1;

/** A web contents: an event emitter with a main frame, send() and a window-open handler slot. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  mainFrame: FakeFrame;
  readonly send = vi.fn();
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  constructor(url = 'app://strongroom/index.html') {
    super();
    this.mainFrame = fakeFrame(url, { processId: 100 + this.id });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** A session whose handlers are captured so tests can call them like Chromium would. */
export function fakeSession() {
  const emitter = new EventEmitter();
  const captured: {
    permissionRequest?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown,
    ) => void;
    permissionCheck?: (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
    devicePermission?: (details: unknown) => boolean;
    displayMedia?: (request: unknown, callback: (streams: unknown) => void) => void;
    beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
  } = {};
  const ses = {
    setPermissionRequestHandler: vi.fn((h: typeof captured.permissionRequest) => void (captured.permissionRequest = h)),
    setPermissionCheckHandler: vi.fn((h: typeof captured.permissionCheck) => void (captured.permissionCheck = h)),
    setDevicePermissionHandler: vi.fn((h: typeof captured.devicePermission) => void (captured.devicePermission = h)),
    setDisplayMediaRequestHandler: vi.fn((h: typeof captured.displayMedia) => void (captured.displayMedia = h)),
    setSpellCheckerEnabled: vi.fn(),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener)),
    emit: (event: string, ...args: unknown[]) => emitter.emit(event, ...args),
    webRequest: {
      onBeforeRequest: vi.fn((h: typeof captured.beforeRequest) => void (captured.beforeRequest = h)),
    },
  };
  /** What the session's request filter answers for a URL: true when it lets it through. */
  function allows(url: string): boolean {
    let cancel: boolean | undefined;
    captured.beforeRequest?.({ url }, (response) => void (cancel = response.cancel));
    if (cancel === undefined) throw new Error('request filter did not answer');
    return !cancel;
  }
  return { ses, captured, allows };
}
