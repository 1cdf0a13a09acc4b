// `zabsim check FILE... --model NAME [--init JSON] [--timeout SECONDS] [--json]`: checks histories
// (JSON lines or Jepsen EDN) for linearizability. Every file is read and validated before any is
// checked, so bad input exits with code 2 having printed only the message that names file, line and field.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { Json } from "../../sim/api/json.js";
import type { CheckResult, PreparedHistory } from "../../sim/check/index.js";
import { checkPrepared, formatCounterexample, prepareHistory } from "../../sim/check/index.js";
import {
  HistoryError,
  jsonTooDeepAt,
  pairOperations,
  readHistory,
  tooDeepMessage,
} from "../../sim/history/index.js";
import { CHECK_MODEL_INFO, isCheckModel, loadCheckModel } from "../check/check-models.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { count } from "../plural.js";
import { CHECK_FLAGS, CHECK_SPEC, DEFAULT_TIMEOUT_SECONDS } from "./check-spec.js";
import type { Command } from "./index.js";

const USAGE = CHECK_SPEC.usage;

interface CheckArgs {
  readonly files: readonly string[];
  readonly modelName: string;
  readonly init: Json;
  readonly timeoutMs: number;
  readonly json: boolean;
}

function parseCheckArgs(args: readonly string[]): CheckArgs {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}\nusage: ${USAGE}`,
    );
  }
  const { values, positionals } = parsed;
  const names = CHECK_MODEL_INFO.map((model) => model.name).join(", ");
  if (positionals.length === 0) throw new UsageError(`no history file given\nusage: ${USAGE}`);
  if (values.model === undefined) throw new UsageError(`--model is required (one of ${names})`);
  if (!isCheckModel(values.model)) {
    throw new UsageError(`unknown model '${values.model}' (known: ${names})`);
  }
  const timeout = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
  }
  return {
    files: positionals,
    modelName: values.model,
    init: parseInit(values.init),
    timeoutMs: timeout * 1000,
    json: values.json === true,
  };
}

function parseOptions(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: CHECK_FLAGS,
  });
}

function parseInit(text: string | undefined): Json {
  if (text === undefined) return null;
  if (jsonTooDeepAt(text) >= 0) throw new UsageError(`--init is ${tooDeepMessage()}`);
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new UsageError(
      `--init is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Reads and validates one file; throws HistoryError naming the file and line when it is bad. */
async function loadHistory(file: string, args: CheckArgs): Promise<PreparedHistory> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new HistoryError(file, 0, null, `cannot read the file (${reason})`);
  }
  const factory = await loadCheckModel(args.modelName);
  if (factory === undefined) throw new UsageError(`unknown model '${args.modelName}'`);
  const operations = pairOperations(readHistory(text, file), file);
  return prepareHistory(operations, factory.create(args.init), file);
}

function verdictText(result: CheckResult, timeoutMs: number): string {
  if (result.valid === true) return "linearizable";
  if (result.valid === false) return "NOT linearizable";
  return `unknown (no verdict within ${timeoutMs / 1000} s)`;
}

function report(
  io: CliIo,
  file: string,
  args: CheckArgs,
  result: CheckResult,
  elapsedMs: number,
): void {
  const elapsed = Math.round(elapsedMs * 10) / 10;
  if (args.json) {
    io.out(
      JSON.stringify({
        file,
        valid: result.valid,
        model: args.modelName,
        ops: result.operations,
        partitions: result.partitions,
        elapsed_ms: elapsed,
        counterexample: result.counterexample,
      }),
    );
    return;
  }
  const facts = `${args.modelName}, ${count(result.operations, "op")}, ${count(result.partitions, "partition")}, ${elapsed} ms`;
  io.out(`${file}: ${verdictText(result, args.timeoutMs)} (${facts})`);
  if (result.counterexample !== null) {
    for (const line of formatCounterexample(result.counterexample)) io.out(line);
  }
}

/**
 * Wall-clock milliseconds. Not `performance.now()`: the first use of `performance` loads perf_hooks (a dozen
 * of Node's internal modules), a measurable part of a short check's start-up.
 */
function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

async function runCheck(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const checkArgs = parseCheckArgs(args);
  const histories: PreparedHistory[] = [];
  try {
    for (const file of checkArgs.files) histories.push(await loadHistory(file, checkArgs));
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    io.err(`zabsim check: ${error.message}`);
    return EXIT.badInput;
  }
  let failed = false;
  let unknown = false;
  histories.forEach((history, index) => {
    const file = checkArgs.files[index] ?? "";
    const started = nowMs();
    const clock = nowMs;
    const result = checkPrepared(history, { clock, deadline: started + checkArgs.timeoutMs });
    report(io, file, checkArgs, result, nowMs() - started);
    failed ||= result.valid === false;
    unknown ||= result.valid === "unknown";
  });
  if (failed) return EXIT.violation;
  return unknown ? EXIT.unknown : EXIT.ok;
}

export const checkCommand: Command = { spec: CHECK_SPEC, run: runCheck };
