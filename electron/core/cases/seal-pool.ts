/**
 * Seal workers for an import's commit (seal-worker.ts): sealing and indexing a case costs
 * ~20 AES-GCM seals and HMACs, most of the commit's work, so it runs on other threads while the
 * main thread writes. Chunks go round the workers and come back in any order; each caller awaits
 * its own. A worker's failure fails every chunk in flight and every later one; `close` ends them.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TableLoads } from './case-rows';
import type { CaseSealer } from './case-writer';
import type { SealJob, SealWorkerData } from './seal-worker';

/**
 * Where the worker's script is: from source (tests, the benchmark) its .ts file beside this one;
 * built, `out/main/seal-worker.js` under the app's root, which the app and the CLI name.
 */
export function sealWorkerScript(appRoot?: string): string {
  if (__filename.endsWith('.ts')) return path.join(__dirname, 'seal-worker.ts');
  if (appRoot === undefined) throw new Error('the seal worker needs the app root');
  return path.join(appRoot, 'out', 'main', 'seal-worker.js');
}

/** A worker holds a few chunks at most: a small heap, collected often, keeps the import's memory flat. */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 };

/** Run from source (tests, the benchmark), the worker loads TypeScript through tsx's require hook. */
function startWorker(script: string, workerData: SealWorkerData): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData, resourceLimits: LIMITS });
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, {
    eval: true,
    workerData,
    resourceLimits: LIMITS,
  });
}

export class SealPool implements CaseSealer {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (loads: TableLoads) => void; reject: (err: Error) => void }>();
  private failure: Error | null = null;
  private closed = false;
  private jobs = 0;

  /**
   * `size` workers. By default one per core but one, left to the main thread (reading, binding)
   * and the database's; at most three. On 2 cores a second worker saves ~1 s of 10 for 100,000
   * rows and costs ~90 MB: the memory target wins.
   */
  constructor(script: string, data: SealWorkerData, size = Math.min(3, availableParallelism() - 1)) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = startWorker(script, data);
      worker.on('message', (done: TableLoads & { id: number }) => {
        const waiter = this.waiting.get(done.id);
        this.waiting.delete(done.id);
        waiter?.resolve(done);
      });
      // Never the worker's own text: it ran on case data.
      worker.on('error', () => this.fail(new Error('seal worker failed')));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`seal worker exited (${code})`));
      });
      return worker;
    });
  }

  /** Seals a chunk of cases (JSON lines, encodeCases) into their loads; `lines` moves to the worker. */
  seal(lines: Uint8Array): Promise<TableLoads> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.jobs++;
    const job: SealJob = { id, lines };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage(job, [lines.buffer as ArrayBuffer]);
    });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }

  /** Ends every worker; chunks still in flight fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new Error('seal workers closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
