// `zabsim run`'s flags: which scenario (a built-in name or --scenario-file), which seeds (a range, then a shard
// of it), how many worker threads, planted bugs, and where failing runs are written.
import { parseArgs } from "node:util";
import { BUG_IDS } from "../../protocol/zab/index.js";
import {
  builtInScenario,
  catalogue,
  closeNames,
  DEFAULT_SCENARIO,
  isSelfcheck,
} from "../../scenarios/catalog/index.js";
import { parseScenario, type Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";
import { parseSeed, parseSeedRange } from "../commands/seeds.js";
import { readScenarioFile } from "./scenario-file.js";
import type { RunTarget } from "./seed-result.js";
import { parseShard, type Shard, shardSeeds } from "./shard.js";

export const DEFAULT_SEEDS = "1..20";
export const DEFAULT_OUT = "runs";

/** One scenario of a run: what runs, and how the repro command names it (`NAME` or `--scenario-file FILE`). */
export interface Sweep {
  readonly target: RunTarget;
  readonly scenarioArgs: readonly string[];
}

export interface RunOptions {
  /** The scenarios, each over every seed: one, or with --all the whole catalogue. */
  readonly sweeps: readonly Sweep[];
  /** With --all: the built-in scenarios left out because they are expected to fail, and why. */
  readonly skipped: readonly { readonly name: string; readonly expectedFailure: string }[];
  readonly seeds: readonly number[];
  readonly shard: Shard | null;
  readonly jobs: number;
  readonly bugs: readonly string[];
  readonly failFast: boolean;
  readonly json: boolean;
  readonly out: string;
  readonly shrink: boolean;
  /** Write `report.html` into each failing seed's run directory. */
  readonly report: boolean;
  /** Write the sweep's results as JUnit XML here. */
  readonly junit: string | null;
}

const FLAGS = {
  seed: { type: "string" },
  seeds: { type: "string" },
  jobs: { type: "string" },
  shard: { type: "string" },
  bug: { type: "string", multiple: true },
  "fail-fast": { type: "boolean", default: false },
  json: { type: "boolean", default: false },
  out: { type: "string" },
  "scenario-file": { type: "string" },
  all: { type: "boolean", default: false },
  shrink: { type: "boolean", default: false },
  report: { type: "boolean", default: false },
  junit: { type: "string" },
} as const;

export function parseRunArgs(args: readonly string[]): RunOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: FLAGS,
  });
  if (positionals.length > 1)
    throw new UsageError(`expected at most one scenario, got ${positionals.join(" ")}`);
  const bugs = parseBugs(values.bug ?? []);
  const file = values["scenario-file"];
  if (file !== undefined && positionals.length > 0)
    throw new UsageError("give a scenario name or --scenario-file, not both");
  if (values.all && (file !== undefined || positionals.length > 0 || bugs.length > 0))
    throw new UsageError(
      "--all runs every built-in scenario: give no scenario, --scenario-file or --bug",
    );
  const name = positionals[0] ?? DEFAULT_SCENARIO;
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  const single = (): Sweep => ({
    target: file === undefined ? namedTarget(name, bugs) : fileTarget(file, bugs),
    scenarioArgs: file === undefined ? [name] : ["--scenario-file", file],
  });
  const entries = catalogue();
  return {
    sweeps: values.all
      ? entries
          .filter((entry) => entry.expectedFailure === undefined)
          .map((entry) => ({ target: namedTarget(entry.name, []), scenarioArgs: [entry.name] }))
      : [single()],
    skipped: values.all
      ? entries.flatMap((entry) =>
          entry.expectedFailure === undefined
            ? []
            : [{ name: entry.name, expectedFailure: entry.expectedFailure }],
        )
      : [],
    seeds: shardSeeds(seedsOf(values.seed, values.seeds), shard),
    shard,
    jobs: values.jobs === undefined ? 1 : parseJobs(values.jobs),
    bugs,
    failFast: values["fail-fast"],
    json: values.json,
    out: values.out ?? DEFAULT_OUT,
    shrink: values.shrink,
    report: values.report,
    junit: parseJunit(values.junit),
  };
}

function seedsOf(seed: string | undefined, seeds: string | undefined): readonly number[] {
  if (seed !== undefined && seeds !== undefined)
    throw new UsageError("give --seed or --seeds, not both");
  if (seed !== undefined) return [parseSeed(seed, "--seed")];
  return parseSeedRange(seeds ?? DEFAULT_SEEDS);
}

function parseJobs(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256)
    throw new UsageError(`--jobs expects a number of worker threads from 1 to 256, got '${text}'`);
  return Number(text);
}

function parseBugs(bugs: readonly string[]): string[] {
  for (const bug of bugs) {
    if (!(BUG_IDS as readonly string[]).includes(bug))
      throw new UsageError(`unknown planted bug '${bug}'. Known: ${BUG_IDS.join(", ")}`);
  }
  return [...new Set(bugs)].sort();
}

function namedTarget(name: string, bugs: readonly string[]): RunTarget {
  if (isSelfcheck(name)) {
    if (bugs.length > 0) throw new UsageError(`${name} has no planted bugs`);
    return { kind: "selfcheck" };
  }
  const scenario = builtInScenario(name);
  if (scenario === undefined) {
    const close = closeNames(name);
    const hint = close.length > 0 ? ` Did you mean ${close.join(", ")}?` : "";
    throw new UsageError(`unknown scenario '${name}'.${hint} 'zabsim list scenarios' lists them.`);
  }
  return { kind: "scenario", scenario: withBugs(scenario, bugs) };
}

function fileTarget(file: string, bugs: readonly string[]): RunTarget {
  return { kind: "scenario", scenario: withBugs(readScenarioFile(file), bugs) };
}

function withBugs(scenario: Scenario, bugs: readonly string[]): Scenario {
  if (bugs.length === 0) return scenario;
  const all = [...new Set([...scenario.bugs, ...bugs])].sort() as Scenario["bugs"];
  // The bugs must suit the scenario's system (a server bug needs ZooKeeper servers): validate again.
  const parsed = parseScenario({ ...scenario, bugs: all });
  if (!parsed.ok) {
    const problems = parsed.issues.map((issue) => issue.message).join("; ");
    throw new UsageError(`--bug: ${problems} (scenario ${scenario.name})`);
  }
  return parsed.scenario;
}

function parseJunit(file: string | undefined): string | null {
  if (file === undefined) return null;
  if (file === "") throw new UsageError("--junit needs a file name");
  return file;
}
