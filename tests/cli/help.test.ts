/** --help documents the exit codes and, per command, the order of stdin lines; messages cover the core. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CommanderError } from 'commander';
import type { StrengthProblem } from '../../electron/core/accounts/password-strength';
import { REFUSAL_KEY } from '../../electron/core/access/two-person';
import { defaultIo } from '../../electron/cli/context';
import { MESSAGES } from '../../electron/cli/messages';
import { processOutput } from '../../electron/cli/output';
import { buildProgram } from '../../electron/cli/program';
import { secretReader } from '../../electron/cli/secrets';
import { cli, ROOT } from './run-cli';

describe('strongroom --help', () => {
  it('lists every exit code and the data-dir environment variable', async () => {
    const result = await cli(['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 8])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${code}\\s+\\w`, 'm'));
    expect(result.stdout).toContain('STRONGROOM_DATA_DIR');
  });

  it('documents the stdin order of each command', async () => {
    const expectations: [string[], RegExp][] = [
      [['init'], /1\. the password of the --admin account/],
      [['login'], /1\. the password of USER/],
      [['passwd'], /1\. the current password of USER\s+2\. the new password/],
      [
        ['user', 'add'],
        /1\. the password of the --as account\s+2\. the initial \(one-time\) password of the new account\s+3\. with --approver: the approver's password/,
      ],
      [['user', 'list'], /1\. the password of the --as account/],
      [['user', 'reset'], /1\. the password of the --as account\s+2\. with --approver: the approver's password/],
      [['user', 'unlock'], /1\. the password of the --as account/],
      [['user', 'close'], /1\. the password of the --as account/],
      [['key', 'rotate'], /1\. the password of the --as account/],
      [['user', 'role'], /1\. the password of the --as account\s+2\. with --approver: the approver's password/],
      [['seat', 'id'], /stdin: not read/],
      [['seat', 'list'], /1\. the password of the --as account/],
      [['seat', 'bind'], /1\. the password of the --as account/],
      [['seat', 'unbind'], /1\. the password of the --as account/],
      [['seat', 'flag'], /1\. the password of the --as account/],
      [['ledger', 'daily'], /1\. the password of the --as account/],
      [['audit', 'verify'], /1\. the password of the --as account/],
      [['audit', 'anchor'], /1\. the password of the --as account/],
      [['audit', 'export'], /1\. the password of the --as account/],
      [['status'], /stdin: not read/],
    ];
    for (const [command, stdinOrder] of expectations) {
      // In-process (one spawn per command would be slow): the program prints help, then exits via an exception.
      let printed = '';
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed += String(chunk);
        return true;
      });
      try {
        const program = buildProgram(defaultIo(secretReader(), processOutput(), ROOT));
        const err = await program.parseAsync([...command, '--help'], { from: 'user' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CommanderError);
        expect((err as CommanderError).code).toBe('commander.helpDisplayed');
      } finally {
        write.mockRestore();
      }
      expect(printed, command.join(' ')).toMatch(stdinOrder);
    }
  });

  it('has a message for every failure key the core raises', async () => {
    const keys = new Set<string>();
    const dir = path.join(ROOT, 'electron', 'core');
    for (const name of await readdir(dir, { recursive: true })) {
      if (!name.endsWith('.ts')) continue;
      const text = await readFile(path.join(dir, name), 'utf8');
      for (const m of text.matchAll(/(?:fail|new VaultError)\(\s*'[A-Z_]+',\s*'([\w.]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(10);
    // Keys built from a variable: the blocklist's verdicts (password-strength.ts), the approval refusals.
    const problems: StrengthProblem[] = ['common', 'context', 'pattern', 'similar'];
    for (const p of problems) keys.add(`password.${p}`);
    for (const key of Object.values(REFUSAL_KEY)) keys.add(key);
    expect([...keys].filter((k) => !(k in MESSAGES))).toEqual([]);
  });

  it('has a message for every key the CLI raises itself', async () => {
    const dir = path.join(ROOT, 'electron', 'cli');
    const missing: string[] = [];
    for (const name of await readdir(dir, { recursive: true })) {
      if (!name.endsWith('.ts')) continue;
      const text = await readFile(path.join(dir, name), 'utf8');
      for (const m of text.matchAll(/new VaultError\(\s*'[A-Z_]+',\s*(?:[^,]*\?\s*)?'([\w.]+)'(?:\s*:\s*'([\w.]+)')?/g))
        for (const key of [m[1], m[2]]) if (key && !(key in MESSAGES)) missing.push(key);
    }
    expect(missing).toEqual([]);
  });
});
