/**
 * The app's own binary answers CLI commands (run-as-node is fused off, so `node` can't be used
 * on an installed seat): `Strongroom status --data-dir D` or `Strongroom --cli status …` runs
 * the CLI, prints, and exits with its exit code, without opening a window.
 */
import type { App } from 'electron';
import { run } from '../cli/run';

/** The CLI arguments when this launch is a CLI invocation, else null (a normal app start). */
export function cliArguments(argv: readonly string[], isPackaged: boolean): string[] | null {
  // Packaged: [exe, ...args]. Unpackaged (`electron .`): [electron, appPath, ...args].
  const args = argv.slice(isPackaged ? 1 : 2);
  const first = args[0];
  if (first === '--cli') return args.slice(1);
  // Chromium and Electron switches start with "-"; a CLI command never does.
  return first !== undefined && !first.startsWith('-') ? args : null;
}

export function runCliAndExit(app: Pick<App, 'exit' | 'getAppPath'>, args: readonly string[]): void {
  run(args, app.getAppPath()).then(
    (code) => app.exit(code),
    () => app.exit(1),
  );
}
