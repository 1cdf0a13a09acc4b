// Where a replay comes from: a run directory (run.json + scenario.json + trace.jsonl, verified against the
// re-run), or a built-in scenario / scenario file with a seed and planted bugs. Bad input is a UsageError
// that names the file and what is wrong (exit 2), never a stack trace.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUG_IDS } from "../../protocol/zab/index.js";
import { builtInScenario, closeNames, isSelfcheck } from "../../scenarios/catalog/index.js";
import { formatIssues, parseScenario, type Scenario } from "../../scenarios/schema/index.js";
import { UsageError } from "../cli-io.js";
import { readScenarioFile } from "../run/scenario-file.js";

export interface ReplaySource {
  readonly scenario: Scenario;
  readonly seed: number;
  /** How the header names the source. */
  readonly label: string;
  /** For a run directory: what the re-run must reproduce. */
  readonly recorded: RecordedRun | null;
}

export interface RecordedRun {
  readonly dir: string;
  readonly traceHash: string;
  readonly traceLines: readonly string[];
  /** trace.jsonl ended without a newline: the last line may be cut. */
  readonly endsCleanly: boolean;
  readonly traceEntries: number | null;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${(error as Error).message}); is this a zabsim run directory?`,
    );
  }
}

export function runDirSource(dir: string): ReplaySource {
  const runFile = join(dir, "run.json");
  const run = readJson(runFile) as { [field: string]: unknown } | null;
  if (run === null || typeof run !== "object")
    throw new UsageError(`${runFile}: expected a JSON object`);
  if (typeof run.seed !== "number" || !Number.isSafeInteger(run.seed))
    throw new UsageError(`${runFile}: seed: expected an integer, got ${JSON.stringify(run.seed)}`);
  if (typeof run.trace_hash !== "string")
    throw new UsageError(`${runFile}: trace_hash: expected a string; not a zabsim run directory?`);
  const scenario = scenarioOfDir(dir, run);
  const text = readText(join(dir, "trace.jsonl"));
  const stats = run.stats as { trace_entries?: unknown } | undefined;
  return {
    scenario,
    seed: run.seed,
    label: dir,
    recorded: {
      dir,
      traceHash: run.trace_hash,
      traceLines: text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1),
      endsCleanly: text === "" || text.endsWith("\n"),
      traceEntries: typeof stats?.trace_entries === "number" ? stats.trace_entries : null,
    },
  };
}

/** scenario.json when the directory has it (the exact scenario), else the built-in named in run.json. */
function scenarioOfDir(dir: string, run: { [field: string]: unknown }): Scenario {
  const file = join(dir, "scenario.json");
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    if (typeof run.scenario !== "string")
      throw new UsageError(`${dir}/run.json: scenario: expected a name`);
    const bugs = Array.isArray(run.bugs) ? run.bugs.map(String) : [];
    return namedScenario(run.scenario, bugs);
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new UsageError(formatIssues(file, parsed.issues));
  return parsed.scenario;
}

export function namedScenario(name: string, bugs: readonly string[]): Scenario {
  if (isSelfcheck(name))
    throw new UsageError(`${name} is the kernel self-check; it has no nodes to replay`);
  const scenario = builtInScenario(name);
  if (scenario === undefined) {
    const close = closeNames(name);
    const hint = close.length > 0 ? ` Did you mean ${close.join(", ")}?` : "";
    throw new UsageError(`unknown scenario '${name}'.${hint} 'zabsim list scenarios' lists them.`);
  }
  return withBugs(scenario, bugs);
}

export function scenarioFileSource(file: string, bugs: readonly string[]): Scenario {
  return withBugs(readScenarioFile(file), bugs);
}

function withBugs(scenario: Scenario, bugs: readonly string[]): Scenario {
  for (const bug of bugs) {
    if (!(BUG_IDS as readonly string[]).includes(bug))
      throw new UsageError(`unknown planted bug '${bug}'. Known: ${BUG_IDS.join(", ")}`);
  }
  if (bugs.length === 0) return scenario;
  const all = [...new Set([...scenario.bugs, ...bugs])].sort() as Scenario["bugs"];
  return { ...scenario, bugs: all };
}
