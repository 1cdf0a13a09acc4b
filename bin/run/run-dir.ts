// A failing seed's run directory (DESIGN.md, "The CLI contract"): run.json (scenario, seed, version, verdicts,
// stats, trace hash, the applied fault schedule and workload, the repro command), trace.jsonl, history.jsonl,
// history.edn, scenario.json (the full scenario, so `--scenario-file` replays it anywhere), and what the checks
// judged beyond the history (zk-records.jsonl: the ZooKeeper consistency check's input).
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { runScenario, type ScenarioRun } from "../../scenarios/runner/index.js";
import type { Scenario } from "../../scenarios/schema/index.js";
import { historyToEdn, historyToJsonLines, traceToJsonLines } from "../../sim/record/index.js";
import { VERSION } from "../version.js";

export interface RunDirInput {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly dir: string;
  readonly repro: string;
}

/**
 * Re-runs the seed keeping the trace, writes the directory, and returns the run. The files are written into a
 * fresh sibling directory that is renamed into place at the end, so a crash or ^C never leaves a half-written
 * run directory behind (a previous directory of the same seed is replaced only then).
 */
export function writeRunDir(input: RunDirInput): ScenarioRun {
  const run = runScenario(input.scenario, input.seed, { keepTrace: true });
  const parent = dirname(input.dir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(input.dir)}.tmp-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  writeFileSync(join(staging, "run.json"), `${JSON.stringify(runJson(input, run), null, 2)}\n`);
  writeFileSync(join(staging, "scenario.json"), `${JSON.stringify(input.scenario, null, 2)}\n`);
  writeFileSync(join(staging, "trace.jsonl"), traceToJsonLines(run.trace));
  writeFileSync(join(staging, "history.jsonl"), historyToJsonLines(run.history));
  writeFileSync(join(staging, "history.edn"), historyToEdn(run.history));
  for (const [file, lines] of Object.entries(run.checkInputs ?? {}))
    writeFileSync(join(staging, file), lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
  rmSync(input.dir, { recursive: true, force: true });
  renameSync(staging, input.dir);
  return run;
}

function runJson(input: RunDirInput, run: ScenarioRun) {
  return {
    scenario: run.scenario,
    seed: run.seed,
    version: VERSION,
    bugs: input.scenario.bugs,
    verdict: run.verdict,
    verdicts: run.checks,
    violations: run.violations,
    trace_hash: run.traceHash,
    stats: {
      events: run.events,
      sim_time_us: run.simTimeUs,
      healed_at_us: run.healedAtUs,
      faults: run.stats.faults,
      client_ops: run.stats.clientOps,
      ok: run.stats.ok,
      fail: run.stats.fail,
      info: run.stats.info,
      trace_entries: run.trace.length,
      history_entries: run.history.length,
    },
    swarm: run.swarm,
    repro: input.repro,
    schedule: run.schedule,
    workload: run.workload,
    // What a monitoring probe read from every server's four-letter words, every monitorEveryMs.
    monitor: run.monitor,
  };
}

/** `runs/<scenario>/seed-<N>` under the --out directory. */
export function runDirOf(out: string, scenario: string, seed: number): string {
  return join(out, scenario, `seed-${seed}`);
}
