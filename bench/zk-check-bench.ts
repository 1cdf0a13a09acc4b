// Benchmark of the ZooKeeper consistency check (protocol/zk/consistency) on the histories of a ZooKeeper
// scenario's seeds, with the placements budget the scenario runner uses (512). Runs each seed without the
// check, rebuilds the ZkRecords the way the runner does, then times checkZooKeeper alone.
//   node dist/bench/zk-check-bench.js --scenario zk-mixed --seeds 1..200 [--dump DIR] [--from DIR]
// --dump writes each seed's records to DIR/<scenario>-<seed>.json; --from reads them back instead of
// running the simulation (so two versions of the check can be compared on the very same histories).
// Prints one line per seed that is not valid or takes over 50 ms, then the totals.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  checkZooKeeper,
  isWrite,
  parseZkHistory,
  type ZkRecord,
} from "../protocol/zk/consistency/index.js";
import { builtInScenario } from "../scenarios/catalog/index.js";
import { runScenario } from "../scenarios/runner/index.js";
import { workloadClientCount } from "../scenarios/schema/index.js";
import { ZkHistoryRecorder } from "../scenarios/systems/zk-history.js";
import type { Simulation } from "../sim/kernel/index.js";

const PLACEMENTS_MAX = 512;

function seedsOf(text: string): number[] {
  const [from, to] = text.split("..").map(Number);
  const first = from ?? 1;
  const last = to ?? first;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function recordsOf(name: string, seed: number): ZkRecord[] {
  const scenario = builtInScenario(name);
  if (scenario === undefined) throw new Error(`no scenario ${name}`);
  const clients = Array.from({ length: workloadClientCount(scenario) }, (_, i) => `c${i + 1}`);
  const clientOfProcess = new Map<number, string>();
  let recorder: ZkHistoryRecorder | undefined;
  const onSimulation = (sim: Simulation) => {
    const made = new ZkHistoryRecorder(clients, (p) => clientOfProcess.get(p) ?? "", sim.history);
    sim.addObservationListener((record) => made.see(record));
    recorder = made;
  };
  const run = runScenario({ ...scenario, checks: ["sessions"] }, seed, { onSimulation });
  for (const op of run.workload) clientOfProcess.set(op.process, `c${op.client + 1}`);
  if (recorder === undefined) throw new Error("no simulation");
  return recorder.records();
}

function main(): void {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: "zk-mixed" },
      seeds: { type: "string", default: "1..200" },
      dump: { type: "string" },
      from: { type: "string" },
    },
  });
  const name = values.scenario;
  let unknown = 0;
  let invalid = 0;
  let totalMs = 0;
  let maxMs = 0;
  const seeds = seedsOf(values.seeds);
  for (const seed of seeds) {
    const file = (dir: string) => `${dir}/${name}-${seed}.json`;
    const records: ZkRecord[] =
      values.from === undefined
        ? recordsOf(name, seed)
        : (JSON.parse(readFileSync(file(values.from), "utf8")) as ZkRecord[]);
    if (values.dump !== undefined) {
      mkdirSync(values.dump, { recursive: true });
      writeFileSync(file(values.dump), JSON.stringify(records));
    }
    const started = performance.now();
    const result = checkZooKeeper(records, { placementsMax: PLACEMENTS_MAX });
    const elapsed = performance.now() - started;
    totalMs += elapsed;
    maxMs = Math.max(maxMs, elapsed);
    const verdict = result.valid ? "valid" : result.exhausted ? "unknown" : "invalid";
    if (verdict === "unknown") unknown++;
    if (verdict === "invalid") invalid++;
    if (verdict !== "valid" || elapsed > 50) {
      const { operations } = parseZkHistory(records);
      const infos = operations.filter((op) => op.status === "info" && isWrite(op.call)).length;
      console.log(
        `${name} seed ${seed}: ${verdict} ${elapsed.toFixed(1)} ms, ${result.placementsTried} placements, ` +
          `${result.operationCount} ops, ${infos} info writes`,
      );
    }
  }
  console.log(
    `${name} seeds ${values.seeds}: ${unknown} unknown, ${invalid} invalid; check ` +
      `total ${totalMs.toFixed(0)} ms, mean ${(totalMs / seeds.length).toFixed(1)} ms, ` +
      `max ${maxMs.toFixed(0)} ms per seed`,
  );
}

main();
