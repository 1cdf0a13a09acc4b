// `zabsim report RUN_DIR [--html FILE]`: renders a recorded run as one self-contained HTML file (issue 9).
// Bad input (no such directory, a truncated or foreign run.json or trace.jsonl) exits 2 naming the file and
// line, having written nothing; otherwise the exit code is the recorded run's verdict, as for every command.
import { parseArgs } from "node:util";
import { RunInputError } from "../../reports/run-data/index.js";
import { HistoryError } from "../../sim/history/index.js";
import { type CliIo, EXIT, type ExitCode, UsageError } from "../cli-io.js";
import { checkOutputFile } from "../out-paths.js";
import { writeRunReport } from "../report/index.js";
import type { Command } from "./index.js";
import { REPORT_FLAGS, REPORT_SPEC } from "./report-spec.js";

const USAGE = REPORT_SPEC.usage;

function parseReportArgs(args: readonly string[]): { dir: string; html: string | undefined } {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: REPORT_FLAGS,
  });
  const [dir, ...extra] = positionals;
  if (dir === undefined) throw new UsageError(`no run directory given\nusage: ${USAGE}`);
  if (extra.length > 0) throw new UsageError(`one run directory at a time\nusage: ${USAGE}`);
  if (values.html !== undefined) checkOutputFile(values.html, "--html");
  return { dir, html: values.html };
}

const VERDICT_EXIT = { pass: EXIT.ok, fail: EXIT.violation, unknown: EXIT.unknown } as const;

async function runReport(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { dir, html } = parseReportArgs(args);
  try {
    const written = writeRunReport(dir, html);
    const { run } = written.record;
    const size = `${Math.round(written.bytes / 1024)} KiB`;
    io.out(`report: ${written.file} (${size}; ${run.scenario} seed ${run.seed}: ${run.verdict})`);
    return VERDICT_EXIT[run.verdict];
  } catch (error) {
    if (!(error instanceof RunInputError || error instanceof HistoryError)) throw error;
    io.err(`zabsim report: ${error.message}`);
    return EXIT.badInput;
  }
}

export const reportCommand: Command = { spec: REPORT_SPEC, run: runReport };
