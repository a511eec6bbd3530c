/** Runs one CLI invocation and returns its exit code; prints at most one error line. */
import { outcomeOf } from './exit';
import { defaultIo } from './context';
import { processOutput, type Output } from './output';
import { buildProgram } from './program';
import { secretReader } from './secrets';

/** `appRoot` holds the app's own files (resources/fonts): the repository, or the packaged app. */
export async function run(argv: readonly string[], appRoot: string, out: Output = processOutput()): Promise<number> {
  const program = buildProgram(defaultIo(secretReader(), out, appRoot));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    const { exitCode, message } = outcomeOf(err);
    if (message !== null) out.error(message);
    // Developers only: the stack of an internal error, when asked for explicitly.
    if (exitCode === 1 && process.env.STRONGROOM_DEBUG === '1')
      process.stderr.write(`${String((err as Error | null)?.stack ?? err)}\n`);
    return exitCode;
  }
}
