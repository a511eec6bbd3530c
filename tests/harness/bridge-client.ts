/**
 * The harness's `window.strongroom`: the StrongroomBridge interface over a loopback WebSocket.
 * Served as a classic script before the app bundle; reads the per-run token from the URL fragment.
 */
(() => {
  type Bridge = import('../../shared/contract').StrongroomBridge;
  type Result = Awaited<ReturnType<Bridge['invoke']>>;
  type Message = { type: 'result'; id: number; result: Result } | { type: 'event'; event: string; payload: unknown };

  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const socket = new WebSocket(`ws://${window.location.host}/__harness/ws`, ['strongroom-harness', `token.${token}`]);
  const pending = new Map<number, (result: Result) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const lost: Result = { ok: false, code: 'INTERNAL', key: 'internal' };
  let nextId = 1;
  let closed = false;

  const opened = new Promise<void>((resolve) => {
    socket.addEventListener('open', () => resolve());
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const settle of pending.values()) settle(lost);
    pending.clear();
  });
  socket.addEventListener('message', (ev: MessageEvent<string>) => {
    const msg = JSON.parse(ev.data) as Message;
    if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (msg.type === 'event') {
      for (const listener of listeners.get(msg.event) ?? []) listener(msg.payload);
    }
  });

  const bridge = {
    async invoke(name: string, input: unknown): Promise<Result> {
      await Promise.race([opened, new Promise((r) => socket.addEventListener('close', r))]);
      if (closed) return lost;
      const id = nextId++;
      return new Promise<Result>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'invoke', id, name, input }));
      });
    },
    subscribe(event: string, listener: (payload: unknown) => void): () => void {
      // A fresh wrapper per subscription, so the same function subscribed twice unsubscribes once each.
      const wrapped = (payload: unknown) => listener(payload);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
  };
  Object.defineProperty(window, 'strongroom', { value: Object.freeze(bridge as unknown as Bridge), enumerable: true });
})();
