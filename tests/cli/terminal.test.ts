/** On a terminal (a pty from util-linux `script`): prompts on stderr, passwords never echoed. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../fixtures/vault';
import { BIN, ROOT } from './run-cli';

const hasScript = spawnSync('script', ['--version']).status === 0;
const PASSWORD = 'Typed2026secret';

/** Runs the CLI on a pty, answering each prompt when it appears; returns the screen and exit code. */
function onTerminal(
  args: string[],
  answers: [prompt: string, reply: string][],
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  const pending = [...answers];
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    screen += text;
    const next = pending[0];
    if (next && screen.trimEnd().endsWith(next[0])) {
      pending.shift();
      child.stdin.write(next[1]);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, screen })));
}

let root: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir: root, cleanup } = await tempDir('strongroom-cli-tty-'));
});
afterAll(() => cleanup());

describe.skipIf(!hasScript)('on a terminal', () => {
  it('init asks for the username, then the password twice; passwd asks the new one twice; never echoed', async () => {
    const dataDir = path.join(root, 'vault');
    const { code, screen } = await onTerminal(
      ['--data-dir', dataDir, 'init'],
      [
        ['Username of the first IT account:', 'it.zhao\r'],
        ['Password for it.zhao:', `${PASSWORD}\r`],
        ['Password for it.zhao again:', `${PASSWORD}\r`],
      ],
    );
    expect(code).toBe(0);
    expect(screen).toContain('it.zhao'); // the username is echoed
    expect(screen).not.toContain(PASSWORD);
    expect(screen).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);

    const signIn = await onTerminal(
      ['--data-dir', dataDir, 'login', 'it.zhao'],
      [['Password for it.zhao:', `${PASSWORD}\r`]],
    );
    expect(signIn.code).toBe(0);
    expect(signIn.screen).not.toContain(PASSWORD);
    expect(signIn.screen).toMatch(/\bok\b/);

    const NEXT = 'Harbor7typed';
    const changed = await onTerminal(
      ['--data-dir', dataDir, 'passwd', 'it.zhao'],
      [
        ['Current password for it.zhao:', `${PASSWORD}\r`],
        ['New password for it.zhao:', `${NEXT}\r`],
        ['New password for it.zhao again:', `${NEXT}\r`],
      ],
    );
    expect(changed.code).toBe(0);
    expect(changed.screen).toContain('password changed for it.zhao');
    expect(changed.screen).not.toContain(PASSWORD);
    expect(changed.screen).not.toContain(NEXT);
  });

  it('refuses two different passwords (7) and creates nothing', async () => {
    const dataDir = path.join(root, 'mismatch');
    const { code, screen } = await onTerminal(
      ['--data-dir', dataDir, 'init', '--admin', 'it.zhao'],
      [
        ['Password for it.zhao:', `${PASSWORD}\r`],
        ['Password for it.zhao again:', 'Other2026secret\r'],
      ],
    );
    expect(code).toBe(7);
    expect(screen).toContain('strongroom: the two passwords differ');
    expect(screen).not.toContain(PASSWORD);
    expect(existsSync(dataDir)).toBe(false);
  });
});
