/** English one-line messages for every failure key the core and the CLI raise ({name} = a param). */
import { ROLES } from '../../shared/roles';

export const MESSAGES: Readonly<Record<string, string>> = {
  // The core's keys (electron/core: grep "fail(").
  'vault.missing': 'no vault in this data directory',
  'vault.exists': 'a vault already exists in this data directory',
  'vault.damaged': 'the vault is damaged or was tampered with (vault.db cannot be read)',
  'vault.tooNew': 'this vault has schema version {version}; this Strongroom supports up to {supported}',
  'dataDir.notWritable': 'the data directory cannot be written',
  'dataDir.unusable':
    'the data directory cannot hold a new vault: it must be empty (or new, in an existing folder) and writable',
  'vault.alreadySetUp':
    'a vault is already set up here, or someone is signed in: a new vault is made only at first run',
  'keyring.damaged': 'the vault is damaged or was tampered with (keyring.json)',
  'keyring.stale':
    'keyring.json does not match the vault (an older copy restored, or vault.db damaged): refused, nothing changed; restore keyring.json and vault.db from one backup',
  'manifest.damaged': 'the vault is damaged or was tampered with (vault.json)',
  'import.file.encoding': 'a file in the delivery mixes text encodings: nothing was imported',
  'import.file.csv':
    'a CSV file in the delivery is malformed near line {line} (a quote never closed): nothing was imported',
  'login.failed': 'wrong username or password',
  'import.archive.notZip': 'the file is not a ZIP archive',
  'import.archive.damaged': 'the archive is damaged or incomplete: nothing was imported',
  'import.archive.wrongPassword': "archive password incorrect (check both halves, A's first): nothing was imported",
  'import.archive.unencrypted': 'the archive is not encrypted ({name}): refused by policy, nothing was imported',
  'import.archive.unsafePath': 'the archive holds an entry with an unsafe name ({name}): nothing was imported',
  'import.archive.link': 'the archive holds a link ({name}): nothing was imported',
  'import.archive.nested': 'the archive holds another archive ({name}): nothing was imported',
  'import.archive.tooManyEntries': 'the archive holds too many files for a delivery: nothing was imported',
  'import.archive.tooLarge': "the archive's files are too large in total for a delivery: nothing was imported",
  'import.archive.bomb': 'a file in the archive ({name}) expands like a compression bomb: nothing was imported',
  'floor.unreachable': "the floor's database server cannot be reached: check the network, then call IT",
  'floor.certificate':
    "the floor's server certificate, or this seat's, is not valid now (expired, not yet valid or from another CA): check this computer's date and time, then call IT",
  'floor.refused': "the floor's database refused this seat's request: call IT (a grant may be missing)",
  'floor.needsMigration':
    'the floor\'s database has schema {version}, this Strongroom needs {supported}: IT runs "strongroom floor migrate" first',
  'floor.badDatabaseName': "the floor's database name must be lower-case letters, digits and _ (at most 40, not pg_…)",
  'floor.notEmpty': 'this database is not empty ({found}): a floor is set up only on a new, empty database',
  'floor.badAddress': "the seat's address must be samenet, samehost or an address with a prefix length",
  'floor.fileDamaged': "this seat's floor.json is missing or damaged: ask IT to set the seat up again",
  'floor.certificateMissing':
    "this seat's certificate files are missing or unreadable: ask IT to set the seat up again",
  'floor.namesInPlaintext':
    'this floor was made by an older Strongroom and holds names in plaintext: it can\'t be upgraded; IT makes a new floor with "strongroom floor init"',
  'floor.notInitialised': 'the floor\'s database has not been set up: IT runs "strongroom floor init"',
  'floor.noPrimary':
    "the floor's database servers answer, but none accepts changes (a failover may be under way): try again in a minute, then call IT",
  'floor.noSyncStandby':
    "the floor's database has no synchronous standby right now: an anchor is not exported until one confirms it (call IT)",
  'login.busy': 'another sign-in on this vault is taking too long: try again',
  'login.locked': 'too many failed sign-ins: locked out for {minutes} more minutes',
  'login.seatThrottled': 'too many failed sign-ins from this seat: try again in {seconds} seconds',
  'password.expired': 'the password has expired and must be changed',
  'password.mustChange': 'the password must be changed before this account can be used: run "strongroom passwd USER"',
  'password.policy': 'the password does not meet the policy (at least {min} characters, with a letter and a digit)',
  'password.reused': 'the new password must differ from the current one and the last {count} passwords',
  'password.common': 'the new password is too common (it is on the list of widely used passwords)',
  'password.context': 'the new password contains the username, the name, or a word of the product or trade',
  'password.pattern': 'the new password is too easy to guess (a keyboard walk, sequence, repeat or date)',
  'password.similar': 'the new password is too similar to the current one',
  'login.seatNotBound': 'this account is not bound to this seat ({seat}): ask IT to run "seat bind"',
  'account.exists': 'an account with that username already exists',
  'account.unknown': 'no such account',
  'account.closed': 'the account is closed',
  'account.lastIt': 'the last active IT account cannot be closed or lose its IT role',
  'account.sameRole': 'the account already has that role',
  'seat.invalid': 'invalid seat id (expected XXXX-XXXX-XXXX, as printed by "strongroom seat id")',
  'seat.unknown': 'this vault has never seen that seat',
  'seat.notBound': 'the account is not bound to that seat',
  'permission.denied': 'this account is not permitted to do that',
  'session.none': 'not signed in',
  'session.locked': 'the session has ended',
  'session.reauth': 'the password must be entered again for this action',
  'session.expired': 'the session has expired: sign in again',
  'session.closed': 'the session was ended (account closed, or its seat binding removed)',
  'session.keyRotated': 'the vault key was replaced in another window or on another seat: sign in again',
  'session.rotationInterrupted':
    'the vault key rotation was interrupted after it was recorded: sign in again to finish it (nothing is lost)',
  'policy.outOfBounds': 'the policy value {field} is outside its allowed bounds',
  'role.itKeepsAdmin': 'the IT role must keep its administration permissions',
  'role.auditorReadOnly': 'the auditor role is read-only and cannot be given management permissions',
  'role.attestationIndependent':
    'only the auditor and general-manager roles may verify, anchor or export the access log (separation of duties)',
  'approval.required':
    "this needs a second person's approval: an auditor or general manager (not the account concerned, not you) at this seat, with --approver NAME and their password",
  'approval.unknown': 'the approver is not an active account',
  'approval.notRequester': 'you cannot approve your own request: a second person must',
  'approval.notTarget': 'the account concerned cannot approve what is done to it',
  'approval.notIndependent': 'only an auditor or a general manager can approve this',
  'approval.passwordChange':
    "the approver's password is one-time or expired: they must change it (strongroom passwd) before approving",
  'approval.signInAgain':
    "the approver's password was changed after this sign-in, so it cannot be checked here: run the command again (nothing was counted against them)",
  'approval.locked': "the approver's account is locked out for {minutes} more minutes",
  'approval.wrongPassword': "wrong password for the approver (it counts as a failed sign-in of the approver's account)",
  'ledger.badDate': 'invalid date (expected YYYY-MM-DD)',
  'audit.exportNotStarted': 'that export page does not continue an export this session started',
  internal: 'internal error',
  // The contract's input fields (shared/contract/fields.ts) and the router's own keys.
  'reason.invalid': 'the reason must be 2 to 500 characters',
  'username.invalid': 'invalid username "{value}" (2 to 64 letters, digits, ".", "_" or "-")',
  'displayName.invalid': 'the display name is longer than 64 characters',
  'role.unknown': `unknown role "{value}"; valid roles: ${ROLES.join(', ')}`,
  'ipc.invalidInput': 'invalid input ({field})',
  'ipc.unknownProcedure': 'unknown procedure',
  // The CLI's own keys.
  'usage.commander': '{detail}',
  'usage.noCommand': "missing command or subcommand (see 'strongroom --help')",
  'usage.dataDir': 'no data directory: pass --data-dir DIR or set STRONGROOM_DATA_DIR',
  'usage.as': 'this command needs --as USER (the account to act as)',
  'usage.admin': 'stdin is not a terminal: pass the first account as --admin NAME',
  'usage.interrupted': 'interrupted',
  'secret.missing': 'stdin ended before the {what} (see --help for the order of stdin lines)',
  'password.mismatch': 'the two passwords differ',
  'login.mustChange': 'the password of {user} is one-time and must be changed: run "strongroom passwd {user}"',
  'login.expired': 'the password of {user} has expired: run "strongroom passwd {user}"',
  'anchor.unreadable': 'cannot read the anchor file {file}',
  'anchor.invalid': 'the anchor file {file} is not a Strongroom anchor (one JSON object)',
  'anchor.otherVault': 'the anchor belongs to another vault ({vaultId})',
  'anchor.behind': 'the access log was rolled back: the anchor is at event {seq} but the log ends at {head}',
  'anchor.mismatch': 'the access log does not match the anchor at event {seq}',
  'audit.broken': 'the access log is broken or was tampered with: first broken event is {seq}',
  'out.unwritable': 'cannot write the output file {file}',
  'file.access': 'permission denied reading or writing a file',
  // Floor setup (electron/cli/commands/floor*.ts, floor-connect.ts, database-url.ts).
  'usage.databaseUrl':
    '--database-url must be postgres://DBA@HOST:PORT/DATABASE (a Unix socket: ?host=/dir), with no other parameters: TLS comes from --ca, --cert and --key',
  'usage.databaseUrlMissing':
    'this command needs --database-url postgres://DBA@HOST:PORT/DATABASE (or STRONGROOM_DATABASE_URL)',
  'usage.databaseUrlHere':
    '--database-url is for "floor init" and "floor migrate" only: a seat reaches its floor through floor.json in --data-dir',
  'usage.socketTls': 'a Unix socket has no TLS: leave out --ca, --cert, --key and --servername',
  'usage.tlsCa': "a connection over the network needs --ca FILE (the CA of the server's certificate): TLS is never off",
  'usage.tlsPair': '--cert and --key go together',
  'usage.servernameForAddress': "--host is an address: name the server's certificate with --servername NAME",
  'floor.pemUnreadable': 'cannot read {file} as a PEM {kind}',
  'floor.keyUnreadable': 'cannot read {file} as a PEM private key (without a passphrase)',
  'floor.keyMismatch': 'the private key does not belong to the certificate',
  'floor.pemUnusable': 'the {kind} is not a usable PEM (a key must have no passphrase)',
  'floor.servernameForAddress': "the host is an address: name the server's certificate with --servername NAME",
  'floor.signInRefused':
    'the database server did not let {role} in: check the role, its pg_hba.conf line, and its certificate (CN={role}) or password',
  'floor.noDatabase': 'the database {database} does not exist: create it first (CREATE DATABASE … OWNER the DBA)',
  'floor.serverUntrusted':
    "the server's certificate was not accepted (not signed by --ca, expired, or not for the server's name: see --servername), or the server has no TLS",
  'floor.dbaRefused': 'the database refused the DBA: it needs CREATEROLE and must own the database',
  'floor.dataDirInUse':
    'the data directory is not empty (a vault, a floor seat or other files): a seat joins a floor in a new or empty directory',
  'floor.dataDirUnusable': 'the data directory cannot be made: its parent folder must exist',
  'floor.badHost': 'invalid host name or address',
  'floor.notSeatRole': '--user must be a seat role of {database}, as "strongroom floor seat-role" prints it',
  'floor.certNotForRole': 'the certificate is for CN={cn}, not for {role}',
  'floor.otherSeat':
    'the role {role} is for seat {roleSeat}, but this machine is seat {seat} on this floor: admit that seat ("strongroom floor seat-role {seat}")',
  'floor.badVaultId': 'invalid vault id (expected the id "strongroom floor init" printed, like 3f9c1e4a-…)',
  'import.workbook.damaged': 'a workbook in the delivery is damaged or not an XLSX file: nothing was imported',
  'import.workbook.encrypted': 'a workbook in the delivery is itself password-protected: refused, nothing was imported',
  'import.workbook.macros': 'a workbook in the delivery contains macros: refused, nothing was imported',
  'import.workbook.doctype':
    'a workbook in the delivery contains a document type declaration (external entities): refused, nothing was imported',
  'import.workbook.tooLarge':
    'a workbook in the delivery ({name}) is too large to open (over 256 MiB): nothing was imported',
  'import.file.legacyExcel':
    'the delivery holds an old-format Excel file ({name}): ask for XLSX or CSV; nothing was imported',
  'import.template.none':
    'no file in the delivery matches a mapping template (nearest {template} lacks: {columns}): nothing was imported',
  'import.template.noTable': 'the delivery holds no CSV or XLSX file with a header row: nothing was imported',
  'import.template.mixed': "the delivery's case files follow different layouts: nothing was imported",
  'import.check.mixedBatches': "the delivery's rows belong to more than one batch ({batches}): nothing was imported",
  'ceremony.unknown': 'no such ceremony on this seat (it ended or the session changed)',
  'ceremony.ended': 'the ceremony has ended',
  'ceremony.cancelled': 'the ceremony was cancelled: nothing was imported',
  'ceremony.abandoned': 'the ceremony was idle too long and was abandoned: nothing was imported',
  'ceremony.slotFilled': 'that custodian place is already filled',
  'ceremony.aFirst': 'custodian A authenticates first',
  'ceremony.halfMissing': "a custodian's password half is missing",
  'ceremony.custodiansMissing': 'both custodians must authenticate first',
  'ceremony.custodianUnknown': 'custodian: no active account with that username',
  'ceremony.custodianRole': 'custodian has the wrong role for this place (import: A is cs, B is qc)',
  'ceremony.sameCustodian': 'the same account cannot fill both custodian places',
  'ceremony.custodianPasswordChange': 'custodian must change their one-time or expired password first',
  'ceremony.custodianSignInAgain': "custodian's password changed since this session signed in: sign in again",
  'ceremony.custodianLocked': 'custodian account locked for {minutes} more minutes',
  'ceremony.custodianWrongPassword': 'custodian password incorrect (counts towards their lockout)',
  'import.notImportStation': 'this seat is not the import station',
  'import.fileUnreadable': 'the archive file cannot be read',
  'import.alreadyImported':
    'this archive was already imported as batch {batchNo} (ceremony {ceremony}, {at}): nothing was imported',
  'import.sourceChanged': 'the archive changed during the import: nothing was imported',
  'import.template.unknown': 'no mapping template called {template}',
  'import.template.invalid': 'the template is not valid JSON of the template format',
  'import.template.exists': 'a template called {template} exists already',
  'import.alreadyChecked': 'the delivery was already checked',
  'import.notChecked': 'check the delivery before committing',
  'import.nothingToImport': 'no row of the delivery can be imported: nothing was imported',
  'import.notCommitted': 'the source archive can be destroyed only after its import committed',
  'import.notEnded': 'the certificate is available once the ceremony has ended',
  'import.failed': 'the import failed: nothing was imported',
  'case.unknown': 'no case has that number',
  'case.destroyed': "the case's data was destroyed and can never be shown",
  'import.vaultChanged':
    'cases of this delivery were imported elsewhere since the check: nothing was imported, start again',
};

/** The message for a key with its params filled in; unknown keys still say something useful. */
export function messageFor(key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template = MESSAGES[key] ?? `failed (${key})`;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
