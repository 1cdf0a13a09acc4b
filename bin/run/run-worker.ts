// A worker thread of `zabsim run --jobs N`: runs the seeds it is sent and posts each result back. Results are
// the same as on the main thread: the run depends only on the scenario and the seed.
import { parentPort, workerData } from "node:worker_threads";
import { type RunTarget, runSeed } from "./seed-result.js";

const target = (workerData as { target: RunTarget }).target;
const port = parentPort;
if (port === null) throw new Error("run-worker.js must run as a worker thread");
// Seeds arrive one at a time (the main thread sends the next after each result), so runs never overlap.
port.on("message", async (seed: number) => {
  port.postMessage(await runSeed(target, seed));
});
