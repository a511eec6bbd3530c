/** CLI entry (bin/strongroom.cjs loads it): wires the process to run() and sets the exit code. */
import { run } from './run';

function fatal(): void {
  // Last resort: never a stack trace on stderr.
  process.stderr.write('strongroom: internal error\n');
  process.exit(1);
}

process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
