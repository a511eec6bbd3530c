/** `user add | list | reset | unlock | close | role`: account administration (账号管理) as --as. */
import { Command } from 'commander';
import type { AccountDetail } from '../../../shared/contract';
import { ROLES } from '../../../shared/roles';
import type { Role } from '../../../shared/roles';
import { normaliseSeatId } from '../../../shared/seat-id';
import { normaliseUsername } from '../../core/keyring/keyring';
import { APPROVER_ABOUT, APPROVER_FLAGS, approverHelp, askApproval } from '../approval';
import { ACTOR_STDIN, CliContext, SECRET_PENDING, type CliIo } from '../context';
import { isoTime, table } from '../output';

const DEFAULT_RESET_REASON = 'password reset';

/** --approver as the contract will see it, checked before any password is asked for. */
function pending(approver: string | undefined): { username: string; password: string } | undefined {
  return approver === undefined ? undefined : { username: approver, password: SECRET_PENDING };
}

/** When a timestamp is shown in a table: UTC to the minute, or "-". */
function when(ms: number | null): string {
  return ms === null ? '-' : isoTime(ms).slice(0, 16).replace('T', ' ');
}

function listRow(a: AccountDetail): string[] {
  return [
    a.username,
    a.role,
    a.state,
    when(a.lastLoginAt),
    when(a.passwordExpiresAt),
    a.seats.join(' ') || '-',
    a.displayName,
  ];
}

export function registerUser(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage accounts (needs --as)');

  user
    .command('add')
    .description('add an account; its password is one-time (it must be changed with "passwd" at first use)')
    .argument('<name>', 'username of the new account')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--display-name <name>', 'display name (defaults to the username)')
    .option('--seat <seat-id>', 'bind the account to this seat right away (see "strongroom seat id")')
    .option('--json', 'print the new account as JSON')
    .option(APPROVER_FLAGS, APPROVER_ABOUT)
    .addHelpText(
      'after',
      `${ACTOR_STDIN}\n  2. the initial (one-time) password of the new account${approverHelp(3)}\n` +
        'On a terminal the initial password is asked twice, without echo.',
    )
    .action(
      async (
        name: string,
        options: { role: string; displayName?: string; seat?: string; json?: boolean; approver?: string },
        command: Command,
      ) => {
        const ctx = CliContext.of(command, io);
        // The role is checked by the contract; the cast only names the type it will have.
        const input = {
          username: name,
          displayName: options.displayName,
          role: options.role as Role,
          seatId: options.seat,
        };
        ctx.check('account.add', { ...input, password: SECRET_PENDING, approval: pending(options.approver) });
        const username = normaliseUsername(name);
        await ctx.withSession(async () => {
          const password = await ctx.secrets.secret(`initial password for ${username}`, { confirm: true });
          const approval = await askApproval(ctx, options.approver, 'account.add', username, input.role);
          await ctx.call('account.add', { ...input, password, approval });
        });
        const seat = options.seat !== undefined ? normaliseSeatId(options.seat) : null;
        const shown = options.displayName?.trim();
        const added = {
          username,
          displayName: shown || username,
          role: input.role,
          seats: seat !== null ? [seat] : [],
        };
        if (options.json) await ctx.out.json(added);
        else
          await ctx.out.line(
            `added ${added.username} (${added.role})${seat !== null ? `, bound to seat ${seat}` : ''}`,
          );
      },
    );

  user
    .command('list')
    .description('list accounts: role, state (active, expiring, mustChange, locked, closed), last login, seats')
    .option('--json', 'print a JSON array of account details')
    .addHelpText('after', `${ACTOR_STDIN}\nTimes are UTC.`)
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('account.list', {});
      const accounts = await ctx.withSession(() => ctx.call('account.list', {}));
      if (options.json) {
        await ctx.out.json(accounts);
        return;
      }
      await ctx.out.line(
        table(
          ['USERNAME', 'ROLE', 'STATE', 'LAST LOGIN (UTC)', 'PASSWORD EXPIRES', 'SEATS', 'DISPLAY NAME'],
          accounts.map(listRow),
        ),
      );
    });

  user
    .command('reset')
    .description('issue a one-time password for NAME (printed once, alone on the last line of stdout)')
    .argument('<name>', 'username of the account')
    .option('--reason <text>', `why, for the access log (default: "${DEFAULT_RESET_REASON}")`)
    .option(APPROVER_FLAGS, APPROVER_ABOUT)
    .addHelpText(
      'after',
      `${ACTOR_STDIN}${approverHelp(2)}\n` +
        'NAME must change the one-time password with "strongroom passwd NAME" before using the vault.',
    )
    .action(async (name: string, options: { reason?: string; approver?: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { username: name, reason: options.reason ?? DEFAULT_RESET_REASON };
      ctx.check('account.reset', { ...input, approval: pending(options.approver) });
      const { password } = await ctx.withSession(async () => {
        const approval = await askApproval(ctx, options.approver, 'account.reset', name, undefined);
        return ctx.call('account.reset', { ...input, approval });
      });
      await ctx.out.write(
        `one-time password for ${normaliseUsername(name)} (shown once; it must be changed at first use):\n${password}\n`,
      );
    });

  user
    .command('unlock')
    .description('lift the lockout of NAME before it runs out')
    .argument('<name>', 'username of the account')
    .requiredOption('--reason <text>', 'why, for the access log')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (name: string, options: { reason: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { username: name, reason: options.reason };
      ctx.check('account.unlock', input);
      await ctx.withSession(() => ctx.call('account.unlock', input));
      await ctx.out.line(`unlocked ${normaliseUsername(name)}`);
    });

  user
    .command('close')
    .description('close NAME (离职注销): it can no longer sign in; its history stays')
    .argument('<name>', 'username of the account')
    .requiredOption('--reason <text>', 'why, for the access log')
    .addHelpText('after', `${ACTOR_STDIN}\nThe last active IT account cannot be closed (exit 7).`)
    .action(async (name: string, options: { reason: string }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { username: name, reason: options.reason };
      ctx.check('account.close', input);
      await ctx.withSession(() => ctx.call('account.close', input));
      await ctx.out.line(`closed ${normaliseUsername(name)}`);
    });

  user
    .command('role')
    .description("change NAME's role")
    .argument('<name>', 'username of the account')
    .argument('<role>', `the new role, one of: ${ROLES.join(', ')}`)
    .requiredOption('--reason <text>', 'why, for the access log')
    .option(APPROVER_FLAGS, APPROVER_ABOUT)
    .addHelpText(
      'after',
      `${ACTOR_STDIN}${approverHelp(2)}\nThe last active IT account cannot lose its IT role (exit 7).`,
    )
    .action(
      async (name: string, roleName: string, options: { reason: string; approver?: string }, command: Command) => {
        const ctx = CliContext.of(command, io);
        const input = { username: name, role: roleName as Role, reason: options.reason };
        ctx.check('account.role', { ...input, approval: pending(options.approver) });
        await ctx.withSession(async () => {
          const approval = await askApproval(ctx, options.approver, 'account.role', name, input.role);
          await ctx.call('account.role', { ...input, approval });
        });
        await ctx.out.line(`${normaliseUsername(name)} is now ${input.role}`);
      },
    );
}
