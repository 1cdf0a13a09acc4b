// `zabsim merge FILE...`: combine the `--json` outputs of sharded sweeps into one, in (scenario, seed) order,
// with the sweep's summary and exit code. The inputs must fit together: one sweep (same scenarios, seed range,
// bugs, shard count), every shard exactly once, and every seed of each shard present (a shard stopped by
// --fail-fast ends at its failing seed). Anything else is refused (exit 2) rather than merged into a sweep
// that never ran.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  parseJsonLines,
  RunInputError,
  type SeedResultLine,
  type SweepIdJson,
  seedResultLineSchema,
} from "../../reports/run-data/index.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { parseSeedRange } from "../commands/seeds.js";
import { count } from "../plural.js";
import { addToTotals, newTotals, summaryLines, sweepUnit } from "../run/summary.js";
import { violationLines } from "../run/violation-lines.js";
import type { Command } from "./index.js";
import { MERGE_FLAGS, MERGE_SPEC } from "./merge-spec.js";

interface ShardFile {
  readonly file: string;
  readonly results: readonly SeedResultLine[];
  readonly sweep: SweepIdJson;
  readonly index: number;
  readonly count: number;
}

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: MERGE_FLAGS,
  });
  if (positionals.length === 0) throw new UsageError("give the --json output files to merge");
  const shards = positionals.map(readShard);
  const merged = checkShards(shards);
  const totals = newTotals();
  for (const result of merged) {
    addToTotals(totals, result, result.repro);
    if (values.json) {
      io.out(JSON.stringify(result));
      continue;
    }
    io.out(`${result.scenario} seed ${result.seed}  ${result.verdict.toUpperCase()}`);
    for (const line of violationLines(result.violations)) io.out(line);
  }
  const wallMs = merged.reduce((sum, r) => sum + r.wall_ms, 0);
  const unit = sweepUnit(shards[0]?.sweep.scenarios ?? 1);
  for (const line of summaryLines(totals, wallMs, unit)) io.err(line);
  if (totals.failed > 0) return EXIT.violation;
  return totals.unknown > 0 ? EXIT.unknown : EXIT.ok;
}

function readShard(file: string): ShardFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  const results = parseJsonLines(text, file, seedResultLineSchema, "run --json output");
  if (text !== "" && !text.endsWith("\n"))
    throw new RunInputError(file, 0, "truncated: the last line has no newline");
  const first = results[0];
  if (first === undefined)
    throw new RunInputError(file, 0, "no results: not the output of `zabsim run --json`");
  const sweep = first.sweep;
  results.forEach((result, i) => {
    if (JSON.stringify(result.sweep) !== JSON.stringify(sweep))
      throw new RunInputError(file, i + 1, "from another sweep than the file's first line");
  });
  const [index, count] = (sweep.shard ?? "1/1").split("/").map(Number) as [number, number];
  return { file, results, sweep, index, count };
}

/** The sweep without its shard: what every input must agree on. */
function sweepKey(sweep: SweepIdJson): string {
  const { shard, ...rest } = sweep;
  return JSON.stringify({ ...rest, shards: shard === null ? 1 : Number(shard.split("/")[1]) });
}

function checkShards(shards: readonly ShardFile[]): SeedResultLine[] {
  const first = shards[0] as ShardFile;
  for (const shard of shards) {
    if (sweepKey(shard.sweep) !== sweepKey(first.sweep))
      throw new UsageError(
        `${shard.file} is from another sweep than ${first.file}: ${describe(shard.sweep)} against ${describe(first.sweep)}`,
      );
  }
  const byIndex = new Map<number, ShardFile>();
  for (const shard of shards) {
    const seen = byIndex.get(shard.index);
    if (seen !== undefined)
      throw new UsageError(
        `shard ${shard.index}/${shard.count} is given twice (${seen.file} and ${shard.file})`,
      );
    byIndex.set(shard.index, shard);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i + 1).filter(
    (index) => !byIndex.has(index),
  );
  if (missing.length > 0)
    throw new UsageError(
      `shard${missing.length > 1 ? "s" : ""} ${missing.map((k) => `${k}/${first.count}`).join(", ")} of the sweep ${describe(first.sweep)} ${missing.length > 1 ? "are" : "is"} missing`,
    );
  for (const shard of shards) checkComplete(shard);
  return shards
    .flatMap((shard) =>
      shard.results.map((result) => ({ ...result, sweep: unsharded(result.sweep) })),
    )
    .sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : a.seed - b.seed));
}

/** Every seed of the shard, for each of the sweep's scenarios, in order; or a --fail-fast stop. */
function checkComplete(shard: ShardFile): void {
  const { first, last } = parseSeedRange(shard.sweep.seeds);
  const expected: number[] = [];
  for (let seed = first + shard.index - 1; seed <= last; seed += shard.count) expected.push(seed);
  const byScenario = new Map<string, SeedResultLine[]>();
  for (const result of shard.results) {
    const list = byScenario.get(result.scenario) ?? [];
    list.push(result);
    byScenario.set(result.scenario, list);
  }
  const stoppedEarly = (list: readonly SeedResultLine[]) =>
    shard.sweep.fail_fast && list.at(-1)?.verdict === "fail";
  let stopped = false;
  for (const [scenario, list] of byScenario) {
    list.forEach((result, i) => {
      if (result.seed !== expected[i])
        throw new UsageError(
          `${shard.file}: ${scenario} seed ${result.seed} where seed ${expected[i] ?? "(none)"} was due: the file is not a whole shard ${shard.index}/${shard.count} of seeds ${shard.sweep.seeds}`,
        );
    });
    if (list.length < expected.length && !stoppedEarly(list))
      throw new UsageError(
        `${shard.file}: truncated: ${scenario} has ${list.length} of the shard's ${count(expected.length, "seed")} (the first missing is seed ${expected[list.length]})`,
      );
    stopped ||= list.length < expected.length;
  }
  if (byScenario.size < shard.sweep.scenarios && expected.length > 0 && !stopped)
    throw new UsageError(
      `${shard.file}: truncated: ${byScenario.size} of the sweep's ${count(shard.sweep.scenarios, "scenario")}`,
    );
}

function unsharded(sweep: SweepIdJson): SweepIdJson {
  return { ...sweep, shard: null };
}

function describe(sweep: SweepIdJson): string {
  const bugs = sweep.bugs.length === 0 ? "no --bug" : sweep.bugs.map((b) => `--bug ${b}`).join(" ");
  const shards =
    sweep.shard === null ? "unsharded" : count(Number(sweep.shard.split("/")[1]), "shard");
  return `(${sweep.target}, seeds ${sweep.seeds}, ${bugs}, ${shards}${sweep.fail_fast ? ", --fail-fast" : ""})`;
}

export const mergeCommand: Command = { spec: MERGE_SPEC, run };
