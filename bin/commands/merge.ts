// `zabsim merge FILE...`: combine the `--json` outputs of sharded sweeps into one, in (scenario, seed) order,
// with the sweep's summary and exit code. A seed reported twice must agree on its trace hash and verdict.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import type { SeedResult } from "../run/seed-result.js";
import { addToTotals, newTotals, summaryLines } from "../run/summary.js";
import type { Command } from "./index.js";

async function run(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { json: { type: "boolean", default: false } },
  });
  if (positionals.length === 0) throw new UsageError("give the --json output files to merge");
  const bySeed = new Map<string, SeedResult>();
  for (const file of positionals) {
    for (const result of readResults(file)) {
      const key = `${result.scenario}\u0000${result.seed}`;
      const seen = bySeed.get(key);
      if (
        seen !== undefined &&
        (seen.trace_hash !== result.trace_hash || seen.verdict !== result.verdict)
      )
        throw new UsageError(
          `${file}: ${result.scenario} seed ${result.seed} disagrees with an earlier file`,
        );
      bySeed.set(key, result);
    }
  }
  const merged = [...bySeed.values()].sort((a, b) =>
    a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : a.seed - b.seed,
  );
  const totals = newTotals();
  for (const result of merged) {
    addToTotals(totals, result, `npx zabsim run ${result.scenario} --seed ${result.seed}`);
    io.out(
      values.json
        ? JSON.stringify(result)
        : `${result.scenario} seed ${result.seed}  ${result.verdict.toUpperCase()}`,
    );
  }
  const wallMs = merged.reduce((sum, r) => sum + r.wall_ms, 0);
  for (const line of summaryLines(totals, wallMs)) io.err(line);
  if (totals.failed > 0) return EXIT.violation;
  return totals.unknown > 0 ? EXIT.unknown : EXIT.ok;
}

function readResults(file: string): SeedResult[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return text
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== "")
    .map(([line, number]) => parseResult(line, `${file}:${number}`));
}

function parseResult(line: string, where: string): SeedResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new UsageError(`${where}: not a JSON object`);
  }
  const result = value as Partial<SeedResult> | null;
  for (const field of ["scenario", "trace_hash", "verdict"] as const) {
    if (typeof result?.[field] !== "string")
      throw new UsageError(`${where}: ${field}: expected a string`);
  }
  for (const field of ["seed", "events", "sim_time_us", "wall_ms"] as const) {
    if (typeof result?.[field] !== "number")
      throw new UsageError(`${where}: ${field}: expected a number`);
  }
  if (!["pass", "fail", "unknown"].includes(String(result?.verdict)))
    throw new UsageError(`${where}: verdict: expected pass, fail or unknown`);
  return result as SeedResult;
}

export const mergeCommand: Command = {
  name: "merge",
  usage: "zabsim merge FILE... [--json]",
  summary: "Merge the --json outputs of sharded `zabsim run` sweeps into one result and summary.",
  run,
};
