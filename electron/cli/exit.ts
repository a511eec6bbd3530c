/** Turns any thrown value into an exit code and one stderr line (never a stack, never a secret). */
import { CommanderError } from 'commander';
import { EXIT_CODES } from '../../shared/errors';
import { VaultError } from '../core/errors';
import { messageFor } from './messages';
import { OutputClosed } from './output';

export interface Outcome {
  exitCode: number;
  /** The one line for stderr, without the "strongroom: " prefix; null when nothing is to be said. */
  message: string | null;
}

/** Exit code for Ctrl-C at a prompt (128 + SIGINT), outside the documented set on purpose. */
export const EXIT_INTERRUPTED = 130;

const FS_ACCESS = new Set(['EACCES', 'EPERM', 'EROFS']);

function fromCommander(err: CommanderError): Outcome {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return { exitCode: 0, message: null };
  if (err.code === 'commander.help') return { exitCode: EXIT_CODES.USAGE, message: messageFor('usage.noCommand') };
  const detail = err.message
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return { exitCode: EXIT_CODES.USAGE, message: detail || 'bad usage' };
}

export function outcomeOf(err: unknown): Outcome {
  if (err instanceof VaultError) {
    if (err.key === 'usage.interrupted') return { exitCode: EXIT_INTERRUPTED, message: messageFor(err.key) };
    return { exitCode: EXIT_CODES[err.code], message: messageFor(err.key, err.params) };
  }
  if (err instanceof CommanderError) return fromCommander(err);
  // A reader that stopped reading (`| head`) is its choice, not our failure.
  if (err instanceof OutputClosed)
    return err.byReader
      ? { exitCode: 0, message: null }
      : { exitCode: EXIT_CODES.INTERNAL, message: messageFor('internal') };
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && FS_ACCESS.has(code))
    return { exitCode: EXIT_CODES.INPUT_REJECTED, message: messageFor('file.access') };
  return { exitCode: EXIT_CODES.INTERNAL, message: messageFor('internal') };
}
