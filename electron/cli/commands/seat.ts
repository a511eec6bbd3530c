/** `seat id | list | bind | unbind | flag`: this machine's seat, and 专机专用 (seat binding) as --as. */
import { Command, Option } from 'commander';
import { normaliseSeatId } from '../../../shared/seat-id';
import { VaultError } from '../../core/errors';
import { normaliseUsername } from '../../core/keyring/keyring';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { isoTime, table } from '../output';

function when(ms: number): string {
  return isoTime(ms).slice(0, 16).replace('T', ' ');
}

export function registerSeat(program: Command, io: CliIo): void {
  const seat = program
    .command('seat')
    .description("this machine's seat id, and binding accounts to seats (list/bind/unbind/flag need --as)");

  seat
    .command('id')
    .description("print this machine's seat id for the vault in --data-dir (alone on the last line)")
    .addHelpText('after', '\nstdin: not read. No password is needed: the seat id is not a secret.')
    .action(async (_options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      const status = await ctx.call('vault.status', {});
      if (!status.initialized || status.seatId === null) throw new VaultError('INPUT_REJECTED', 'vault.missing');
      await ctx.out.line(status.seatId);
    });

  seat
    .command('list')
    .description('list the seats this vault has seen, their flags and bound accounts')
    .option('--json', 'print a JSON array')
    .addHelpText('after', `${ACTOR_STDIN}\nTimes are UTC.`)
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('seat.list', {});
      const list = await ctx.withSession(() => ctx.call('seat.list', {}));
      if (options.json) {
        await ctx.out.json(list);
        return;
      }
      const rows = list.map((s) => [
        s.seatId,
        s.importStation ? 'yes' : 'no',
        when(s.firstSeenAt),
        when(s.lastSeenAt),
        s.accounts.join(' ') || '-',
        s.label,
      ]);
      await ctx.out.line(
        table(['SEAT', 'IMPORT STATION', 'FIRST SEEN (UTC)', 'LAST SEEN (UTC)', 'ACCOUNTS', 'LABEL'], rows),
      );
    });

  seat
    .command('bind')
    .description('allow ACCOUNT to sign in on SEAT_ID')
    .argument('<account>', 'username')
    .argument('<seat-id>', 'a seat id as "strongroom seat id" prints it on that machine')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (account: string, rawSeat: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { username: account, seatId: rawSeat };
      ctx.check('seat.bind', input);
      await ctx.withSession(() => ctx.call('seat.bind', input));
      await ctx.out.line(`bound ${normaliseUsername(account)} to seat ${normaliseSeatId(rawSeat) ?? rawSeat}`);
    });

  seat
    .command('unbind')
    .description('stop ACCOUNT signing in on SEAT_ID')
    .argument('<account>', 'username')
    .argument('<seat-id>', 'the seat id')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (account: string, rawSeat: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { username: account, seatId: rawSeat };
      ctx.check('seat.unbind', input);
      await ctx.withSession(() => ctx.call('seat.unbind', input));
      await ctx.out.line(`unbound ${normaliseUsername(account)} from seat ${normaliseSeatId(rawSeat) ?? rawSeat}`);
    });

  seat
    .command('flag')
    .description('mark SEAT_ID as the import station (or not)')
    .argument('<seat-id>', 'the seat id (the vault must have seen it)')
    .addOption(
      new Option('--import-station <on|off>', 'whether the seat is the import station')
        .choices(['on', 'off'])
        .makeOptionMandatory(),
    )
    .addHelpText('after', ACTOR_STDIN)
    .action(async (rawSeat: string, options: { importStation: 'on' | 'off' }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { seatId: rawSeat, importStation: options.importStation === 'on' };
      ctx.check('seat.flag', input);
      await ctx.withSession(() => ctx.call('seat.flag', input));
      await ctx.out.line(`seat ${normaliseSeatId(rawSeat) ?? rawSeat} import station: ${options.importStation}`);
    });
}
