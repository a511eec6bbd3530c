/** stdout for results (waits for the pipe to drain), stderr for errors and terminal-only progress. */
import { once } from 'node:events';

export interface Output {
  /** Writes text to stdout, waiting when the reader is slower than we are. */
  write(text: string): Promise<void>;
  line(text: string): Promise<void>;
  /** One JSON value on one line. */
  json(value: unknown): Promise<void>;
  /** Progress on stderr, only when stderr is a terminal; `null` clears it. */
  progress(text: string | null): void;
  /** One error line on stderr. */
  error(message: string): void;
}

/** stdout went away (EPIPE: the reader, e.g. `| head`, stopped reading) or failed. */
export class OutputClosed extends Error {
  constructor(readonly byReader: boolean) {
    super('stdout closed');
  }
}

export function processOutput(): Output {
  const stdout = process.stdout;
  const stderr = process.stderr;
  const showProgress = stderr.isTTY === true;
  let progressShown = false;
  let closed: OutputClosed | null = null;
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    closed = new OutputClosed(err.code === 'EPIPE');
  });
  const assertOpen = (): void => {
    if (closed) throw closed;
  };
  const write = async (text: string): Promise<void> => {
    assertOpen();
    if (stdout.write(text)) return;
    // Wait for the reader, but not forever if stdout fails meanwhile.
    const ac = new AbortController();
    await Promise.race([
      once(stdout, 'drain', { signal: ac.signal }),
      once(stdout, 'error', { signal: ac.signal }),
    ]).catch(() => undefined);
    ac.abort();
    assertOpen();
  };
  return {
    write,
    line: (text) => write(`${text}\n`),
    json: (value) => write(`${JSON.stringify(value)}\n`),
    progress(text) {
      if (!showProgress) return;
      if (text === null) {
        if (progressShown) stderr.write('\r\x1b[K');
        progressShown = false;
        return;
      }
      stderr.write(`\r\x1b[K${text}`);
      progressShown = true;
    },
    error(message) {
      this.progress(null);
      stderr.write(`strongroom: ${message.replace(/[\r\n]+/g, ' ')}\n`);
    },
  };
}

/** UTC ISO 8601 for an epoch-milliseconds timestamp. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Pads columns for a small human-readable table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}
