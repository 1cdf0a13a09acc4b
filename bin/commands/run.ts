// `zabsim run`: run a scenario over seeds. Until the ZooKeeper scenarios exist (issue 7), the only scenario
// is the kernel self-check, and this command says so plainly before it runs anything.
import { parseArgs } from "node:util";
import {
  runSelfcheck,
  SELFCHECK_NAME,
  type SelfcheckResult,
} from "../../scenarios/kernel-selfcheck/index.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import type { Command } from "./index.js";
import { parseSeed, parseSeedRange } from "./seeds.js";

const DEFAULT_SEEDS = "1..20";

const NOT_YET = [
  "--jobs",
  "--shard",
  "--bug",
  "--shrink",
  "--out",
  "--junit",
  "--report",
  "--scenario-file",
] as const;

interface RunOptions {
  readonly seeds: readonly number[];
  readonly json: boolean;
  readonly failFast: boolean;
}

function parseRunArgs(args: readonly string[]): RunOptions {
  const notYet = args.find((arg) =>
    NOT_YET.some((flag) => arg === flag || arg.startsWith(`${flag}=`)),
  );
  if (notYet !== undefined) {
    throw new UsageError(
      `${notYet.split("=")[0]} is part of the CLI contract but not built yet (issue 7)`,
    );
  }
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      seed: { type: "string" },
      seeds: { type: "string" },
      json: { type: "boolean", default: false },
      "fail-fast": { type: "boolean", default: false },
    },
  });
  if (positionals.length > 1)
    throw new UsageError(`expected at most one scenario, got ${positionals.join(" ")}`);
  const scenario = positionals[0] ?? SELFCHECK_NAME;
  if (scenario !== SELFCHECK_NAME) {
    throw new UsageError(
      `unknown scenario '${scenario}'. Available: ${SELFCHECK_NAME}. The ZooKeeper scenarios arrive with issue 7.`,
    );
  }
  if (values.seed !== undefined && values.seeds !== undefined)
    throw new UsageError("give --seed or --seeds, not both");
  const seeds =
    values.seed !== undefined
      ? [parseSeed(values.seed, "--seed")]
      : parseSeedRange(values.seeds ?? DEFAULT_SEEDS);
  return { seeds, json: values.json, failFast: values["fail-fast"] };
}

function explain(io: CliIo): void {
  io.err(
    "zabsim run: no ZooKeeper scenarios exist yet. The ZAB protocol, the ZooKeeper service and the",
  );
  io.err(
    "scenario catalogue are still being built (issues 4, 5 and 7); nothing here tests ZooKeeper.",
  );
  io.err(
    `What runs today is '${SELFCHECK_NAME}': five nodes stream numbered messages over the simulated`,
  );
  io.err(
    "network under a random schedule of partitions, crashes, kills, pauses, clock faults and link faults.",
  );
  io.err(
    "Each seed is run twice: it passes when every connection delivered an in-order prefix of its stream",
  );
  io.err("and both runs give the same trace hash.");
}

function line(result: SelfcheckResult, wallMs: number): string {
  const simS = (result.sim_time_us / 1e6).toFixed(1);
  const problems = result.violations.map((v) => `${v.check}: ${v.message}`).join("; ");
  return `seed ${result.seed}  ${result.verdict.toUpperCase()}  events=${result.events}  sim=${simS}s  wall=${wallMs}ms  faults=${result.faults}  hash=${result.trace_hash}${problems === "" ? "" : `  ${problems}`}`;
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const options = parseRunArgs(args);
  if (!options.json) explain(io);
  let failed = 0;
  let events = 0;
  let simUs = 0;
  const started = Date.now();
  for (const seed of options.seeds) {
    const t0 = Date.now();
    const first = runSelfcheck(seed);
    const again = runSelfcheck(seed);
    const violations = [...first.violations];
    if (again.trace_hash !== first.trace_hash) {
      violations.push({
        check: "determinism",
        message: `second run hash ${again.trace_hash} != ${first.trace_hash}`,
      });
    }
    const result: SelfcheckResult = {
      ...first,
      violations,
      verdict: violations.length === 0 ? "pass" : "fail",
    };
    const wallMs = Date.now() - t0;
    events += result.events;
    simUs += result.sim_time_us;
    if (result.verdict === "fail") failed++;
    io.out(options.json ? JSON.stringify({ ...result, wall_ms: wallMs }) : line(result, wallMs));
    if (failed > 0 && options.failFast) break;
  }
  const wallMs = Math.max(1, Date.now() - started);
  if (!options.json) {
    const speedup = Math.round(simUs / 1000 / wallMs);
    io.err(
      `${options.seeds.length} seeds: ${options.seeds.length - failed} passed, ${failed} failed, 0 unknown; ` +
        `${(simUs / 1e6).toFixed(0)}s simulated (x2 for the determinism re-run), ${events} events, ` +
        `${(wallMs / 1000).toFixed(1)}s wall, ${speedup}x real time`,
    );
  }
  return failed > 0 ? EXIT.violation : EXIT.ok;
}

export const runCommand: Command = {
  name: "run",
  usage: `zabsim run [${SELFCHECK_NAME}] [--seed N | --seeds A..B] [--fail-fast] [--json]`,
  summary: "Run a scenario over seeds. Today only the kernel self-check exists (no ZooKeeper yet).",
  run,
};
