// Runs the fuzzer's cases: each in its own temporary folder, as `node dist/cli/zabsim.js ...` in a subprocess
// with a timeout, a few at a time, and judges each by the CLI contract (DESIGN.md): no stack trace, no hang, an
// exit code in 0..4 and exactly 2 for known-bad input, no staging files (`.tmp-`) left, nothing that existed
// before deleted.
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { COMMANDS, type Fixture, type FuzzCase, type FuzzCommand } from "./cases.js";

export interface RunOptions {
  /** The CLI entry point (dist/cli/zabsim.js, what users run). */
  readonly cli: string;
  /** Each case gets a folder under it. */
  readonly root: string;
  readonly timeoutMs: number;
  readonly concurrency: number;
  /** Keep the folders of failing cases (for a look at them). */
  readonly keepFailing: boolean;
  readonly onResult?: (result: CaseResult) => void;
}

export interface CaseResult {
  readonly fuzzCase: FuzzCase;
  readonly dir: string;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly elapsedMs: number;
  /** Why the case failed; empty when it passed. */
  readonly problems: readonly string[];
  /** The first lines of stderr (or stdout), to show with a failure. */
  readonly excerpt: string;
}

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
const OUTPUT_CAP = 2_000_000;

/** The CLI run once by hand: the fixture run directory and its sweep output. */
export function makeFixture(cli: string, root: string): Fixture {
  const out = join(root, "fixture");
  mkdirSync(out, { recursive: true });
  const args = [
    cli,
    "run",
    "crash-loop",
    "--bug",
    "ZOOKEEPER-3911",
    "--seed",
    "1",
    "--out",
    out,
    "--json",
  ];
  const child = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: quietEnv(),
    timeout: 120_000,
  });
  const runDir = join(out, "crash-loop", "seed-1");
  if (child.status !== 1 || !existsSync(join(runDir, "run.json"))) {
    throw new Error(
      `the fixture run did not fail as planted (exit ${child.status}): ${child.stderr}`,
    );
  }
  const read = (name: string) => readFileSync(join(runDir, name), "utf8");
  return {
    runDir,
    runJson: read("run.json"),
    trace: read("trace.jsonl"),
    scenario: read("scenario.json"),
    sweep: child.stdout,
  };
}

function quietEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" };
}

/** Every file and folder under `dir`, as paths relative to it (a folder's ends with `/`). */
function listTree(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      found.push(entry.isDirectory() ? `${path}/` : path);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk("");
  return found;
}

function prepare(fuzzCase: FuzzCase, dir: string, fixture: Fixture): void {
  mkdirSync(dir, { recursive: true });
  if (fuzzCase.copyRun !== null)
    cpSync(fixture.runDir, join(dir, fuzzCase.copyRun), { recursive: true });
  for (const folder of fuzzCase.dirs) mkdirSync(join(dir, folder), { recursive: true });
  for (const [name, content] of Object.entries(fuzzCase.files))
    writeFileSync(join(dir, name), content);
  for (const name of fuzzCase.remove) rmSync(join(dir, name), { force: true });
}

interface Outcome {
  readonly code: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

function execute(
  cli: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: quietEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < OUTPUT_CAP) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < OUTPUT_CAP) stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, timedOut, stdout, stderr });
    });
  });
}

function judge(
  fuzzCase: FuzzCase,
  outcome: Outcome,
  before: readonly string[],
  dir: string,
): string[] {
  const problems: string[] = [];
  const output = `${outcome.stdout}\n${outcome.stderr}`;
  if (outcome.timedOut) problems.push("hang (timed out)");
  else if (outcome.code === null) problems.push(`killed by ${outcome.signal ?? "a signal"}`);
  else if (outcome.code < 0 || outcome.code > 4)
    problems.push(`exit code ${outcome.code} (not 0..4)`);
  else if (fuzzCase.bad && outcome.code !== 2)
    problems.push(`exit code ${outcome.code} for bad input (expected 2)`);
  if (STACK_LINE.test(output) || output.includes("node:internal"))
    problems.push("stack trace printed");
  const after = new Set(listTree(dir));
  const staging = [...after].filter((path) =>
    path.split("/").some((part) => part.includes(".tmp-")),
  );
  if (staging.length > 0) problems.push(`staging files left: ${staging.slice(0, 3).join(", ")}`);
  // A file that became a folder (or the reverse) was replaced: its old content is gone as well.
  const deleted = before.filter((path) => !after.has(path));
  if (deleted.length > 0)
    problems.push(`deleted or replaced what existed: ${deleted.slice(0, 3).join(", ")}`);
  return problems;
}

function excerptOf(outcome: Outcome): string {
  const text = outcome.stderr.trim() === "" ? outcome.stdout : outcome.stderr;
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, 4)
    .map((line) => (line.length > 240 ? `${line.slice(0, 240)}...` : line))
    .join("\n");
}

async function runOne(
  fuzzCase: FuzzCase,
  fixture: Fixture,
  options: RunOptions,
): Promise<CaseResult> {
  const dir = join(options.root, `case-${String(fuzzCase.id).padStart(4, "0")}`);
  prepare(fuzzCase, dir, fixture);
  const before = listTree(dir);
  const started = performance.now();
  const outcome = await execute(resolve(options.cli), fuzzCase.args, dir, options.timeoutMs);
  const elapsedMs = Math.round(performance.now() - started);
  const problems = judge(fuzzCase, outcome, before, dir);
  if (problems.length === 0 || !options.keepFailing) rmSync(dir, { recursive: true, force: true });
  return {
    fuzzCase,
    dir,
    exitCode: outcome.code,
    timedOut: outcome.timedOut,
    elapsedMs,
    problems,
    excerpt: excerptOf(outcome),
  };
}

/** Runs the cases `concurrency` at a time; results in case order. */
export async function runCases(
  cases: readonly FuzzCase[],
  fixture: Fixture,
  options: RunOptions,
): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const fuzzCase = cases[index] as FuzzCase;
      const result = await runOne(fuzzCase, fixture, options);
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return results;
}

export interface CommandSummary {
  readonly command: FuzzCommand;
  readonly cases: number;
  readonly failed: number;
}

export function summarize(results: readonly CaseResult[]): CommandSummary[] {
  return COMMANDS.map((command) => {
    const mine = results.filter((result) => result.fuzzCase.command === command);
    return {
      command,
      cases: mine.length,
      failed: mine.filter((result) => result.problems.length > 0).length,
    };
  });
}

/** How to run a case again by hand: its setup, then the command line. */
export function commandLine(result: CaseResult): string {
  const quote = (arg: string) =>
    /^[\w./:=@+-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
  const shown = result.fuzzCase.args.map((arg) =>
    arg.length > 60 ? `${arg.slice(0, 24)}...(${arg.length} chars)` : arg,
  );
  return `zabsim ${shown.map(quote).join(" ")}`;
}
