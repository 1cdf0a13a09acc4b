// The planted-bug benchmark (issue 7, DESIGN.md "Planted bugs"): for each planted bug of the registry (ZAB and
// server), sweep seeds of the scenario that exposes it (`zabsim list bugs`) with the bug switched on until a
// seed's run has a violation from one of the bug's own checks (`caught_by`; a violation of another check is
// not a detection), then shrink that run with the scenarios' shrinker, keeping that check failing. Reports
// seeds and wall time to first detection and the shrunk reproduction's size, one line per bug (one JSON object
// per line with --json), then which targets are met: every bug detected within 60 s of wall time, and shrunk
// to at most 10 nemesis operations. A shrink left above that bound is retried from the next detecting seeds
// (at most SHRINK_TRIES_MAX, within the same 60 s of sweeping), as a person would with another failing seed;
// `shrunk_seed` says which one it was. An equivalent mutant (`equivalent` in the registry) is met instead when
// its sweep gives the same trace hashes and verdicts as the fixed protocol. Exits 1 when a target is missed.
//   npm run bench:bugs [-- --json] [-- --bug ID]...
import {
  type BugId,
  isCaughtBy,
  PLANTED_BUGS,
  type PlantedBug,
} from "../protocol/planted-bugs/index.js";
import { BUG_EXPOSED_BY, builtInScenario } from "../scenarios/catalog/index.js";
import { runScenario, type ScenarioRun } from "../scenarios/runner/index.js";
import type { Scenario } from "../scenarios/schema/index.js";
import { shrinkRun } from "../scenarios/shrink/index.js";

const DETECT_BUDGET_MS = 60_000;
const SEEDS_MAX = 10_000;
const NEMESIS_OPS_MAX = 10;
const SHRINK_RUNS_MAX = 2_000;
/** Detecting seeds whose runs are shrunk, at most, looking for one within NEMESIS_OPS_MAX. */
const SHRINK_TRIES_MAX = 12;
/** Seeds an equivalent mutant is compared over, with and without the switch. */
const EQUIVALENCE_SEEDS = 30;

interface BugResult {
  readonly id: BugId;
  readonly layer: string;
  readonly catalogue: string;
  readonly scenario: string | null;
  readonly equivalent: boolean;
  readonly detected: boolean;
  readonly seeds_run: number;
  readonly found_at_seed: number | null;
  readonly detect_wall_ms: number;
  readonly check: string | null;
  readonly shrunk_seed: number | null;
  readonly nemesis_ops_before: number | null;
  readonly client_ops_before: number | null;
  readonly nemesis_ops: number | null;
  readonly client_ops: number | null;
  readonly shrink_runs: number;
  readonly shrink_wall_ms: number;
  readonly reproduced: boolean;
  readonly detected_within_60s: boolean;
  readonly shrunk_within_10_ops: boolean;
  /** Equivalent mutants only: every seed of the sweep ran exactly as without the switch. */
  readonly equivalence_held: boolean | null;
}

const NOT_SHRUNK = {
  shrunk_seed: null,
  nemesis_ops_before: null,
  client_ops_before: null,
  nemesis_ops: null,
  client_ops: null,
  shrink_runs: 0,
  shrink_wall_ms: 0,
  reproduced: false,
} as const;

/** The first violation of the run that one of the bug's own checks reported, if any. */
function caughtCheck(bug: PlantedBug, run: ScenarioRun): string | null {
  return run.violations.find((v) => isCaughtBy(bug, v.check))?.check ?? null;
}

interface Sweep {
  readonly run: ScenarioRun | null;
  readonly check: string | null;
  readonly seeds: number;
  readonly wallMs: number;
}

/**
 * Seeds from `fromSeed` until a run is caught by the bug's checks, or `spentMs` plus this sweep's wall time
 * exceeds the budget. `seeds` is the last seed run; `wallMs` this sweep's time.
 */
function sweep(bug: PlantedBug, scenario: Scenario, fromSeed: number, spentMs: number): Sweep {
  const started = performance.now();
  for (let seed = fromSeed; seed <= SEEDS_MAX; seed++) {
    const run = runScenario(scenario, seed);
    const wallMs = performance.now() - started;
    const check = caughtCheck(bug, run);
    if (check !== null) return { run, check, seeds: seed, wallMs };
    if (spentMs + wallMs > DETECT_BUDGET_MS) return { run: null, check: null, seeds: seed, wallMs };
  }
  return { run: null, check: null, seeds: SEEDS_MAX, wallMs: performance.now() - started };
}

interface Shrunk {
  readonly run: ScenarioRun;
  readonly result: ReturnType<typeof shrinkRun>;
  readonly wallMs: number;
}

function shrinkFound(scenario: Scenario, run: ScenarioRun, check: string): Shrunk {
  const started = performance.now();
  const result = shrinkRun({
    scenario,
    seed: run.seed,
    faults: run.faults,
    workload: run.workload,
    check,
    maxRuns: SHRINK_RUNS_MAX,
  });
  return { run, result, wallMs: performance.now() - started };
}

/** A reproduced shrink beats one that is not; among those, fewer nemesis ops. */
function isSmaller(shrunk: Shrunk, than: Shrunk | null): boolean {
  if (than === null) return true;
  if (shrunk.result.reproduced !== than.result.reproduced) return shrunk.result.reproduced;
  return shrunk.result.faultOps < than.result.faultOps;
}

function isSmall(shrunk: Shrunk | null): boolean {
  return shrunk?.result.reproduced === true && shrunk.result.faultOps <= NEMESIS_OPS_MAX;
}

/** The first detection, and the smallest shrink over up to SHRINK_TRIES_MAX detecting seeds. */
function detections(bug: PlantedBug, scenario: Scenario) {
  const first = sweep(bug, scenario, 1, 0);
  let sweptMs = first.wallMs;
  let best: Shrunk | null = null;
  let found: Sweep = first;
  for (let tries = 0; tries < SHRINK_TRIES_MAX && found.run !== null; tries++) {
    const shrunk = shrinkFound(scenario, found.run, found.check ?? "");
    if (isSmaller(shrunk, best)) best = shrunk;
    if (isSmall(best)) break;
    found = sweep(bug, scenario, found.seeds + 1, sweptMs);
    sweptMs += found.wallMs;
  }
  return { first, best };
}

function head(bug: PlantedBug, scenario: string | null) {
  return {
    id: bug.id,
    layer: bug.layer,
    catalogue: bug.catalogue,
    scenario,
    equivalent: bug.equivalent !== undefined,
  };
}

/** A bug nobody has given an exposing scenario: every target missed. */
function unmapped(bug: PlantedBug): BugResult {
  return {
    ...head(bug, null),
    detected: false,
    seeds_run: 0,
    found_at_seed: null,
    detect_wall_ms: 0,
    check: null,
    ...NOT_SHRUNK,
    detected_within_60s: false,
    shrunk_within_10_ops: false,
    equivalence_held: null,
  };
}

function detectAndShrink(bug: PlantedBug, name: string, base: Scenario): BugResult {
  const { first, best } = detections(bug, { ...base, bugs: [bug.id] });
  const detected = first.run !== null;
  return {
    ...head(bug, name),
    detected,
    seeds_run: first.seeds,
    found_at_seed: first.run?.seed ?? null,
    detect_wall_ms: Math.round(first.wallMs),
    check: first.check,
    ...(best === null
      ? NOT_SHRUNK
      : {
          shrunk_seed: best.run.seed,
          nemesis_ops_before: best.run.schedule.length,
          client_ops_before: best.run.workload.length,
          nemesis_ops: best.result.faultOps,
          client_ops: best.result.clientOps,
          shrink_runs: best.result.runs,
          shrink_wall_ms: Math.round(best.wallMs),
          reproduced: best.result.reproduced,
        }),
    detected_within_60s: detected && first.wallMs <= DETECT_BUDGET_MS,
    shrunk_within_10_ops: isSmall(best),
    equivalence_held: null,
  };
}

/** An equivalent mutant: the same seeds with and without the switch must run identically. */
function checkEquivalence(bug: PlantedBug, name: string, base: Scenario): BugResult {
  const started = performance.now();
  let seeds = 0;
  let held = true;
  for (let seed = 1; seed <= EQUIVALENCE_SEEDS && held; seed++) {
    const fixed = runScenario({ ...base, bugs: [] }, seed);
    const mutant = runScenario({ ...base, bugs: [bug.id] }, seed);
    held = fixed.traceHash === mutant.traceHash && fixed.verdict === mutant.verdict;
    seeds = seed;
  }
  const wallMs = performance.now() - started;
  return {
    ...head(bug, name),
    detected: false,
    seeds_run: seeds,
    found_at_seed: null,
    detect_wall_ms: Math.round(wallMs),
    check: null,
    ...NOT_SHRUNK,
    detected_within_60s: held && wallMs <= DETECT_BUDGET_MS,
    shrunk_within_10_ops: held,
    equivalence_held: held,
  };
}

function benchBug(bug: PlantedBug): BugResult {
  const name = BUG_EXPOSED_BY[bug.id];
  const base = name === undefined ? undefined : builtInScenario(name);
  if (name === undefined || base === undefined) return unmapped(bug);
  return bug.equivalent === undefined
    ? detectAndShrink(bug, name, base)
    : checkEquivalence(bug, name, base);
}

function line(r: BugResult): string {
  const head = `${r.id.padEnd(22)} ${r.catalogue.padEnd(9)} ${(r.scenario ?? "-").padEnd(30)}`;
  if (r.scenario === null) return `${head} NO EXPOSING SCENARIO`;
  if (r.equivalent) {
    const verdict = r.equivalence_held ? "equivalent (as expected)" : "NOT EQUIVALENT any more";
    return `${head} ${verdict} over ${r.seeds_run} seeds, ${(r.detect_wall_ms / 1000).toFixed(2)} s`;
  }
  if (!r.detected) return `${head} NOT DETECTED in ${r.seeds_run} seeds (${r.detect_wall_ms} ms)`;
  const found = `seed ${r.found_at_seed} after ${r.seeds_run} seeds, ${(r.detect_wall_ms / 1000).toFixed(2)} s`;
  const seed = r.shrunk_seed === r.found_at_seed ? "" : ` seed ${r.shrunk_seed}`;
  const shrunk = `shrunk${seed} ${r.nemesis_ops_before} -> ${r.nemesis_ops} nemesis ops, ${r.client_ops_before} -> ${r.client_ops} client ops (${r.shrink_runs} runs, ${(r.shrink_wall_ms / 1000).toFixed(1)} s)`;
  return `${head} ${r.check}: ${found}; ${shrunk}`;
}

function summaryOf(results: readonly BugResult[]) {
  const detected = results.filter((r) => r.detected_within_60s).length;
  const shrunk = results.filter((r) => r.shrunk_within_10_ops).length;
  return {
    summary: true,
    bugs: results.length,
    without_scenario: results.filter((r) => r.scenario === null).map((r) => r.id),
    all_detected_within_60s: detected === results.length,
    all_shrunk_within_10_nemesis_ops: shrunk === results.length,
    targets_met: detected === results.length && shrunk === results.length,
    text: `targets: detected within 60 s: ${detected === results.length ? "met" : "NOT met"} (${detected}/${results.length}); shrunk to <= ${NEMESIS_OPS_MAX} nemesis ops: ${shrunk === results.length ? "met" : "NOT met"} (${shrunk}/${results.length})`,
  };
}

function main(argv: readonly string[]): void {
  const json = argv.includes("--json");
  const only = argv.flatMap((arg, i) => (argv[i - 1] === "--bug" ? [arg] : []));
  const unknown = only.filter((id) => !PLANTED_BUGS.some((b) => b.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown planted bug ${unknown.join(", ")}\n`);
    process.exitCode = 2;
    return;
  }
  const results: BugResult[] = [];
  for (const bug of PLANTED_BUGS.filter((b) => only.length === 0 || only.includes(b.id))) {
    const result = benchBug(bug);
    results.push(result);
    process.stdout.write(`${json ? JSON.stringify(result) : line(result)}\n`);
  }
  const { text, ...summary } = summaryOf(results);
  process.stdout.write(`${json ? JSON.stringify(summary) : text}\n`);
  process.exitCode = summary.targets_met ? 0 : 1;
}

main(process.argv.slice(2));
