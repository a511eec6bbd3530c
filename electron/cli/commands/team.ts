/** `team list | add | member | remove` (need --as): the floor's teams, as IT or a director sets them up. */
import { Command } from 'commander';
import { ACTOR_STDIN, CliContext, type CliIo } from '../context';
import { table } from '../output';

export function registerTeam(program: Command, io: CliIo): void {
  const team = program.command('team').description('teams (组) and their leads and members (needs --as)');

  team
    .command('list')
    .description('list the teams --as may see, with their members')
    .option('--json', 'print a JSON array')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (options: { json?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const teams = await ctx.withSession(() => ctx.call('team.list', {}));
      if (options.json) return ctx.out.json(teams);
      const rows = teams.flatMap((t) =>
        t.members.length === 0
          ? [[t.name, '-', '-', '-']]
          : t.members.map((m) => [t.name, m.username, m.role, m.lead ? 'lead' : 'member']),
      );
      await ctx.out.line(table(['TEAM', 'ACCOUNT', 'ROLE', 'PLACE'], rows));
    });

  team
    .command('add')
    .description('make a team')
    .argument('<name>', "the team's name (e.g. 电催一组)")
    .addHelpText('after', ACTOR_STDIN)
    .action(async (name: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('team.create', { name });
      await ctx.withSession(() => ctx.call('team.create', { name }));
      await ctx.out.line(`team ${name} made`);
    });

  team
    .command('member')
    .description('put ACCOUNT in TEAM (moving it from its former team)')
    .argument('<team>', "the team's name")
    .argument('<account>', 'username')
    .option('--lead', "as the team's lead (组长)")
    .addHelpText('after', ACTOR_STDIN)
    .action(async (teamName: string, username: string, options: { lead?: boolean }, command: Command) => {
      const ctx = CliContext.of(command, io);
      const input = { team: teamName, username, lead: options.lead === true };
      ctx.check('team.addMember', input);
      await ctx.withSession(() => ctx.call('team.addMember', input));
      await ctx.out.line(`${username} is in ${teamName}${options.lead ? ' as its lead' : ''}`);
    });

  team
    .command('remove')
    .description('take ACCOUNT out of its team')
    .argument('<account>', 'username')
    .addHelpText('after', ACTOR_STDIN)
    .action(async (username: string, _options: unknown, command: Command) => {
      const ctx = CliContext.of(command, io);
      ctx.check('team.removeMember', { username });
      await ctx.withSession(() => ctx.call('team.removeMember', { username }));
      await ctx.out.line(`${username} is in no team now`);
    });
}
