/** `npm run harness [-- --data-dir DIR] [--machine-id ID] [--port N]`: start the browser harness and print its URL. */
import { parseArgs } from 'node:util';
import { startHarness } from './harness';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'machine-id': { type: 'string' },
      port: { type: 'string' },
    },
  });
  const harness = await startHarness({
    dataDir: values['data-dir'],
    machineId: values['machine-id'],
    port: values.port ? Number(values.port) : undefined,
  });
  process.stdout.write(
    `Strongroom harness (test/dev tool, loopback only)\n  data dir: ${harness.dataDir}\n  open:     ${harness.url}\n`,
  );
  const stop = () => {
    harness.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`harness: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
