// Running a sweep's seeds in order, on this thread (--jobs 1) or on worker threads (--jobs N). Either way the
// results are handed on in seed order, so the output of --jobs N is the output of --jobs 1. A worker that
// dies (an uncaught error, running out of memory, exiting) fails the seed it held and is replaced; an
// interrupt stops the sweep after the results already handed on.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { internalResult, type RunTarget, runSeed, type SeedResult } from "./seed-result.js";

/** Called per result in seed order; returning false stops the sweep (--fail-fast). */
export type OnResult = (result: SeedResult) => boolean | Promise<boolean>;

export interface SeedSourceOptions {
  /** Aborted: stop handing on results and end the sweep (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** The worker script (tests give one that misbehaves); default the built run-worker.js. */
  readonly workerUrl?: URL;
}

export async function runSeeds(
  target: RunTarget,
  seeds: readonly number[],
  jobs: number,
  onResult: OnResult,
  options: SeedSourceOptions = {},
): Promise<void> {
  if (jobs <= 1 || seeds.length <= 1) {
    for (const seed of seeds) {
      // Let a pending Ctrl-C through between seeds: a seed runs synchronously.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) return;
      if (!(await onResult(await runSeed(target, seed)))) return;
    }
    return;
  }
  await runOnWorkers(target, seeds, Math.min(jobs, seeds.length), onResult, options);
}

/** The compiled worker; under the TypeScript sources (tests) the built one in dist/. */
function workerUrl(): URL {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new URL("./run-worker.js", here);
  const built = new URL("../../dist/bin/run/run-worker.js", here);
  if (!existsSync(fileURLToPath(built)))
    throw new Error("--jobs needs the built worker: run 'npm run build' first");
  return built;
}

async function runOnWorkers(
  target: RunTarget,
  seeds: readonly number[],
  jobs: number,
  onResult: OnResult,
  options: SeedSourceOptions,
): Promise<void> {
  const url = options.workerUrl ?? workerUrl();
  const workers = new Set<Worker>();
  const done = new Map<number, SeedResult>();
  // Flushes run one after another, so results reach onResult strictly in seed order.
  let chain = Promise.resolve();
  let next = 0;
  let flushed = 0;
  let stopped = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const flush = async () => {
        while (!stopped && done.has(flushed)) {
          const result = done.get(flushed) as SeedResult;
          done.delete(flushed++);
          if (!(await onResult(result))) stopped = true;
        }
        if (stopped || flushed === seeds.length) resolve();
      };
      const finish = (position: number, result: SeedResult) => {
        done.set(position, result);
        chain = chain.then(flush).catch(reject);
      };
      const start = () => {
        const worker = new Worker(url, { workerData: { target } });
        workers.add(worker);
        // The position of the seed this worker holds; -1 when idle.
        let holding = -1;
        const feed = () => {
          holding = -1;
          if (stopped || next >= seeds.length) return;
          holding = next++;
          worker.postMessage(seeds[holding]);
        };
        const died = (why: string) => {
          if (!workers.delete(worker)) return;
          if (holding >= 0) {
            finish(holding, internalResult(target, seeds[holding] as number, why));
            holding = -1;
          }
          if (!stopped && next < seeds.length) start();
        };
        worker.on("message", (result: SeedResult) => {
          if (holding >= 0) finish(holding, result);
          feed();
        });
        worker.on("error", (error) => died(`the worker thread failed: ${error.message}`));
        worker.on("exit", (code) => died(`the worker thread exited with code ${code}`));
        feed();
      };
      options.signal?.addEventListener("abort", () => {
        stopped = true;
        resolve();
      });
      if (options.signal?.aborted) {
        stopped = true;
        resolve();
        return;
      }
      for (let i = 0; i < jobs; i++) start();
    });
  } finally {
    stopped = true;
    await Promise.all([...workers].map((worker) => worker.terminate()));
  }
}
