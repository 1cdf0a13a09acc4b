// Benchmark of the linearizability checker on generated hard histories (hard-histories.ts): per class, the
// known verdict against zabsim's, the time of the check (reading the model, partitioning and searching, not
// parsing), the search cache it used and the process's peak memory. Each check runs in a fresh child
// process, so peak memory is that check's own.
// `--classes znode` checks generated ZooKeeper histories (znode-histories.ts) against the znode-tree model,
// split znode by znode (Model.footprints) and, for comparison, whole.
//   node dist/bench/hard-bench.js [--classes hard|grid|znode] [--filter TEXT] [--timeout S] [--repeat N] [--json]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { znodeTreeModel } from "../protocol/zk/consistency/index.js";
import { type AnyModel, checkPrepared, findModel, prepareHistory } from "../sim/check/index.js";
import { pairOperations, readHistory } from "../sim/history/index.js";
import {
  describe,
  type HardModel,
  type HardShape,
  hardHistory,
  type Twin,
} from "./hard-histories.js";
import { type ZnodeShape, znodeHistory } from "./znode-histories.js";

interface Measured {
  readonly ms: number;
  readonly verdict: string;
  readonly steps: number;
  readonly stopped: string | null;
  readonly cacheMiB: number;
  readonly peakMiB: number;
  readonly parseMs: number;
}

const SEED = 17;

function shape(
  model: HardModel,
  processes: number,
  ops: number,
  infoPercent: number,
  twin: Twin,
): HardShape {
  return { model, processes, ops, infoPercent, twin, seed: SEED };
}

/**
 * The classes issue 17 names as undecided or slow, and neighbours that show the trend; each with its
 * stale-read twin, and the inversion twin (a stale read real time alone does not refute) where one fits.
 */
function hardClasses(): HardShape[] {
  const classes: [HardModel, number, number, number][] = [
    ["register", 10, 1000, 5],
    ["register", 50, 1000, 0],
    ["register", 50, 1000, 5],
    ["register", 50, 1000, 20],
    ["register", 20, 10000, 5],
    ["register", 50, 100000, 0],
    ["register", 50, 100000, 5],
    ["cas-register", 10, 1000, 5],
    ["cas-register", 50, 1000, 5],
    ["cas-register", 50, 100000, 5],
    ["kv", 50, 1000, 0],
    ["kv", 50, 1000, 20],
    ["kv", 10, 10000, 5],
    ["kv", 50, 100000, 5],
  ];
  return classes.flatMap(([model, processes, ops, info]) =>
    (["none", "stale", "inversion"] as const).map((twin) =>
      shape(model, processes, ops, info, twin),
    ),
  );
}

/** The whole grid of point 5: every model, 5 to 50 processes, 1k to 100k ops, 0/5/20% info, both twins. */
function gridClasses(): HardShape[] {
  const shapes: HardShape[] = [];
  for (const model of ["register", "cas-register", "kv"] as const)
    for (const processes of [5, 10, 20, 50])
      for (const ops of [1000, 10000, 100000])
        for (const info of [0, 5, 20])
          for (const twin of ["none", "stale", "inversion"] as const)
            shapes.push(shape(model, processes, ops, info, twin));
  return shapes;
}

/** Child side: generates one history, checks it once, prints one JSON line. */
function measureOne(given: HardShape, timeoutMs: number): void {
  let history: ReturnType<typeof hardHistory>;
  try {
    history = hardHistory(given);
  } catch (error) {
    console.log(
      JSON.stringify({ skipped: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const parseStarted = performance.now();
  const operations = pairOperations(readHistory(history.text, "hard.jsonl"), "hard.jsonl");
  const parseMs = performance.now() - parseStarted;
  const factory = findModel(given.model);
  if (factory === undefined) throw new Error(`no model ${given.model}`);
  const started = performance.now();
  const prepared = prepareHistory(operations, factory.create(history.init), "hard.jsonl");
  const result = checkPrepared(prepared, {
    clock: () => performance.now(),
    deadline: started + timeoutMs,
  });
  const ms = performance.now() - started;
  const measured: Measured = {
    ms,
    verdict: String(result.valid),
    steps: result.steps,
    stopped: result.stopped,
    cacheMiB: (result.cacheWords * 4) / 2 ** 20,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    parseMs,
  };
  console.log(JSON.stringify(measured));
}

/** The ZooKeeper check's search budget (scenarios/systems/zk-linearizability.ts). */
const ZK_STEPS_MAX = 2_000_000;

type ZnodeCase = ZnodeShape & { readonly split: boolean };

function znodeCases(): ZnodeCase[] {
  const sizes: [number, number, number, number][] = [
    [10, 10000, 100, 5],
    [50, 10000, 100, 5],
    [50, 100000, 200, 0],
    [50, 100000, 200, 1],
    [50, 100000, 200, 5],
  ];
  return sizes.flatMap(([processes, ops, znodes, infoPercent]) =>
    [false, true].flatMap((stale) =>
      [true, false].map((split) => ({
        processes,
        ops,
        znodes,
        infoPercent,
        stale,
        split,
        seed: SEED,
      })),
    ),
  );
}

function describeZnode(given: ZnodeCase): string {
  const verdict = given.stale ? "stale" : "ok";
  const how = given.split ? "by znode" : "whole";
  return `znode p${given.processes} n${given.ops} z${given.znodes} info${given.infoPercent}% ${verdict} ${how}`;
}

/** Child side of a znode case: the model with its footprints (split) or without them (whole). */
function measureZnode(given: ZnodeCase, timeoutMs: number): void {
  const parseStarted = performance.now();
  const operations = pairOperations(znodeHistory(given), "znode.jsonl");
  const parseMs = performance.now() - parseStarted;
  const { footprints, ...whole } = znodeTreeModel.create();
  const model = (given.split ? { ...whole, footprints } : whole) as unknown as AnyModel;
  const started = performance.now();
  const prepared = prepareHistory(operations, model, "znode.jsonl");
  const result = checkPrepared(prepared, {
    clock: () => performance.now(),
    deadline: started + timeoutMs,
    stepsMax: ZK_STEPS_MAX,
  });
  const measured: Measured & { readonly partitions: number } = {
    ms: performance.now() - started,
    verdict: String(result.valid),
    steps: result.steps,
    stopped: result.stopped,
    cacheMiB: (result.cacheWords * 4) / 2 ** 20,
    peakMiB: process.resourceUsage().maxRSS / 1024,
    parseMs,
    partitions: result.partitions,
  };
  console.log(JSON.stringify(measured));
}

function inChild(given: HardShape | ZnodeCase, timeoutMs: number): Measured | null {
  const script = fileURLToPath(import.meta.url);
  const flag = "split" in given ? "--znode" : "--one";
  const args = [script, flag, JSON.stringify(given), "--timeout", String(timeoutMs / 1000)];
  const child = spawnSync(process.execPath, ["--max-old-space-size=4096", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const last = child.stdout.trim().split("\n").pop() ?? "";
  if (child.status !== 0 || !last.startsWith("{"))
    throw new Error(`${JSON.stringify(given)}: child failed (${child.status}): ${child.stderr}`);
  const parsed = JSON.parse(last) as Measured | { readonly skipped: string };
  return "skipped" in parsed ? null : parsed;
}

function row(given: HardShape, runs: readonly Measured[]) {
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  const first = runs[0];
  const known = given.twin === "none";
  return {
    class: describe(given),
    model: given.model,
    processes: given.processes,
    ops: given.ops,
    info_percent: given.infoPercent,
    known: known,
    verdict: first?.verdict ?? "none",
    agrees: runs.every((run) => run.verdict === "unknown" || run.verdict === String(known)),
    ms_min: round(times[0] ?? 0),
    ms_max: round(times[times.length - 1] ?? 0),
    steps: first?.steps ?? 0,
    stopped: first?.stopped ?? null,
    cache_mib: round(Math.max(...runs.map((run) => run.cacheMiB))),
    peak_mib: round(Math.max(...runs.map((run) => run.peakMiB))),
  };
}

function printRow(json: boolean, line: ReturnType<typeof row>): void {
  if (json) {
    console.log(JSON.stringify(line));
    return;
  }
  const ms = line.ms_min === line.ms_max ? `${line.ms_min}` : `${line.ms_min}-${line.ms_max}`;
  const mark = line.agrees ? "" : "  DISAGREES";
  console.log(
    `${line.class.padEnd(40)} known ${String(line.known).padEnd(5)} zabsim ${line.verdict.padEnd(7)} ` +
      `${ms.padStart(15)} ms  cache ${line.cache_mib} MiB  peak ${line.peak_mib} MiB${mark}`,
  );
}

function main(): void {
  const { values } = parseArgs({
    options: {
      json: { type: "boolean" },
      classes: { type: "string", default: "hard" },
      filter: { type: "string" },
      timeout: { type: "string", default: "30" },
      repeat: { type: "string", default: "1" },
      one: { type: "string" },
      znode: { type: "string" },
    },
  });
  const timeoutMs = Number(values.timeout) * 1000;
  if (values.one !== undefined) {
    measureOne(JSON.parse(values.one) as HardShape, timeoutMs);
    return;
  }
  if (values.znode !== undefined) {
    measureZnode(JSON.parse(values.znode) as ZnodeCase, timeoutMs);
    return;
  }
  if (values.classes === "znode") {
    runZnode(values.json === true, values.filter ?? "", timeoutMs);
    return;
  }
  const all = values.classes === "grid" ? gridClasses() : hardClasses();
  const chosen = all.filter((given) => describe(given).includes(values.filter ?? ""));
  for (const given of chosen) {
    const runs = Array.from({ length: Number(values.repeat) }, () => inChild(given, timeoutMs));
    const measured = runs.filter((run): run is Measured => run !== null);
    if (measured.length > 0) printRow(values.json === true, row(given, measured));
    else if (values.json !== true) console.log(`${describe(given).padEnd(40)} (no such twin)`);
  }
}

function runZnode(json: boolean, filter: string, timeoutMs: number): void {
  for (const given of znodeCases().filter((one) => describeZnode(one).includes(filter))) {
    const run = inChild(given, timeoutMs) as (Measured & { readonly partitions: number }) | null;
    if (run === null) continue;
    const line = {
      class: describeZnode(given),
      processes: given.processes,
      ops: given.ops,
      info_percent: given.infoPercent,
      known: !given.stale,
      split: given.split,
      partitions: run.partitions,
      verdict: run.verdict,
      ms: round(run.ms),
      steps: run.steps,
      peak_mib: round(run.peakMiB),
    };
    if (json) console.log(JSON.stringify(line));
    else
      console.log(
        `${line.class.padEnd(44)} known ${String(line.known).padEnd(5)} zabsim ${line.verdict.padEnd(7)} ` +
          `${String(line.ms).padStart(9)} ms  ${line.partitions} objects  ${line.steps} steps`,
      );
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

main();
