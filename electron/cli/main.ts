/** CLI entry (bin/strongroom.cjs loads its build, out/main/cli.js): wires the process to run(). */
import path from 'node:path';
import { run } from './run';

// This entry is out/main/cli.js when built (electron/cli/main.ts from source): two folders down.
const APP_ROOT = path.resolve(__dirname, '..', '..');

function fatal(): void {
  // Last resort: never a stack trace on stderr.
  process.stderr.write('strongroom: internal error\n');
  process.exit(1);
}

process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

void run(process.argv.slice(2), APP_ROOT).then((code) => {
  process.exitCode = code;
});
