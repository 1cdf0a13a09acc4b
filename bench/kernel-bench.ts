// `npm run bench`: the kernel against a bare heap loop, side by side in one process. Prints one line per
// case, or with --json one JSON object per line: name, events, events_per_s, baseline_events_per_s, ratio.
// Each case runs the bare loop and the kernel alternately, several rounds, and keeps each one's best round,
// so a noisy neighbour slows both rather than skewing the ratio. The ZAB case (zab-bench.ts) reports simulated
// writes per wall-clock second; the app case (app-bench.ts) compares a user's app with the built-in recipe of
// the same shape. `npm run bench -- zab/5-servers-steady-writes` runs one case.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ms } from "../sim/api/index.js";
import { Simulation } from "../sim/kernel/index.js";
import { APP_BENCH_CASES, measureApps } from "./app-bench.js";
import { runBareLoop } from "./bare-loop.js";
import { tokenProtocol } from "./token-protocol.js";
import { measureZab, ZAB_BENCH_CASES, type ZabBenchResult } from "./zab-bench.js";

interface BenchCase {
  readonly name: string;
  readonly nodes: number;
  readonly tokensPerNode: number;
  readonly mode: "connection" | "datagram";
  readonly events: number;
}

const CASES: readonly BenchCase[] = [
  {
    name: "kernel/tokens-5-nodes-connection",
    nodes: 5,
    tokensPerNode: 20,
    mode: "connection",
    events: 1_000_000,
  },
  {
    name: "kernel/tokens-5-nodes-datagram",
    nodes: 5,
    tokensPerNode: 20,
    mode: "datagram",
    events: 1_000_000,
  },
  {
    name: "kernel/tokens-25-nodes-connection",
    nodes: 25,
    tokensPerNode: 8,
    mode: "connection",
    events: 1_000_000,
  },
];

const ROUNDS = 7;

function timeKernel(c: BenchCase): { seconds: number; events: number; hash: string } {
  const sim = new Simulation({
    seed: 1,
    network: { mode: c.mode, latency: { kind: "uniform", minUs: 100, maxUs: 600 } },
  });
  const protocol = tokenProtocol({ tokensPerNode: c.tokensPerNode, heartbeatUs: ms(1) });
  for (let i = 0; i < c.nodes; i++) sim.addNode(`n${i + 1}`, protocol);
  const started = process.hrtime.bigint();
  const result = sim.run({ maxEvents: c.events });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, events: result.events, hash: sim.traceHash };
}

function timeBare(c: BenchCase): number {
  const started = process.hrtime.bigint();
  runBareLoop(c.events, c.nodes * c.tokensPerNode, c.nodes);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function measure(c: BenchCase) {
  let kernelBest = Number.POSITIVE_INFINITY;
  let bareBest = Number.POSITIVE_INFINITY;
  let events = 0;
  let hash = "";
  for (let round = 0; round < ROUNDS; round++) {
    bareBest = Math.min(bareBest, timeBare(c));
    const kernel = timeKernel(c);
    kernelBest = Math.min(kernelBest, kernel.seconds);
    events = kernel.events;
    hash = kernel.hash;
  }
  const eventsPerS = Math.round(events / kernelBest);
  const baselinePerS = Math.round(c.events / bareBest);
  return {
    name: c.name,
    events,
    events_per_s: eventsPerS,
    baseline_events_per_s: baselinePerS,
    ratio: Number((eventsPerS / baselinePerS).toFixed(3)),
    target_ratio: 0.4,
    trace_hash: hash,
    rounds: ROUNDS,
  };
}

const json = process.argv.includes("--json");
const only = process.argv.find(
  (arg) => arg.startsWith("kernel/") || arg.startsWith("zab/") || arg.startsWith("apps/"),
);

/**
 * Without a case name, each case runs in a fresh process of its own: cases run one after another in one
 * process would share the JIT's type feedback (the datagram case makes the network's send path
 * polymorphic for the cases after it), so a case's number would depend on what ran before it.
 */
function runEachCaseAlone(): void {
  const script = fileURLToPath(import.meta.url);
  const flags = process.argv.slice(2).filter((arg) => arg.startsWith("--"));
  for (const name of [...CASES, ...ZAB_BENCH_CASES, ...APP_BENCH_CASES].map((c) => c.name)) {
    const child = spawnSync(process.execPath, [script, name, ...flags], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
  }
}

if (only === undefined) runEachCaseAlone();
for (const c of only === undefined ? [] : CASES) {
  if (c.name !== only) continue;
  const result = measure(c);
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(
      `${result.name}: ${(result.events_per_s / 1e6).toFixed(2)} M events/s, bare loop ` +
        `${(result.baseline_events_per_s / 1e6).toFixed(2)} M events/s, ratio ${result.ratio} (target >= 0.4)\n`,
    );
  }
}

function printZab(result: ZabBenchResult): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    `${result.name}: ${(result.writes_per_s / 1e3).toFixed(1)} k writes/s (target >= 50 k), ` +
      `${(result.events_per_s / 1e6).toFixed(2)} M events/s, ${result.writes} writes in ${result.seconds} s\n`,
  );
}

for (const c of only === undefined ? [] : ZAB_BENCH_CASES) {
  if (c.name !== only) continue;
  printZab(measureZab(c));
}

for (const c of only === undefined ? [] : APP_BENCH_CASES) {
  if (c.name !== only) continue;
  const result = await measureApps();
  process.stdout.write(
    json
      ? `${JSON.stringify(result)}\n`
      : `${result.name}: app ${(result.app_events_per_s / 1e3).toFixed(0)} k events/s, recipe ` +
          `${(result.recipe_events_per_s / 1e3).toFixed(0)} k events/s, ratio ${result.ratio} (target >= ${result.target_ratio})\n`,
  );
}
