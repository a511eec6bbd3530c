/** Secrets from the terminal without echo, or else one per line of stdin (read once) in the documented order. */
import { VaultError } from '../core/errors';
import { readTtyLine } from './tty';

export interface SecretReader {
  /** True when prompts go to a terminal; false when lines come from piped stdin. */
  readonly interactive: boolean;
  /** The next secret; on a terminal `confirm` asks twice and refuses a mismatch. */
  secret(what: string, options?: { confirm?: boolean }): Promise<string>;
  /** A visible answer (a username); terminal only. */
  ask(question: string): Promise<string>;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Splits stdin text into lines: "\n" separated, a trailing "\r" dropped, no phantom last line. */
export function stdinLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

class PipedSecrets implements SecretReader {
  readonly interactive = false;
  private lines: Promise<string[]> | null = null;
  private next = 0;

  async secret(what: string): Promise<string> {
    this.lines ??= readAllStdin().then(stdinLines);
    const lines = await this.lines;
    const line = lines[this.next];
    if (line === undefined) throw new VaultError('USAGE', 'secret.missing', { what });
    this.next += 1;
    return line;
  }

  ask(): Promise<string> {
    return Promise.reject(new VaultError('USAGE', 'usage.admin'));
  }
}

class TerminalSecrets implements SecretReader {
  readonly interactive = true;

  async secret(what: string, options: { confirm?: boolean } = {}): Promise<string> {
    const first = await readTtyLine(`${capitalise(what)}: `, false);
    if (!options.confirm) return first;
    const again = await readTtyLine(`${capitalise(what)} again: `, false);
    if (again !== first) throw new VaultError('INPUT_REJECTED', 'password.mismatch');
    return first;
  }

  ask(question: string): Promise<string> {
    return readTtyLine(`${capitalise(question)}: `, true);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function secretReader(): SecretReader {
  return process.stdin.isTTY ? new TerminalSecrets() : new PipedSecrets();
}
