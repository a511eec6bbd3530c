/** English one-line messages for every failure key the core and the CLI raise ({name} = a param). */
export const MESSAGES: Readonly<Record<string, string>> = {
  // The core's keys (electron/core: grep "fail(").
  'vault.missing': 'no vault in this data directory',
  'vault.exists': 'a vault already exists in this data directory',
  'vault.damaged': 'the vault is damaged or was tampered with (vault.db cannot be read)',
  'vault.tooNew': 'this vault has schema version {version}; this Strongroom supports up to {supported}',
  'dataDir.missing': "the data directory's parent folder does not exist",
  'dataDir.notWritable': 'the data directory cannot be written',
  'dataDir.notEmpty': 'the data directory is not empty',
  'keyring.damaged': 'the vault is damaged or was tampered with (keyring.json)',
  'manifest.damaged': 'the vault is damaged or was tampered with (vault.json)',
  'login.failed': 'wrong username or password',
  'login.locked': 'too many failed sign-ins: locked out for {minutes} more minutes',
  'password.expired': 'the password has expired and must be changed',
  'password.mustChange': 'the password must be changed before this account can be used',
  'password.policy': 'the password does not meet the policy (at least {min} characters, with a letter and a digit)',
  'account.exists': 'an account with that username already exists',
  'permission.denied': 'this account is not permitted to do that',
  'session.none': 'not signed in',
  'session.locked': 'the session has ended',
  internal: 'internal error',
  // The CLI's own keys.
  'usage.commander': '{detail}',
  'usage.noCommand': "missing command or subcommand (see 'strongroom --help')",
  'usage.dataDir': 'no data directory: pass --data-dir DIR or set STRONGROOM_DATA_DIR',
  'usage.as': "this command needs --as USER (the account to act as)",
  'usage.admin': 'stdin is not a terminal: pass the first account as --admin NAME',
  'usage.interrupted': 'interrupted',
  'secret.missing': 'stdin ended before the {what} (see --help for the order of stdin lines)',
  'password.mismatch': 'the two passwords differ',
  'username.invalid': 'invalid username "{name}" (2 to 64 letters, digits, ".", "_" or "-")',
  'displayName.invalid': 'the display name is longer than 64 characters',
  'role.unknown': 'unknown role "{role}"; valid roles: {roles}',
  'anchor.unreadable': 'cannot read the anchor file {file}',
  'anchor.invalid': 'the anchor file {file} is not a Strongroom anchor (one JSON object)',
  'anchor.otherVault': 'the anchor belongs to another vault ({vaultId})',
  'anchor.behind': 'the access log was rolled back: the anchor is at event {seq} but the log ends at {head}',
  'anchor.mismatch': 'the access log does not match the anchor at event {seq}',
  'audit.broken': 'the access log is broken or was tampered with: first broken event is {seq}',
  'out.unwritable': 'cannot write the output file {file}',
  'file.access': 'permission denied reading or writing a file',
};

/** The message for a key with its params filled in; unknown keys still say something useful. */
export function messageFor(key: string, params: Readonly<Record<string, string | number>> = {}): string {
  const template = MESSAGES[key] ?? `failed (${key})`;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
