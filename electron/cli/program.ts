/** The commander program: global options, the commands, and help that documents stdin and exits. */
import { Command, Option } from 'commander';
import { version } from '../../package.json';
import { registerAudit } from './commands/audit';
import { assertDatabaseUrlUse, registerFloor } from './commands/floor';
import { registerCases } from './commands/cases';
import { registerComplaint } from './commands/complaint';
import { registerContact } from './commands/contact';
import { registerHolidays } from './commands/holidays';
import { registerImport } from './commands/import';
import { registerInit } from './commands/init';
import { registerKey } from './commands/key';
import { registerLedger } from './commands/ledger';
import { registerLogin } from './commands/login';
import { registerPasswd } from './commands/passwd';
import { registerSeat } from './commands/seat';
import { registerTeam } from './commands/team';
import { registerStatus } from './commands/status';
import { registerUser } from './commands/user';
import type { CliIo } from './context';

const EPILOGUE = `
Secrets are read from the terminal without echo. When stdin is not a terminal, each
command reads one secret per line of stdin, in the order its --help lists
(for example: strongroom --as it.chen user list < password.txt).

Exit codes:
  0  ok
  1  internal error
  2  usage error
  3  authentication failed (unknown user or wrong password)
  4  locked out
  5  password expired or must be changed
  6  not permitted
  7  input rejected (file, data or policy)
  8  vault damaged, tampered with, or not matching the anchor
  9  the floor's database server cannot be reached (floor mode)

Environment:
  STRONGROOM_DATA_DIR      the data directory when --data-dir is not given
  STRONGROOM_DATABASE_URL  the DBA's connection for floor init and floor migrate when --database-url is not given`;

export function buildProgram(io: CliIo): Command {
  const program = new Command('strongroom');
  // Settings first: subcommands copy them when they are created.
  program
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .showSuggestionAfterError(true)
    .description('Strongroom vault command line')
    .version(version, '-V, --version')
    .addOption(new Option('--data-dir <dir>', 'the vault data directory').env('STRONGROOM_DATA_DIR'))
    .option('--as <user>', 'the account to act as (its password is the first stdin line)')
    .addOption(
      new Option('--database-url <url>', "a floor's database as its DBA: floor init and floor migrate only").env(
        'STRONGROOM_DATABASE_URL',
      ),
    )
    .addHelpText('after', EPILOGUE)
    .hook('preAction', (_program, action) => assertDatabaseUrlUse(program, action));
  registerInit(program, io);
  registerLogin(program, io);
  registerPasswd(program, io);
  registerStatus(program, io);
  registerUser(program, io);
  registerSeat(program, io);
  registerKey(program, io);
  registerAudit(program, io);
  registerLedger(program, io);
  registerImport(program, io);
  registerCases(program, io);
  registerTeam(program, io);
  registerContact(program, io);
  registerComplaint(program, io);
  registerHolidays(program, io);
  registerFloor(program, io);
  return program;
}
