// `zabsim report`'s usage, flags (as parseArgs takes them) and examples.
import type { CommandSpec } from "../help/index.js";

export const REPORT_FLAGS = {
  html: {
    type: "string",
    value: "FILE",
    help: "where to write the HTML report",
    byDefault: "RUN_DIR/report.html",
  },
} as const;

export const REPORT_SPEC: CommandSpec = {
  name: "report",
  usage: "zabsim report RUN_DIR [--html FILE]",
  summary:
    "Write a run directory's HTML report (default RUN_DIR/report.html): one self-contained file; exit code = the run's verdict.",
  arguments: [{ name: "RUN_DIR", help: "a run directory (from zabsim run or zabsim shrink)" }],
  flags: REPORT_FLAGS,
  examples: [
    {
      command: "zabsim report runs/zk-stale-read/seed-1 --html stale-read.html",
      does: "one HTML file to open in a browser",
    },
  ],
};
