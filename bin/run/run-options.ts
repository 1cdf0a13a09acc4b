// `zabsim run`'s flags: which scenario (a built-in name or --scenario-file), which seeds (a range, then a shard
// of it), how many worker threads, planted bugs, and where failing runs are written.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ZkVersion } from "../../protocol/zab/index.js";
import { catalogue, DEFAULT_SCENARIO } from "../../scenarios/catalog/index.js";
import { UsageError } from "../cli-io.js";
import { DEFAULT_OUT, DEFAULT_SEEDS, RUN_FLAGS } from "../commands/run-spec.js";
import { parseSeed, parseSeedRange } from "../commands/seeds.js";
import { checkOutputDir, checkOutputFile } from "../out-paths.js";
import { parseBugs, parseZkVersion, resolveTarget } from "./resolve-scenario.js";
import type { AppRef } from "./run-target.js";
import type { RunTarget } from "./seed-result.js";
import { parseShard, type Shard, shardFromEnv, shardSeeds } from "./shard.js";

/** One scenario of a run: what runs, and how the repro command names it (`NAME` or `--scenario-file FILE`). */
export interface Sweep {
  readonly target: RunTarget;
  readonly scenarioArgs: readonly string[];
}

export interface RunOptions {
  /** The scenarios, each over every seed: one, or with --all the whole catalogue. */
  readonly sweeps: readonly Sweep[];
  /** How the command named its scenarios: a name, `--scenario-file FILE` or `--all` (for merge's checks). */
  readonly targetArgs: string;
  /** With --all: the built-in scenarios left out because they are expected to fail, and why. */
  readonly skipped: readonly { readonly name: string; readonly expectedFailure: string }[];
  /** The whole seed range, before --shard took its part. */
  readonly range: { readonly first: number; readonly last: number };
  readonly seeds: readonly number[];
  readonly shard: Shard | null;
  readonly jobs: number;
  readonly bugs: readonly string[];
  /** --zk-version: the release line every scenario of the run simulates; null keeps each scenario's own. */
  readonly zkVersion: ZkVersion | null;
  readonly failFast: boolean;
  readonly json: boolean;
  readonly out: string;
  readonly shrink: boolean;
  /** Write `report.html` into each failing seed's run directory. */
  readonly report: boolean;
  /** Write the sweep's results as JUnit XML here. */
  readonly junit: string | null;
  /** --app FILE: the user's app runs as the scenario's clients. */
  readonly app: AppRef | null;
}

/**
 * Parses and checks `zabsim run`'s flags, output paths included, so that nothing runs when any is wrong.
 * `env` fills `--shard env` (a CI matrix's or a Kubernetes Indexed Job's shard index).
 */
export function parseRunArgs(
  args: readonly string[],
  env: { readonly [name: string]: string | undefined } = {},
): RunOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: RUN_FLAGS,
  });
  if (positionals.length > 1)
    throw new UsageError(`expected at most one scenario, got ${positionals.join(" ")}`);
  const bugs = parseBugs(values.bug ?? []);
  const zkVersion = parseZkVersion(values["zk-version"]);
  const file = values["scenario-file"];
  if (file !== undefined && positionals.length > 0)
    throw new UsageError("give a scenario name or --scenario-file, not both");
  if (values.all && (file !== undefined || positionals.length > 0 || bugs.length > 0))
    throw new UsageError(
      "--all runs every built-in scenario: give no scenario, --scenario-file or --bug",
    );
  const name = positionals[0] ?? DEFAULT_SCENARIO;
  const shard =
    values.shard === undefined
      ? null
      : values.shard === "env"
        ? shardFromEnv(env)
        : parseShard(values.shard);
  const app = parseApp(values.app);
  if (values.all && app !== null)
    throw new UsageError(
      "--all runs the built-in scenarios as they are: give a scenario with --app",
    );
  const single = (): Sweep => ({
    target: resolveTarget(
      file === undefined ? { kind: "name", name } : { kind: "file", file },
      bugs,
      app,
      zkVersion,
    ),
    scenarioArgs: file === undefined ? [name] : ["--scenario-file", file],
  });
  const entries = catalogue();
  const range = rangeOf(values.seed, values.seeds);
  const out = values.out ?? DEFAULT_OUT;
  checkOutputDir(out, "--out");
  const junit = parseJunit(values.junit);
  return {
    sweeps: values.all
      ? entries
          .filter((entry) => entry.expectedFailure === undefined)
          .map((entry) => ({
            target: resolveTarget({ kind: "name", name: entry.name }, [], null, zkVersion),
            scenarioArgs: [entry.name],
          }))
      : [single()],
    targetArgs: values.all ? "--all" : file === undefined ? name : `--scenario-file ${file}`,
    skipped: values.all
      ? entries.flatMap((entry) =>
          entry.expectedFailure === undefined
            ? []
            : [{ name: entry.name, expectedFailure: entry.expectedFailure }],
        )
      : [],
    range,
    seeds: shardSeeds(seedsIn(range), shard),
    shard,
    jobs: values.jobs === undefined ? 1 : parseJobs(values.jobs),
    bugs,
    zkVersion,
    failFast: values["fail-fast"],
    json: values.json,
    out,
    shrink: values.shrink,
    report: values.report,
    junit,
    app,
  };
}

function parseApp(file: string | undefined): AppRef | null {
  if (file === undefined) return null;
  if (file === "") throw new UsageError("--app needs a file name");
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`--app ${file}: no such file`);
  if (!statSync(path).isFile()) throw new UsageError(`--app ${file}: not a file`);
  return { file, path };
}

function rangeOf(
  seed: string | undefined,
  seeds: string | undefined,
): { readonly first: number; readonly last: number } {
  if (seed !== undefined && seeds !== undefined)
    throw new UsageError("give --seed or --seeds, not both");
  if (seed !== undefined) {
    const only = parseSeed(seed, "--seed");
    return { first: only, last: only };
  }
  return parseSeedRange(seeds ?? DEFAULT_SEEDS);
}

function seedsIn(range: { readonly first: number; readonly last: number }): readonly number[] {
  return Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i);
}

function parseJobs(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256)
    throw new UsageError(`--jobs expects a number of worker threads from 1 to 256, got '${text}'`);
  return Number(text);
}

function parseJunit(file: string | undefined): string | null {
  if (file === undefined) return null;
  if (file === "") throw new UsageError("--junit needs a file name");
  checkOutputFile(file, "--junit");
  return file;
}
