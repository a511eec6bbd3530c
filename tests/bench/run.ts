/**
 * `npm run bench` runs every benchmark in sequence; `npm run bench -- login audit-verify` runs
 * the named ones. Each prints one JSON line to stdout; progress notes go to stderr.
 */
import { auditAppendBench } from './audit-append';
import { auditVerifyBench } from './audit-verify';
import { caseWorkspaceBench, floorCaseWorkspaceBench } from './case-workspace';
import { keyRotationBench } from './key-rotation';
import type { Bench } from './common';
import { floorAuditAppendBench } from './floor-audit-append';
import { floorLoginBench } from './floor-login';
import { floorImportDeliveryBench } from './floor-import-delivery';
import { floorPiiCheckBench } from './floor-pii-check';
import { floorVerifyBench } from './floor-verify';
import { importDeliveryBench } from './import-delivery';
import { loginBench } from './login';
import { sqlcipherInsertBench } from './sqlcipher-insert';

// The 1M-event build writes ~300 MB and the 1 GB rotation more: they go after the other
// embedded ones, so their write-back doesn't slow them. The floor benchmarks (floor-*) each start
// and remove a PostgreSQL cluster of their own and take minutes: they come last.
const ALL: readonly Bench[] = [
  loginBench,
  sqlcipherInsertBench,
  auditAppendBench,
  auditVerifyBench,
  keyRotationBench,
  importDeliveryBench,
  caseWorkspaceBench,
  floorLoginBench,
  floorAuditAppendBench,
  floorVerifyBench,
  floorPiiCheckBench,
  floorCaseWorkspaceBench,
  floorImportDeliveryBench,
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = wanted.filter((w) => !ALL.some((b) => b.name === w));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark: ${unknown.join(', ')} (have: ${ALL.map((b) => b.name).join(', ')})\n`);
    process.exitCode = 2;
    return;
  }
  const chosen = wanted.length > 0 ? ALL.filter((b) => wanted.includes(b.name)) : ALL;
  for (const bench of chosen) {
    process.stderr.write(`[bench] ${bench.name}\n`);
    const result = await bench.run();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
