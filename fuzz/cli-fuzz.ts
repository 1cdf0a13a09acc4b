// `npm run fuzz -- [--count N] [--seed S] [--json] [--timeout SECONDS] [--jobs N] [--keep]`: malformed inputs
// and odd flags for every zabsim command, each run as a subprocess and judged by the CLI contract
// (run-cases.ts). Prints a summary per command and each failing case with its command line; exits 1 if any
// case failed. The cases are drawn from the seed, so a run is repeatable.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateCases } from "./cases.js";
import { type CaseResult, commandLine, makeFixture, runCases, summarize } from "./run-cases.js";

const CLI = fileURLToPath(new URL("../cli/zabsim.js", import.meta.url));

interface Options {
  readonly count: number;
  readonly seed: number;
  readonly json: boolean;
  readonly timeoutMs: number;
  readonly jobs: number;
  readonly keep: boolean;
}

function positiveInt(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${flag} expects a positive integer, got '${text}'`);
  return Number(text);
}

function options(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      count: { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
      timeout: { type: "string" },
      jobs: { type: "string" },
      keep: { type: "boolean" },
    },
  });
  return {
    count: positiveInt(values.count, 500, "--count"),
    seed: values.seed === undefined ? 1 : positiveInt(values.seed, 1, "--seed"),
    json: values.json === true,
    timeoutMs: positiveInt(values.timeout, 20, "--timeout") * 1_000,
    jobs: positiveInt(values.jobs, 2, "--jobs"),
    keep: values.keep === true,
  };
}

function printFailure(result: CaseResult, json: boolean): void {
  if (json) {
    console.log(
      JSON.stringify({
        case: result.fuzzCase.id,
        command: result.fuzzCase.command,
        args: result.fuzzCase.args,
        what: result.fuzzCase.what,
        bad_input: result.fuzzCase.bad,
        exit_code: result.exitCode,
        problems: result.problems,
        excerpt: result.excerpt,
      }),
    );
    return;
  }
  console.log(`FAIL #${result.fuzzCase.id} [${result.fuzzCase.command}] ${result.fuzzCase.what}`);
  console.log(`  ${commandLine(result)}`);
  console.log(`  exit ${result.exitCode ?? "none"}: ${result.problems.join("; ")}`);
  for (const line of result.excerpt.split("\n")) if (line !== "") console.log(`  | ${line}`);
}

async function main(argv: readonly string[]): Promise<number> {
  const opts = options(argv);
  const root = mkdtempSync(join(tmpdir(), "zabsim-fuzz-"));
  const fixture = makeFixture(CLI, root);
  const cases = generateCases(opts.seed, opts.count, fixture);
  const results = await runCases(cases, fixture, {
    cli: CLI,
    root,
    timeoutMs: opts.timeoutMs,
    concurrency: opts.jobs,
    keepFailing: opts.keep,
    onResult: (result) => {
      if (result.problems.length > 0) printFailure(result, opts.json);
    },
  });
  const failed = results.filter((result) => result.problems.length > 0);
  for (const row of summarize(results)) {
    if (opts.json)
      console.log(JSON.stringify({ summary: row.command, cases: row.cases, failed: row.failed }));
    else
      console.log(
        `${row.command.padEnd(8)} ${String(row.cases).padStart(4)} cases, ${row.failed} failed`,
      );
  }
  const total = { seed: opts.seed, cases: results.length, failed: failed.length };
  if (opts.json) console.log(JSON.stringify({ summary: "all", ...total }));
  else
    console.log(
      `all      ${String(total.cases).padStart(4)} cases, ${total.failed} failed (seed ${opts.seed})`,
    );
  if (opts.keep && failed.length > 0) console.log(`failing cases kept under ${root}`);
  else rmSync(root, { recursive: true, force: true });
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
