// A test-only stand-in for bin/run/run-worker.js: answers each seed with a passing result, except that it
// exits (code 7, no error event) when handed seed 3, and throws (an error event) when handed seed 5.
import { parentPort } from "node:worker_threads";

parentPort.on("message", (seed) => {
  if (seed === 3) process.exit(7);
  if (seed === 5) throw new Error("worker blew up on seed 5");
  parentPort.postMessage({
    scenario: "stand-in",
    seed,
    verdict: "pass",
    violations: [],
    trace_hash: `hash-${seed}`,
    events: 1,
    sim_time_us: 1,
    wall_ms: 0,
    bugs: [],
    faults: 0,
    client_ops: 0,
  });
});
