// The planted-bug benchmark (issue 7, DESIGN.md "Planted bugs"): for each planted bug, sweep seeds of the
// scenario that exposes it (`zabsim list bugs`) with the bug switched on until the first failing seed, then
// shrink that run with the scenarios' shrinker. Reports seeds and wall time to first detection and the shrunk
// reproduction's size, one line per bug (one JSON object per line with --json), then which targets are met:
// every bug detected within 60 s of wall time, and shrunk to at most 10 nemesis operations.
//   npm run bench:bugs [-- --json] [-- --bug ID]...
import { type BugId, PLANTED_BUGS, type PlantedBug } from "../protocol/zab/index.js";
import { BUG_EXPOSED_BY, builtInScenario } from "../scenarios/catalog/index.js";
import { runScenario, type ScenarioRun } from "../scenarios/runner/index.js";
import type { Scenario } from "../scenarios/schema/index.js";
import { shrinkRun } from "../scenarios/shrink/index.js";

const DETECT_BUDGET_MS = 60_000;
const SEEDS_MAX = 10_000;
const NEMESIS_OPS_MAX = 10;
const SHRINK_RUNS_MAX = 2_000;

interface BugResult {
  readonly id: BugId;
  readonly catalogue: string;
  readonly scenario: string;
  readonly detected: boolean;
  readonly seeds_run: number;
  readonly found_at_seed: number | null;
  readonly detect_wall_ms: number;
  readonly check: string | null;
  readonly nemesis_ops_before: number | null;
  readonly client_ops_before: number | null;
  readonly nemesis_ops: number | null;
  readonly client_ops: number | null;
  readonly shrink_runs: number;
  readonly shrink_wall_ms: number;
  readonly reproduced: boolean;
  readonly detected_within_60s: boolean;
  readonly shrunk_within_10_ops: boolean;
}

/** The violation to keep while shrinking: one reported by a checker the bug is caught by, else the first. */
function failingCheck(bug: PlantedBug, run: ScenarioRun): string | null {
  const named = run.violations.find((v) =>
    bug.caughtBy.some((c) => v.check === c || v.check.startsWith(`${c}.`)),
  );
  return (named ?? run.violations[0])?.check ?? null;
}

function sweep(scenario: Scenario): { run: ScenarioRun | null; seeds: number; wallMs: number } {
  const started = performance.now();
  for (let seed = 1; seed <= SEEDS_MAX; seed++) {
    const run = runScenario(scenario, seed);
    const wallMs = performance.now() - started;
    if (run.verdict === "fail") return { run, seeds: seed, wallMs };
    if (wallMs > DETECT_BUDGET_MS) return { run: null, seeds: seed, wallMs };
  }
  return { run: null, seeds: SEEDS_MAX, wallMs: performance.now() - started };
}

function benchBug(bug: PlantedBug): BugResult | null {
  const name = BUG_EXPOSED_BY[bug.id];
  const base = name === undefined ? undefined : builtInScenario(name);
  if (name === undefined || base === undefined) return null;
  const scenario: Scenario = { ...base, bugs: [bug.id] };
  const found = sweep(scenario);
  const run = found.run;
  const check = run === null ? null : failingCheck(bug, run);
  const empty = {
    nemesis_ops_before: null,
    client_ops_before: null,
    nemesis_ops: null,
    client_ops: null,
    shrink_runs: 0,
    shrink_wall_ms: 0,
    reproduced: false,
  };
  const shrinkStarted = performance.now();
  const shrunk =
    run === null || check === null
      ? null
      : shrinkRun({
          scenario,
          seed: run.seed,
          faults: run.faults,
          workload: run.workload,
          check,
          maxRuns: SHRINK_RUNS_MAX,
        });
  const detected = run !== null;
  return {
    id: bug.id,
    catalogue: bug.catalogue,
    scenario: name,
    detected,
    seeds_run: found.seeds,
    found_at_seed: run?.seed ?? null,
    detect_wall_ms: Math.round(found.wallMs),
    check,
    ...(shrunk === null || run === null
      ? empty
      : {
          nemesis_ops_before: run.schedule.length,
          client_ops_before: run.workload.length,
          nemesis_ops: shrunk.faultOps,
          client_ops: shrunk.clientOps,
          shrink_runs: shrunk.runs,
          shrink_wall_ms: Math.round(performance.now() - shrinkStarted),
          reproduced: shrunk.reproduced,
        }),
    detected_within_60s: detected && found.wallMs <= DETECT_BUDGET_MS,
    shrunk_within_10_ops: shrunk !== null && shrunk.faultOps <= NEMESIS_OPS_MAX,
  };
}

function line(r: BugResult): string {
  const head = `${r.id.padEnd(22)} ${r.catalogue.padEnd(6)} ${r.scenario.padEnd(26)}`;
  if (!r.detected) return `${head} NOT DETECTED in ${r.seeds_run} seeds (${r.detect_wall_ms} ms)`;
  const found = `seed ${r.found_at_seed} after ${r.seeds_run} seeds, ${(r.detect_wall_ms / 1000).toFixed(2)} s`;
  const shrunk = `shrunk ${r.nemesis_ops_before} -> ${r.nemesis_ops} nemesis ops, ${r.client_ops_before} -> ${r.client_ops} client ops (${r.shrink_runs} runs, ${(r.shrink_wall_ms / 1000).toFixed(1)} s)`;
  return `${head} ${r.check}: ${found}; ${shrunk}`;
}

function main(argv: readonly string[]): void {
  const json = argv.includes("--json");
  const only = argv.flatMap((arg, i) => (argv[i - 1] === "--bug" ? [arg] : []));
  const bugs = PLANTED_BUGS.filter((b) => only.length === 0 || only.includes(b.id));
  const results: BugResult[] = [];
  const unmapped: string[] = [];
  for (const bug of bugs) {
    const result = benchBug(bug);
    if (result === null) {
      unmapped.push(bug.id);
      continue;
    }
    results.push(result);
    process.stdout.write(`${json ? JSON.stringify(result) : line(result)}\n`);
  }
  const detected = results.every((r) => r.detected_within_60s) && unmapped.length === 0;
  const shrunk = results.every((r) => r.shrunk_within_10_ops) && unmapped.length === 0;
  const summary = {
    summary: true,
    bugs: results.length,
    without_scenario: unmapped,
    all_detected_within_60s: detected,
    all_shrunk_within_10_nemesis_ops: shrunk,
    targets_met: detected && shrunk,
  };
  const text = `targets: detected within 60 s: ${detected ? "met" : "NOT met"} (${results.filter((r) => r.detected_within_60s).length}/${results.length + unmapped.length}); shrunk to <= ${NEMESIS_OPS_MAX} nemesis ops: ${shrunk ? "met" : "NOT met"} (${results.filter((r) => r.shrunk_within_10_ops).length}/${results.length + unmapped.length})`;
  process.stdout.write(`${json ? JSON.stringify(summary) : text}\n`);
}

main(process.argv.slice(2));
