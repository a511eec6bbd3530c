/** Reads lines from the terminal in raw mode, echoing them or not (passwords are never echoed). */
import { VaultError } from '../core/errors';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACES = new Set(['\u007f', '\b']);

/** Keys typed ahead of the next prompt (a paste of several lines) wait here. */
let typedAhead = '';

export function readTtyLine(prompt: string, echo: boolean): Promise<string> {
  const input = process.stdin;
  const out = process.stderr;
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (err: Error | null, rest: string): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      out.write('\n');
      typedAhead = err ? '' : rest.replace(/^\n/, ''); // "\r\n" ends one line, not two
      const value = chars.join('');
      chars = [];
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      const keys = [...chunk];
      for (let i = 0; i < keys.length; i += 1) {
        const ch = keys[i]!;
        if (ch === '\r' || ch === '\n') return finish(null, keys.slice(i + 1).join(''));
        if (ch === CTRL_C || (ch === CTRL_D && chars.length === 0))
          return finish(new VaultError('USAGE', 'usage.interrupted'), '');
        if (BACKSPACES.has(ch)) {
          if (chars.pop() !== undefined && echo) out.write('\b \b');
        } else if (ch === CTRL_U) {
          if (echo) out.write('\b \b'.repeat(chars.length));
          chars = [];
        } else if (ch >= ' ') {
          chars.push(ch);
          if (echo) out.write(ch);
        }
      }
    };
    // Raw mode before the prompt: nothing typed after the prompt appears is ever echoed by the tty.
    input.setEncoding('utf8');
    input.setRawMode(true);
    out.write(prompt);
    input.on('data', onData);
    input.resume();
    if (typedAhead) {
      const pending = typedAhead;
      typedAhead = '';
      onData(pending);
    }
  });
}
