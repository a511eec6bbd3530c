/**
 * A seal worker (seal-pool.ts): seals chunks of an import's cases off the main thread, which
 * keeps reading the delivery and writing what comes back. Its keys are the shared memory the
 * ceremony wipes (CaseKeys.sealKeys); it holds nothing else between chunks (the index keys' HMAC
 * pads live for one chunk).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchSeal, BlindIndex, SEAL_KEYS, type LookupField } from './case-keys';
import { sealChunk, type LoadForm } from './case-rows';

export interface SealWorkerData {
  keys: SharedArrayBuffer;
  vaultId: string;
  batchId: number;
  /** The form the store loads rows in (case-writer.ts, loadFormOf). */
  form: LoadForm;
}

export interface SealJob {
  id: number;
  /** The chunk's cases as JSON lines (encodeCases), transferred. */
  lines: Uint8Array;
}

const { keys, vaultId, batchId, form } = workerData as SealWorkerData;
const key = (name: (typeof SEAL_KEYS)[number]): Buffer => Buffer.from(keys, SEAL_KEYS.indexOf(name) * 32, 32);
const seal = new BatchSeal(key('batch'), vaultId, batchId);
const index: Record<LookupField, Buffer> = { name: key('name'), id: key('id'), card: key('card'), phone: key('phone') };

parentPort!.on('message', (job: SealJob) => {
  // The index keys' HMAC pads for this chunk only: a wipe of the shared keys reaches the next one.
  const blind = new BlindIndex(index);
  let loads;
  try {
    loads = sealChunk(job.lines, batchId, seal, (field, value) => blind.token(field, value), form);
  } finally {
    blind.wipe();
  }
  parentPort!.postMessage({ id: job.id, ...loads }, [
    loads.cases.buffer as ArrayBuffer,
    loads.contacts.buffer as ArrayBuffer,
    loads.bytes.buffer as ArrayBuffer,
  ]);
});
