// Running a sweep's seeds in order, on this thread (--jobs 1) or on worker threads (--jobs N). Either way the
// results are handed on in seed order, so the output of --jobs N is the output of --jobs 1.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type RunTarget, runSeed, type SeedResult } from "./seed-result.js";

/** Called per result in seed order; returning false stops the sweep (--fail-fast). */
export type OnResult = (result: SeedResult) => boolean | Promise<boolean>;

export async function runSeeds(
  target: RunTarget,
  seeds: readonly number[],
  jobs: number,
  onResult: OnResult,
): Promise<void> {
  if (jobs <= 1 || seeds.length <= 1) {
    for (const seed of seeds) if (!(await onResult(runSeed(target, seed)))) return;
    return;
  }
  await runOnWorkers(target, seeds, Math.min(jobs, seeds.length), onResult);
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
): Promise<void> {
  const workers = Array.from(
    { length: jobs },
    () => new Worker(workerUrl(), { workerData: { target } }),
  );
  const position = new Map(seeds.map((seed, i) => [seed, i]));
  const done = new Map<number, SeedResult>();
  // Flushes run one after another, so results reach onResult strictly in seed order.
  let chain = Promise.resolve();
  let next = 0;
  let flushed = 0;
  let stopped = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (stopped || next >= seeds.length) return;
        worker.postMessage(seeds[next++]);
      };
      const flush = async () => {
        while (!stopped && done.has(flushed)) {
          const result = done.get(flushed) as SeedResult;
          done.delete(flushed++);
          if (!(await onResult(result))) stopped = true;
        }
        if (stopped || flushed === seeds.length) resolve();
      };
      for (const worker of workers) {
        worker.on("message", (result: SeedResult) => {
          done.set(position.get(result.seed) ?? -1, result);
          feed(worker);
          chain = chain.then(flush).catch(reject);
        });
        worker.on("error", reject);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
